"""The report screen (app/ui/reports/report_view.py) on real services over a SQLite database
filled by the demo generator: a report's parameters only, the figures the service computes
shown in the user's language, the chart drawn from them, a refused range said in place of
any result, the workbook written (and refused without reports.export), the parameters
remembered; and the value axis of a chart reading well for large money."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCharts import QAbstractBarSeries, QPieSeries
from PySide6.QtCore import QDate, QSettings, Qt

from app.data.database import Database
from app.demo import DEMO_PASSWORD, generate_demo
from app.logic.kit.dto import Actor
from app.logic.reports import Params, period
from app.logic.services import Services
from app.ui.kit.charts import axis_labels, nice_ticks
from app.ui.kit.context import Context
from app.ui.kit.hub import ChangeHub
from app.ui.kit.tasks import SyncTaskRunner, Task
from app.ui.reports.report_view import CUSTOM, ReportView, cell_text
from app.ui.shell.i18n import Translation

from ..conftest import make_services

LAST_YEAR = period("last-year", date.today())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
         ) -> Iterator[tuple[Database, Services]]:
    """200 demo customers with two years of orders, opportunities and tickets, read (and
    exported: audited) by the tests of this module."""
    db, services = make_services(str(tmp_path_factory.mktemp("reports") / "demo.db"),
                                 sqlite_template)
    generate_demo(db, customers=200, seed=5, workers=0)
    yield db, services
    db.dispose()


@pytest.fixture(scope="module")
def demo_services(demo: tuple[Database, Services]) -> Services:
    return demo[1]


@pytest.fixture(scope="module")
def admin(demo_services: Services) -> Actor:
    return demo_services.auth.login("admin", DEMO_PASSWORD)


@pytest.fixture
def make_view(qtbot: Any, demo_services: Services, admin: Actor
              ) -> Callable[..., ReportView]:
    def make(who: Actor | None = None, runner: Any = None) -> ReportView:
        context = Context(demo_services, who or admin, runner or SyncTaskRunner(),
                          ChangeHub())
        view = ReportView(context)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        return view

    return make


def run(view: ReportView, name: str, preset: str | None = None) -> None:
    assert view.choose(name)
    if preset is not None:
        view.period.setCurrentIndex(view.period.findData(preset))
    view.run_button.click()


def shown(view: ReportView) -> set[str]:
    return {key for key, box in view.fields.items() if box.isVisibleTo(view)}


def test_choosing_a_report_shows_its_parameters_only(make_view: Callable[..., ReportView]
                                                     ) -> None:
    view = make_view()
    assert view.reports.count() == len(view.definitions) >= 14
    assert view.choose("sales-by-month")
    assert shown(view) == {"period", "from", "to", "owner", "team", "province"}
    assert view.choose("sales-by-product")
    assert shown(view) == {"period", "from", "to", "owner", "team", "province", "top"}
    assert view.choose("customer-analysis")
    assert shown(view) == {"period", "from", "to", "owner", "team", "province", "by"}
    assert [view.by.itemData(n) for n in range(view.by.count())] == [
        None, "region", "industry", "tier", "status", "ownership", "month"]
    assert view.choose("receivables-aging")
    assert shown(view) == {"as_of", "owner", "team"}
    assert view.choose("tiers")
    assert shown(view) == {"owner", "team"}
    # the owners and teams come from the service
    assert view.owner.findData("sales1") > 0 and view.owner.itemData(0) is None
    assert view.heading.text() == "Customer tiers"


def test_a_preset_sets_the_range_and_a_date_typed_makes_it_custom(
        make_view: Callable[..., ReportView]) -> None:
    view = make_view()
    view.choose("sales-by-month")
    assert view.period.currentData() == "this-year"  # the report's usual period
    assert view.params().start == date(date.today().year, 1, 1)
    assert view.params().end == date.today()  # this year so far
    view.period.setCurrentIndex(view.period.findData("last-year"))
    assert (view.params().start, view.params().end) == LAST_YEAR
    view.start.setDate(QDate(2025, 3, 1))
    assert view.period.currentData() == CUSTOM
    assert view.params().start == date(2025, 3, 1)


def test_sales_by_month_shows_the_months_with_the_services_figures(
        make_view: Callable[..., ReportView], demo_services: Services, admin: Actor) -> None:
    view = make_view()
    run(view, "sales-by-month", "last-year")
    expected = demo_services.reports.run(admin, "sales-by-month",
                                         Params(start=LAST_YEAR[0], end=LAST_YEAR[1]))
    rows = expected.table("months").rows
    assert len(rows) == 12 and any(r[1] for r in rows)  # the demo sold last year
    assert view.report is not None and view.report.params.start == LAST_YEAR[0]
    assert not view.running and view.run_button.isEnabled()
    assert view.stack.currentIndex() == 1 and len(view.sections) == 1
    section = view.sections[0]
    assert section.model.rowCount() == 12
    for n, (month, revenue, orders, before, orders_before, change) in enumerate(rows):
        assert [view.cell(0, n, c) for c in range(6)] == [
            month, f"{revenue:,.2f}", f"{orders:,}", f"{before:,.2f}", f"{orders_before:,}",
            "" if change is None else f"{change * 100:.1f}%"]
    revenue = section.model.index(0, 1)
    assert revenue.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert section.model.headerData(1, Qt.Orientation.Horizontal) == "Net revenue"
    # the chart: the twelve months, net revenue against the same period a year before
    assert section.chart is not None and section.chart.data is not None
    data = section.chart.data
    assert list(data.categories) == [r[0] for r in rows]
    assert [name for name, _ in data.series] == ["Net revenue", "Same period last year"]
    assert list(data.series[0][1]) == [float(r[1]) for r in rows]
    (bars,) = section.chart.chart().series()
    assert isinstance(bars, QAbstractBarSeries) and bars.count() == 2
    assert all(s.count() == 12 for s in bars.barSets())
    assert "12 rows" in section.count.text()
    assert LAST_YEAR[0].isoformat() in view.note.text()


def test_sorting_a_column_and_back(make_view: Callable[..., ReportView]) -> None:
    view = make_view()
    run(view, "sales-by-month", "last-year")
    model = view.sections[0].model
    months = [model.index(n, 0).data() for n in range(12)]
    view.sections[0].table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    revenues = [model.rows[n][1] for n in range(12)]
    assert revenues == sorted(revenues, reverse=True)
    model.sort(-1)
    assert [model.index(n, 0).data() for n in range(12)] == months


def test_a_report_of_several_sections_in_tabs_with_pie_charts(
        make_view: Callable[..., ReportView], demo_services: Services, admin: Actor) -> None:
    view = make_view()
    run(view, "customer-analysis", "last-year")
    expected = demo_services.reports.run(admin, "customer-analysis",
                                         Params(start=LAST_YEAR[0], end=LAST_YEAR[1]))
    assert view.tabs.count() == len(expected.tables) == 6
    assert [view.tabs.tabText(n) for n in range(6)] == [
        t.section.title.en for t in expected.tables]
    tier = next(v for v in view.sections if v.section.key == "by_tier")
    assert tier.chart is not None
    (pie,) = tier.chart.chart().series()
    assert isinstance(pie, QPieSeries)
    assert pie.count() == len(expected.table("by_tier").rows)
    # codes in words: the tier "key" is shown as the tier's name
    words = tier.section.columns[0].words
    assert words is not None
    assert {tier.cell(n, 0) for n in range(tier.model.rowCount())} <= {
        w.en for w in words.values()}
    # a breakdown keeps one section
    view.by.setCurrentIndex(view.by.findData("tier"))
    view.run_report()
    assert view.tabs.count() == 1 and view.sections[0].section.key == "by_tier"


def test_codes_and_titles_in_chinese(make_view: Callable[..., ReportView],
                                     translation: Translation) -> None:
    translation.install("zh_CN")
    view = make_view()
    run(view, "pipeline", "last-year")
    assert view.reports.item(view.reports.currentRow()).text() == "销售漏斗"
    section = view.sections[0]
    assert section.cell(0, 0) == "资格确认"
    assert section.model.headerData(1, Qt.Orientation.Horizontal) == "商机数"
    assert section.chart is not None and section.chart.data is not None
    assert section.chart.data.categories[0] == "资格确认"
    assert section.chart.data.title == "各阶段商机"


def test_a_reversed_range_is_refused_and_leaves_no_old_result(
        make_view: Callable[..., ReportView]) -> None:
    view = make_view()
    run(view, "sales-by-month", "last-year")
    assert view.report is not None and view.export_button.isEnabled()
    view.start.setDate(QDate(2025, 6, 1))
    view.end.setDate(QDate(2025, 5, 1))
    view.run_report()
    assert view.report is None and view.sections == [] and view.tabs.count() == 0
    assert view.stack.currentIndex() == 0
    assert "ends before it starts" in view.message.text()
    assert view.fields["to"].editor.toolTip()  # the field is marked
    assert not view.export_button.isEnabled()
    assert view.run_button.isEnabled() and not view.running
    # put right, it runs again and the mark goes
    view.end.setDate(QDate(2025, 7, 31))
    view.run_report()
    assert view.report is not None and view.sections[0].model.rowCount() == 2
    assert not view.fields["to"].editor.toolTip()


class HeldRunner(SyncTaskRunner):
    """Keeps each task until the test lets it finish: what a slow database looks like."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Task] = []

    def run(self, fn: Any, on_success: Any, on_failure: Any = None,
            context: Any = None) -> Task:
        task = Task(fn, on_success, on_failure)
        self.held.append(task)
        return task

    def finish(self) -> None:
        while self.held:
            task = self.held.pop(0)
            try:
                outcome, failed = task.fn(), False
            except Exception as exc:
                outcome, failed = exc, True
            task.deliver(outcome, failed)


def test_running_in_the_background_says_so(make_view: Callable[..., ReportView]) -> None:
    runner = HeldRunner()
    view = make_view(runner=runner)
    runner.finish()  # the choices
    run(view, "pipeline", "last-year")
    assert view.running and not view.run_button.isEnabled()
    assert view.status.text() == "Running..."
    view.run_report()  # ignored while running
    assert len(runner.held) == 1
    runner.finish()
    assert not view.running and view.run_button.isEnabled()
    assert view.report is not None and view.report.name == "pipeline"
    assert view.status.text() == ""


def test_a_result_for_another_report_is_kept_not_shown(
        make_view: Callable[..., ReportView]) -> None:
    runner = HeldRunner()
    view = make_view(runner=runner)
    runner.finish()
    run(view, "pipeline", "last-year")
    view.choose("sales-by-month")  # chosen while the pipeline runs
    runner.finish()
    assert view.report is None and view.stack.currentIndex() == 0
    view.choose("pipeline")  # its result is there when it is chosen again
    assert view.report is not None and view.report.name == "pipeline"


def test_the_export_writes_a_workbook(make_view: Callable[..., ReportView],
                                      tmp_path: Path) -> None:
    view = make_view()
    target = tmp_path / "sales.xlsx"
    view.ask_path = lambda: str(target)
    assert not view.export_button.isEnabled()  # nothing run yet
    run(view, "sales-by-month", "last-year")
    assert view.export_button.isEnabled()
    assert view.on_export() is not None
    book = openpyxl.load_workbook(target)
    assert "Sales by month" in book.sheetnames
    sheet = book["Sales by month"]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "2025-01" in values or f"{LAST_YEAR[0]:%Y-%m}" in values
    assert str(target) in view.status.text()
    assert view.export_button.isEnabled() and view.export_run is None


def test_the_export_is_refused_without_the_right(
        make_view: Callable[..., ReportView], demo_services: Services,
        tmp_path: Path) -> None:
    seller = demo_services.auth.login("sales1", DEMO_PASSWORD)
    assert not seller.can("reports", "export")
    view = make_view(seller)
    asked: list[bool] = []
    view.ask_path = lambda: asked.append(True) or str(tmp_path / "no.xlsx")
    run(view, "sales-by-month", "last-year")
    assert view.report is not None and view.report.scope == "own"
    assert not view.export_button.isEnabled()
    assert view.export_button.toolTip() == "You do not have the right to export reports."
    assert view.on_export() is None and asked == []
    assert not (tmp_path / "no.xlsx").exists()


def test_the_parameters_and_the_report_are_remembered(
        make_view: Callable[..., ReportView]) -> None:
    view = make_view()
    view.choose("sales-by-product")
    view.start.setDate(QDate(2025, 2, 1))
    view.end.setDate(QDate(2025, 4, 30))
    view.owner.setCurrentIndex(view.owner.findData("sales1"))
    view.province.setText("广东省")
    view.top.setValue(5)
    view.run_report()
    view.choose("pipeline")
    view.period.setCurrentIndex(view.period.findData("last-quarter"))
    settings = QSettings()
    view.save_state(settings)
    assert settings.value("reports/report") == "pipeline"
    assert "广东省" in str(settings.value("reports/sales-by-product/params"))

    again = make_view()
    again.restore_state(QSettings())
    assert again.current is not None and again.current.name == "pipeline"
    assert again.period.currentData() == "last-quarter"
    again.choose("sales-by-product")
    assert again.period.currentData() == CUSTOM
    params = again.params()
    assert (params.start, params.end) == (date(2025, 2, 1), date(2025, 4, 30))
    assert (params.owner, params.province, params.top) == ("sales1", "广东省", 5)
    again.choose("sales-by-month")  # never run: its usual parameters
    assert again.period.currentData() == "this-year" and again.params().owner is None


def test_cells_in_the_users_language() -> None:
    from app.logic.reports import BY_NAME

    stages = BY_NAME["pipeline"].section("stages")
    assert cell_text(stages.column("stage"), "proposal", "en") == "Proposal"
    assert cell_text(stages.column("stage"), "proposal", "zh_CN") == "方案报价"
    assert cell_text(stages.column("amount"), Decimal("1234567.5"), "en") == "1,234,567.50"
    assert cell_text(stages.column("conversion"), Decimal("0.125"), "en") == "12.5%"
    assert cell_text(stages.column("conversion"), None, "en") == ""
    assert cell_text(stages.column("opportunities"), 12345, "en") == "12,345"


@pytest.mark.parametrize(("top", "language", "labels"), [
    (60_000_000_000, "en", ["0", "20B", "40B", "60B"]),
    (60_000_000_000, "zh_CN", ["0", "200亿", "400亿", "600亿"]),
    (23_000_000, "en", ["0", "5M", "10M", "15M", "20M", "25M"]),
    (23_000_000, "zh_CN", ["0", "500万", "1,000万", "1,500万", "2,000万", "2,500万"]),
    (158_000_000, "zh_CN", ["0", "0.5亿", "1.0亿", "1.5亿", "2.0亿"]),
    (3_000, "en", ["0", "1,000", "2,000", "3,000"]),
])
def test_the_value_axis_reads_well_for_large_money(top: float, language: str,
                                                   labels: list[str]) -> None:
    assert axis_labels(nice_ticks(0, top), "money", language) == labels


def test_the_value_axis_of_shares_in_percent() -> None:
    assert axis_labels(nice_ticks(0, 0.75), "percent", "en") == [
        "0", "20%", "40%", "60%", "80%"]
