"""The audit log's table, append and verify: a hash chain over every entry.

Every write of every module appends its entry here, in the same transaction. The chain
begins with a genesis entry (migration 0008). A one-row head holds the newest entry's id and
hash; appending holds the chain's lock, so writers are serialised and the chain never forks.
On PostgreSQL the lock is a transaction-level advisory lock and the head is moved only by the
function ``audit_advance_head`` (SECURITY DEFINER: the application's role may not write the
head); on the other databases the appender moves it.

A head out of step with the log (deleted, or naming an entry behind or ahead of the log's
last one) never stops a write: under the lock the chain goes on from the log's last entry,
and a ``head_recovered`` entry first records what the head said. Verifying only reads, and
names every such recovery.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Index, Integer, Unicode, UnicodeText, and_, func, insert, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.data.kit.base import Base
from app.data.types import UtcDateTime, utcnow

HEAD_ID = 1
GENESIS = "genesis"  # the first entry of a chain (written by the migrations)
RECOVERED = "head_recovered"  # the head was out of step with the log when this was written
ADVANCE_HEAD = "audit_advance_head"  # PostgreSQL: the function that moves the head
# PostgreSQL: the chain's lock. An advisory lock, because the head row may be missing (and the
# application's role may not take a row lock on a table it cannot update).
HEAD_LOCK = 1676999443167245992


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
    """One row: the id and hash of the newest audit entry. Appending holds the chain's lock,
    so audit writers are serialised and the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(Unicode(64), default="")


class Link(NamedTuple):
    """An entry as the chain knows it: its id and hash (``Link(0, "")``: no entry)."""

    id: int
    hash: str


NO_ENTRY = Link(0, "")


def entry_hash(prev_hash: str, entry_id: int, at: datetime, user_id: int | None, username: str,
               action: str, entity_type: str, entity_id: str, changes: str) -> str:
    payload = json.dumps(
        [prev_hash, entry_id, at.isoformat(timespec="microseconds"), user_id, username, action,
         entity_type, entity_id, changes],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def changes_text(changes: Mapping[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, *, user_id: int | None, username: str, action: str, entity_type: str,
               entity_id: object, changes: dict[str, Any]) -> AuditEntry:
        """Append one entry to the chain, under its lock. A head out of step with the log
        is recovered first (see the module's docstring)."""
        self._lock()
        head, last = self._head(), self.last_link()
        if head != last:
            recovery = self._write(last, user_id, username, RECOVERED, "audit_log", "",
                                   recovery_changes(head, last))
            last = Link(recovery.id, recovery.hash)
        return self._write(last, user_id, username, action, entity_type, str(entity_id),
                           changes)

    def append_many(self, entries: list[dict[str, Any]]) -> None:
        """Append ``entries`` (each ``append``'s keywords) in their order, under one lock
        and one read of the head: a batch's thousands of entries (an import). The head
        moves once at the end, or (PostgreSQL, whose guard takes one step at a time) with
        each entry."""
        if not entries:
            return
        self._lock()
        head, last = self._head(), self.last_link()
        if head != last:
            recovery = self._write(last, None, "", RECOVERED, "audit_log", "",
                                   recovery_changes(head, last))
            last = Link(recovery.id, recovery.hash)
        made = []
        for e in entries:
            entry = self._entry(last, e["user_id"], e["username"], e["action"],
                                e["entity_type"], str(e["entity_id"]), e["changes"])
            made.append(entry)
            last = Link(entry.id, entry.hash)
            if self._postgres:
                # The head's guard there moves it one entry at a time, each the newest.
                self.session.add(entry)
                self.session.flush()
                self._move_head(last)
        if not self._postgres:
            self.session.add_all(made)
            self.session.flush()
            self._move_head(last)

    def last_link(self) -> Link:
        """The log's last entry (by id), whatever the head says."""
        row = self.session.execute(select(AuditEntry.id, AuditEntry.hash)
                                   .order_by(AuditEntry.id.desc()).limit(1)).first()
        return Link(row.id, row.hash) if row is not None else NO_ENTRY

    def latest(self) -> Any:
        """The log's last entry (id, time, hash), or None: what a digest records."""
        return self.session.execute(select(AuditEntry.id, AuditEntry.at, AuditEntry.hash)
                                    .order_by(AuditEntry.id.desc()).limit(1)).first()

    def of_records(self, subjects: list[tuple[str, str]], limit: int = 2000) -> list[Any]:
        """The entries about any of ``subjects`` ((entity type, entity id)), newest first."""
        if not subjects:
            return []
        wanted = or_(*(and_(AuditEntry.entity_type == kind, AuditEntry.entity_id == key)
                       for kind, key in subjects))
        return list(self.session.execute(
            select(*ENTRY_COLUMNS).where(wanted).order_by(AuditEntry.id.desc()).limit(limit)
        ).all())

    def verify(self, digest: Link | None = None, batch: int = 5000) -> ChainCheck:
        return check_chain(self.session, digest, batch)

    # --- the chain's own path -------------------------------------------------------------
    @property
    def _postgres(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"

    def _lock(self) -> None:
        if self._postgres:
            self.session.execute(select(func.pg_advisory_xact_lock(HEAD_LOCK)))

    def _head(self) -> Link | None:
        query = select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)
        if not self._postgres:  # (PostgreSQL holds the advisory lock)
            query = query.with_for_update()
        row = self.session.execute(query).first()
        return Link(row.last_id, row.last_hash) if row is not None else None

    def _write(self, after: Link, user_id: int | None, username: str, action: str,
               entity_type: str, entity_id: str, changes: Mapping[str, Any]) -> AuditEntry:
        entry = self._entry(after, user_id, username, action, entity_type, entity_id, changes)
        self.session.add(entry)
        self.session.flush()
        self._move_head(Link(entry.id, entry.hash))
        return entry

    @staticmethod
    def _entry(after: Link, user_id: int | None, username: str, action: str,
               entity_type: str, entity_id: str, changes: Mapping[str, Any]) -> AuditEntry:
        at = utcnow()
        entry_id = after.id + 1
        text = changes_text(changes)
        digest = entry_hash(after.hash, entry_id, at, user_id, username, action, entity_type,
                            entity_id, text)
        return AuditEntry(id=entry_id, at=at, user_id=user_id, username=username,
                          action=action, entity_type=entity_type, entity_id=entity_id,
                          changes=text, prev_hash=after.hash, hash=digest)

    def _move_head(self, to: Link) -> None:
        if self._postgres:
            self.session.execute(select(getattr(func, ADVANCE_HEAD)(to.id)))
            return
        conn = self.session.connection()
        moved = conn.execute(update(AuditHead).where(AuditHead.id == HEAD_ID)
                             .values(last_id=to.id, last_hash=to.hash))
        if moved.rowcount == 0:
            conn.execute(insert(AuditHead).values(id=HEAD_ID, last_id=to.id, last_hash=to.hash))


def recovery_changes(head: Link | None, last: Link) -> dict[str, list[Any]]:
    """What a ``head_recovered`` entry records: the head as it was (None: missing) and the
    log's last entry the chain went on from (None: the log was empty)."""
    return {"last_id": [head.id if head else None, last.id or None],
            "last_hash": [head.hash if head else None, last.hash or None]}


# --- verifying: reads only --------------------------------------------------------------------
@dataclass(frozen=True)
class ChainProblem:
    """Something wrong with the chain, at ``entry_id``. ``kind`` says what (see
    ``check_chain``), ``values`` the ids and hashes involved, ``reason`` in a few words."""

    entry_id: int
    reason: str
    kind: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChainCheck:
    checked: int  # entries verified from the first, up to any break
    problems: tuple[ChainProblem, ...]  # in the order of their entries
    last_id: int  # the last verified entry
    last_hash: str

    @property
    def problem(self) -> ChainProblem | None:
        return self.problems[0] if self.problems else None


def check_chain(session: Session, digest: Link | None = None, batch: int = 5000
                ) -> ChainCheck:
    """Walk the chain in id order and look at everything around it, reading only.

    Problems (``kind``): ``missing``, ``link``, ``content`` (the first broken entry; the walk
    stops there); ``genesis`` (no genesis entry: the log was emptied or begun again);
    ``head_missing``, ``head_ahead`` (entries at the end were removed), ``head_behind``
    (entries were added without moving the head), ``head_differs``; ``recovered`` (a write
    found the head out of step and recovered it: one per ``head_recovered`` entry);
    ``digest_missing``, ``digest_changed`` (the entry a digest names is gone or different).
    """
    checked, last, broken = _walk(session, batch)
    problems = [*_genesis(session), *_recoveries(session), *([broken] if broken else []),
                *_head(session)]
    if digest is not None:
        problems += _against(session, digest)
    problems.sort(key=lambda p: p.entry_id)
    return ChainCheck(checked, tuple(problems), last.id, last.hash)


def verify_chain(session: Session, batch: int = 5000
                 ) -> tuple[int, ChainProblem | None, str]:
    """(entries checked, first problem or None, the hash of the last good entry)."""
    check = check_chain(session, batch=batch)
    return check.checked, check.problem, check.last_hash


def _walk(session: Session, batch: int) -> tuple[int, Link, ChainProblem | None]:
    last = NO_ENTRY
    for entry in _entries(session, batch):
        if entry.id != last.id + 1:
            return last.id, last, ChainProblem(last.id + 1, "entry missing or out of order",
                                               "missing")
        if entry.prev_hash != last.hash:
            return last.id, last, ChainProblem(entry.id, "previous hash does not match", "link")
        digest = entry_hash(last.hash, entry.id, entry.at, entry.user_id, entry.username,
                            entry.action, entry.entity_type, entry.entity_id, entry.changes)
        if digest != entry.hash:
            return last.id, last, ChainProblem(entry.id, "content does not match its hash",
                                               "content")
        last = Link(entry.id, entry.hash)
    return last.id, last, None


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


def _recoveries(session: Session) -> Iterator[ChainProblem]:
    for entry_id, text in session.execute(select(AuditEntry.id, AuditEntry.changes)
                                          .where(AuditEntry.action == RECOVERED)
                                          .order_by(AuditEntry.id)):
        try:
            changes = json.loads(text)
            head_id, log_id = changes["last_id"]
            head_hash, log_hash = changes["last_hash"]
        except (ValueError, KeyError, TypeError):
            head_id = head_hash = log_id = log_hash = None
        yield ChainProblem(entry_id, "the head was recovered", "recovered",
                           {"head_id": head_id, "head_hash": head_hash, "log_id": log_id or 0,
                            "log_hash": log_hash or ""})


def _genesis(session: Session) -> Iterator[ChainProblem]:
    found = session.execute(select(AuditEntry.id).where(AuditEntry.action == GENESIS)
                            .limit(1)).first()
    if found is None:
        yield ChainProblem(1, "no genesis entry", "genesis")


def _head(session: Session) -> Iterator[ChainProblem]:
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash)
                           .where(AuditHead.id == HEAD_ID)).first()
    last = AuditRepository(session).last_link()
    values = {"log_id": last.id, "log_hash": last.hash}
    if head is None:
        yield ChainProblem(max(last.id, 1), "the head is missing", "head_missing", values)
        return
    values |= {"head_id": head.last_id, "head_hash": head.last_hash}
    if head.last_id > last.id:
        yield ChainProblem(last.id + 1, "entries after this point were removed", "head_ahead",
                           values)
    elif head.last_id < last.id:
        yield ChainProblem(head.last_id + 1, "entries were added without moving the head",
                           "head_behind", values)
    elif head.last_hash != last.hash:
        yield ChainProblem(last.id, "the head's hash differs from the entry's", "head_differs",
                           values)


def _against(session: Session, digest: Link) -> Iterator[ChainProblem]:
    found = session.execute(select(AuditEntry.hash).where(AuditEntry.id == digest.id)).first()
    values = {"digest_id": digest.id, "digest_hash": digest.hash}
    if found is None:
        yield ChainProblem(digest.id, "the digest's entry is gone", "digest_missing", values)
    elif found.hash != digest.hash:
        yield ChainProblem(digest.id, "the digest's entry was changed", "digest_changed",
                           values | {"hash": found.hash})
