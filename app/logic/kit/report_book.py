"""Reports to Excel: a sheet per table, each with a title, typed cells and, where it has
one, a native Excel chart (XlsxWriter's: the workbook keeps the chart's ranges, so Excel
and LibreOffice draw it from the cells and it follows an edit), and a last sheet about the
report.

The cells are what ``workbook.py`` writes for a list: text as strings (never a formula),
numbers as numbers with a display format (money ``#,##0.00``, a share ``0.0%``), dates as
dates. Written to a temporary file beside the target and moved onto it when complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from app.logic.kit.workbook import (
    ABOUT_MAX_WIDTH,
    MAX_WIDTH,
    MIN_WIDTH,
    Cancelled,
    _reserve_beside,
    _sheet_name,
    display_width,
)

KINDS = ("text", "integer", "money", "percent", "decimal", "date")
FORMATS = {"integer": "#,##0", "money": "#,##0.00", "percent": "0.0%", "decimal": "#,##0.0",
           "date": "yyyy-mm-dd"}
CHARTS = {"column": "column", "bar": "bar", "line": "line", "pie": "pie", "scatter": "scatter"}
TITLE_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 3
FIRST_ROW = HEADER_ROW + 1
CHART_SIZE = (720, 400)  # pixels


@dataclass(frozen=True)
class BookColumn:
    header: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.header!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class BookChart:
    """A chart of the sheet's table: ``kind`` (column, bar, line, pie, scatter), the
    column of the categories (a scatter's x values), the columns drawn (a series each),
    the first ``rows`` rows only (None: all)."""

    kind: str
    title: str
    category: int
    values: tuple[int, ...]
    rows: int | None = None
    percent_axis: bool = False


@dataclass(frozen=True)
class BookSheet:
    name: str
    title: str
    note: str
    columns: Sequence[BookColumn]
    rows: Sequence[Sequence[Any]]
    chart: BookChart | None = None


@dataclass(frozen=True)
class ChartPlace:
    """Where a sheet's chart reads its cells (0-based rows and columns), for tests and
    for the reader of the code: categories and each series' values."""

    sheet: str
    first_row: int
    last_row: int
    category: int
    values: tuple[int, ...]


def write_book(path: str | os.PathLike[str], sheets: Sequence[BookSheet], *,
               about_title: str, about: Sequence[tuple[str, str]],
               progress: Callable[[int], bool] | None = None) -> list[ChartPlace]:
    """Write ``sheets`` and the about sheet to ``path`` (untouched on any failure);
    ``progress(sheets done)`` after each sheet, False cancels (Cancelled). Returns where
    each chart reads its cells."""
    if not sheets:
        raise ValueError("a report workbook needs at least one sheet")
    target = Path(path)
    part = _reserve_beside(target)
    places: list[ChartPlace] = []
    try:
        book = xlsxwriter.Workbook(str(part), {"strings_to_formulas": False,
                                               "strings_to_urls": False})
        try:
            formats = _formats(book)
            used: set[str] = set()
            for done, sheet in enumerate(sheets, 1):
                name = _unique(_sheet_name(sheet.name, f"Sheet{done}"), used)
                place = _write_sheet(book, name, sheet, formats)
                if place is not None:
                    places.append(place)
                if progress is not None and not progress(done):
                    raise Cancelled
            about_name = _unique(_sheet_name(about_title, "About"), used)
            _write_about(book.add_worksheet(about_name), formats["bold"], about)
        finally:
            book.close()  # an unfinished book is closed so its file can go
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return places


def _unique(name: str, used: set[str]) -> str:
    """Sheet names are unique without case in a workbook (and at most 31 characters)."""
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = name[:31 - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def _formats(book: Any) -> dict[str, Any]:
    found = {kind: book.add_format({"num_format": code}) for kind, code in FORMATS.items()}
    found["bold"] = book.add_format({"bold": True})
    found["header"] = book.add_format({"bold": True, "bottom": 1, "bg_color": "#EEF2F7",
                                       "text_wrap": True, "valign": "top"})
    found["title"] = book.add_format({"bold": True, "font_size": 14})
    found["note"] = book.add_format({"italic": True, "font_color": "#555555"})
    return found


def _write_sheet(book: Any, name: str, sheet: BookSheet, formats: dict[str, Any]
                 ) -> ChartPlace | None:
    ws = book.add_worksheet(name)
    ws.write_string(TITLE_ROW, 0, sheet.title, formats["title"])
    if sheet.note:
        ws.write_string(NOTE_ROW, 0, sheet.note, formats["note"])
    widths = [display_width(c.header) + 2 for c in sheet.columns]
    for col, column in enumerate(sheet.columns):
        ws.write_string(HEADER_ROW, col, column.header, formats["header"])
    for n, row in enumerate(sheet.rows):
        r = FIRST_ROW + n
        for col, (column, value) in enumerate(zip(sheet.columns, row, strict=True)):
            if value is None:
                continue
            shown = _write_cell(ws, r, col, column.kind, value, formats)
            widths[col] = max(widths[col], display_width(shown) + 2)
    for col, width in enumerate(widths):
        ws.set_column(col, col, min(max(width, MIN_WIDTH), MAX_WIDTH))
    ws.freeze_panes(FIRST_ROW, 0)
    _page_setup(ws)
    if sheet.rows:
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(sheet.rows), len(sheet.columns) - 1)
    if sheet.chart is None or not sheet.rows:
        return None
    return _add_chart(book, ws, name, sheet, sheet.chart)


def _page_setup(ws: Any) -> None:
    """As it prints: landscape A4, the table and the chart beside it one page wide (as
    many pages down as the rows need), the header row on every page, the sheet's name and
    the page number in the footer."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_footer("&L&A&R&P / &N")


def _write_cell(ws: Any, row: int, col: int, kind: str, value: Any,
                formats: dict[str, Any]) -> str:
    """Write one typed cell; what it shows (for the column's width)."""
    if kind == "text":
        text = str(value)
        ws.write_string(row, col, text)
        return text
    if kind == "date":
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        ws.write_datetime(row, col, day, formats["date"])
        return "0000-00-00"
    number = float(value) if isinstance(value, Decimal) else value
    ws.write_number(row, col, number, formats[kind])
    if kind == "percent":
        return f"{float(value):.1%}"
    if kind == "money":
        return f"{float(value):,.2f}"
    return f"{value:,}" if kind == "integer" else f"{float(value):,.1f}"


def _add_chart(book: Any, ws: Any, name: str, sheet: BookSheet, chart: BookChart
               ) -> ChartPlace:
    count = len(sheet.rows) if chart.rows is None else min(chart.rows, len(sheet.rows))
    first, last = FIRST_ROW, FIRST_ROW + count - 1
    options: dict[str, Any] = {"type": CHARTS[chart.kind]}
    if chart.kind == "scatter":
        options["subtype"] = "straight_with_markers"
    made = book.add_chart(options)
    for col in chart.values:
        series: dict[str, Any] = {
            "name": [name, HEADER_ROW, col],
            "categories": [name, first, chart.category, last, chart.category],
            "values": [name, first, col, last, col]}
        if chart.kind == "pie":
            series["data_labels"] = {"percentage": True, "category": True,
                                     "leader_lines": True}
        if chart.kind in ("line", "scatter"):
            series["marker"] = {"type": "circle", "size": 5}
        made.add_series(series)
    made.set_title({"name": chart.title, "name_font": {"size": 12}})
    if chart.kind != "pie":
        made.set_legend({"position": "bottom"} if len(chart.values) > 1 else {"none": True})
        value_axis: dict[str, Any] = {"major_gridlines": {"visible": True,
                                          "line": {"color": "#D9D9D9"}}}
        # The axis's numbers with separators, as the cells (30,000,000 not 30000000).
        value_axis["num_format"] = "0%" if chart.percent_axis else "#,##0"
        if chart.kind == "bar":
            made.set_x_axis(value_axis)
            made.set_y_axis({"reverse": True})  # the first row on top, as in the table
        else:
            made.set_y_axis(value_axis)
    made.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
    ws.insert_chart(HEADER_ROW, len(sheet.columns) + 1, made, {"x_offset": 10})
    return ChartPlace(name, first, last, chart.category, chart.values)


def _write_about(ws: Any, bold: Any, pairs: Sequence[tuple[str, str]]) -> None:
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    for row, (label, value) in enumerate(pairs):
        ws.write_string(row, 0, label, bold)
        ws.write_string(row, 1, value)
    for col in (0, 1):
        widest = max((display_width(pair[col]) for pair in pairs), default=0) + 2
        ws.set_column(col, col, min(max(widest, MIN_WIDTH), ABOUT_MAX_WIDTH))
