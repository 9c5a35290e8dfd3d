"""The audit log's append and verify: a hash chain over every entry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.data.models import AuditEntry, AuditHead
from app.data.types import utcnow

HEAD_ID = 1


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


class AuditQueries:
    """The audit log screen's reads: newest first, keyset pages, filters."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _where(self, user_id: int | None, entity_type: str, action: str,
               since: datetime | None, until: datetime | None, text: str) -> list:
        where: list[ColumnElement[bool]] = []
        if user_id is not None:
            where.append(AuditEntry.user_id == user_id)
        if entity_type:
            where.append(AuditEntry.entity_type == entity_type)
        if action:
            where.append(AuditEntry.action == action)
        if since is not None:
            where.append(AuditEntry.at >= since)
        if until is not None:
            where.append(AuditEntry.at < until)
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_") + "%"
            where.append(or_(AuditEntry.changes.like(pattern, escape="\\"),
                             AuditEntry.entity_id.like(pattern, escape="\\"),
                             AuditEntry.username.like(pattern, escape="\\")))
        return where

    def page(self, *, user_id: int | None = None, entity_type: str = "", action: str = "",
             since: datetime | None = None, until: datetime | None = None, text: str = "",
             before_id: int | None = None, limit: int = 200) -> list[Any]:
        where = self._where(user_id, entity_type, action, since, until, text)
        if before_id is not None:
            where.append(AuditEntry.id < before_id)
        stmt = (select(AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username,
                       AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                       AuditEntry.changes)
                .where(*where).order_by(AuditEntry.id.desc()).limit(limit))
        return list(self.session.execute(stmt).all())

    def count(self, **filters: Any) -> int:
        where = self._where(filters.get("user_id"), filters.get("entity_type", ""),
                            filters.get("action", ""), filters.get("since"),
                            filters.get("until"), filters.get("text", ""))
        return int(self.session.execute(
            select(func.count()).select_from(AuditEntry).where(*where)).scalar_one())

    def get(self, entry_id: int) -> Any:
        return self.session.execute(
            select(AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username,
                   AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                   AuditEntry.changes, AuditEntry.prev_hash, AuditEntry.hash)
            .where(AuditEntry.id == entry_id)).first()
