"""open_table and the value helpers: real .xlsx and .csv files written to tmp_path."""

from __future__ import annotations

import random
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.logic.kit.reading import (
    ENCODING_PROBE,
    OLE2_SIGNATURE,
    SCAN_CHUNK,
    Table,
    UnreadableFile,
    clean_text,
    open_table,
    parse_day,
    parse_number,
)

Row = tuple[int, tuple[Any, ...]]
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read(path: Path, **limits: int) -> tuple[tuple[str, ...], list[Row]]:
    """The headers and every row of ``path``, read inside the block."""
    with open_table(path, **limits) as table:
        assert isinstance(table, Table)
        assert table.source == path.name
        return table.headers, list(table.rows)


def workbook(path: Path, rows: Iterable[Sequence[Any]], start_row: int = 1) -> Path:
    """An .xlsx whose first sheet holds ``rows`` from ``start_row`` on."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for offset, cells in enumerate(rows):
        for column, value in enumerate(cells, start=1):
            sheet.cell(row=start_row + offset, column=column, value=value)
    book.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of a zip with ``change(its bytes)``, keeping the others."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def refusal(path: Path, **limits: int) -> str:
    """The message ``open_table`` refuses ``path`` with, reading every row."""
    with pytest.raises(UnreadableFile) as raised:
        read(path, **limits)
    assert raised.value.source == path.name
    assert str(raised.value).startswith(f"cannot import {path.name}: ")
    return raised.value.reason


# ---- workbooks ----------------------------------------------------------------------------

def test_a_workbook_gives_headers_typed_cells_and_excel_row_numbers(tmp_path: Path) -> None:
    path = workbook(tmp_path / "customers.xlsx", [
        (" 公司名称 ", "客户编号", "成立日期"),
        ("北京远航科技", 12209, datetime(2026, 3, 1)),
        ("上海星辰", "00123", None),
    ])
    headers, rows = read(path)
    assert headers == ("公司名称", "客户编号", "成立日期")
    assert rows == [(2, ("北京远航科技", 12209, datetime(2026, 3, 1))),
                    (3, ("上海星辰", "00123", None))]
    assert clean_text(rows[0][1][1]) == "12209"
    assert parse_day(rows[0][1][2]) == date(2026, 3, 1)


def test_rows_keep_their_excel_numbers_below_empty_rows(tmp_path: Path) -> None:
    path = workbook(tmp_path / "gaps.xlsx", [
        ("name", "code"), ("A", 1), (None, None), ("  ", None), ("B", 2),
    ], start_row=3)
    headers, rows = read(path)
    assert headers == ("name", "code")
    assert rows == [(4, ("A", 1)), (7, ("B", 2))]


def test_cells_are_fitted_to_the_header_width(tmp_path: Path) -> None:
    path = workbook(tmp_path / "widths.xlsx", [
        ("a", "b", None), ("1", None, None, "beyond"), ("x",), (None, None, None, "only beyond"),
    ])
    headers, rows = read(path)
    assert headers == ("a", "b")
    assert rows == [(2, ("1", None)), (3, ("x", None))]


def test_a_wrong_stated_dimension_does_not_cut_rows_off(tmp_path: Path) -> None:
    path = workbook(tmp_path / "dimension.xlsx", [("name",), ("A",), ("B",), ("C",)])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b'<dimension ref="A1:A4"', b'<dimension ref="A1"'))
    assert read(path)[1] == [(2, ("A",)), (3, ("B",)), (4, ("C",))]


def test_a_sheet_without_any_value_has_no_header_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "empty.xlsx", [(None, "  ")])
    assert refusal(path) == "the sheet has no header row"


# ---- text files -----------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "text"), [
    ("utf-8", "名称,编号\n北京远航,12209\n"),
    ("utf-8-sig", "名称,编号\n北京远航,12209\n"),
    ("gb18030", "名称,编号\n北京远航,12209\n"),
    ("utf-16", "名称\t编号\n北京远航\t12209\n"),
])
def test_a_csv_is_decoded_whatever_its_encoding(tmp_path: Path, encoding: str,
                                                 text: str) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes(text.encode(encoding))
    assert read(path) == (("名称", "编号"), [(2, ("北京远航", "12209"))])


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "sniffed.txt"
    lines = [("name", "amount", "city"), ("Acme, Inc", "1,5", "Köln"), ("B", "2", "Bonn")]
    quoted = [[f'"{cell}"' if delimiter in cell else cell for cell in line] for line in lines]
    path.write_text("".join(delimiter.join(line) + "\n" for line in quoted), encoding="utf-8")
    assert read(path) == (lines[0], [(2, lines[1]), (3, lines[2])])


def test_a_single_column_csv_is_one_column(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name\nA\nB\n", encoding="utf-8")
    assert read(path) == (("name",), [(2, ("A",)), (3, ("B",))])


def test_rows_are_numbered_by_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b'\r\nname,note\r\nA,"two\r\nlines"\r\n,\r\nB,"three\nshort\nlines"\r\nC,x\r\n')
    headers, rows = read(path)
    assert headers == ("name", "note")
    assert rows == [(3, ("A", "two\r\nlines")), (6, ("B", "three\nshort\nlines")),
                    (9, ("C", "x"))]


def test_utf8_is_recognised_with_a_character_cut_at_the_probe_end(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    lines = b"name\n" + b"abcdefghi\n" * (ENCODING_PROBE // 10)
    head = lines + b"x" * (ENCODING_PROBE - 1 - len(lines))     # the probe ends inside "北"
    path.write_bytes(head + "北京\n".encode() + b"last\n")
    headers, rows = read(path)
    assert headers == ("name",)
    assert rows[-2:] == [(len(rows), ("x" * (len(head) - len(lines)) + "北京",)),
                         (len(rows) + 1, ("last",))]


@pytest.mark.parametrize("data", [b"name\n\x80\xff\x80\n", b"name\x00,code\n1,2\n"])
def test_text_that_is_neither_utf8_nor_gb18030_is_refused(tmp_path: Path,
                                                         data: bytes) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(data)
    assert refusal(path) == "the file is not UTF-8 or GB18030 text"


def test_a_record_csv_cannot_read_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "huge_cell.csv"
    path.write_text("name\nA\n" + "x" * 200_000 + "\n", encoding="utf-8")
    assert refusal(path).startswith("line 3 cannot be read: ")


ADDRESS = "北京市朝阳区建国路88号现代城A座1201室（近地铁大望路站）" * 2


def test_a_large_csv_is_streamed_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("code,name,address,amount\n")
        for number in range(200_000):
            out.write(f"C{number:06d},北京远航科技有限公司{number},{ADDRESS},{number}.50\n")
    assert path.stat().st_size > 30 * 1024 * 1024       # held whole, it would pass the limit
    tracemalloc.start()
    try:
        with open_table(path) as table:
            count = 0
            for number, cells in table.rows:
                count += 1
                last = number, cells
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 200_000
    assert last == (200_001, ("C199999", "北京远航科技有限公司199999", ADDRESS, "199999.50"))
    assert peak < 20 * 1024 * 1024, f"peak {peak:,} bytes"


# ---- refused files ------------------------------------------------------------------------

def test_an_old_xls_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "customers.xlsx"
    path.write_bytes(OLE2_SIGNATURE + bytes(range(256)) * 1000)
    assert refusal(path) == ("it is an old Excel 97-2003 file: save it as .xlsx or .csv "
                             "and import that")


@pytest.mark.parametrize("offset", [512, SCAN_CHUNK - 10, 5 * SCAN_CHUNK])
def test_an_encrypted_workbook_is_named_as_such(tmp_path: Path, offset: int) -> None:
    path = tmp_path / "secret.xlsx"
    padding = b"\xff" * (offset - len(OLE2_SIGNATURE))
    path.write_bytes(OLE2_SIGNATURE + padding + ENCRYPTED_PACKAGE + b"\x00" * 4096)
    assert refusal(path).startswith("the file is encrypted (password protected)")


def truncated(path: Path) -> None:
    data = workbook(path, [("name",), ("A",)]).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(50_000))


def without_content_types(path: Path) -> None:
    workbook(path, [("name",)])
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if n != "[Content_Types].xml"}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def broken_sheet_xml(path: Path) -> None:
    workbook(path, [("name",), ("A",)])
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])


@pytest.mark.parametrize("spoil", [truncated, random_bytes, without_content_types,
                                   broken_sheet_xml])
def test_a_corrupt_workbook_is_refused(tmp_path: Path, spoil: Callable[[Path], None]) -> None:
    path = tmp_path / "broken.xlsx"
    spoil(path)
    assert refusal(path) == "the file is not a valid .xlsx (corrupt or not a workbook)"


def zip_of_zeros(path: Path, megabytes: int) -> Path:
    """A workbook-named zip with one entry of ``megabytes`` MB of zeros (packs ~1000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w") as entry:
        for _ in range(megabytes):
            entry.write(bytes(1 << 20))
    assert path.stat().st_size < megabytes * 1024 * 10
    return path


def test_a_workbook_unpacking_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    path = zip_of_zeros(tmp_path / "bomb.xlsx", 50)
    reason = refusal(path, max_unpacked=10 << 20, max_ratio=10_000)
    assert reason == "the workbook would unpack to more than 10 MB (a zip bomb?)"


def test_a_part_packed_too_tightly_is_refused_by_default(tmp_path: Path) -> None:
    path = zip_of_zeros(tmp_path / "bomb.xlsx", 50)
    assert refusal(path) == "a part of the workbook is packed more than 200 times (a zip bomb?)"


def test_a_small_tightly_packed_part_is_no_bomb(tmp_path: Path) -> None:
    path = workbook(tmp_path / "padded.xlsx", [("name",), ("A",)])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b"<sheetData>", b" " * (5 << 20) + b"<sheetData>"))
    assert read(path) == (("name",), [(2, ("A",))])


def test_a_workbook_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(10):
            archive.writestr(f"part{number}.xml", b"<x/>")
    assert refusal(path, max_entries=5) == "the workbook has more than 5 parts (a zip bomb?)"


ENTITIES = (b'<?xml version="1.0"?>\n<!DOCTYPE lol [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n')


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_definitions_are_refused(tmp_path: Path, part: str) -> None:
    path = workbook(tmp_path / "laughs.xlsx", [("name",), ("A",)])
    rewrite_part(path, part, lambda xml: ENTITIES + xml.split(b"?>", 1)[-1].lstrip())
    assert refusal(path) == "the workbook holds XML entity definitions, refused"


@pytest.mark.parametrize("name", ["customers.xls", "customers.ods", "customers", "c.json"])
def test_only_xlsx_and_csv_are_imported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("name\nA\n", encoding="utf-8")
    assert refusal(path).endswith("only .xlsx and .csv can be imported")


@pytest.mark.parametrize("name", ["gone.xlsx", "gone.csv"])
def test_a_missing_file_is_unreadable(tmp_path: Path, name: str) -> None:
    assert refusal(tmp_path / name).startswith("the file cannot be opened: ")


def test_rows_are_read_only_inside_the_block(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("name\nA\n", encoding="utf-8")
    with open_table(path) as table:
        rows = table.rows
    with pytest.raises(ValueError, match="closed file"):
        next(rows)


# ---- values ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [
    (None, ""),
    ("  北京远航 \u00a0", "北京远航"),
    ("\u3000ＡＢＣ１２３－＠（）\u3000", "ABC123-@()"),
    ("全角：逗号，句号。", "全角:逗号,句号。"),
    ("ｶﾀｶﾅ ㍿ ①", "ｶﾀｶﾅ ㍿ ①"),
    ("00123", "00123"),
    ("\ufeffname\u200b", "name"),
    (12209, "12209"),
    (12209.0, "12209"),
    (1e20, "100000000000000000000"),
    (0.1, "0.1"),
    (1.5e-7, "0.00000015"),
    (-2.50, "-2.5"),
    (Decimal("1E+3"), "1000"),
    (Decimal("12.50"), "12.50"),
    (datetime(2026, 3, 1), "2026-03-01"),
    (datetime(2026, 3, 1, 14, 5), "2026-03-01 14:05"),
    (datetime(2026, 3, 1, 14, 5, 30), "2026-03-01 14:05:30"),
    (date(2026, 3, 1), "2026-03-01"),
    (time(14, 5), "14:05"),
    (True, "true"),
    (False, "false"),
])
def test_clean_text(value: Any, text: str) -> None:
    assert clean_text(value) == text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_clean_text_refuses_numbers_that_are_not_finite(value: Any) -> None:
    with pytest.raises(ValueError, match="not a number"):
        clean_text(value)


@pytest.mark.parametrize(("value", "day"), [
    (None, None),
    ("", None),
    ("  ", None),
    (date(2026, 3, 1), date(2026, 3, 1)),
    (datetime(2026, 3, 1, 23, 59), date(2026, 3, 1)),
    (1, date(1900, 1, 1)),
    (59, date(1900, 2, 28)),
    (61, date(1900, 3, 1)),
    (45000, date(2023, 3, 15)),
    (45000.75, date(2023, 3, 15)),
    (2958465, date(9999, 12, 31)),
    ("2026-03-01", date(2026, 3, 1)),
    ("2026/3/1", date(2026, 3, 1)),
    ("2026.3.1", date(2026, 3, 1)),
    ("2026年3月1日", date(2026, 3, 1)),
    ("2026 年 3 月 1 日", date(2026, 3, 1)),
    ("1997-01-01 00:00:00.000", date(1997, 1, 1)),
    ("2026-03-01T10:00:00", date(2026, 3, 1)),
    ("2026-03-01T10:00:00+08:00", date(2026, 3, 1)),
    ("２０２６－０３－０１", date(2026, 3, 1)),
    (" 2026-03-01\u3000", date(2026, 3, 1)),
])
def test_parse_day(value: Any, day: date | None) -> None:
    assert parse_day(value) == day


@pytest.mark.parametrize("value", [
    "2026-02-30", "2026-13-01", "2026-3/1", "01/03/2026", "20260301", "tomorrow",
    "2026-03-01 25:00", "2026-03-01 garbage", 60, 0, 0.5, -3, 2958466, float("nan"),
    float("inf"), True,
])
def test_parse_day_refuses_what_is_no_day(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^not a date: '.*' \(write 2026-03-01\)$"):
        parse_day(value)


@pytest.mark.parametrize(("value", "number"), [
    (None, None),
    ("", None),
    (" ", None),
    (14, Decimal(14)),
    (Decimal("3.10"), Decimal("3.10")),
    (14.0, Decimal("14.0")),
    (0.1, Decimal("0.1")),
    ("1,234,567.89", Decimal("1234567.89")),
    ("1 234", Decimal(1234)),
    ("1\u00a0234\u00a0567", Decimal(1234567)),
    ("1\u202f234.5", Decimal("1234.5")),
    ("5%", Decimal("0.05")),
    ("12.5%", Decimal("0.125")),
    ("１２.５％", Decimal("0.125")),
    ("¥1,234", Decimal(1234)),
    ("￥12", Decimal(12)),
    ("$ 9.99", Decimal("9.99")),
    ("€3", Decimal(3)),
    ("RMB 1,000", Decimal(1000)),
    ("-¥1,234", Decimal(-1234)),
    ("¥-1,234", Decimal(-1234)),
    ("(1,234.00)", Decimal("-1234.00")),
    ("+7", Decimal(7)),
    (".5", Decimal("0.5")),
    ("1.2E+5", Decimal("1.2E+5")),
])
def test_parse_number(value: Any, number: Decimal | None) -> None:
    result = parse_number(value)
    assert result == number
    if number is not None:
        assert isinstance(result, Decimal)
        assert str(result) == str(number)


@pytest.mark.parametrize("value", [
    "abc", "1,5", "1,23,456", "1,234 567", "12 34", "--1", "-¥-1", "(-1)", "%", "¥",
    "1.2.3", "1 000,50", True, float("nan"), Decimal("Infinity"),
])
def test_parse_number_refuses_what_is_no_number(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^not a number: '.*'$"):
        parse_number(value)


def test_an_error_message_shows_a_long_value_shortened() -> None:
    with pytest.raises(ValueError) as raised:
        parse_number("x" * 500)
    assert len(str(raised.value)) < 70

