"""The audit log screen's reads: newest first, keyset pages, filters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.data.kit.audit import AuditEntry


class AuditQueries:
    """The audit log screen's reads: newest first, keyset pages, filters."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _where(self, user_id: int | None, entity_type: str, action: str,
               since: datetime | None, until: datetime | None, text: str,
               subjects: list[tuple[str, str]] | None = None) -> list[Any]:
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
            about = [and_(AuditEntry.entity_type == kind, AuditEntry.entity_id == key)
                     for kind, key in subjects or ()]
            where.append(or_(AuditEntry.changes.like(pattern, escape="\\"),
                             AuditEntry.entity_id.like(pattern, escape="\\"),
                             AuditEntry.username.like(pattern, escape="\\"), *about))
        return where

    def page(self, *, user_id: int | None = None, entity_type: str = "", action: str = "",
             since: datetime | None = None, until: datetime | None = None, text: str = "",
             subjects: list[tuple[str, str]] | None = None, before_id: int | None = None,
             limit: int = 200) -> list[Any]:
        where = self._where(user_id, entity_type, action, since, until, text, subjects)
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
                            filters.get("until"), filters.get("text", ""),
                            filters.get("subjects"))
        return int(self.session.execute(
            select(func.count()).select_from(AuditEntry).where(*where)).scalar_one())

    def get(self, entry_id: int) -> Any:
        return self.session.execute(
            select(AuditEntry.id, AuditEntry.at, AuditEntry.user_id, AuditEntry.username,
                   AuditEntry.action, AuditEntry.entity_type, AuditEntry.entity_id,
                   AuditEntry.changes, AuditEntry.prev_hash, AuditEntry.hash)
            .where(AuditEntry.id == entry_id)).first()
