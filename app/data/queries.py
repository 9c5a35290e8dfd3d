"""Read side: pages of row DTOs with keyset pagination (never OFFSET), as Core rows."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Integer, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.data.models import Customer, User
from app.data.search import SearchPlan, plan_search, unindexed


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


# List statements by shape (see CustomerQueries._statement): built once, run with new values.
_PAGE_STATEMENTS: dict[tuple, Any] = {}
_MAX_STATEMENTS = 512  # searches add shapes (terms and their plans); start afresh past this


class CustomerQueries:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def page(self, query: CustomerFilter, after: tuple | None, limit: int,
             owner_scope: Collection[int] | None = None) -> tuple[list[Any], tuple | None]:
        """One page of Core rows (with ``sort_value``) and the key of the next page."""
        stmt, params = self._statement("page", query, owner_scope, after, limit)
        rows = self.session.connection().execute(stmt, params).all()  # Core: no ORM loading
        more = len(rows) > limit
        rows = rows[:limit]
        next_key = (rows[-1].sort_value, rows[-1].id) if more and rows else None
        return rows, next_key

    def count(self, query: CustomerFilter, owner_scope: Collection[int] | None = None) -> int:
        stmt, params = self._statement("count", query, owner_scope, None, 0)
        return int(self.session.connection().execute(stmt, params).scalar_one())

    def _statement(self, kind: str, query: CustomerFilter,
                   owner_scope: Collection[int] | None, after: tuple | None, limit: int
                   ) -> tuple[Any, dict[str, Any]]:
        """The statement for ``query`` and its parameters. One statement per shape of the
        query (which filters, sort, position, and the search's terms and plans) is built
        once and reused with new values: opening, scrolling and searching the list skip
        building SQL and its cache key."""
        params: dict[str, Any] = {"limit": limit + 1}
        for name in ("status", "tier", "city"):
            if getattr(query, name):
                params[name] = getattr(query, name)
        if query.owner_id is not None:
            params["owner_id"] = query.owner_id
        if owner_scope:
            params["scope"] = sorted(owner_scope)
        after_kind = "none" if after is None else "null" if after[0] is None else "value"
        if after is not None:
            params["after_id"] = after[1]
            if after[0] is not None:
                params["after_value"] = after[0]
        # A page's search is planned by the number of hits (search.py); a count is best
        # served by the FTS indexes alone.
        search = plan_search(self.dialect, query.search,
                             self.session.connection() if kind == "page" else None, Customer.id)
        if search is not None:
            params.update(search.params)
        shape = (kind, self.dialect, query.sort, query.descending, query.include_archived,
                 owner_scope is None, bool(owner_scope), after_kind,
                 tuple(sorted(k for k in params if k not in ("after_id", "after_value"))),
                 search.shape if search is not None else None)
        stmt = _PAGE_STATEMENTS.get(shape)
        if stmt is None:
            if len(_PAGE_STATEMENTS) >= _MAX_STATEMENTS:
                _PAGE_STATEMENTS.clear()
            stmt = _PAGE_STATEMENTS[shape] = self._build(kind, query, shape, params, search)
        return stmt, params

    def _build(self, kind: str, query: CustomerFilter, shape: tuple, params: dict[str, Any],
               search: SearchPlan | None) -> Any:
        sort_col = SORT_COLUMNS.get(query.sort, Customer.name_sort)
        where: list[ColumnElement[bool]] = []
        if not query.include_archived:
            # Counting a search: the hits from the FTS index drive, each looked up by id
            # (not every customer walked in an index to see whether it is a hit).
            archived = (unindexed(Customer.archived_at)
                        if kind == "count" and search is not None and self.dialect == "sqlite"
                        else Customer.archived_at)
            where.append(archived.is_(None))
        for name, column in (("status", Customer.status), ("tier", Customer.tier),
                             ("city", Customer.city), ("owner_id", Customer.owner_id)):
            if name in params:
                where.append(column == bindparam(name, type_=column.type))
        scope_all, scope_any, after_kind = shape[5], shape[6], shape[7]
        if not scope_all:
            where.append(Customer.owner_id.in_(bindparam("scope", expanding=True))
                         if scope_any else Customer.id.is_(None))
        if search is not None:
            where.append(search.clause(Customer.id, Customer.search_text))
        if kind == "count":
            return select(func.count()).select_from(Customer).where(*where)
        if after_kind != "none":
            where.append(self._after(sort_col, bindparam("after_value", type_=sort_col.type),
                                     bindparam("after_id", type_=Integer), query.descending,
                                     after_kind == "null"))
        return self._select(sort_col, query.descending, where,
                            bindparam("limit", type_=Integer))

    def _select(self, sort_col: Any, descending: bool, where: list, limit: Any) -> Any:
        return (
            select(*_ROW_COLUMNS, sort_col.label("sort_value"))
            .outerjoin(_owner, _owner.id == Customer.owner_id)
            .where(*where).order_by(*self._order(sort_col, descending)).limit(limit)
        )

    def _order(self, sort_col: Any, descending: bool) -> tuple[Any, Any]:
        """SQLite and SQL Server put NULLs first ascending; PostgreSQL is told to do the
        same (SQL Server rejects NULLS FIRST, so it is said only where needed)."""
        column = sort_col.desc() if descending else sort_col.asc()
        if self.dialect == "postgresql" and sort_col.expression.nullable:
            column = column.nulls_last() if descending else column.nulls_first()
        return column, Customer.id.desc() if descending else Customer.id.asc()

    def _after(self, sort_col: Any, value: Any, last_id: Any, descending: bool,
               value_is_null: bool) -> ColumnElement[bool]:
        """Rows after the one with sort value ``value`` and id ``last_id`` in the list's
        order (values or bind parameters).

        NULL sort values (customers without an owner) come first ascending and last
        descending, on every database (see ``_order``)."""
        nulls_first = not descending
        next_id = Customer.id < last_id if descending else Customer.id > last_id
        if value_is_null:
            within_nulls = and_(sort_col.is_(None), next_id)
            return or_(within_nulls, sort_col.is_not(None)) if nulls_first else within_nulls
        if self.dialect in ("sqlite", "postgresql"):
            pair, key = tuple_(sort_col, Customer.id), tuple_(value, last_id)
            beyond = pair < key if descending else pair > key
        else:
            further = sort_col < value if descending else sort_col > value
            beyond = or_(further, and_(sort_col == value, next_id))
        return beyond if nulls_first else or_(beyond, sort_col.is_(None))

    def cities(self, limit: int = 500) -> list[str]:
        stmt = (select(Customer.city).where(Customer.city != "").group_by(Customer.city)
                .order_by(func.count().desc()).limit(limit))
        return [r[0] for r in self.session.execute(stmt)]

