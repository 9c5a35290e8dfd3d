"""Ranges of days a manager names: this month, last year ...; the same period a year
before; the months of a range."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from app.logic.kit.fields import Label

PERIODS = (("this-month", Label("This month", "本月")),
           ("last-month", Label("Last month", "上月")),
           ("this-quarter", Label("This quarter", "本季度")),
           ("last-quarter", Label("Last quarter", "上季度")),
           ("this-year", Label("This year", "今年")),
           ("last-year", Label("Last year", "去年")))


def period(name: str, today: date) -> tuple[date, date]:
    """The first and last day of the period ``name`` around ``today`` (this month: its
    first day to its last)."""
    if name == "this-month":
        return today.replace(day=1), month_end(today.year, today.month)
    if name == "last-month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if name in ("this-quarter", "last-quarter"):
        first_month = (today.month - 1) // 3 * 3 + 1
        start = date(today.year, first_month, 1)
        if name == "last-quarter":
            start = (start - timedelta(days=1)).replace(day=1)
            start = date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
        end_month = start.month + 2
        return start, month_end(start.year, end_month)
    if name == "this-year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if name == "last-year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    raise ValueError(f"unknown period {name!r}")


def month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def year_before(day: date) -> date:
    """The same day a year before; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def months(start: date, end: date) -> Iterator[tuple[int, int]]:
    """(year, month) of each month the range touches, in order."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
