"""The import benchmark (``python -m benchmarks.importing``) on a tiny file: the workbook's
customers are unique and realistic, both sides write the same customers (the run checks
them, column for column), and the docs section renders between its markers. No timings are
checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl

from benchmarks import importing


def test_the_workbook_holds_unique_customers_with_leading_zeros(tmp_path: Path) -> None:
    path = importing.write_workbook(tmp_path / "c.xlsx", 300)
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert rows[0] == importing.HEADERS and len(rows) == 301
    body = rows[1:]
    for at in (0, 1, 4):  # code, name, phone
        assert len({r[at] for r in body}) == 300
    assert any(str(r[5]).startswith("0") for r in body)  # postal codes kept as text
    assert {r[6] for r in body} >= {"50,000.00", "0.00"}


def test_both_sides_write_the_same_customers_and_the_section_renders(
        tmp_path: Path, quick_hashing: None) -> None:
    outcome = importing.run(50, repeat=1, memory_rows=20, folder=tmp_path)
    assert len(outcome.ours) == len(outcome.raw) == 1
    assert set(outcome.memory) == {20, 50}
    assert outcome.ratio > 0
    text = importing.section(outcome, "uv run python -m benchmarks.importing --rows 50")
    assert text.startswith(importing.BEGIN) and text.endswith(importing.END)
    assert "| import 50 customers from .xlsx |" in text
    assert "ours (ImportService.import_file)" in text
    # The scratch databases are removed; the template stays empty.
    assert not list(tmp_path.glob("run-*.db"))
    with sqlite3.connect(tmp_path / "empty.db") as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (0,)


def test_the_raw_side_mirrors_what_ours_stores() -> None:
    assert importing.text("  展会认识，需跟进报价 ") == "展会认识,需跟进报价"
    assert importing.text(None) == ""
    assert importing.cents("50,000.00") == 5_000_000
    assert importing.cents("") == 0
