"""write_workbook: real .xlsx files written to tmp_path and read back with openpyxl."""

from __future__ import annotations

import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app.logic.kit import workbook
from app.logic.kit.workbook import Cancelled, Column, TooManyRows, display_width, write_workbook

ABOUT = (("导出人", "王伟 (sales1)"), ("导出时间", "2026-12-04 10:31"),
         ("筛选", "状态 = 活跃; 搜索 = 北京"), ("行数", "3"))
INJECTIONS = ('=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tx", "\rx")


@pytest.fixture(autouse=True)
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """XlsxWriter's per-sheet scratch files go to a folder the tests can look into."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def export(path: Path, columns: Sequence[Column], rows: Any, **options: Any) -> int:
    options = {"sheet_name": "客户", "about_title": "关于", "about": ABOUT, **options}
    return write_workbook(path, columns, rows, **options)


def data_sheet(path: Path) -> Worksheet:
    return openpyxl.load_workbook(path).worksheets[0]


def one_cell(tmp_path: Path, kind: str, value: Any, **options: Any) -> Any:
    path = tmp_path / "one.xlsx"
    export(path, [Column("x", "X", kind)], [[value]], **options)
    return data_sheet(path)["A2"]


def excel_text(value: str) -> str:
    """Excel stores control characters as _xHHHH_ (and reads them back as the character);
    openpyxl hands the escape over as it is, so undo it here."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target and p.name != "system-temp")


def open_files_under(folder: Path) -> list[str]:
    """Files this process still holds open under ``folder`` (where /proc tells; on Windows an
    open scratch file could not be deleted)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    links = (os.readlink(fd) for fd in fds.iterdir() if fd.is_symlink())
    return [link for link in links if link.startswith(str(folder))]


@pytest.mark.parametrize(("kind", "value", "stored", "data_type", "number_format"), [
    ("text", "北京长城电子科技有限公司", "北京长城电子科技有限公司", "s", "General"),
    ("text", 12345, "12345", "s", "General"),
    ("money", Decimal("1234567.89"), 1234567.89, "n", "#,##0.00"),
    ("money", Decimal("-0.05"), -0.05, "n", "#,##0.00"),
    ("integer", 45, 45, "n", "General"),
    ("decimal", Decimal("0.333"), 0.333, "n", "General"),
    ("percent", Decimal("0.125"), 0.125, "n", "0.0%"),
    ("date", date(2026, 12, 4), datetime(2026, 12, 4), "d", "yyyy-mm-dd"),
    ("datetime", datetime(2026, 12, 4, 10, 31), datetime(2026, 12, 4, 10, 31), "d",
     "yyyy-mm-dd hh:mm"),
])
def test_each_kind_is_a_typed_cell_with_its_format(tmp_path: Path, kind: str, value: Any,
                                                   stored: Any, data_type: str,
                                                   number_format: str) -> None:
    cell = one_cell(tmp_path, kind, value)
    assert cell.value == stored
    assert cell.data_type == data_type
    assert cell.number_format == number_format


@pytest.mark.parametrize(("value", "word"), [(True, "是"), (False, "否")])
def test_a_yes_no_value_is_written_as_the_callers_word(tmp_path: Path, value: bool,
                                                       word: str) -> None:
    cell = one_cell(tmp_path, "bool", value, yes_no=("是", "否"))
    assert (cell.value, cell.data_type) == (word, "s")


@pytest.mark.parametrize("kind", workbook.KINDS)
def test_none_is_an_empty_cell(tmp_path: Path, kind: str) -> None:
    assert one_cell(tmp_path, kind, None).value is None


@pytest.fixture
def shanghai() -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone can only be changed where time.tzset exists")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.usefixtures("shanghai")
def test_an_aware_time_is_written_as_local_wall_clock_time(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, "datetime", datetime(2026, 12, 4, 2, 31, tzinfo=UTC))
    assert cell.value == datetime(2026, 12, 4, 10, 31)


@pytest.mark.usefixtures("shanghai")
def test_an_aware_time_in_a_date_column_is_the_local_day(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, "date", datetime(2026, 12, 4, 20, 0, tzinfo=UTC))
    assert cell.value == datetime(2026, 12, 5)


@pytest.mark.parametrize("text", INJECTIONS)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "inject.xlsx"
    export(path, [Column("name", "名称", "text")], [[text]], about=[("筛选", text)])
    cell = data_sheet(path)["A2"]
    assert cell.data_type == "s"
    assert excel_text(cell.value) == text
    with zipfile.ZipFile(path) as package:
        for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            assert "<f>" not in package.read(part).decode()
    about = openpyxl.load_workbook(path).worksheets[1]["B1"]
    assert (about.data_type, excel_text(about.value)) == ("s", text)


def test_text_over_the_cell_limit_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    export(path, [Column("a", "A", "text"), Column("b", "B", "text")],
           [["长" * 40_000, "x" * 32_767]])
    sheet = data_sheet(path)
    assert sheet["A2"].value == "长" * 32_767
    assert sheet["B2"].value == "x" * 32_767


def test_rows_are_written_in_order_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "order.xlsx"
    codes = [f"C{n:05d}" for n in range(2500, 0, -1)]
    assert export(path, [Column("code", "编号", "text")], ([c] for c in codes)) == 2500
    assert [row[0] for row in data_sheet(path).iter_rows(min_row=2, values_only=True)] == codes


def test_rows_stream_through_xlsxwriters_constant_memory_mode(tmp_path: Path) -> None:
    """In constant-memory mode each row leaves memory as the next begins; its mark in the
    file: strings inline in the cells, no shared-string table (which is held until close)."""
    path = tmp_path / "stream.xlsx"
    export(path, [Column("name", "名称", "text")], ([f"客户{n}"] for n in range(300)))
    with zipfile.ZipFile(path) as package:
        assert "xl/sharedStrings.xml" not in package.namelist()
        assert package.read("xl/worksheets/sheet1.xml").decode().count('t="inlineStr"') == 301


def test_header_is_bold_frozen_and_filtered_over_all_rows(tmp_path: Path) -> None:
    path = tmp_path / "head.xlsx"
    columns = [Column("code", "编号", "text"), Column("name", "名称", "text"),
               Column("limit", "信用额度", "money")]
    export(path, columns, [["C1", "甲", Decimal(1)], ["C2", "乙", None], ["C3", "丙", None]])
    sheet = data_sheet(path)
    assert [cell.value for cell in sheet[1]] == ["编号", "名称", "信用额度"]
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C4"


def test_an_empty_list_still_has_its_header_and_filter(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert export(path, [Column("a", "A", "text"), Column("b", "B", "integer")], iter(())) == 0
    sheet = data_sheet(path)
    assert [cell.value for cell in sheet[1]] == ["A", "B"]
    assert sheet.auto_filter.ref == "A1:B1"


def widths(path: Path, sheet: int = 0, count: int = 4) -> list[float]:
    """The width of each of the first columns (Excel keeps equal neighbours as one range)."""
    dimensions = openpyxl.load_workbook(path).worksheets[sheet].column_dimensions.values()
    found = {col: dim.width for dim in dimensions
             for col in range(dim.min or 0, (dim.max or 0) + 1)}
    return [found[col] for col in range(1, count + 1)]


def test_columns_are_as_wide_as_their_header_and_values(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    columns = [Column("a", "A", "text"), Column("b", "B", "text"), Column("c", "C", "text"),
               Column("d", "客户名称客户名称", "text")]
    export(path, columns, [["abcdefghij", "北京北京北京北京北京", "ab", None]])
    ascii10, cjk10, short, header16 = widths(path)
    assert ascii10 > short + 5                   # ten letters need more room than two
    assert cjk10 >= ascii10 + 9                  # ten CJK characters take twenty cells
    assert header16 >= 16                        # the header alone sizes an empty column


def test_widths_are_clamped_a_given_width_wins_and_only_the_first_rows_count(
        tmp_path: Path) -> None:
    path = tmp_path / "clamp.xlsx"
    columns = [Column("a", "A", "text"), Column("b", "B", "text", width=42),
               Column("c", "C", "text"), Column("d", "D", "text")]
    rows = [["x" * 500, "x", "", "ab"]] * workbook.SAMPLE_ROWS + [["x", "x", "x", "x" * 40]]
    export(path, columns, rows)
    long, given, tiny, late = widths(path)
    assert long == pytest.approx(workbook.MAX_WIDTH, abs=1)
    assert given == pytest.approx(42, abs=1)
    assert tiny == pytest.approx(workbook.MIN_WIDTH, abs=1)
    assert late < 10                             # a value after the sampled rows: not seen


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("北京ab") == 6
    assert display_width("（全角）") == 8
    assert display_width("第一行\nsecond line") == 11


def test_the_about_sheet_lists_the_pairs_with_bold_labels(tmp_path: Path) -> None:
    path = tmp_path / "about.xlsx"
    export(path, [Column("a", "A", "text")], [["x"]])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["客户", "关于"]
    about = book.worksheets[1]
    assert [tuple(row) for row in about.iter_rows(values_only=True)] == list(ABOUT)
    assert all(row[0].font.b and not row[1].font.b for row in about.iter_rows())
    assert widths(path, sheet=1, count=2)[1] >= display_width("状态 = 活跃; 搜索 = 北京")


def test_the_about_pairs_can_be_made_from_the_row_count(tmp_path: Path) -> None:
    path = tmp_path / "count.xlsx"
    export(path, [Column("a", "A", "integer")], ([n] for n in range(1234)),
           about=lambda count: [("行数", f"{count:,}")])
    assert openpyxl.load_workbook(path).worksheets[1]["B1"].value == "1,234"


def test_sheet_names_are_made_acceptable_to_excel(tmp_path: Path) -> None:
    path = tmp_path / "names.xlsx"
    export(path, [Column("a", "A", "text")], [["x"]], sheet_name="'客户/供应商: 2026?'" * 3,
           about_title="'客户/供应商: 2026?'" * 3)
    first, second = openpyxl.load_workbook(path).sheetnames
    assert first.startswith("客户_供应商_ 2026_") and len(first) <= 31
    assert second != first and len(second) <= 31


def test_progress_is_reported_while_the_rows_stream(tmp_path: Path) -> None:
    taken: list[int] = []
    seen: list[tuple[int, int]] = []

    def rows() -> Iterator[list[int]]:
        for n in range(2500):
            taken.append(n)
            yield [n]

    def progress(done: int) -> bool:
        seen.append((done, len(taken)))
        return True

    assert export(tmp_path / "p.xlsx", [Column("n", "N", "integer")], rows(),
                  progress=progress) == 2500
    assert seen == [(1000, 1000), (2000, 2000)]   # no more rows taken than written


def test_cancel_raises_and_leaves_no_file_behind(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "cancel.xlsx"
    rows = ([f"客户{n}"] for n in range(10_000))
    with pytest.raises(Cancelled):
        export(path, [Column("name", "名称", "text")], rows, progress=lambda done: done < 3,
               progress_every=2)
    assert leftovers(tmp_path, path) == []
    assert not path.exists()
    assert list(scratch.iterdir()) == []
    assert open_files_under(tmp_path) == []
    assert next(rows) == ["客户4"]             # stopped right after the fourth row


def test_a_failing_row_source_leaves_no_file_behind(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "broken.xlsx"

    def rows() -> Iterator[list[str]]:
        yield ["ok"]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        export(path, [Column("name", "名称", "text")], rows())
    assert leftovers(tmp_path, path) == []
    assert not path.exists()
    assert list(scratch.iterdir()) == []
    assert open_files_under(tmp_path) == []


def test_an_existing_file_is_replaced_only_on_success(tmp_path: Path) -> None:
    path = tmp_path / "客户.xlsx"
    path.write_bytes(b"the previous export")
    with pytest.raises(Cancelled):
        export(path, [Column("n", "N", "integer")], ([n] for n in range(5)),
               progress=lambda done: False, progress_every=1)
    assert path.read_bytes() == b"the previous export"
    with pytest.raises(ValueError, match="longer"):  # a row with a cell too many
        export(path, [Column("n", "N", "integer")], [[1, 2]])
    assert path.read_bytes() == b"the previous export"
    assert export(path, [Column("n", "N", "integer")], [[7]]) == 1
    assert data_sheet(path)["A2"].value == 7
    assert leftovers(tmp_path, path) == []


def test_more_rows_than_a_sheet_holds_is_an_error_not_a_short_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    path = tmp_path / "many.xlsx"
    with pytest.raises(TooManyRows):
        export(path, [Column("n", "N", "integer")], ([n] for n in range(11)))
    assert not path.exists()
    assert export(path, [Column("n", "N", "integer")], ([n] for n in range(10))) == 10


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="money2"):
        Column("x", "X", "money2")
