"""A report exported to a workbook, read back with openpyxl and as the zip it is: a sheet
per section with its title, the range, headers in the user's language and typed cells
(money, counts and shares as numbers with their formats, codes in words, dates as dates);
a native chart in each sheet whose section has one, its series reading exactly the
sheet's data rows and columns; the About sheet (report, range, scope, user); the export
audited; refused without reports.export, writing nothing."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from sqlalchemy import select

from app.data.kit.audit import AuditEntry
from app.logic.kit.errors import PermissionDenied
from app.logic.kit.report_book import BookChart, BookColumn, BookSheet, write_book
from app.logic.reports import Params, Report
from tests.logic.reports.conftest import RANGE, Data

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
DEC_JAN = Params(start=RANGE[0], end=RANGE[1])
MONEY, INTEGER, PERCENT = "#,##0.00", "#,##0", "0.0%"


def export(data: Data, tmp_path: Path, name: str, params: Params = DEC_JAN,
           language: str = "en", who: str = "admin") -> tuple[Report, Path]:
    report = data.services.reports.run(data[who], name, params)
    path = tmp_path / f"{name}-{language}.xlsx"
    assert data.services.reports.export(data[who], report, path, language) == path
    return report, path


def charts(path: Path) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """Per sheet (as the series' ranges name it): each chart's type element and its
    series' (categories, values) ranges."""
    found: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    with zipfile.ZipFile(path) as book:
        for name in sorted(n for n in book.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml",
                                                                       n)):
            plot = ElementTree.fromstring(book.read(name)).find(f"{C}chart/{C}plotArea")
            assert plot is not None
            (kind,) = [e for e in plot if e.tag.endswith("Chart")]
            series = [(s.findtext(f"{C}cat//{C}f") or "", s.findtext(f"{C}val//{C}f") or "")
                      for s in kind.iter(f"{C}ser")]
            sheets = {ref.rsplit("!", 1)[0].strip("'") for pair in series for ref in pair}
            assert len(sheets) == 1, sheets
            tag = kind.tag.removeprefix(C)
            if tag == "barChart":
                direction = kind.find(f"{C}barDir")
                assert direction is not None
                tag += ":" + direction.get("val", "")
            found.setdefault(sheets.pop(), []).append((tag, series))
    return found


def about(book: Any, title: str) -> dict[str, str]:
    return {row[0]: row[1] for row in book[title].iter_rows(values_only=True)}


def audits(data: Data) -> list[AuditEntry]:
    with data.db.unit_of_work(write=False) as uow:
        found = uow.session.execute(select(AuditEntry).where(AuditEntry.action == "export")
                                    .order_by(AuditEntry.id)).scalars().all()
        uow.session.expunge_all()
        return list(found)


def test_sales_by_month_in_english_typed_with_its_chart_and_audited(data: Data,
                                                                      tmp_path: Path) -> None:
    before = len(audits(data))
    # The whole of 2024: twelve months (rows 5 to 16). January 150.00 (B2, B3), November
    # 50.00 (O10), December 480.00 (O1, O2, O3); 2023: June 100.00 (B0), December 100.00
    # (B1).
    report, path = export(data, tmp_path, "sales-by-month",
                          Params(start=date(2024, 1, 1), end=date(2024, 12, 31)))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Sales by month", "About this report"]
    ws = book["Sales by month"]
    assert ws["A1"].value == "Sales by month"
    assert ws["A2"].value == "Range: 2024-01-01 – 2024-12-31"
    assert [c.value for c in ws[4]] == ["Month", "Net revenue", "Orders",
                                        "Same period last year", "Orders last year",
                                        "Change"]
    assert [ws.cell(r, 1).value for r in range(5, 17)] == [f"2024-{m:02d}" for m in
                                                           range(1, 13)]
    assert ws["A5"].data_type == "s"  # a month stays text: the chart's categories
    january, december = ws[5], ws[16]
    assert [c.value for c in january] == [  # 150.00 in 2 orders, nothing a year before
        "2024-01", 150, 2, 0, 0, None]
    assert [c.value for c in december] == [  # 480.00 (3) against 100.00 (1): +380%
        "2024-12", 480, 3, 100, 1, 3.8]
    assert [c.number_format for c in december] == ["General", MONEY, INTEGER, MONEY,
                                                   INTEGER, PERCENT]
    assert all(isinstance(c.value, (int, float)) for c in december[1:])
    assert ws.cell(17, 1).value is None  # nothing after the twelve months
    # A column chart of revenue and the year before's, of exactly rows 5 to 16.
    assert charts(path) == {"Sales by month": [("barChart:col", [
        ("'Sales by month'!$A$5:$A$16", "'Sales by month'!$B$5:$B$16"),
        ("'Sales by month'!$A$5:$A$16", "'Sales by month'!$D$5:$D$16")])]}
    info = about(book, "About this report")
    assert info["Report"] == "Sales by month"
    assert info["Range"] == "2024-01-01 – 2024-12-31"
    assert info["Records"] == "All records"
    assert info["Run by"] == "admin"
    assert datetime.strptime(info["Run at"], "%Y-%m-%d %H:%M")
    assert info["How it is computed"] == ("Net revenue and orders per month, against the "
                                          "same period of the year before.")
    # Audited: the report, its parameters, its rows, the file.
    (entry,) = audits(data)[before:]
    assert (entry.entity_type, entry.entity_id, entry.username) == ("report",
                                                                    "sales-by-month", "admin")
    changes = json.loads(entry.changes)
    assert changes == {"report": [None, "sales-by-month"], "start": [None, "2024-01-01"],
                       "end": [None, "2024-12-31"], "as_of": [None, report.params.as_of
                                                              .isoformat()],
                       "rows": [None, 12], "file": [None, path.name]}


def test_customer_analysis_in_chinese_a_sheet_and_a_chart_per_breakdown(
        data: Data, tmp_path: Path) -> None:
    _report, path = export(data, tmp_path, "customer-analysis", language="zh_CN")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["按省市", "按行业", "按等级", "按状态", "按所有制",
                               "每月新增客户", "报表说明"]
    region = book["按省市"]
    assert [c.value for c in region[4]] == ["省份", "城市", "客户数", "占比"]
    assert region["A2"].value == "期间: 2024-12-01 – 2025-01-31"
    rows = [[c.value for c in row] for row in region.iter_rows(min_row=5)]
    assert sorted(rows) == sorted([["上海", "上海", 2, 0.3333], ["天津", "天津", 2, 0.3333],
                                   ["北京", "北京", 1, 0.1667], ["浙江", "杭州", 1, 0.1667]])
    assert [c.number_format for c in region[5]] == ["General", "General", INTEGER, PERCENT]
    # Codes in the user's words: the tiers in Chinese.
    tiers = book["按等级"]
    assert [c.value for c in tiers[4]] == ["等级", "客户数", "占比"]
    assert sorted(tiers.cell(r, 1).value for r in range(5, 9)) == sorted(
        ["优质", "主要", "潜在", "限制"])
    assert book["每月新增客户"]["A5"].value == "2024-12"
    assert book["每月新增客户"]["B5"].value == 2
    found = charts(path)
    # Province and city: a bar chart of the cities (column B) by customers (C), 4 rows.
    assert found["按省市"] == [("barChart:bar", [("按省市!$B$5:$B$8", "按省市!$C$5:$C$8")])]
    assert found["按行业"] == [("barChart:col", [("按行业!$A$5:$A$7", "按行业!$B$5:$B$7")])]
    for sheet in ("按等级", "按状态", "按所有制"):
        assert found[sheet] == [("pieChart", [(f"{sheet}!$A$5:$A$8",
                                               f"{sheet}!$B$5:$B$8")])], sheet
    assert found["每月新增客户"] == [("barChart:col", [("每月新增客户!$A$5:$A$6",
                                                    "每月新增客户!$B$5:$B$6")])]
    info = about(book, "报表说明")
    assert info["报表"] == "客户分析"
    assert info["期间"] == "2024-12-01 – 2025-01-31"
    assert info["数据范围"] == "全部记录"
    assert info["制表人"] == "admin"


def test_tiers_with_the_pareto_line_and_a_managers_scope(data: Data, tmp_path: Path) -> None:
    _report, path = export(data, tmp_path, "tiers", Params(), "en", who="manager")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Pareto curve", "By tier", "By lifecycle stage",
                               "About this report"]
    pareto = book["Pareto curve"]
    assert pareto["A2"].value is None  # tiers cover no range
    # The team's C3 580.01, C1 315.02, C2 95.00 (990.03): fewer customers than the 20
    # points, so a point per customer: 1, 2, 3.
    firsts = [pareto.cell(r, 2).value for r in range(5, 9)]
    assert firsts == [1, 2, 3, None]
    assert pareto["C5"].value == 0.5859  # 580.01 / 990.03 = 0.585851
    assert pareto["C5"].number_format == PERCENT
    by_tier = book["By tier"]
    assert [c.value for c in by_tier[5]] == ["Premium", 2, 895.03, 0.904]  # C3, C1
    assert [c.value for c in by_tier[6]] == ["Major", 1, 95, 0.096]  # C2: 95/990.03
    assert [c.number_format for c in by_tier[5]] == ["General", INTEGER, MONEY, PERCENT]
    found = charts(path)
    assert found["Pareto curve"] == [("lineChart", [("'Pareto curve'!$A$5:$A$7",
                                                     "'Pareto curve'!$C$5:$C$7")])]
    assert found["By tier"] == [("barChart:col", [("'By tier'!$A$5:$A$9",
                                                   "'By tier'!$C$5:$C$9")])]
    # Lifecycle: new, rising, stable, declining, lost and (C4) no stage: six rows.
    assert found["By lifecycle stage"] == [("pieChart", [
        ("'By lifecycle stage'!$A$5:$A$10", "'By lifecycle stage'!$B$5:$B$10")])]
    assert book["By lifecycle stage"]["A10"].value == "No stage"
    info = about(book, "About this report")
    assert "Range" not in info
    assert info["Records"] == "Team's records" and info["Run by"] == "manager"


def test_pipeline_in_chinese_with_empty_conversions(data: Data, tmp_path: Path) -> None:
    _report, path = export(data, tmp_path, "pipeline", language="zh_CN")
    ws = openpyxl.load_workbook(path)["各阶段商机"]
    assert [ws.cell(r, 1).value for r in range(5, 11)] == [
        "资格确认", "需求分析", "方案报价", "商务谈判", "赢单", "输单"]
    assert [c.value for c in ws[5]] == ["资格确认", 2, 1500, 150, 8, None]
    assert [c.value for c in ws[6]] == ["需求分析", 1, 2000, 500, 5, 0.625]
    assert [c.value for c in ws[10]] == ["输单", 1, 2500, 0, None, None]
    assert charts(path) == {"各阶段商机": [("barChart:col", [
        ("各阶段商机!$A$5:$A$10", "各阶段商机!$C$5:$C$10"),
        ("各阶段商机!$A$5:$A$10", "各阶段商机!$D$5:$D$10")])]}


def test_a_ranking_with_top_and_a_salespersons_narrowed_report(data: Data,
                                                                tmp_path: Path) -> None:
    _report, path = export(data, tmp_path, "sales-by-customer",
                           Params(*RANGE, owner="sales2", top=1), who="auditor")
    book = openpyxl.load_workbook(path)
    ws = book["Sales by customer"]
    assert [c.value for c in ws[5]] == [data.code("C3"), "Shanghai Harbour Logistics",
                                        580.01, 2, 1, 1]
    assert ws.cell(6, 1).value is None
    assert charts(path) == {"Sales by customer": [("barChart:bar", [  # one row: one cell
        ("'Sales by customer'!$B$5", "'Sales by customer'!$C$5")])]}
    info = about(book, "About this report")
    assert (info["Salesperson"], info["Rows"], info["Run by"]) == ("sales2", "1", "auditor")


def test_an_empty_report_has_its_headers_and_no_chart(data: Data, tmp_path: Path) -> None:
    _report, path = export(data, tmp_path, "sales-by-product",
                           Params(start=date(2022, 3, 1), end=date(2022, 3, 31)))
    ws = openpyxl.load_workbook(path)["Sales by product"]
    assert [c.value for c in ws[4]] == ["Product code", "Product", "Quantity",
                                        "Net revenue", "Orders", "Share"]
    assert ws.max_row == 4
    assert charts(path) == {}


def test_without_reports_export_nothing_is_written_nor_audited(data: Data,
                                                                tmp_path: Path) -> None:
    before = len(audits(data))
    sales1 = data["sales1"]  # reports.view (their own figures), not reports.export
    report = data.services.reports.run(sales1, "sales-by-month", DEC_JAN)
    path = tmp_path / "mine.xlsx"
    with pytest.raises(PermissionDenied):
        data.services.reports.export(sales1, report, path, "en")
    assert not path.exists() and list(tmp_path.iterdir()) == []
    assert len(audits(data)) == before


def test_the_books_cells_typed_dates_as_dates(tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    places = write_book(path, [BookSheet(
        "Arrears", "Arrears", "As of 2025-02-01",
        [BookColumn("Invoice"), BookColumn("Due", "date"), BookColumn("Days late", "integer"),
         BookColumn("Open", "money")],
        [("INV1", date(2025, 1, 2), 30, 226), ("=1+1", date(2024, 12, 31), 32, 113.5)],
        BookChart("column", "Arrears", 0, (3,)))], about_title="About",
        about=[("Report", "Arrears")])
    ws = openpyxl.load_workbook(path)["Arrears"]
    assert ws["B5"].value == datetime(2025, 1, 2) and ws["B5"].is_date
    assert ws["B5"].number_format == "yyyy-mm-dd"
    assert ws["A6"].value == "=1+1" and ws["A6"].data_type == "s"  # text, never a formula
    assert (ws["D6"].value, ws["D6"].number_format) == (113.5, MONEY)
    assert [(p.sheet, p.first_row, p.last_row, p.category, p.values) for p in places] == [
        ("Arrears", 4, 5, 0, (3,))]
    assert charts(path) == {"Arrears": [("barChart:col", [("Arrears!$A$5:$A$6",
                                                           "Arrears!$D$5:$D$6")])]}
