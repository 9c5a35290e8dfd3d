"""What every report's queries share: the record scope as a condition, plain rows off the
driver, and the driver's values read as Python's (SQLite gives dates as ISO text and sums
of cents as ints, PostgreSQL a sum as numeric)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, false, true
from sqlalchemy.orm import Session

from app.data.kit.rows import driver_rows

Owners = Collection[int] | None  # the users whose records count; None: everyone's


def owned(column: Any, owners: Owners) -> ColumnElement[bool]:
    """``column`` (an owner's id) among ``owners``; always true for None, never for an
    empty set."""
    if owners is None:
        return true()
    if not owners:
        return false()
    return column.in_(sorted(owners))  # type: ignore[no-any-return]  # a column's in_


def rows(session: Session, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    return driver_rows(session, stmt)


def cents(value: Any) -> int:
    """A sum of cents as the driver gives it (None for no rows) as an int."""
    return int(value) if value is not None else 0


def day(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def moment(value: Any) -> datetime | None:
    """A UTC time as the driver gives it (SQLite: ISO text without a zone)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def number(value: Any) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)
