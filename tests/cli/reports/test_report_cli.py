"""kehu report / kehu dashboard on the data set of tests/logic/reports/conftest.py: the
list of reports (and --json), a report's rows as JSON with stable English keys and money as
strings with two places, a workbook written with -o, --period, the record scope of a
salesperson, and bad input refused with the right exit code (2 a usage error, 1 a refused
parameter, 3 without the right) writing nothing; the dashboard's JSON; migration 0021's
rights and scopes. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, text

from app.cli import main
from app.data import migrate
from app.data.engine import make_engine
from app.data.kit.audit import AuditEntry
from app.logic.reports import REPORTS
from tests.conftest import ADMIN_PASSWORD
from tests.logic.reports.conftest import Data, data  # noqa: F401  # the module's data set

Run = tuple[int, str, str]
Kehu = Callable[..., Run]
DEC_JAN = ("--from", "2024-12-01", "--to", "2025-01-31")


@pytest.fixture
def kehu(data: Data, capsys: pytest.CaptureFixture[str],  # noqa: F811  # the shared fixture
         monkeypatch: pytest.MonkeyPatch, quick_hashing: None) -> Kehu:
    monkeypatch.setenv("KEHU_DATABASE_URL", data.url)
    monkeypatch.setenv("KEHU_PASSWORD", ADMIN_PASSWORD)
    for name in ("KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    capsys.readouterr()

    def run(*argv: str, user: str = "admin") -> Run:
        try:
            code = main(["--user", user, *argv])
        except SystemExit as exit_:  # argparse's own usage errors
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def exports(data: Data) -> int:  # noqa: F811  # the shared fixture's value
    with data.db.unit_of_work(write=False) as uow:
        return len(uow.session.execute(select(AuditEntry.id).where(
            AuditEntry.action == "export")).all())


def test_the_list_of_reports(kehu: Kehu) -> None:
    code, out, _ = kehu("report", "--list")
    assert code == 0
    for report in REPORTS:
        assert report.name in out and report.title.en in out
    code, out, _ = kehu("report", "--list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [r["name"] for r in listed] == [r.name for r in REPORTS]
    by_name = {r["name"]: r for r in listed}
    assert by_name["sales-by-month"]["title"] == "Sales by month"
    assert by_name["sales-by-month"]["sections"] == ["months"]
    assert by_name["customer-analysis"]["by"] == ["region", "industry", "tier", "status",
                                                  "ownership", "month"]
    assert "top" in by_name["sales-by-customer"]["params"]


def test_sales_by_month_as_json(kehu: Kehu) -> None:
    code, out, _ = kehu("report", "sales-by-month", *DEC_JAN, "--json")
    assert code == 0
    # December 480.00 (O1, O2, O3) against 100.00 (B1); January 560.03 (O4, O5, O6)
    # against 150.00 (B2, B3): docs/sales.md's revenue, drafts and cancelled orders left out.
    assert json.loads(out) == [
        {"month": "2024-12", "revenue": "480.00", "orders": 3, "revenue_before": "100.00",
         "orders_before": 1, "change": "3.8000"},
        {"month": "2025-01", "revenue": "560.03", "orders": 3, "revenue_before": "150.00",
         "orders_before": 2, "change": "2.7335"}]


def test_a_salesperson_gets_their_own_figures(kehu: Kehu) -> None:
    code, out, _ = kehu("report", "sales-by-salesperson", *DEC_JAN, "--json", user="sales1")
    assert code == 0
    # sales1: O1 200.00 + O4 45.00 + O5 115.02 in 3 orders of C1 and C2.
    assert json.loads(out) == [{"username": "sales1", "salesperson": "王伟",
                                "revenue": "360.02", "orders": 3, "customers": 2,
                                "average_order": "120.01", "share": "1.0000"}]
    code, out, _ = kehu("report", "sales-by-customer", *DEC_JAN, "--top", "1", "--owner",
                        "sales1", "--json", user="manager")
    assert code == 0
    assert [(r["name"], r["revenue"], r["share"]) for r in json.loads(out)] == [
        ("北京星河科技", "315.02", "0.8750")]  # 315.02 of sales1's 360.02


def test_a_report_printed_as_a_table(kehu: Kehu) -> None:
    code, out, _ = kehu("report", "sales-by-product", *DEC_JAN)
    assert code == 0
    assert "Sales by product: 2024-12-01 to 2025-01-31 (all records)" in out
    assert "800.02" in out and "76.9%" in out  # G100: 800.02 of 1040.03
    code, out, _ = kehu("report", "pipeline", "--from", "2022-01-01", "--to", "2022-01-31")
    assert code == 0 and "Qualification" in out  # a stage in words


def test_customer_analysis_keeps_one_breakdown_with_by(kehu: Kehu) -> None:
    code, out, _ = kehu("report", "customer-analysis", *DEC_JAN, "--by", "month", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"section": "new_per_month", "month": "2024-12", "new_customers": 2},
        {"section": "new_per_month", "month": "2025-01", "new_customers": 1}]


def test_period_last_year_is_the_whole_of_last_year(kehu: Kehu) -> None:
    last = date.today().year - 1
    code, out, _ = kehu("report", "sales-by-month", "--period", "last-year", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["month"] for r in rows] == [f"{last}-{m:02d}" for m in range(1, 13)]
    code, same, _ = kehu("report", "sales-by-month", "--from", f"{last}-01-01", "--to",
                         f"{last}-12-31", "--json")
    assert code == 0 and json.loads(same) == rows


def test_a_workbook_written_with_o(kehu: Kehu, data: Data,  # noqa: F811  # the shared fixture
                                   tmp_path: Path) -> None:
    before = exports(data)
    path = tmp_path / "月度销售.xlsx"
    code, out, _ = kehu("report", "sales-by-month", *DEC_JAN, "-o", str(path),
                        "--language", "zh_CN", "--json")
    assert code == 0
    assert json.loads(out) == {"file": str(path), "rows": 2}
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["月度销售", "报表说明"]
    ws = book["月度销售"]
    assert [c.value for c in ws[4]][:3] == ["月份", "净销售额", "订单数"]
    assert [c.value for c in ws[6]] == ["2025-01", 560.03, 3, 150, 2, 2.7335]
    assert exports(data) == before + 1


def test_a_salesperson_may_not_write_a_workbook(kehu: Kehu, data: Data,  # noqa: F811
                                                tmp_path: Path) -> None:
    before = exports(data)
    path = tmp_path / "mine.xlsx"
    code, _out, err = kehu("report", "sales-by-month", *DEC_JAN, "-o", str(path),
                           user="sales1")
    assert code == 3 and "export" in err
    assert not path.exists() and list(tmp_path.iterdir()) == []
    assert exports(data) == before


@pytest.mark.parametrize(("argv", "exit_code", "says"), [
    (("report", "sales-by-weather"), 2, "no report called 'sales-by-weather'"),
    (("report",), 2, "name a report"),
    (("report", "sales-by-month", "--from", "2025-13-01"), 2, "--from wants a date"),
    (("report", "sales-by-month", "--to", "31.01.2025"), 2, "--to wants a date"),
    (("report", "sales-by-month", "--period", "last-year", "--from", "2025-01-01"), 2,
     "not both"),
    (("report", "sales-by-month", "--period", "next-year"), 2, "invalid choice"),
    (("report", "sales-by-customer", "--top", "0"), 2, ""),
    (("report", "sales-by-month", "--from", "2025-02-01", "--to", "2025-01-31"), 1, "to"),
    (("report", "sales-by-month", "--by", "region"), 1, "by"),
    (("report", "customer-analysis", "--by", "colour"), 1, "region"),
    (("report", "sales-by-month", "--owner", "nobody"), 1, "nobody"),
    (("report", "sales-by-month", "--team", "没有这个部门"), 1, "没有这个部门"),
])
def test_bad_input_is_refused_writing_nothing(kehu: Kehu, data: Data,  # noqa: F811
                                              tmp_path: Path, argv: tuple[str, ...],
                                              exit_code: int, says: str) -> None:
    before = exports(data)
    path = tmp_path / "out.xlsx"
    code, out, err = kehu(*argv, "-o", str(path))
    assert code == exit_code, err
    assert says in err
    assert out == "" and not path.exists() and list(tmp_path.iterdir()) == []
    assert exports(data) == before


def test_a_workbook_must_be_xlsx_in_a_folder_that_is_there(kehu: Kehu,
                                                           tmp_path: Path) -> None:
    for target in (tmp_path / "report.xls", tmp_path / "report.csv",
                   tmp_path / "missing" / "report.xlsx"):
        code, _out, err = kehu("report", "sales-by-month", *DEC_JAN, "-o", str(target))
        assert code == 2, err
        assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_without_reports_view_a_report_is_refused(kehu: Kehu) -> None:
    code, out, err = kehu("report", "sales-by-month", *DEC_JAN, "--json", user="agent")
    assert code == 3 and out == "" and "reports" in err
    assert kehu("dashboard", "--json", user="agent")[0] == 3
    assert kehu("report", "--list", user="agent")[0] == 3


def test_the_dashboard_as_json(kehu: Kehu) -> None:
    code, out, _ = kehu("dashboard", "--json")
    assert code == 0
    board = json.loads(out)
    assert board["today"] == date.today().isoformat() and board["scope"] == "all"
    figures = board["figures"]
    assert set(figures) == {"revenue_month", "revenue_ytd", "pipeline", "overdue",
                            "complaints", "overdue_tickets", "new_customers"}
    # Of now: open pipeline 10149.50; overdue I1 226.00 + I3 113.00; complaints T1, T3;
    # overdue tickets T2, T3; new this month C4.
    assert figures["pipeline"] == {"value": "10149.50", "before": None}
    assert figures["overdue"] == {"value": "339.00", "before": None}
    assert figures["complaints"] == {"value": 2, "before": None}
    assert figures["overdue_tickets"] == {"value": 2, "before": None}
    assert figures["new_customers"] == {"value": 1, "before": 0}
    assert set(board["charts"]) == {"revenue", "pipeline", "aging", "tiers"}
    assert board["charts"]["tiers"]["series"]["Customers"] == [2, 2, 0, 1, 1]
    assert board["charts"]["aging"]["series"]["Open"] == ["452.01", "0.00", "0.00", "0.00",
                                                         "339.00"]
    code, out, _ = kehu("dashboard", "--json", user="sales1")
    assert code == 0
    mine = json.loads(out)
    assert mine["scope"] == "own"
    assert mine["figures"]["pipeline"]["value"] == "8599.50"  # Q1 + N1 + G1 + X1
    assert mine["figures"]["overdue"]["value"] == "226.00"  # I1 of C1
    code, out, _ = kehu("dashboard")
    assert code == 0 and "Weighted pipeline" in out and "10,149.50" in out


# --- migration 0021 ---------------------------------------------------------------------------
def rights_and_scopes(engine: Any) -> dict[str, tuple[bool, bool, str]]:
    """role -> (reports.view, reports.export, the scope of reports)."""
    with engine.connect() as conn:
        found = {}
        for code in ("salesperson", "sales_manager", "admin", "finance", "auditor"):
            rights = set(conn.execute(text(
                "SELECT p.action FROM role_permissions p JOIN roles r ON r.id = p.role_id "
                "WHERE r.code = :code AND p.module = 'reports'"), {"code": code}).scalars())
            scope = conn.execute(text(
                "SELECT s.scope FROM role_scopes s JOIN roles r ON r.id = s.role_id "
                "WHERE r.code = :code AND s.module = 'reports'"), {"code": code}).scalar()
            found[code] = ("view" in rights, "export" in rights, scope)
        return found


def test_migration_0021_gives_salespeople_their_own_figures_and_managers_the_teams(
        tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{(tmp_path / 'kehu.db').as_posix()}")
    try:
        migrate.upgrade(engine, "0020")
        before = rights_and_scopes(engine)
        assert before["salesperson"] == (False, False, "all")
        assert before["sales_manager"] == (True, True, "all")
        migrate.upgrade(engine, "0021")
        after = rights_and_scopes(engine)
        assert after["salesperson"] == (True, False, "own")
        assert after["sales_manager"] == (True, True, "team")
        for code in ("admin", "finance", "auditor"):
            assert after[code] == (True, True, "all"), code
        migrate.downgrade(engine, "0020")
        assert rights_and_scopes(engine) == before
    finally:
        engine.dispose()
