"""The security settings an administrator can change, versioned: of two administrators
saving at once, the second is told and nothing of the first is overwritten."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from app.data.kit.settings import SettingsGroupRepository
from app.data.kit.uow import UnitOfWork
from app.logic.admin.dto import SecuritySettings
from app.logic.admin.fields import SECURITY
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed, Record
from app.logic.kit.permissions import require
from app.logic.kit.service import RecordService
from app.logic.kit.trail import diff

GROUP = "security"
KEYS = tuple(f.name for f in SECURITY.fields)


def read_security_settings(uow: UnitOfWork) -> SecuritySettings:
    stored = uow.settings.read(KEYS)
    defaults = SecuritySettings()
    values: dict[str, int] = {}
    for name in KEYS:
        try:
            values[name] = int(stored.get(name, getattr(defaults, name)))
        except ValueError:
            values[name] = getattr(defaults, name)
    return SecuritySettings(**values, version=uow.settings.version(GROUP))


class SettingsService(RecordService):
    entity = SECURITY
    repository = SettingsGroupRepository

    def get_security_settings(self, actor: Actor) -> SecuritySettings:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            return read_security_settings(uow)

    def update_security_settings(self, actor: Actor, expected_version: int,
                                 **values: Any) -> Changed:
        """Save the given settings; ``expected_version`` is the version they were read at
        (``SecuritySettings.version``). ``changed.extra["settings"]``: the settings now."""
        require(actor, "admin", "edit")
        clean = SECURITY.normalise(values)
        with self._open(actor) as uow:
            group_id = uow.settings.group(GROUP).id
            uow.commit()

        def edit(uow: UnitOfWork, group: Any) -> dict[str, list[Any]] | None:
            before = asdict(read_security_settings(uow))
            before.pop("version")
            after = {**before, **clean}
            changes = diff(before, after)
            if changes:
                # The group's new version first: of two administrators saving at once the
                # second waits for the first and is told of the conflict, instead of
                # inserting a setting row the first inserted too (on PostgreSQL that was a
                # unique violation, reported as "record: is already used").
                self._repo(uow).touch(group, actor.user_id, now())
                self._flush(uow, group, expected_version)
                uow.settings.put({k: str(after[k]) for k in changes})
            return changes

        changed = self._change(actor, group_id, expected_version, "edit", "update", edit)
        with self._open(actor, write=False) as uow:
            current = read_security_settings(uow)
        return replace(changed, extra={"settings": current})

    def records_of(self, uow: UnitOfWork, records: Sequence[Any]) -> list[Record]:
        current = read_security_settings(uow)
        values = {k: v for k, v in asdict(current).items() if k != "version"}
        return [Record(SECURITY.name, g.id, values, g.version, updated_at=g.updated_at)
                for g in records]

    def values_of(self, repo: Any, record: Any) -> dict[str, Any]:
        return {}
