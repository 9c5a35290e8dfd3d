"""The audit log's table, append and verify: a hash chain over every entry.

Every write of every module appends its entry here, in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, Unicode, UnicodeText, and_, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.data.kit.base import Base
from app.data.types import UtcDateTime, utcnow

HEAD_ID = 1


class AuditEntry(Base):
    """Append-only audit log. Each row hashes its own content and the previous row's hash."""

    __tablename__ = "audit_log"

    # Assigned from audit_head, never by the database: the chain decides the order.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(Unicode(64), default="")
    action: Mapped[str] = mapped_column(Unicode(32))
    entity_type: Mapped[str] = mapped_column(Unicode(32))
    entity_id: Mapped[str] = mapped_column(Unicode(64), default="")
    changes: Mapped[str] = mapped_column(UnicodeText, default="{}")
    prev_hash: Mapped[str] = mapped_column(Unicode(64), default="")
    hash: Mapped[str] = mapped_column(Unicode(64), default="")

    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id", "id"),
        Index("ix_audit_log_user", "user_id", "id"),
        Index("ix_audit_log_at", "at", "id"),
    )


ENTRY_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username,
                 AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                 AuditEntry.changes)


class AuditHead(Base):
    """One row: the id and hash of the newest audit entry. Appending locks it, so
    audit writers are serialised and the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(Unicode(64), default="")


def entry_hash(prev_hash: str, entry_id: int, at: datetime, user_id: int | None, username: str,
               action: str, entity_type: str, entity_id: str, changes: str) -> str:
    payload = json.dumps(
        [prev_hash, entry_id, at.isoformat(timespec="microseconds"), user_id, username, action,
         entity_type, entity_id, changes],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, *, user_id: int | None, username: str, action: str, entity_type: str,
               entity_id: object, changes: dict[str, Any]) -> AuditEntry:
        head = self.session.execute(
            select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
        ).scalar_one_or_none()
        if head is None:
            head = AuditHead(id=HEAD_ID, last_id=0, last_hash="")
            self.session.add(head)
        at = utcnow()
        entry_id = head.last_id + 1
        text = json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)
        digest = entry_hash(head.last_hash, entry_id, at, user_id, username, action,
                            entity_type, str(entity_id), text)
        entry = AuditEntry(id=entry_id, at=at, user_id=user_id, username=username, action=action,
                           entity_type=entity_type, entity_id=str(entity_id), changes=text,
                           prev_hash=head.last_hash, hash=digest)
        self.session.add(entry)
        head.last_id = entry_id
        head.last_hash = digest
        self.session.flush()
        return entry

    def of_records(self, subjects: list[tuple[str, str]], limit: int = 2000) -> list[Any]:
        """The entries about any of ``subjects`` ((entity type, entity id)), newest first."""
        if not subjects:
            return []
        wanted = or_(*(and_(AuditEntry.entity_type == kind, AuditEntry.entity_id == key)
                       for kind, key in subjects))
        return list(self.session.execute(
            select(*ENTRY_COLUMNS).where(wanted).order_by(AuditEntry.id.desc()).limit(limit)
        ).all())

    def verify(self, batch: int = 5000) -> tuple[int, ChainProblem | None, str]:
        return verify_chain(self.session, batch)


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    reason: str


def verify_chain(session: Session, batch: int = 5000
                 ) -> tuple[int, ChainProblem | None, str]:
    """Walk the chain in id order; return (entries checked, first problem or None, the hash
    of the last good entry)."""
    prev_hash = ""
    expected_id = 1
    checked = 0
    for entry in _entries(session, batch):
        if entry.id != expected_id:
            return checked, ChainProblem(expected_id, "entry missing or out of order"), prev_hash
        if entry.prev_hash != prev_hash:
            return checked, ChainProblem(entry.id, "previous hash does not match"), prev_hash
        digest = entry_hash(prev_hash, entry.id, entry.at, entry.user_id, entry.username,
                            entry.action, entry.entity_type, entry.entity_id, entry.changes)
        if digest != entry.hash:
            return checked, ChainProblem(entry.id, "content does not match its hash"), prev_hash
        prev_hash = entry.hash
        expected_id += 1
        checked += 1
    head = session.get(AuditHead, HEAD_ID)
    if head is not None and (head.last_id != checked or head.last_hash != prev_hash):
        return (checked, ChainProblem(checked + 1, "entries after this point were removed"),
                prev_hash)
    return checked, None, prev_hash


def _entries(session: Session, batch: int) -> Iterator[Any]:
    last = 0
    while True:
        rows = session.execute(
            select(AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username,
                   AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                   AuditEntry.changes, AuditEntry.prev_hash, AuditEntry.hash)
            .where(AuditEntry.id > last).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
