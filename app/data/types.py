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
        return None if value is None else Decimal(int(value)).scaleb(-2)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        # One call per value (lists read thousands): BIGINT needs no conversion of its own.
        return _cents_to_decimal


def _cents_to_decimal(value: Any) -> Decimal | None:
    """Cents as an exact Decimal with two places: 12345 -> Decimal('123.45')."""
    return None if value is None else Decimal(int(value)).scaleb(-2)


class Scaled(TypeDecorator[Decimal]):
    """An exact number that is not money (a quantity to three places, a rate to four),
    stored as a BIGINT of its smallest unit, as ``Money`` is and for the same reason."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places
        self.step = Decimal(1).scaleb(-places)

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return int(number.quantize(self.step, rounding=ROUND_HALF_EVEN).scaleb(self.places))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(int(value)).scaleb(-self.places)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (stored naive UTC, returned aware)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "mssql":  # DATETIME keeps 3.33 ms; DATETIME2 keeps microseconds
            from sqlalchemy.dialects.mssql import DATETIME2

            return dialect.type_descriptor(DATETIME2(precision=6))  # type: ignore[no-untyped-call]  # SQLAlchemy's mssql types are untyped
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Kehu stores UTC-aware datetimes only")
        moment: datetime = value.astimezone(UTC).replace(tzinfo=None)
        return moment

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return _aware(value)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        # SQLite returns text: parse it here in one step rather than through DateTime's
        # own processor and then this one (lists read thousands of these).
        if dialect.name == "sqlite":
            return _aware
        return super().result_processor(dialect, coltype)


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:  # SQLite's text form, as SQLAlchemy writes it
        # Parsed with the offset: five times faster than parsing, then .replace(tzinfo=UTC).
        return datetime.fromisoformat(value + "+00:00")
    aware: datetime = value.replace(tzinfo=UTC)
    return aware


def utcnow() -> datetime:
    return datetime.now(UTC)
