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
