"""What each import wrote, so it can be undone as a whole: the run (file, user, counts,
when undone) and an item per record it created or updated, with the version the import
left it at and, for an update, the values it had before."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, Unicode, UnicodeText, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.data.kit.base import Base
from app.data.types import UtcDateTime, utcnow


class ImportRun(Base):
    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(Unicode(32))
    source: Mapped[str] = mapped_column(Unicode(260), default="")
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(Unicode(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    counts: Mapped[str] = mapped_column(UnicodeText, default="{}")
    undone_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    undone_by: Mapped[int | None] = mapped_column(Integer)


class ImportItem(Base):
    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"))
    entity: Mapped[str] = mapped_column(Unicode(32))
    record_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Unicode(16))  # create or update
    version: Mapped[int] = mapped_column(Integer)  # as the import left the record
    before: Mapped[str] = mapped_column(UnicodeText, default="{}")  # an update's old values

    __table_args__ = (Index("ix_import_items_import", "import_id", "id"),)


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, entity: str, source: str, user_id: int, username: str) -> int:
        run = ImportRun(entity=entity, source=source, user_id=user_id, username=username)
        self.session.add(run)
        self.session.flush()
        return int(run.id)

    def add_items(self, import_id: int, items: list[tuple[str, int, str, int, dict[str, Any]]]
                  ) -> None:
        """(entity, record id, action, version, values before) per record."""
        self.session.add_all(ImportItem(import_id=import_id, entity=e, record_id=r, action=a,
                                        version=v, before=json.dumps(b, ensure_ascii=False))
                             for e, r, a, v, b in items)

    def finish(self, import_id: int, counts: dict[str, Any]) -> None:
        run = self.session.get(ImportRun, import_id)
        assert run is not None
        run.counts = json.dumps(counts, ensure_ascii=False)

    def run(self, import_id: int, lock: bool = False) -> ImportRun | None:
        return self.session.get(ImportRun, import_id, with_for_update=lock)

    def items(self, import_id: int) -> list[tuple[str, int, str, int, dict[str, Any]]]:
        """The run's items, the last written first (the order to undo them in)."""
        i = ImportItem
        return [(e, int(r), a, int(v), json.loads(b or "{}")) for e, r, a, v, b in
                self.session.execute(select(i.entity, i.record_id, i.action, i.version,
                                            i.before)
                                     .where(i.import_id == import_id).order_by(i.id.desc()))]

    def recent(self, entity: str, limit: int = 20) -> list[ImportRun]:
        """The entity's imports, newest first."""
        return list(self.session.execute(
            select(ImportRun).where(ImportRun.entity == entity)
            .order_by(ImportRun.id.desc()).limit(limit)).scalars())

    def mark_undone(self, import_id: int, user_id: int, at: datetime) -> None:
        run = self.session.get(ImportRun, import_id)
        assert run is not None
        run.undone_at, run.undone_by = at, user_id


__all__ = ["ImportItem", "ImportRepository", "ImportRun"]
