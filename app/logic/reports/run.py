"""What a report's figures are computed from: the unit of work, the parameters resolved,
the owners whose records count, today. Shared by the builders of each report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.data.kit.uow import UnitOfWork
from app.data.reports import Owners
from app.logic.reports.model import Params, ReportDef, Table

CENT = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Run:
    uow: UnitOfWork
    definition: ReportDef
    params: Params  # start, end and as_of set
    owners: Owners
    today: date
    now: datetime

    @property
    def start(self) -> date:
        assert self.params.start is not None
        return self.params.start

    @property
    def end(self) -> date:
        assert self.params.end is not None
        return self.params.end

    @property
    def as_of(self) -> date:
        assert self.params.as_of is not None
        return self.params.as_of

    def table(self, key: str, rows: list[tuple[Any, ...]]) -> Table:
        section = self.definition.section(key)
        width = len(section.columns)
        for row in rows:
            if len(row) != width:
                raise AssertionError(f"{self.definition.name}/{key}: a row of {len(row)} "
                                     f"values for {width} columns")
        return Table(section, tuple(rows))

    def kept(self, key: str) -> bool:
        """Whether the section ``key`` is wanted (``--by`` keeps one breakdown)."""
        by = self.params.by
        return by is None or key.removeprefix("by_") == by or key == BY_SECTION.get(by)


BY_SECTION = {"month": "new_per_month"}
Builder = Callable[[Run], list[Table]]


def money(value_cents: int) -> Decimal:
    return Decimal(value_cents).scaleb(-2)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` to four places (half up); None of nothing."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES, ROUND_HALF_UP)


def local_start(day: date) -> datetime:
    """The start of ``day`` in the local time zone, in UTC."""
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The local day of a UTC time (kept without a zone)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
