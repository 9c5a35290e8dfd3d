"""What a report is: its definition (sections of typed columns, a chart where one helps,
the parameters it takes) and what running it gives (the rows of each section, the
parameters resolved, who ran it and when); what the dashboard shows.

Nothing here knows Qt, SQL or Excel: the screens draw a ``Report`` as tables and QtCharts
charts, the workbook writes it with native Excel charts, the CLI prints it as JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.logic.kit.fields import Label

# What a column holds: text; integer; money (Decimal, two places); percent (a share from
# 0 to 1, Decimal); decimal (Decimal: days, hours); date; month (text "YYYY-MM").
KINDS = ("text", "integer", "money", "percent", "decimal", "date", "month")
CHART_KINDS = ("column", "bar", "line", "pie", "scatter")
PARAMS = ("from", "to", "owner", "team", "province", "by", "top", "as_of")


@dataclass(frozen=True)
class Col:
    key: str  # the stable English key of --json
    label: Label
    kind: str = "text"
    # A code's words (a stage's "proposal": Proposal / 方案): the screens and the workbook
    # show them, --json keeps the code.
    words: Mapping[str, Label] | None = field(default=None, compare=False)

    def shown(self, value: Any, language: str) -> Any:
        """``value`` as a person reads it in ``language`` (a code by its words)."""
        if self.words is not None and isinstance(value, str) and value in self.words:
            return self.words[value].text(language)
        return value

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Chart:
    """A chart of a section: ``category`` the column along the axis (or the slices),
    ``values`` the columns drawn (one series each); the first ``limit`` rows only (the
    top 20 customers), all without one. ``x`` for a scatter: the value column along the
    horizontal axis."""

    kind: str
    category: str
    values: tuple[str, ...]
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"chart: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Section:
    key: str
    title: Label
    columns: tuple[Col, ...]
    chart: Chart | None = None

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)

    def index(self, key: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.key == key)


@dataclass(frozen=True)
class Choice:
    value: str
    label: Label


@dataclass(frozen=True)
class ReportDef:
    """A report: its name (``kehu report NAME``), words, the sections it gives, the
    parameters it takes (of ``PARAMS``), the choices of ``--by`` (a breakdown: the
    sections it keeps) and the period it covers unless told ("year": this year,
    "month", "today": as of a day, "none")."""

    name: str
    title: Label
    about: Label
    sections: tuple[Section, ...]
    params: tuple[str, ...] = ("from", "to", "owner", "team")
    by: tuple[Choice, ...] = ()
    period: str = "year"

    def __post_init__(self) -> None:
        unknown = set(self.params) - set(PARAMS)
        if unknown:
            raise ValueError(f"report {self.name}: unknown parameters {sorted(unknown)}")

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


@dataclass(frozen=True)
class Params:
    """What a report is run for. ``start``/``end``: the range of days (both included;
    None: the report's usual period); ``as_of``: the day balances are taken (receivables;
    None: ``end`` or today); ``owner`` a user name, ``team`` a department's name,
    ``province`` a region; ``by`` one of the report's breakdowns; ``top`` how many rows
    of a ranking."""

    start: date | None = None
    end: date | None = None
    owner: str | None = None
    team: str | None = None
    province: str | None = None
    by: str | None = None
    top: int | None = None
    as_of: date | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) if not isinstance(v, date) else v.isoformat()
                for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass(frozen=True)
class Table:
    section: Section
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class Report:
    """A report as run: ``params`` with the range resolved (``start``, ``end``, ``as_of``
    always set), the tables of the sections kept, who ran it, when, and within which
    record scope ("own", "team", "all")."""

    definition: ReportDef
    params: Params
    tables: tuple[Table, ...]
    made_at: datetime
    made_by: str
    scope: str

    @property
    def name(self) -> str:
        return self.definition.name

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.section.key == key)

    def as_json(self) -> list[dict[str, Any]]:
        """The rows as objects with the columns' stable English keys: money as strings
        with two places, shares as strings with four, dates as YYYY-MM-DD; a report of
        several sections names each row's ``section``."""
        several = len(self.definition.sections) > 1
        out: list[dict[str, Any]] = []
        for table in self.tables:
            cols = table.section.columns
            for row in table.rows:
                item: dict[str, Any] = {"section": table.section.key} if several else {}
                item.update((c.key, json_value(c.kind, v)) for c, v in zip(cols, row,
                                                                           strict=True))
                out.append(item)
        return out


def json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "money":
        return f"{Decimal(value):.2f}"
    if kind == "percent":
        return f"{Decimal(value):.4f}"
    if kind == "decimal":  # as the report rounded it (hours to a tenth, quantities exact)
        return format(Decimal(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- the dashboard ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Drill:
    """Where a figure or a chart's element leads: the list of ``entity`` (in the screens
    of ``module``) with these filters (field, value) and ranges (field, from, to)."""

    module: str
    entity: str
    filters: tuple[tuple[str, Any], ...] = ()
    ranges: tuple[tuple[str, Any, Any], ...] = ()
    label: Label | None = None


@dataclass(frozen=True)
class Figure:
    """A key figure: its value, the same period of last year's where one compares
    (``before``), and the list behind it."""

    key: str
    label: Label
    kind: str  # "money" or "integer"
    value: Decimal | int
    before: Decimal | int | None = None
    drill: Drill | None = None  # None: the user may not open the list behind it
    scope: str = ""  # whose records it counts: own, team, all (its list's record scope)

    @property
    def change(self) -> Decimal | None:
        """The change against ``before`` as a share (0.125: 12.5% up); None without one
        or from nothing."""
        if self.before is None or not self.before:
            return None
        return (Decimal(self.value) - Decimal(self.before)) / Decimal(self.before)


@dataclass(frozen=True)
class Series:
    label: Label
    values: tuple[Decimal | int, ...]
    drills: tuple[Drill | None, ...] = ()  # per category; None: no list to open


@dataclass(frozen=True)
class DashChart:
    key: str
    title: Label
    kind: str  # column, bar, pie, line
    categories: tuple[Label, ...]
    series: tuple[Series, ...]
    money: bool = True
    scope: str = ""


@dataclass(frozen=True)
class Dashboard:
    today: date
    scope: str
    figures: tuple[Figure, ...]
    charts: tuple[DashChart, ...]
    made_at: datetime = field(compare=False, default_factory=datetime.now)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def chart(self, key: str) -> DashChart:
        return next(c for c in self.charts if c.key == key)


def labels(words: Sequence[tuple[str, str, str]]) -> Mapping[str, Label]:
    """(value, English, Chinese) triples as value -> Label."""
    return {v: Label(en, zh) for v, en, zh in words}
