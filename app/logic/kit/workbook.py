"""Lists to Excel: the rows of a list in typed columns, and a second sheet about the export.

XlsxWriter runs in constant-memory mode: each row goes to a scratch file as soon as the next
one starts, so memory stays flat however many rows come. The workbook is built in a temporary
file beside the target and moved onto it only when complete; a failure or a cancel leaves the
target as it was and nothing else behind.

Every text is written as a string cell (never a formula, whatever it starts with); numbers,
money, percentages and times as real numbers with a display format, so they sort and add up.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import xlsxwriter

KINDS = ("text", "money", "integer", "decimal", "percent", "date", "datetime", "bool")
FORMATS = {"money": "#,##0.00", "percent": "0.0%", "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm"}
SAMPLE_ROWS = 200          # the rows whose values size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60
ABOUT_MAX_WIDTH = 100
MAX_ROWS = 1_048_575       # Excel's 1,048,576 rows, less the header
BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))

CellWriter = Callable[[int, Any], object]
About = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Column:
    """One exported column. ``header`` is already in the user's language.

    ``percent`` values are fractions (0.125 shows as 12.5%). ``width`` is in characters;
    None sizes the column from its header and the values of the first rows.
    """

    key: str
    header: str
    kind: str
    width: float | None = None
    hidden: bool = False  # kept for a machine (an export's round-trip keys), not shown

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")


class Cancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


class TooManyRows(ValueError):
    """More rows than one Excel sheet holds; nothing was written."""


class _Sheet(Protocol):
    """The part of XlsxWriter's Worksheet used here."""

    def write_string(self, row: int, col: int, string: str, fmt: object = None) -> int: ...
    def write_number(self, row: int, col: int, number: float, fmt: object = None) -> int: ...
    def write_datetime(self, row: int, col: int, date: date, fmt: object = None) -> int: ...
    def set_column(self, first_col: int, last_col: int, width: float,
                   cell_format: object = None, options: object = None) -> int: ...
    def freeze_panes(self, row: int, col: int) -> None: ...
    def autofilter(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None: ...


def write_workbook(path: str | os.PathLike[str], columns: Sequence[Column],
                   rows: Iterable[Sequence[Any]], *, sheet_name: str, about_title: str,
                   about: About | Callable[[int], About],
                   progress: Callable[[int], bool] | None = None, progress_every: int = 1000,
                   yes_no: tuple[str, str] = ("Yes", "No")) -> int:
    """Write ``rows`` under ``columns`` to the .xlsx file ``path``; return the row count.

    ``about`` is the (label, value) pairs of the second sheet, or a function of the row count
    that returns them. ``progress(done)`` is called every ``progress_every`` rows; when it
    returns False the export stops and raises Cancelled. On any failure ``path`` is untouched.
    """
    if not columns:
        raise ValueError("an export needs at least one column")
    if progress_every < 1:
        raise ValueError("progress_every must be at least 1")
    target = Path(path)
    part = _reserve_beside(target)
    try:
        with tempfile.TemporaryDirectory(prefix="kehu-export-",
                                         ignore_cleanup_errors=True) as scratch:
            book = xlsxwriter.Workbook(str(part), {"constant_memory": True, "tmpdir": scratch})
            count = _fill_and_close(book, _Export(columns, rows, sheet_name, about_title, about,
                                                  progress, progress_every, yes_no))
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return count


@dataclass(frozen=True)
class _Export:
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    sheet_name: str
    about_title: str
    about: About | Callable[[int], About]
    progress: Callable[[int], bool] | None
    progress_every: int
    yes_no: tuple[str, str]


def _fill_and_close(book: Any, job: _Export) -> int:
    try:
        list_name, about_name = _sheet_names(job.sheet_name, job.about_title)
        bold = book.add_format({"bold": True})
        data: _Sheet = book.add_worksheet(list_name)
        about: _Sheet = book.add_worksheet(about_name)
        styles = {kind: book.add_format({"num_format": code}) for kind, code in FORMATS.items()}
        count = _write_list(data, bold, styles, job)
        pairs = job.about(count) if callable(job.about) else job.about
        _write_about(about, bold, pairs)
        book.close()
    except BaseException:
        # XlsxWriter has no public way to drop a workbook unwritten (close() would package
        # every row so far); _opt_close() is what close() itself calls to close each sheet's
        # scratch file, which must be closed before its directory can go on Windows.
        for sheet in book.worksheets():
            sheet._opt_close()
        raise
    return count


def _write_list(sheet: _Sheet, bold: object, styles: dict[str, object], job: _Export) -> int:
    columns = job.columns
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.header, bold)
    writers = [_cell_writer(sheet, col, column.kind, styles.get(column.kind), job.yes_no)
               for col, column in enumerate(columns)]
    widths = _Widths(columns, job.yes_no)
    progress, every = job.progress, job.progress_every
    done = 0
    for done, row in enumerate(job.rows, 1):
        if done > MAX_ROWS:
            raise TooManyRows(f"an Excel sheet holds at most {MAX_ROWS:,} rows")
        for write, value in zip(writers, row, strict=True):
            if value is not None:
                write(done, value)
        if done <= SAMPLE_ROWS:
            widths.see(row)
        if progress is not None and done % every == 0 and not progress(done):
            raise Cancelled
    sheet.freeze_panes(1, 0)
    shown = sum(1 for column in columns if not column.hidden)  # hidden ones come last
    sheet.autofilter(0, 0, done, max(shown, 1) - 1)
    widths.apply(sheet)
    return done


def _cell_writer(sheet: _Sheet, col: int, kind: str, style: object,
                 yes_no: tuple[str, str]) -> CellWriter:
    """One function per column, chosen once, so the row loop makes no per-cell decisions."""
    text, number, when = sheet.write_string, sheet.write_number, sheet.write_datetime
    if kind == "text":
        return lambda row, value: text(row, col, value if value.__class__ is str else str(value))
    if kind == "bool":
        yes, no = yes_no
        return lambda row, value: text(row, col, yes if value else no)
    if kind == "integer":
        return lambda row, value: number(row, col, value)
    if kind == "date":
        return lambda row, value: when(row, col, value if value.__class__ is date
                                       else _local(value).date(), style)
    if kind == "datetime":
        return lambda row, value: when(row, col, _local(value), style)
    return lambda row, value: number(row, col, float(value), style)


def _local(moment: datetime) -> datetime:
    """Excel has no time zones: an aware time becomes the local wall-clock time."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


SHOWN: dict[str, Callable[[Any], str]] = {
    "text": str,
    "money": lambda value: f"{float(value):,.2f}",
    "integer": str,
    "decimal": lambda value: f"{float(value):.11g}",
    "percent": lambda value: f"{float(value):.1%}",
    "date": lambda value: "0000-00-00",
    "datetime": lambda value: "0000-00-00 00:00",
}


class _Widths:
    """Column widths from the headers and the first rows, as Excel shows the values.

    In constant-memory mode XlsxWriter still writes the column widths when it closes the
    workbook, so they are set after the rows and no row needs to be held back.
    """

    def __init__(self, columns: Sequence[Column], yes_no: tuple[str, str]) -> None:
        self.columns = columns
        words = max(display_width(word) for word in yes_no)
        self.shown = [SHOWN.get(column.kind) for column in columns]
        # room for the filter button beside a header; a yes/no column holds its words
        self.widest = [max(display_width(column.header) + 3,
                           words + 2 if column.kind == "bool" else 0) for column in columns]

    def see(self, row: Sequence[Any]) -> None:
        for col, (shown, value) in enumerate(zip(self.shown, row, strict=True)):
            if value is not None and shown is not None:
                self.widest[col] = max(self.widest[col], display_width(shown(value)) + 2)

    def apply(self, sheet: _Sheet) -> None:
        for col, column in enumerate(self.columns):
            width = column.width
            if width is None:
                width = min(max(self.widest[col], MIN_WIDTH), MAX_WIDTH)
            if column.hidden:
                sheet.set_column(col, col, width, None, {"hidden": True})
            else:
                sheet.set_column(col, col, width)


def display_width(text: str) -> int:
    """How many character cells ``text`` takes: CJK and other wide characters count 2."""
    lines = text.split("\n")
    if text.isascii():
        return max(map(len, lines))
    return max(len(line) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in line)
               for line in lines)


def _write_about(sheet: _Sheet, bold: object, pairs: About) -> None:
    for row, (label, value) in enumerate(pairs):
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, value)
    for col in (0, 1):
        widest = max((display_width(pair[col]) for pair in pairs), default=0) + 2
        sheet.set_column(col, col, min(max(widest, MIN_WIDTH), ABOUT_MAX_WIDTH))


def _sheet_names(list_name: str, about_name: str) -> tuple[str, str]:
    first = _sheet_name(list_name, "Sheet1")
    second = _sheet_name(about_name, "Sheet2")
    if second.lower() == first.lower():
        second = _sheet_name(f"{about_name[:27]} (2)", "Sheet2")
    return first, second


def _sheet_name(name: str, fallback: str) -> str:
    """A name Excel accepts: no []:*?/\\, no apostrophe at either end, 31 UTF-16 units."""
    name = name.translate(BAD_SHEET_CHARS).strip(" '")
    while len(name.encode("utf-16-le")) > 62:
        name = name[:-1].rstrip(" '")
    return name or fallback


def _reserve_beside(target: Path) -> Path:
    """Create an empty, unused file in the target's folder for the workbook to be built in."""
    for _ in range(100):
        part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return part
    raise FileExistsError(f"no free temporary name beside {target}")
