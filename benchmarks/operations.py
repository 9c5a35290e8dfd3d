"""The measured operations: ours (through the services) and the raw limit (the same SQL
through the plain driver: sqlite3, or psycopg on a PostgreSQL server)."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, make_url

from app.data.database import Database
from app.data.engine import MMAP_BYTES
from app.logic.customers import CustomerService
from app.logic.kit.dto import Actor, ListQuery
from benchmarks.timing import Result, interleaved

RIGHTS = frozenset(("customers", a) for a in ("view", "create", "edit"))
PAGE = 200


def bench_actor(db: Database) -> Actor:
    """An actor allowed to see and create every customer (the first demo user, admin)."""
    with db.engine.connect() as conn:
        user_id = conn.exec_driver_sql("SELECT min(id) FROM users").scalar_one()
    return Actor(user_id=user_id, username="admin", rights=RIGHTS,
                 scopes=(("customers", "all"),))


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # as the app's connections
    return conn


class Raw:
    """The raw limit's connection: the plain driver in autocommit (sqlite3, or psycopg)."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self.conn = conn
        self.dialect = dialect

    @classmethod
    def open(cls, url: str) -> Raw:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return cls(raw_connection(Path(parsed.database or "")), "sqlite")
        import psycopg

        # Never prepared on the server: the app's statements are not either (psycopg forgets
        # its prepared statements at every ROLLBACK, which ends each read), and PostgreSQL
        # would switch a prepared statement to a generic plan after ten runs (科技 before
        # migration 0009: 95 ms, then 950 ms).
        conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        return cls(psycopg.connect(conninfo, autocommit=True, prepare_threshold=None),
                   "postgresql")

    def rows(self, sql: str, parameters: Any = ()) -> list[Any]:
        return list(self.conn.execute(sql, parameters).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.dialect == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
            yield
            self.conn.execute("COMMIT")
        else:
            with self.conn.transaction():
                yield

    def close(self) -> None:
        self.conn.close()


def captured_sql(db: Database, work: Any) -> list[tuple[str, Any]]:
    """The exact SQL and parameters ``work()`` hands the driver (a search: its probes and
    the page), to be run again through plain sqlite3. The per-action account check and
    the transaction statements are left out: the raw limit is the work itself."""
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any
                ) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")) \
                and "must_change_password" not in statement:
            captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    return captured


def page_sql(db: Database, actor: Actor, query: ListQuery) -> list[tuple[str, Any]]:
    service = CustomerService(db.unit_of_work)
    return captured_sql(db, lambda: service.list_customers(actor, query, limit=PAGE))


def first_page(db: Database, raw: Raw, actor: Actor, repeat: int,
               search: str = "", label: str = "open customer list") -> Result:
    service = CustomerService(db.unit_of_work)
    query = ListQuery(search=search)
    statements = page_sql(db, actor, query)

    def plain() -> None:
        for sql, parameters in statements:
            raw.rows(sql, parameters)

    rows = len(service.list_customers(actor, query, limit=PAGE).rows)
    ours, limit = interleaved(lambda: service.list_customers(actor, query, limit=PAGE),
                              plain, repeat)
    return Result(label, ours, limit, 50.0, f"{rows} rows")


def search(db: Database, raw: Raw, actor: Actor, term: str, kind: str,
           repeat: int) -> Result:
    result = first_page(db, raw, actor, repeat, term, f"search {kind} '{term}'")
    hits = fts_count(raw.conn, term) if raw.dialect == "sqlite" else like_count(raw, term)
    return Result(result.name, result.ours, result.raw, 50.0, f"{hits:,} hits")


def like_count(raw: Raw, term: str) -> int:
    """How many customers hold the term in their search text (a server's search)."""
    from app.data.kit.search import like_pattern, term_variants

    variants = term_variants(term.casefold())
    where = " OR ".join(["search_text LIKE %s"] * len(variants))
    return int(raw.rows(f"SELECT count(*) FROM customers WHERE {where}",
                        [like_pattern(v) for v in variants])[0][0])


def fts_count(raw: sqlite3.Connection, term: str) -> int:
    """How many customers the term finds: the rows of its FTS query, confirmed with
    ``LIKE`` where that query finds a few more (``app.data.search.fts_match``)."""
    from app.data.kit.search import fts_match, like_pattern, term_variants

    term = term_variants(term)[0]  # a phone written with separators: its digits
    match = fts_match(term)
    assert match is not None, term
    table, expression, exact = match
    sql = f"SELECT count(*) FROM customers WHERE id IN (SELECT rowid FROM {table} " \
          f"WHERE {table} MATCH ?)"
    if exact:
        return raw.execute(sql, (expression,)).fetchone()[0]
    sql += " AND search_text LIKE ? ESCAPE '\\'"
    return raw.execute(sql, (expression, like_pattern(term))).fetchone()[0]


# Unique per run: the cached database keeps what earlier runs created (no duplicates).
_serial = itertools.count(int(time.time() * 1000) % 10**12)


def create_customer(db: Database, raw: Raw, actor: Actor, repeat: int) -> Result:
    service = CustomerService(db.unit_of_work)

    def ours() -> None:
        n = next(_serial)
        service.create_customer(actor, {"name": f"基准测试客户 {n} Benchmark",
                                        "phone": f"010-{n % 10**8:08d}", "city": "北京"})

    columns = ("code", "name", "short_name", "kind", "ownership", "industry", "size_band",
               "province", "city", "address", "postal_code", "phone", "fax", "email",
               "website", "tax_id", "bank_name", "bank_account", "source", "status", "tier",
               "tier_override", "credit_rating", "credit_limit", "payment_terms_days",
               "owner_id", "tags", "notes", "name_sort", "search_text", "search_short",
               "created_at", "updated_at", "version", "city_sort")
    mark = "?" if raw.dialect == "sqlite" else "%s"
    sql = (f"INSERT INTO customers ({', '.join(columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")

    def plain() -> None:
        n = next(_serial)
        values: list[Any] = [""] * len(columns)
        values[0], values[1], values[3] = f"R{n:08d}", f"基准测试客户 {n} Raw", "company"
        values[19], values[20], values[21], values[23] = "prospect", "ordinary", False, 0
        values[24], values[25], values[33] = 30, actor.user_id, 1
        values[29] = f"基准测试客户 {n} raw jizhunceshikehu"
        values[31] = values[32] = "2026-01-01 00:00:00.000000"
        values[34] = "0beijing 北京"
        with raw.transaction():
            raw.conn.execute(sql, values)

    mine, limit = interleaved(ours, plain, repeat)
    return Result("create customer + audit, commit", mine, limit, None,
                  "raw: one INSERT + COMMIT")
