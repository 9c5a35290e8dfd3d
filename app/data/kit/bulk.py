"""Bulk loading (demo data, imports): many rows in one transaction, as fast as the database
allows.

``with bulk_load(db, rows_hint) as load:`` opens one write transaction. Rows are tuples of
the values of named fields, written as ``codec_for(dialect)`` says (money as cents and
datetimes as text on SQLite), so the caller makes them ready for the driver, in worker
processes if it likes. On SQLite they go through the DBAPI cursor's ``executemany``. For a
big load the FTS triggers and the customers' secondary indexes that take keys in random
order are dropped first (and those of other tables the load names, such as the demo's
projects); new rows are added to both FTS indexes chunk by chunk (or, when that cannot be
done, both are rebuilt in one pass at the end:
``INSERT INTO customer_fts(customer_fts) VALUES('rebuild')``); at the end the indexes are
created again and the triggers restored, all in the same transaction. Other databases use
SQLAlchemy Core's executemany, and their statistics of the loaded tables are brought up to
date at the end (``ANALYZE``), so the first lists after a load are planned with them.
Leaving the block with an exception rolls everything back.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.orm import Session

from app.data.database import Database
from app.data.engine import WRITE_OPTION
from app.data.kit.audit import AuditRepository
from app.data.kit.base import Base, CodeSequence
from app.data.types import CENT

BIG_LOAD = 20_000  # rows of the main table; from here on dropping indexes pays off
SORT_CACHE = -2048  # KiB of page cache while the indexes are built (see ``finish``)
SORT_THREADS = 4
FTS_AUTOMERGE = 16  # during a big load (SQLite's default is 4): a quarter less merging.
# The in-memory part of the index stays at SQLite's default of 1 MB (``hashsize``): without
# positions (detail=none) a bigger one makes the trigram index a fifth slower to fill, its
# look-ups no longer fitting the CPU's caches (64 MB: 5.2-5.7 s per 100,000 customers,
# 1 MB: 4.1-4.5 s); a million-customer load took 144 s against 146-150 s back to back.


@dataclass(frozen=True)
class BulkTable:
    """How a module's main table is loaded in bulk: its code sequence, its FTS tables
    (name -> indexed column) and the indexes kept while loading (the others are dropped and
    built again at the end). Given by the module's data package (``CUSTOMER_BULK``)."""

    table: str
    sequence: str
    fts_tables: Mapping[str, str]
    appended_indexes: frozenset[str]


@dataclass(frozen=True)
class BulkStart:
    """Where new rows begin: the main table's first free id and code number."""

    customer_id: int
    code_number: int


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass(frozen=True)
class Codec:
    """How a row maker writes values the driver takes as they are (rows can be made in
    worker processes, so the writing process only hands them on)."""

    money: Callable[[Decimal], Any]
    moment: Callable[[datetime], Any]  # UTC-aware
    day: Callable[[date], Any]


def _same(value: Any) -> Any:
    return value


def _sqlite_moment(value: datetime) -> str:
    """SQLAlchemy's text form of a UTC datetime on SQLite (``UtcDateTime`` stores naive
    UTC): ``2026-06-01 08:00:00.000000``."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given; Kehu stores UTC-aware datetimes only")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:-6]


def _sqlite_money(value: Decimal) -> int:
    """Money as the integer cents ``Money`` stores."""
    return int(value.quantize(CENT, rounding=ROUND_HALF_EVEN) * 100)


PLAIN = Codec(money=_same, moment=_same, day=_same)  # typed values, for SQLAlchemy
SQLITE = Codec(money=_sqlite_money, moment=_sqlite_moment, day=date.isoformat)


def codec_for(dialect: str) -> Codec:
    """The values ``BulkLoad.insert`` takes on ``dialect``: on SQLite what SQLAlchemy's
    column types would have bound (they are skipped there), elsewhere the typed values."""
    return SQLITE if dialect == "sqlite" else PLAIN


class BulkLoad:
    def __init__(self, conn: Connection, big: bool, main: BulkTable,
                 others: Sequence[BulkTable] = ()) -> None:
        self.conn = conn
        self.main = main
        self.others = tuple(others)  # tables filled beside the main one (their indexes)
        self.dialect = conn.dialect.name
        self.fast = self.dialect == "sqlite"
        self.big = big and self.fast
        self._saved: list[tuple[str, str, str]] = []
        self._rebuild = False  # set when rows could not be indexed chunk by chunk
        self._loaded: dict[str, None] = {}  # the tables rows went into, in order
        self.start = self._start()

    def _start(self) -> BulkStart:
        return self.start_of(self.main.table, self.main.sequence)

    def start_of(self, table: str, sequence: str) -> BulkStart:
        """Where new rows of ``table`` begin (the main table's or another the load fills
        with their ids, such as the demo's projects): its first free id and the first code
        number of ``sequence`` the load may use (``customer_id`` names the id of any table)."""
        last_id = self.conn.execute(select(func.max(_table(table).c.id))).scalar() or 0
        seq = self.conn.execute(select(CodeSequence.next_value)
                                .where(CodeSequence.name == sequence)).scalar()
        return BulkStart(customer_id=last_id + 1, code_number=max(seq or 1, last_id + 1))

    # --- writing rows ----------------------------------------------------------------------
    def add_users(self, users: Sequence[Mapping[str, Any]]) -> dict[str, int]:
        """Insert users whose username is free; return every given username's id."""
        table = _table("users")
        names = [u["username"] for u in users]
        found: dict[str, int] = {str(r[0]): int(r[1]) for r in self.conn.execute(
            select(table.c.username, table.c.id).where(table.c.username.in_(names)))}
        for user in users:
            if user["username"] not in found:
                result = self.conn.execute(insert(table).values(**user))
                key = result.inserted_primary_key
                assert key is not None
                found[user["username"]] = int(key[0])
        return {name: found[name] for name in names}

    def insert(self, table: str, fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows of ``fields`` whose values are in the form ``codec_for(self.dialect)``
        gives."""
        if not rows:
            return
        self._loaded[table] = None
        if not self.fast:
            self.conn.execute(insert(_table(table)), [dict(zip(fields, row, strict=True))
                                                      for row in rows])
            return
        sql = (f"INSERT INTO {table} ({', '.join(fields)}) "
               f"VALUES ({', '.join('?' * len(fields))})")
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # open while the load runs
        try:
            cursor.executemany(sql, rows)
        finally:
            cursor.close()
        if table == self.main.table and self._saved:
            self._index_search([row[fields.index("id")] for row in rows])

    def _index_search(self, ids: Sequence[int]) -> None:
        """Add just-inserted customers to both FTS indexes (the triggers are dropped): as
        cheap per row as a final 'rebuild', but done while worker processes make the next
        rows. Only for a range of new ids; otherwise the indexes are rebuilt at the end."""
        low, high = min(ids), max(ids)
        if self._rebuild or low < self.start.customer_id or high - low + 1 != len(ids):
            self._rebuild = True
            return
        for table, column in self.main.fts_tables.items():
            self._sql(f"INSERT INTO {table}(rowid, {column}) SELECT id, {column} "
                      f"FROM {self.main.table} WHERE id BETWEEN {int(low)} AND {int(high)}")

    def set_next_code(self, number: int, sequence: str | None = None) -> None:
        """Move a code counter (the main table's unless ``sequence`` names another) past
        the codes the load used."""
        sequence = sequence or self.main.sequence
        updated = self.conn.execute(update(CodeSequence)
                                    .where(CodeSequence.name == sequence)
                                    .values(next_value=func.max(CodeSequence.next_value,
                                                                number)
                                            if self.dialect == "sqlite" else number))
        if updated.rowcount == 0:
            self.conn.execute(insert(CodeSequence).values(name=sequence, next_value=number))

    def append_audit(self, **entry: Any) -> None:
        """One audit entry through the hash chain, in the load's transaction."""
        with Session(bind=self.conn) as session:
            AuditRepository(session).append(**entry)

    # --- SQLite: indexes and triggers around a big load -----------------------------------
    def _sql(self, statement: str) -> None:
        self.conn.exec_driver_sql(statement)

    def prepare(self) -> None:
        if not self.fast:
            return
        self._sql("PRAGMA cache_size=-262144")
        if not self.big:
            return
        # Builds of SQLite with SECURE_DELETE zero every freed page, and a big load frees
        # many: the FTS segments it merges away. They held only index entries of rows that
        # stay, so there is nothing to scrub (``bulk_load`` restores the setting).
        self._sql("PRAGMA secure_delete=0")
        self._saved = []
        for table in (self.main, *self.others):
            self._saved += [(r[0], r[1], r[2]) for r in self.conn.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? "
                "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
                (table.table,)).all()
                if r[1] not in table.appended_indexes]
        for kind, name, _ in self._saved:
            self.conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
        self._fts_automerge(FTS_AUTOMERGE)

    def _fts_automerge(self, value: int) -> None:
        for table in self.main.fts_tables:
            self._sql(f"INSERT INTO {table}({table}, rank) VALUES('automerge', {value})")

    def finish(self) -> None:
        if not self.fast:
            self._advance_ids()
            self._analyze()
            return
        if self._rebuild:
            for table in self.main.fts_tables:
                self._sql(f"INSERT INTO {table}({table}) VALUES('rebuild')")
        # The dropped indexes are built again by sorting. SQLite's sorter hands runs to helper
        # threads only when it spills them to temporary files (not with temp_store=MEMORY)
        # and cuts a run when it fills the page cache: a small cache makes many runs, sorted
        # on both cores, then merged (a million customers: 4.5-5 s for the five indexes
        # against 10.5 s with a 256 MB cache in one run on one core).
        self._sql(f"PRAGMA cache_size={SORT_CACHE}")
        self._sql(f"PRAGMA threads={min(SORT_THREADS, os.cpu_count() or 1)}")
        for kind, _, sql in self._saved:
            if kind == "index":
                self.conn.exec_driver_sql(sql)
        if self._saved:
            self._fts_automerge(4)  # SQLite's default
        for kind, _, sql in self._saved:
            if kind == "trigger":
                self.conn.exec_driver_sql(sql)
        self._sql("PRAGMA cache_size=-2000")
        self._sql("PRAGMA threads=0")


    def _advance_ids(self) -> None:
        """PostgreSQL: the id sequences past the rows loaded with their ids (the customers
        are; else the next customer saved would take id 1 and be refused)."""
        if self.dialect != "postgresql":
            return
        for table in self._loaded:
            if "id" in _table(table).c:
                self._sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                          f"max(id)) FROM {table} HAVING max(id) IS NOT NULL")

    def _analyze(self) -> None:
        """The server's statistics of the loaded tables, taken now (in the load's
        transaction, which sees its rows). PostgreSQL's autovacuum takes them some time
        after the commit; until then the planner estimates a search's hits blind (200,000
        demo customers without their statistics: ``科技`` 77 ms, ``beijing`` 75 ms; with
        them 4 and 3 ms). SQLite is left alone: its statistics (``ANALYZE``, even sampled
        with ``analysis_limit``) changed no customer list's plan and made a salesperson's
        contacts 2.5 to 40 times slower (100,000 customers)."""
        statement = {"postgresql": "ANALYZE {}", "mssql": "UPDATE STATISTICS {}"}.get(
            self.dialect)
        if statement is not None:
            for table in self._loaded:
                self._sql(statement.format(self.conn.dialect.identifier_preparer.quote(table)))


@contextmanager
def bulk_load(db: Database, rows_hint: int, main: BulkTable,
              others: Sequence[BulkTable] = ()) -> Iterator[BulkLoad]:
    """One write transaction for a bulk load of about ``rows_hint`` rows of ``main`` (and
    rows of ``others``, whose indexes a big load handles as the main table's)."""
    with db.engine.connect() as conn:
        fresh = rows_hint >= BIG_LOAD and _leave_wal(conn, main.table)
        secure = (_raw(conn).execute("PRAGMA secure_delete").fetchone()[0]
                  if conn.dialect.name == "sqlite" else None)
        try:
            with conn.execution_options(**{WRITE_OPTION: True}).begin():
                load = BulkLoad(conn, big=rows_hint >= BIG_LOAD, main=main, others=others)
                load.prepare()
                yield load
                load.finish()
        finally:
            if fresh:
                _raw(conn).execute("PRAGMA journal_mode=WAL")
            if secure is not None:  # the connection goes back to the pool as it came
                _raw(conn).execute(f"PRAGMA secure_delete={int(secure)}")


def _raw(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def _leave_wal(conn: Connection, table: str) -> bool:
    """For a big load into an SQLite database without customers yet: a rollback journal
    instead of the WAL, so the rows are written once (not to the WAL and then again into
    the file). The journal is a file, so a load killed half-way is rolled back when the
    database is next opened (a journal in memory would leave a corrupt file behind), and it
    stays small: it holds only the pages that existed before the load. Only while nobody
    else has the database open (SQLite then refuses to leave WAL)."""
    if conn.dialect.name != "sqlite":
        return False
    raw = _raw(conn)
    if raw.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
        return False
    try:
        mode = raw.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError:  # locked by another connection: keep WAL
        return False
    return str(mode).lower() == "delete"
