"""Settings: one row per value, and a versioned row per group saved together."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.data.kit.base import Setting, SettingsGroup
from app.data.kit.repository import RecordRepository


class SettingsStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def read(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored values of ``keys`` (a key never saved is left out)."""
        wanted = list(keys)
        rows = self.session.execute(select(Setting.key, Setting.value)
                                    .where(Setting.key.in_(wanted))).all()
        return {str(r[0]): str(r[1]) for r in rows}

    def put(self, values: Mapping[str, str]) -> None:
        for key, value in values.items():
            row = self.session.get(Setting, key)
            if row is None:
                self.session.add(Setting(key=key, value=value))
            else:
                row.value = value

    def group(self, name: str) -> SettingsGroup:
        """The group's versioned row (created at version 1 when missing)."""
        group = self.session.execute(
            select(SettingsGroup).where(SettingsGroup.name == name)).scalar_one_or_none()
        if group is None:
            group = SettingsGroup(name=name)
            self.session.add(group)
            self.session.flush()
        return group

    def version(self, name: str) -> int:
        row = self.session.execute(select(SettingsGroup.version)
                                   .where(SettingsGroup.name == name)).first()
        return 1 if row is None else int(row[0])


class SettingsGroupRepository(RecordRepository[SettingsGroup]):
    """The groups' versioned rows, for the kit's write path."""

    model = SettingsGroup
    key_attr = "name"
