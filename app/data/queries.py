"""Read side: pages of row DTOs with keyset pagination (never OFFSET), as Core rows."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.data.models import Customer, User
from app.data.search import match_clause


class CustomerFilter(Protocol):
    """What a customer list asks for (app.logic.dto.CustomerQuery has this shape)."""

    search: str
    status: str
    tier: str
    owner_id: int | None
    city: str
    include_archived: bool
    sort: str
    descending: bool

SORT_COLUMNS: dict[str, Any] = {
    "name": Customer.name_sort,
    "code": Customer.code,
    "city": Customer.city,
    "status": Customer.status,
    "tier": Customer.tier,
    "updated": Customer.updated_at,
    "owner": Customer.owner_id,
}

_owner = aliased(User)
_ROW_COLUMNS = (
    Customer.id, Customer.code, Customer.name, Customer.short_name, Customer.status,
    Customer.tier, Customer.city, Customer.province, Customer.industry, Customer.phone,
    Customer.email, Customer.owner_id,
    func.coalesce(func.nullif(_owner.display_name, ""), _owner.username, "").label("owner"),
    Customer.credit_limit, Customer.updated_at, Customer.version,
)


class CustomerQueries:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def _filters(self, query: CustomerFilter, owner_scope: Collection[int] | None) -> list:
        where: list[ColumnElement[bool]] = []
        if not query.include_archived:
            where.append(Customer.archived_at.is_(None))
        for column, value in ((Customer.status, query.status), (Customer.tier, query.tier),
                              (Customer.city, query.city)):
            if value:
                where.append(column == value)
        if query.owner_id is not None:
            where.append(Customer.owner_id == query.owner_id)
        if owner_scope is not None:
            where.append(Customer.owner_id.in_(list(owner_scope)) if owner_scope
                         else Customer.id.is_(None))
        clause = match_clause(self.dialect, Customer.id, Customer.search_text, query.search)
        if clause is not None:
            where.append(clause)
        return where

    def page(self, query: CustomerFilter, after: tuple | None, limit: int,
             owner_scope: Collection[int] | None = None) -> tuple[list[Any], tuple | None]:
        """One page of Core rows (with ``sort_value``) and the key of the next page."""
        sort_col = SORT_COLUMNS.get(query.sort, Customer.name_sort)
        where = self._filters(query, owner_scope)
        if after is not None:
            where.append(self._after(sort_col, after, query.descending))
        order = (sort_col.desc(), Customer.id.desc()) if query.descending else (sort_col,
                                                                                Customer.id)
        stmt = (
            select(*_ROW_COLUMNS, sort_col.label("sort_value"))
            .outerjoin(_owner, _owner.id == Customer.owner_id)
            .where(*where).order_by(*order).limit(limit + 1)
        )
        rows = self.session.execute(stmt).all()
        more = len(rows) > limit
        rows = rows[:limit]
        next_key = (rows[-1].sort_value, rows[-1].id) if more and rows else None
        return rows, next_key

    def _after(self, sort_col: Any, after: tuple, descending: bool) -> ColumnElement[bool]:
        value, last_id = after
        if value is None:  # NULLs sort first on SQLite/MSSQL: continue by id among NULLs
            nulls = and_(sort_col.is_(None), Customer.id < last_id if descending
                         else Customer.id > last_id)
            return nulls if descending else or_(nulls, sort_col.is_not(None))
        if self.dialect in ("sqlite", "postgresql"):
            pair = tuple_(sort_col, Customer.id)
            return pair < tuple_(value, last_id) if descending else pair > tuple_(value, last_id)
        if descending:
            return or_(sort_col < value, and_(sort_col == value, Customer.id < last_id))
        return or_(sort_col > value, and_(sort_col == value, Customer.id > last_id))

    def count(self, query: CustomerFilter, owner_scope: Collection[int] | None = None) -> int:
        stmt = select(func.count()).select_from(Customer).where(*self._filters(query,
                                                                               owner_scope))
        return int(self.session.execute(stmt).scalar_one())

    def cities(self, limit: int = 500) -> list[str]:
        stmt = (select(Customer.city).where(Customer.city != "").group_by(Customer.city)
                .order_by(func.count().desc()).limit(limit))
        return [r[0] for r in self.session.execute(stmt)]

