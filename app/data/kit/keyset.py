"""Lists: pages of rows with keyset pagination (never OFFSET), one query class per module.

A module describes its list once (``ListSpec``: the columns of each field, what may be
filtered and sorted, the record-scope column, the search) and subclasses ``KeysetQueries``.
A request names the fields it wants as columns; the rows hold ``id``, ``version``, the
fields in that order (a reference as three columns: id, key, label) and ``sort_value``.

Statements are built once per shape (which columns, filters, sort, position, scope, and
the search's plan) and run again with new values: opening, scrolling and searching a list
skip building SQL and its cache key.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    case,
    false,
    func,
    inspect,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import util as sql_util

from app.data.kit.search import SearchPlan, plan_search, unindexed
from app.data.types import UtcDateTime, utcnow

Reference = tuple[Any, Any, Any]  # id, key, label columns
# The moment the list is read, for conditions computed from the time (a ticket open past its
# due time): ``ListRequest.now``, else the time the statement runs.
NOW: Any = bindparam("now", type_=UtcDateTime())


@dataclass(frozen=True)
class ListSpec:
    model: Any
    columns: Mapping[str, Any]  # field name -> column, or (id, key, label) for a reference
    sorts: Mapping[str, Any]  # sort name -> column (a stored sort key for text)
    filters: Mapping[str, Any]  # field name -> column compared with = (or a range's ends)
    scope: Any = None  # the owner column of record scope; None: every row is in scope
    # Rows of a module whose records have no owner (a supplier's contacts among a
    # customer's): module -> the condition selecting them. They are in a list for whoever
    # may view that module (``ListRequest.viewable``), whatever their owner scope.
    unowned: Mapping[str, Any] = field(default_factory=dict)
    archived: Any = None  # archived_at; None: nothing is archived
    joins: tuple[tuple[Any, Any], ...] = ()  # outer joins (target, on clause) for labels
    search_column: Any = None  # the case-folded search key; None: no search
    fts: bool = False  # SQLite FTS5 indexes of the search key exist (see search.py)
    # Yes/no fields computed in SQL (a ticket overdue: open and due before ``NOW``): field
    # -> its condition, which must never be NULL. Such a field is a column (true or false)
    # and a filter: the condition itself, or its negation, so an index can serve it.
    flags: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListRequest:
    """What the logic layer asks for: field columns, search, filters, sort, scope."""

    fields: tuple[str, ...]
    search: str = ""
    filters: tuple[tuple[str, Any], ...] = ()
    ranges: tuple[tuple[str, Any, Any], ...] = ()  # (field, from, to): None is an open end
    sort: str = ""
    descending: bool = False
    include_archived: bool = False
    scope: Collection[int] | None = None  # owners whose rows are visible; None: all
    viewable: frozenset[str] = frozenset()  # modules the actor may view (``ListSpec.unowned``)
    into: RowShape | None = None  # the caller's rows, made in the same pass; None: named rows
    now: datetime | None = None  # the moment ``NOW`` stands for; None: when it runs


@dataclass(frozen=True, eq=False)
class RowShape:
    """How the caller wants its rows: ``make`` (a named tuple's ``_make``) takes id,
    version and the values of ``names`` in order (None for a field not asked for); a
    reference becomes ``ref(id, key, label)`` (None when unset)."""

    make: Any
    names: tuple[str, ...]
    ref: Any


_MAX_STATEMENTS = 512  # searches add shapes (terms and their plans); start afresh past this


class KeysetQueries:
    statements: ClassVar[dict[tuple[Any, ...], Any]]
    # (id(statement), row shape) -> (the statement, its converter, the sort value's)
    converters: ClassVar[dict[tuple[int, Any], tuple[Any, Any, Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.statements = {}
        cls.converters = {}

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    @classmethod
    def spec(cls) -> ListSpec:
        """The module's list; built on first use (its models are imported by then)."""
        raise NotImplementedError

    # --- the public reads -------------------------------------------------------------
    def page(self, request: ListRequest, after: tuple[Any, ...] | None, limit: int
             ) -> tuple[list[tuple[Any, ...]], tuple[Any, ...] | None]:
        """One page of rows (tuples: id, version, the fields' columns, ``sort_value`` last)
        and the next page's key.

        The statement runs through SQLAlchemy (parameters bound by their types); the rows
        are read straight from the driver's cursor and their values converted by one
        function made per statement (money from cents, UTC times): a list page spent as
        long in SQLAlchemy's row objects as in SQLite."""
        stmt, params = self._statement("page", request, after, limit)
        result: Any = self.session.connection().execute(stmt, params)
        try:
            raw: list[tuple[Any, ...]] = list(result.cursor.fetchall())
        finally:
            result.close()
        key = (id(stmt), request.into)
        made = self.converters.get(key)
        if made is None or made[0] is not stmt:  # made for this very statement, kept with it
            made = self.converters[key] = (stmt, *converter_of(
                stmt, self.session.get_bind().dialect, request, self.spec()))
        _, convert, sort_value = made
        rows = list(map(convert, raw[:limit]))
        next_key = (sort_value(raw[limit - 1][-1]), raw[limit - 1][0]) \
            if len(raw) > limit and limit else None
        return rows, next_key

    def count(self, request: ListRequest) -> int:
        stmt, params = self._statement("count", request, None, 0)
        return int(self.session.connection().execute(stmt, params).scalar_one())

    def all_rows(self, request: ListRequest, batch: int = 2000) -> Iterator[Any]:
        """Every row of the request, page by page (an export)."""
        after: tuple[Any, ...] | None = None
        while True:
            rows, after = self.page(request, after, batch)
            yield from rows
            if after is None:
                return

    # --- building ---------------------------------------------------------------------
    def _statement(self, kind: str, request: ListRequest, after: tuple[Any, ...] | None,
                   limit: int) -> tuple[Any, dict[str, Any]]:
        spec = self.spec()
        params: dict[str, Any] = {"limit": limit + 1, "now": request.now or utcnow()}
        for name, value in request.filters:
            if name not in spec.flags:  # a flag's value chooses the statement
                params[f"f_{name}"] = value
        for name, low, high in request.ranges:
            params.update({f"{end}_{name}": value
                           for end, value in (("from", low), ("to", high)) if value is not None})
        scope = request.scope
        if scope:
            params["scope"] = sorted(scope)
        after_kind = "none" if after is None else "null" if after[0] is None else "value"
        if after is not None:
            params["after_id"] = after[1]
            if after[0] is not None:
                params["after_value"] = after[0]
        search = self._plan(kind, request.search, spec)
        if search is not None:
            params.update(search.params)
        shape = (kind, self.dialect, request.fields if kind == "page" else (),
                 request.sort, request.descending, request.include_archived,
                 scope is None, bool(scope), after_kind,
                 tuple(sorted(m for m in spec.unowned if m in request.viewable)),
                 tuple(sorted((n, bool(v) if n in spec.flags else None)
                              for n, v in request.filters)),
                 tuple((n, low is None, high is None) for n, low, high in request.ranges),
                 search.shape if search is not None else None)
        stmt = self.statements.get(shape)
        if stmt is None:
            if len(self.statements) >= _MAX_STATEMENTS:
                self.statements.clear()
                self.converters.clear()
            stmt = self.statements[shape] = self._build(kind, request, spec, after_kind,
                                                        search)
        return stmt, params

    def _plan(self, kind: str, text: str, spec: ListSpec) -> SearchPlan | None:
        if spec.search_column is None or not text.strip():
            return None
        # A page's search is planned by the number of hits (search.py); a count is best
        # served by the FTS indexes alone.
        connection = self.session.connection() if kind == "page" and spec.fts else None
        return plan_search(self.dialect if spec.fts else "like", text, connection,
                           spec.model.id, spec.search_column)

    def _build(self, kind: str, request: ListRequest, spec: ListSpec, after_kind: str,
               search: SearchPlan | None) -> Any:
        model = spec.model
        sort_col = spec.sorts[request.sort]
        where: list[ColumnElement[bool]] = []
        if spec.archived is not None and not request.include_archived:
            # Counting a search: the hits from the FTS index drive, each looked up by id
            # (not every row walked in an index to see whether it is a hit).
            archived = (unindexed(spec.archived)
                        if kind == "count" and search is not None and spec.fts
                        and self.dialect == "sqlite" else spec.archived)
            where.append(archived.is_(None))
        for name, value in request.filters:
            if name in spec.flags:
                condition = spec.flags[name]
                where.append(condition if value else not_(condition))
                continue
            column = spec.filters[name]
            where.append(column == bindparam(f"f_{name}", type_=column.type))
        for name, low, high in request.ranges:
            column = spec.filters[name]
            if low is not None:
                where.append(column >= bindparam(f"from_{name}", type_=column.type))
            if high is not None:
                where.append(column <= bindparam(f"to_{name}", type_=column.type))
        in_scope = self._scope(spec, request)
        if in_scope is not None:
            where.append(in_scope)
        if search is not None:
            where.append(search.clause(model.id, spec.search_column))
        if kind == "count":
            counted = select(func.count()).select_from(model)
            for target, on in _joins_used(spec, where):  # a scope on the customer's owner
                counted = counted.outerjoin(target, on)
            return counted.where(*where)
        nullable = bool(sort_col.expression.nullable)
        if after_kind != "none":
            where.append(self._after(model, sort_col,
                                     bindparam("after_value", type_=sort_col.type),
                                     bindparam("after_id", type_=Integer),
                                     request.descending, after_kind == "null", nullable))
        stmt = select(model.id.label("id"), model.version.label("version"),
                      *self._columns(spec, request.fields), sort_col.label("sort_value"))
        for target, on in spec.joins:
            stmt = stmt.outerjoin(target, on)
        stmt = stmt.where(*where)
        order_col, id_col = sort_col, model.id
        if search is not None and search.fence:
            # PostgreSQL, a search with few hits: they are read through the search indexes
            # and sorted, never found by walking the list's index (search._server_plan).
            hits = stmt.offset(0).subquery("hits")
            stmt, order_col, id_col = select(*hits.c), hits.c.sort_value, hits.c.id
        return (stmt.order_by(*self._order(id_col, order_col, nullable, request.descending))
                .limit(bindparam("limit", type_=Integer)))

    @staticmethod
    def _scope(spec: ListSpec, request: ListRequest) -> ColumnElement[bool] | None:
        """The rows within the actor's scope: of the owners in ``request.scope`` (all when
        None), and the rows of modules without owners the actor may view."""
        owned: ColumnElement[bool] | None = None
        if request.scope is not None:
            owned = (spec.scope.in_(bindparam("scope", expanding=True)) if request.scope
                     else spec.model.id.is_(None))
        if not spec.unowned:
            return owned
        seen = [c for m, c in spec.unowned.items() if m in request.viewable]
        if owned is None and len(seen) == len(spec.unowned):
            return None
        others = and_(*(not_(c) for c in spec.unowned.values()))
        return or_(others if owned is None else and_(others, owned), *seen)

    @staticmethod
    def _columns(spec: ListSpec, fields: tuple[str, ...]) -> list[Any]:
        columns: list[Any] = []
        for name in fields:
            if name in spec.flags:
                columns.append(flag_column(spec.flags[name]).label(name))
                continue
            column = spec.columns[name]
            if isinstance(column, tuple):
                ref_id, key, label = column
                columns += [ref_id.label(name), key.label(f"{name}__key"),
                            label.label(f"{name}__label")]
            else:
                columns.append(column.label(name))
        return columns

    def _order(self, id_col: Any, sort_col: Any, nullable: bool, descending: bool
               ) -> tuple[Any, Any]:
        """SQLite and SQL Server put NULLs first ascending; PostgreSQL is told to do the
        same (SQL Server rejects NULLS FIRST, so it is said only where needed)."""
        column = sort_col.desc() if descending else sort_col.asc()
        if self.dialect == "postgresql" and nullable:
            column = column.nulls_last() if descending else column.nulls_first()
        return column, id_col.desc() if descending else id_col.asc()

    def _after(self, model: Any, sort_col: Any, value: Any, last_id: Any, descending: bool,
               value_is_null: bool, nullable: bool = True) -> ColumnElement[bool]:
        """Rows after the one with sort value ``value`` and id ``last_id`` in the list's
        order (values or bind parameters).

        NULL sort values (records without an owner) come first ascending and last
        descending, on every database (see ``_order``). A column that cannot be NULL is
        not asked for them: SQLite then reads a page descending from where the last one
        ended in the list's index, where ``... OR sort IS NULL`` had it walk every row
        before it (100,000 products by price, at row 50,000: 5.4 ms -> 0.9 ms)."""
        nulls_first = not descending
        next_id = model.id < last_id if descending else model.id > last_id
        if value_is_null:
            within_nulls = and_(sort_col.is_(None), next_id)
            return or_(within_nulls, sort_col.is_not(None)) if nulls_first else within_nulls
        if self.dialect in ("sqlite", "postgresql"):
            pair, key = tuple_(sort_col, model.id), tuple_(value, last_id)
            beyond = pair < key if descending else pair > key
        else:
            further = sort_col < value if descending else sort_col > value
            beyond = or_(further, and_(sort_col == value, next_id))
        return beyond if nulls_first or not nullable else or_(beyond, sort_col.is_(None))


def converter_of(stmt: Any, dialect: Any, request: ListRequest, spec: ListSpec
                 ) -> tuple[Any, Any]:
    """A function making a row from a driver row of ``stmt``, its values converted as
    SQLAlchemy's types would (money from cents, UTC times), written out once per statement
    shape: the caller's rows (``request.into``) or named ones (``row.id``,
    ``row.sort_value``); and the sort value's converter (for the next page's key)."""
    columns = list(stmt.selected_columns)
    scope: dict[str, Any] = {"new": tuple.__new__}
    value = []
    for i, column in enumerate(columns):
        # The dialect's own type: SQLite keeps a date as text, its DATE type reads it back.
        process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if process is None:
            value.append(f"r[{i}]")
        else:
            scope[f"p{i}"] = process
            value.append(f"p{i}(r[{i}])")
    sort_value = scope.get(f"p{len(columns) - 1}", _same)
    shape = request.into
    if shape is None:
        scope["Row"] = namedtuple("Row", [c.key for c in columns])
        code = f"lambda r: new(Row, ({', '.join(value)},))"
    else:
        position, at = {}, 2
        for name in request.fields:
            position[name] = at
            at += 3 if isinstance(spec.columns.get(name), tuple) else 1
        parts = [value[0], value[1]]
        for name in shape.names:
            j = position.get(name)
            if j is None:
                parts.append("None")
            elif isinstance(spec.columns.get(name), tuple):
                parts.append(f"(None if r[{j}] is None else "
                             f"Ref({value[j]}, {value[j + 1]}, {value[j + 2]}))")
            else:
                parts.append(value[j])
        scope.update(make=shape.make, Ref=shape.ref)
        code = f"lambda r: make(({', '.join(parts)},))"
    made: Any = eval(code, scope)  # built above from column positions only
    return made, sort_value


def _same(value: Any) -> Any:
    return value


def _joins_used(spec: ListSpec, where: list[ColumnElement[bool]]
                ) -> list[tuple[Any, Any]]:
    """The list's joins whose tables ``where`` names (a count joins no more than it needs:
    a project's customer for a scope on its owner, never the owner's name)."""
    named = {table for clause in where
             for table in sql_util.find_tables(clause, check_columns=True, include_aliases=True)}
    return [(target, on) for target, on in spec.joins
            if inspect(target).selectable in named]


def flag_column(condition: Any) -> Any:
    """A condition as a true/false column (SQL Server selects no bare condition)."""
    return case((condition, true()), else_=false())


def owner_label(user: Any) -> Any:
    """A user's display name, else the user name: how lists show an owner."""
    return func.coalesce(func.nullif(user.display_name, ""), user.username, "")
