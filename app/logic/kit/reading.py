"""Import files read safely: the rows of an .xlsx or .csv, streamed, never whole in memory.

``open_table`` gives the header row and an iterator of the rows below it, each with the row
number the user sees (the Excel row, the CSV line), so an import can say "row 17: ...".
A file that cannot be read, or should not be, raises ``UnreadableFile`` with a sentence
the user can act on: an old .xls, a password-protected workbook, a zip bomb, text that is
neither UTF-8 nor GB18030.

The value helpers (``clean_text``, ``parse_day``, ``parse_number``) turn one cell into text,
a day or an exact number, whether the cell came typed from Excel or as text from a CSV;
each raises ``ValueError`` with a short English message the import shows beside the cell.
"""

from __future__ import annotations

import codecs
import csv
import math
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from app.logic.kit.errors import KehuError

Row = tuple[int, tuple[Any, ...]]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
SCAN_CHUNK = 64 * 1024
RATIO_FLOOR = 10 * 1024 * 1024          # the ratio rule applies to entries above 10 MB
CENTRAL_ENTRY_BYTES = 256               # generous room per entry in a zip's central directory
ENCODING_PROBE = 1024 * 1024            # bytes decoded to choose the encoding
SNIFF_CHARS = 64 * 1024                 # characters shown to csv.Sniffer
DELIMITERS = ",;\t"
SHOWN_CHARS = 40                        # of a bad value, in its error message

# The errors openpyxl, zipfile and the XML parser raise on a malformed workbook, whether
# while opening it or, in read-only mode, while the rows are read.
WORKBOOK_ERRORS: tuple[type[BaseException], ...] = (
    InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
    TypeError, AttributeError, IndexError, SyntaxError, OSError)


class UnreadableFile(KehuError):
    """An import file that cannot be read, or is refused; nothing was imported.

    ``source`` is the file's name, ``reason`` what is wrong and what to do about it."""

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"cannot import {source}: {reason}")


@dataclass(frozen=True)
class Table:
    """The rows of an import file's first sheet.

    ``headers`` is the first row with any value, each trimmed, without trailing empty
    columns. ``rows`` yields ``(row number, cells)`` for every later row with any value:
    the number is the Excel row or the CSV line where the record starts (1-based), the
    cells are padded or cut to the width of the headers."""

    headers: tuple[str, ...]
    rows: Iterator[Row]
    source: str


@contextmanager
def open_table(path: str | os.PathLike[str], *, max_unpacked: int = 1 << 30,
               max_entries: int = 10_000, max_ratio: int = 200) -> Iterator[Table]:
    """Open an .xlsx/.xlsm or .csv/.txt import file and yield its ``Table``.

    A workbook is checked as a zip before any XML in it is parsed: at most ``max_entries``
    entries, ``max_unpacked`` bytes unpacked in all, and no entry over 10 MB packed more
    than ``max_ratio`` times. The file (or workbook) is closed when the block ends; the
    rows can be read only inside it."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        rows = _workbook_rows(file, max_unpacked, max_entries, max_ratio)
    elif suffix in TEXT_SUFFIXES:
        rows = _text_rows(file)
    else:
        raise UnreadableFile(file.name, f"it is a {suffix or 'file without a suffix'} file; "
                             "only .xlsx and .csv can be imported")
    with rows as numbered:
        yield _table(numbered, file.name)


def _table(numbered: Iterator[Row], source: str) -> Table:
    """The header row (the first with any value) and the rows below it."""
    for _number, cells in numbered:
        if not _blank(cells):
            headers = [clean_text(cell) for cell in cells]
            while headers and not headers[-1]:
                headers.pop()
            return Table(tuple(headers), _body(numbered, len(headers)), source)
    raise UnreadableFile(source, "the sheet has no header row")


def _body(numbered: Iterator[Row], width: int) -> Iterator[Row]:
    """Each row with any value, its cells padded or cut to ``width``."""
    for number, cells in numbered:
        fitted = cells[:width] + (None,) * (width - len(cells))
        if not _blank(fitted):
            yield number, fitted


def _blank(cells: Sequence[Any]) -> bool:
    """True when no cell holds a value (whitespace-only text counts as none)."""
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


# ---- workbooks ----------------------------------------------------------------------------

@contextmanager
def _workbook_rows(file: Path, max_unpacked: int, max_entries: int,
                   max_ratio: int) -> Iterator[Iterator[Row]]:
    """The numbered rows of the workbook's first worksheet, read on demand."""
    _check_archive(file, max_unpacked, max_entries, max_ratio)
    # openpyxl parses every part with defusedxml when it is installed (it is a dependency):
    # entity definitions (billion laughs) and external entities are refused. Should it run
    # without (OPENPYXL_DEFUSEDXML=False), no workbook is parsed at all.
    if not openpyxl.DEFUSEDXML:
        raise UnreadableFile(file.name, "workbooks cannot be read safely here: openpyxl runs "
                             "without defusedxml")
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except WORKBOOK_ERRORS as exc:
        raise _workbook_failure(file.name, exc) from exc
    try:
        sheets = workbook.worksheets
        if not sheets or not isinstance(sheets[0], ReadOnlyWorksheet):
            raise UnreadableFile(file.name, "the workbook has no worksheet")
        sheet = sheets[0]
        # The <dimension> a workbook states may be wrong (some programs write "A1"), and
        # openpyxl stops at the stated last row; without it, every row is read, and the
        # rows start at row 1 whatever the first filled row is.
        sheet.reset_dimensions()
        numbered = enumerate(sheet.iter_rows(values_only=True), start=1)
        yield _guarded(numbered, lambda exc: _workbook_failure(file.name, exc))
    finally:
        workbook.close()


def _workbook_failure(source: str, exc: BaseException) -> UnreadableFile:
    """The ``UnreadableFile`` for an error openpyxl or the XML parser raised (openpyxl
    wraps some in a ValueError of its own: the whole chain is looked at)."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        return UnreadableFile(source, "the workbook holds XML entity definitions, refused")
    return UnreadableFile(source, "the file is not a valid .xlsx (corrupt or not a workbook)")


def _guarded(numbered: Iterator[tuple[int, Sequence[Any]]],
             failure: Callable[[BaseException], UnreadableFile]) -> Iterator[Row]:
    """``numbered`` with its rows as tuples, a parse error raised as ``failure(error)``."""
    while True:
        try:
            number, cells = next(numbered)
        except StopIteration:
            return
        except WORKBOOK_ERRORS as exc:
            raise failure(exc) from exc
        yield number, tuple(cells)


def _check_archive(file: Path, max_unpacked: int, max_entries: int, max_ratio: int) -> None:
    """Refuse a workbook that is no zip, or a zip that would unpack too large or too wide.

    Declared sizes can be trusted as bounds: zipfile stops reading an entry at its stated
    size and fails on a CRC mismatch."""
    try:
        with file.open("rb") as raw:
            declared = _declared_entries(raw)
        if declared is not None and declared > max_entries:
            raise UnreadableFile(file.name, f"the workbook has more than {max_entries:,} "
                                 "parts (a zip bomb?)")
        if not zipfile.is_zipfile(file):
            raise _not_a_zip(file)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, struct.error) as exc:
        raise UnreadableFile(file.name, "the file is not a valid .xlsx (corrupt or not a "
                             "workbook)") from exc
    except OSError as exc:
        raise UnreadableFile(file.name, f"the file cannot be opened: {exc.strerror}") from exc
    if len(entries) > max_entries:
        raise UnreadableFile(file.name, f"the workbook has more than {max_entries:,} parts "
                             "(a zip bomb?)")
    if sum(entry.file_size for entry in entries) > max_unpacked:
        raise UnreadableFile(file.name, f"the workbook would unpack to more than "
                             f"{_size(max_unpacked)} (a zip bomb?)")
    for entry in entries:
        if (entry.file_size > RATIO_FLOOR
                and entry.file_size / max(entry.compress_size, 1) > max_ratio):
            raise UnreadableFile(file.name, f"a part of the workbook is packed more than "
                                 f"{max_ratio} times (a zip bomb?)")


def _declared_entries(raw: BinaryIO) -> int | None:
    """The entry count a zip's end record states, None when there is no end record.

    Read before zipfile opens the file, since zipfile builds every entry of the central
    directory in memory first. The central directory's size bounds the count as well
    (an end record can understate it): each entry takes at least 46 bytes."""
    raw.seek(0, os.SEEK_END)
    size = raw.tell()
    tail_size = min(size, 22 + 0xFFFF)
    raw.seek(size - tail_size)
    tail = raw.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    total, directory_size = (int(field) for field in struct.unpack_from("<HI", tail, at + 10))
    if directory_size == 0xFFFFFFFF or total == 0xFFFF:      # ZIP64: more than 65,534
        return 0xFFFF
    return max(total, directory_size // CENTRAL_ENTRY_BYTES)


def _not_a_zip(file: Path) -> UnreadableFile:
    """Why a workbook that is no zip cannot be read: an old .xls, encrypted, or corrupt."""
    with file.open("rb") as raw:
        if raw.read(len(OLE2_SIGNATURE)) != OLE2_SIGNATURE:
            return UnreadableFile(file.name, "the file is not a valid .xlsx (corrupt or not "
                                  "a workbook)")
        if _holds(raw, ENCRYPTED_PACKAGE):
            return UnreadableFile(file.name, "the file is encrypted (password protected): "
                                  "open it in Excel, remove the password, save and import "
                                  "that")
    return UnreadableFile(file.name, "it is an old Excel 97-2003 file: save it as .xlsx or "
                          ".csv and import that")


def _holds(raw: BinaryIO, needle: bytes) -> bool:
    """True when the rest of the binary file ``raw`` contains ``needle``, read in chunks."""
    carry = b""
    while chunk := raw.read(SCAN_CHUNK):
        if needle in carry + chunk:
            return True
        carry = chunk[-(len(needle) - 1):]
    return False


def _size(count: int) -> str:
    """A byte count for a message: "1.0 GB", "10 MB"."""
    if count >= 1 << 30:
        return f"{count / (1 << 30):.1f} GB"
    return f"{count / (1 << 20):.0f} MB"


# ---- text files -----------------------------------------------------------------------------

@contextmanager
def _text_rows(file: Path) -> Iterator[Iterator[Row]]:
    """The numbered records of a CSV file, decoded and split as they are read."""
    encoding = _encoding(file)
    try:
        text = file.open(encoding=encoding, newline="")
    except OSError as exc:
        raise UnreadableFile(file.name, f"the file cannot be opened: {exc.strerror}") from exc
    with text:
        try:
            delimiter = _delimiter(text.read(SNIFF_CHARS))
        except UnicodeDecodeError as exc:
            raise UnreadableFile(file.name, f"the file is not {encoding} text") from exc
        text.seek(0)
        yield _records(csv.reader(text, delimiter=delimiter), file.name, encoding)


def _records(reader: Any, source: str, encoding: str) -> Iterator[Row]:
    """Each record with the line it starts on (a quoted cell may span several lines)."""
    while True:
        first_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise UnreadableFile(source, f"line {first_line} is not {encoding} text") from exc
        except csv.Error as exc:
            raise UnreadableFile(source, f"line {first_line} cannot be read: {exc}") from exc
        yield first_line, tuple(record)


def _encoding(file: Path) -> str:
    """The file's encoding: from its byte-order mark, else UTF-8 or GB18030, whichever
    decodes the first megabyte (a character cut at its end does not count against it)."""
    try:
        with file.open("rb") as raw:
            probe = raw.read(ENCODING_PROBE + 1)
    except OSError as exc:
        raise UnreadableFile(file.name, f"the file cannot be opened: {exc.strerror}") from exc
    if probe.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if probe.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"                 # Excel's "Unicode text"
    complete = len(probe) <= ENCODING_PROBE
    head = probe[:ENCODING_PROBE]
    if b"\x00" not in head:
        for encoding in ("utf-8", "gb18030"):
            try:
                codecs.getincrementaldecoder(encoding)().decode(head, final=complete)
            except UnicodeDecodeError:
                continue
            return encoding
    raise UnreadableFile(file.name, "the file is not UTF-8 or GB18030 text")


def _delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: comma, semicolon or tab.

    csv.Sniffer decides on whole lines; when it cannot, the one the header line holds
    most of, and a comma when it holds none."""
    whole_lines = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(whole_lines, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = next((line for line in whole_lines.splitlines() if line.strip()), "")
        best = max(DELIMITERS, key=header.count)
        return best if header.count(best) else ","


# ---- values --------------------------------------------------------------------------------

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their half-width forms;
# NFKC on the whole text would change other CJK characters too.
HALF_WIDTH = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)}
HALF_WIDTH[0x3000] = " "
EDGE_SPACE = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")

DAY_FORMS = (
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})\s*(年)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
TIME_OF_DAY = re.compile(r"(?:[ T]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                         r"\s*(?:Z|[+-]\d{2}:?\d{2})?)?")
EXCEL_DAY_ZERO = date(1899, 12, 30)     # serial 61 is 1900-03-01
EXCEL_LAST_SERIAL = 2958465             # 9999-12-31

NUMBER = re.compile(r"""
    (?P<sign>[-+\u2212])?\s*
    (?:[¥￥$€]|RMB)?\s*
    (?P<sign_after>[-+\u2212])?\s*
    (?P<digits>\d{1,3}(?P<sep>[,\s])\d{3}(?:(?P=sep)\d{3})*(?:\.\d*)?  # 1,234,567.89 / 1 234
             |\d+(?:\.\d*)?(?:[eE][-+]?\d+)?                          # 1234.5 / 1.2E+5
             |\.\d+)                                                  # .5
    \s*(?P<percent>%)?
    """, re.VERBOSE | re.IGNORECASE)


def clean_text(value: Any) -> str:
    """A cell as trimmed text: full-width ASCII made half-width, numbers without a stray
    ".0" (a code 12209 read as 12209.0 stays "12209"), days as ISO dates.

    Leading zeros in text are kept ("00123"); a number that is not finite raises
    ``ValueError``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return EDGE_SPACE.sub("", value.translate(HALF_WIDTH))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _plain_number(value)
    if isinstance(value, datetime):
        return _day_and_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    return EDGE_SPACE.sub("", str(value))


def _plain_number(value: float | Decimal) -> str:
    """A float or Decimal as text without an exponent; an integral float without ".0"."""
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        raise ValueError(f"not a number: '{value}'")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(number.normalize(), "f")
    return format(number, "f")


def _day_and_time(value: datetime) -> str:
    """"2026-03-01" at midnight, else "2026-03-01 14:05" (with seconds when there are)."""
    if value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")


def parse_day(value: Any) -> date | None:
    """A cell as a day: an Excel date, an Excel day number, or text such as "2026-03-01",
    "2026/3/1", "2026.3.1", "2026年3月1日" (a time after it is ignored). Empty is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_day(value)
    text = clean_text(value)
    if not text:
        return None
    for form in DAY_FORMS:
        day = form.match(text)
        clock = day and TIME_OF_DAY.fullmatch(text, day.end())
        if day and clock:
            try:
                time(int(clock[1] or 0), int(clock[2] or 0), int(clock[3] or 0))
                return date(int(day[1]), int(day[3]), int(day[4]))
            except ValueError:
                break
    raise _not_a_day(text)


def _excel_day(serial: float) -> date:
    """The day an Excel serial number (1900 date system) stands for.

    Excel counts 1900 as a leap year: serial 60 is 1900-02-29, a day that never was, and
    from serial 61 on every serial is one more than the days since 1899-12-31."""
    if not (math.isfinite(serial) and 1 <= serial < EXCEL_LAST_SERIAL + 1):
        raise _not_a_day(clean_text(serial) if math.isfinite(serial) else str(serial))
    whole = int(serial)
    if whole == 60:
        raise _not_a_day("1900-02-29 (Excel day 60)")
    return EXCEL_DAY_ZERO + timedelta(days=whole if whole > 60 else whole + 1)


def _not_a_day(shown: str) -> ValueError:
    return ValueError(f"not a date: '{_shorten(shown)}' (write 2026-03-01)")


def parse_number(value: Any) -> Decimal | None:
    """A cell as an exact number. Text may have thousands separators ("1,234,567.89",
    "1 234"), a currency sign in front ("¥", "$", "€", "RMB"), a trailing "%" (divided by
    100), or parentheses for a negative amount ("(1,234.00)"). Empty is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a number: '{clean_text(value)}'")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        if not number.is_finite():
            raise ValueError(f"not a number: '{value}'")
        return number
    text = clean_text(value)
    return _number_text(text) if text else None


def _number_text(text: str) -> Decimal:
    """The number written in ``text`` (see ``parse_number``)."""
    negative = text.startswith("(") and text.endswith(")")
    written = NUMBER.fullmatch(text[1:-1].strip() if negative else text)
    if written is None or (written["sign"] and written["sign_after"]) or (
            negative and (written["sign"] or written["sign_after"])):
        raise ValueError(f"not a number: '{_shorten(text)}'")
    digits = written["digits"]
    if written["sep"]:
        digits = digits.replace(written["sep"], "")
    try:
        number = Decimal(digits)
    except InvalidOperation as exc:     # defensive: the pattern admits only numbers
        raise ValueError(f"not a number: '{_shorten(text)}'") from exc
    if written["percent"]:
        number = number.scaleb(-2)
    sign = written["sign"] or written["sign_after"]
    return -number if negative or sign in ("-", "\u2212") else number


def _shorten(text: str) -> str:
    """``text`` cut for an error message."""
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
