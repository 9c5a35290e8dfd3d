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
# In the order of app.logic.dto.CustomerRow's fields: a page row becomes one in one step.
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
        # With the connection, SQLite's search is shaped by the number of hits (search.py).
        clause = match_clause(self.dialect, Customer.id, Customer.search_text, query.search,
                              self.session.connection())
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
        order = self._order(sort_col, query.descending)
        stmt = (
            select(*_ROW_COLUMNS, sort_col.label("sort_value"))
            .outerjoin(_owner, _owner.id == Customer.owner_id)
            .where(*where).order_by(*order).limit(limit + 1)
        )
        rows = self.session.connection().execute(stmt).all()  # Core: no ORM loading
        more = len(rows) > limit
        rows = rows[:limit]
        next_key = (rows[-1].sort_value, rows[-1].id) if more and rows else None
        return rows, next_key

    def _order(self, sort_col: Any, descending: bool) -> tuple[Any, Any]:
        """SQLite and SQL Server put NULLs first ascending; PostgreSQL is told to do the
        same (SQL Server rejects NULLS FIRST, so it is said only where needed)."""
        column = sort_col.desc() if descending else sort_col.asc()
        if self.dialect == "postgresql" and sort_col.expression.nullable:
            column = column.nulls_last() if descending else column.nulls_first()
        return column, Customer.id.desc() if descending else Customer.id.asc()

    def _after(self, sort_col: Any, after: tuple, descending: bool) -> ColumnElement[bool]:
        """Rows after ``after`` = (sort value, id) in the list's order.

        NULL sort values (customers without an owner) come first ascending and last
        descending, on every database (see ``_order``)."""
        value, last_id = after
        nulls_first = not descending
        next_id = Customer.id < last_id if descending else Customer.id > last_id
        if value is None:
            within_nulls = and_(sort_col.is_(None), next_id)
            return or_(within_nulls, sort_col.is_not(None)) if nulls_first else within_nulls
        if self.dialect in ("sqlite", "postgresql"):
            pair, key = tuple_(sort_col, Customer.id), tuple_(value, last_id)
            beyond = pair < key if descending else pair > key
        else:
            further = sort_col < value if descending else sort_col > value
            beyond = or_(further, and_(sort_col == value, next_id))
        return beyond if nulls_first else or_(beyond, sort_col.is_(None))

    def count(self, query: CustomerFilter, owner_scope: Collection[int] | None = None) -> int:
        stmt = select(func.count()).select_from(Customer).where(*self._filters(query,
                                                                               owner_scope))
        return int(self.session.execute(stmt).scalar_one())

    def cities(self, limit: int = 500) -> list[str]:
        stmt = (select(Customer.city).where(Customer.city != "").group_by(Customer.city)
                .order_by(func.count().desc()).limit(limit))
        return [r[0] for r in self.session.execute(stmt)]

