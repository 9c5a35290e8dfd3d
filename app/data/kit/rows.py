"""Many plain rows fast: a statement read on the driver's cursor of the session's
connection, in its transaction, without the ORM's per-row cost.

Tens of thousands of rows of sums (the receivables' aging, customer value) cost the ORM
about twice the query's own time in building its rows and reading each value through its
column type (docs/benchmarks.md). ``driver_rows`` compiles the statement for the database
(IN lists expanded, dates bound as the driver takes them) and returns the driver's tuples
as they are: the caller reads money as the cents the database keeps (an int, or
PostgreSQL's numeric for a sum), dates as SQLite's ISO text or a ``date``, booleans as 0/1
or ``bool``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, DateTime, bindparam
from sqlalchemy.orm import Session


def driver_rows(session: Session, stmt: Any) -> list[tuple[Any, ...]]:
    """The rows of ``stmt``, as the driver gives them."""
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect,
                            compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    processors = compiled._bind_processors  # dates as the driver takes them
    values = {k: processors[k](v) if k in processors else v for k, v in params.items()}
    driver = connection.connection.dbapi_connection
    assert driver is not None  # the session's connection is open in its transaction
    cursor = driver.cursor()
    try:
        if compiled.positional:
            cursor.execute(str(compiled), [values[k] for k in compiled.positiontup or ()])
        else:
            cursor.execute(str(compiled), values)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def driver_executemany(session: Session, stmt: Any, rows: list[dict[str, Any]]) -> None:
    """Run ``stmt`` (an INSERT with a value per column) for each of ``rows`` in one
    executemany on the driver's cursor: the values already as the columns keep them (money
    in cents, exact numbers in their smallest unit); dates and times are bound as the
    driver takes them (SQLite's ISO text)."""
    if not rows:
        return
    connection = session.connection()
    names = list(rows[0])
    compiled = stmt.values({n: bindparam(n) for n in names}).compile(
        dialect=connection.dialect)
    processors = {n: p for n, p in compiled._bind_processors.items()  # dates, times
                  if n in names and _is_temporal(stmt.table.c[n].type)}
    order = list(compiled.positiontup or ()) if compiled.positional else None
    data: list[Any] = []
    for row in rows:
        values = {n: processors[n](v) if n in processors and v is not None else v
                  for n, v in row.items()} if processors else row
        data.append([values[n] for n in order] if order is not None else values)
    driver = connection.connection.dbapi_connection
    assert driver is not None  # the session's connection is open in its transaction
    cursor = driver.cursor()
    try:
        cursor.executemany(str(compiled), data)
    finally:
        cursor.close()


def _is_temporal(kind: Any) -> bool:
    python = getattr(kind, "impl", kind)
    return isinstance(python, (Date, DateTime))
