"""Settings an administrator changes together, such as a module's defaults (the tax rate of a
new product).

A group of settings is declared as an entity whose fields are the settings (kinds, choices,
ranges, defaults, English and Chinese words) and whose module names the right to change them
(``admin``: an administrator's). The values are kept in the settings table, one row each,
under the group's name (``products.default_tax_rate``); the group has a version, so of two
administrators saving at once the second is told and nothing of the first is overwritten;
every change is one audit entry. A value never saved, or one no longer valid, reads as the
field's default. (The security settings, app/logic/admin/settings.py, came first and work the
same way.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from app.data.kit.settings import SettingsGroupRepository
from app.data.kit.uow import UnitOfWork
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed, Record
from app.logic.kit.entity import Entity
from app.logic.kit.fields import plain
from app.logic.kit.service import RecordService
from app.logic.kit.trail import diff
from app.logic.kit.validation import Checker


def read_settings(uow: UnitOfWork, entity: Entity, group: str) -> dict[str, Any]:
    """The group's settings by field name, normalised; the default where none is stored
    or the stored one is no longer valid (a choice since removed)."""
    stored = uow.settings.read(setting_key(group, f.name) for f in entity.fields)
    values = {}
    for f in entity.fields:
        raw = stored.get(setting_key(group, f.name))
        c = Checker()
        value = f.normalise(c, raw) if raw is not None else f.default
        values[f.name] = f.default if c.errors else value
    return values


def setting_key(group: str, name: str) -> str:
    return f"{group}.{name}"


class SettingsGroupService(RecordService):
    """A module's group of settings: ``entity`` declares them, ``group`` names where they are
    kept; ``readers`` are rights that may read them besides the entity module's view right
    (whoever works with products reads their default tax rate)."""

    repository = SettingsGroupRepository
    group: ClassVar[str]
    readers: ClassVar[tuple[tuple[str, str], ...]] = ()

    def settings(self, actor: Actor) -> Record:
        """The settings now, with the version to pass back when changing them."""
        if not any(actor.can(*right) for right in self.readers):
            self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            group = self._repo(uow).by_key(self.group)
            values = read_settings(uow, self.entity, self.group)
            if group is None:
                return Record(self.entity.name, 0, values, 1)
            return Record(self.entity.name, group.id, values, group.version,
                          updated_at=group.updated_at)

    def change_settings(self, actor: Actor, expected_version: int,
                        values: Mapping[str, Any]) -> Changed:
        """Save the given settings (``expected_version``: the version they were read at);
        a ConflictError when another administrator saved the group since."""
        self._require(actor, "edit")
        clean = self.entity.normalise(values)
        with self._open(actor) as uow:
            group_id = uow.settings.group(self.group).id
            uow.commit()

        def edit(uow: UnitOfWork, group: Any) -> dict[str, list[Any]] | None:
            before = read_settings(uow, self.entity, self.group)
            changes = diff(before, {**before, **clean})
            if changes:
                # The group's new version first: of two administrators saving at once the
                # second waits for the first and is told of the conflict.
                self._repo(uow).touch(group, actor.user_id, now())
                self._flush(uow, group, expected_version)
                uow.settings.put({setting_key(self.group, k): str(plain(clean[k]))
                                  for k in changes})
            return changes

        return self._change(actor, group_id, expected_version, "edit", "update", edit)

    # --- hooks ------------------------------------------------------------------------
    def records_of(self, uow: UnitOfWork, records: Sequence[Any]) -> list[Record]:
        values = read_settings(uow, self.entity, self.group)
        return [Record(self.entity.name, g.id, values, g.version, updated_at=g.updated_at)
                for g in records]

    def values_of(self, repo: Any, record: Any) -> dict[str, Any]:
        return {}
