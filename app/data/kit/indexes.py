"""Indexes that exist on some databases only, and the list indexes of archivable tables.

A list shows the records not archived (``archived_at IS NULL``) in one order, a page at a
time (``kit/keyset.py``). The databases' planners take that order from an index in
different ways:

- SQLite reads ``archived_at IS NULL`` as an equality on the first column of an index on
  ``(archived_at, sort, id)`` and walks the rest in order (``ix_<table>_list_<sort>``);
- PostgreSQL does not (an equality to a value would do, not ``IS NULL``): it read the
  whole table and sorted it. It walks a partial index on ``(sort, id) WHERE archived_at
  IS NULL``, which SQL Server has as a filtered index of the same shape
  (``ix_<table>_unarchived_<sort>``).

``only_on`` marks an index for some databases: it is created only there (``ddl_if``), and
``migrations/env.py`` leaves it out of the comparison of the models with any other
database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index

SERVERS = ("postgresql", "mssql")


def only_on(index: Index, *dialects: str) -> Index:
    """``index``, made on ``dialects`` only."""
    index.info["dialects"] = dialects
    return index.ddl_if(dialect=dialects)  # type: ignore[arg-type]  # a tuple of dialects is documented


def dialects_of(index: Any) -> tuple[str, ...] | None:
    """The databases ``index`` is made on (None: every one)."""
    return index.info.get("dialects") if isinstance(index, Index) else None


def unarchived_index(name: str, *columns: Any, archived: Any,
                     dialects: tuple[str, ...] = SERVERS) -> Index:
    """A partial index (PostgreSQL) or filtered index (SQL Server) of the records not
    archived, on the server databases only."""
    where = archived.is_(None)
    options = {f"{d}_where": where for d in dialects}
    return only_on(Index(name, *columns, **options), *dialects)
