"""Column types that behave the same on SQLite, PostgreSQL and SQL Server."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Exact money: stored as integer minor units (cents) in a BIGINT.

    SQLite's NUMERIC affinity is a binary float and loses digits beyond 15 significant
    figures; a BIGINT of cents holds up to 92,233,720,368,547,758.07 exactly everywhere.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
        cents = amount.quantize(CENT, rounding=ROUND_HALF_EVEN) * 100
        return int(cents)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (stored naive UTC, returned aware)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "mssql":  # DATETIME keeps 3.33 ms; DATETIME2 keeps microseconds
            from sqlalchemy.dialects.mssql import DATETIME2

            return dialect.type_descriptor(DATETIME2(precision=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Kehu stores UTC-aware datetimes only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQLite text
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
