"""The dashboard (app/ui/reports/dashboard.py) on real services over a SQLite database filled
by the demo generator: the tiles show the service's figures; a tile (mouse or keyboard)
and a chart's bar open the list behind them in a real main window, filtered as the figure
counts (the bar's filters set, the others pinned and shown); a change broadcast on the hub
loads the figures again, one load at a time; managers start on the dashboard, a
salesperson on "My day" and sees their own figures only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import QSettings, Qt

from app.data.database import Database
from app.demo import DEMO_PASSWORD, generate_demo
from app.logic.kit.dto import Actor, Changed, ListQuery
from app.logic.reports import Drill
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.kit.hub import ChangeHub
from app.ui.kit.list_view import RecordListView
from app.ui.kit.tasks import SyncTaskRunner, Task
from app.ui.reports import DashboardView, ReportsPage
from app.ui.reports.dashboard import change_text, figure_value, value_text
from app.ui.shell.main_window import MainWindow

from ..conftest import make_services


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """200 demo customers with two years of orders, invoices and tickets."""
    path = tmp_path_factory.mktemp("dashboard") / "demo.db"
    db, _services = make_services(str(path), sqlite_template)
    generate_demo(db, customers=200, seed=5, workers=0)
    db.dispose()
    return path


@pytest.fixture(scope="module")
def demo(demo_file: Path) -> Iterator[Services]:
    """The demo database, read (never written) by the tests of this module."""
    db, services = make_services(str(demo_file))
    yield services
    db.dispose()


@pytest.fixture
def writable(tmp_path: Path, demo_file: Path) -> Iterator[Services]:
    """A copy of the demo database of the test's own, to write to."""
    db: Database
    db, services = make_services(str(tmp_path / "copy.db"), demo_file)
    yield services
    db.dispose()


def login(services: Services, username: str) -> Actor:
    return services.auth.login(username, DEMO_PASSWORD)


@pytest.fixture
def make_window(qtbot: Any) -> Callable[..., MainWindow]:
    def make(services: Services, username: str) -> MainWindow:
        window = MainWindow(services, login(services, username), SyncTaskRunner())
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make


def dashboard_of(window: MainWindow) -> DashboardView:
    page = window.pages.currentWidget()
    assert isinstance(page, ReportsPage)
    assert page.currentWidget() is page.dashboard
    return page.dashboard


def shown_list(window: MainWindow) -> RecordListView:
    """The list in front: the current page's current tab."""
    page = window.pages.currentWidget()
    shown = page.currentWidget() if hasattr(page, "currentWidget") else page
    assert isinstance(shown, RecordListView) and shown.isVisible()
    return shown


def count(services: Services, actor: Actor, entity: str,
          filters: tuple[tuple[str, Any], ...] = (),
          ranges: tuple[tuple[str, Any, Any], ...] = ()) -> int:
    return services.for_entity(entity).count(actor, ListQuery(filters=filters, ranges=ranges))


# --- the figures ---------------------------------------------------------------------------
def test_the_tiles_show_the_services_figures(make_window: Callable[..., MainWindow],
                                             demo: Services) -> None:
    window = make_window(demo, "manager")
    view = dashboard_of(window)  # the manager's start page
    expected = demo.reports.dashboard(login(demo, "manager"))
    assert view.scope_label.text() == "Your team's records"
    assert view.status.text().startswith("Updated ")
    assert list(view.tiles) == [f.key for f in expected.figures]
    for figure in expected.figures:
        tile = view.tiles[figure.key]
        assert tile.caption.text() == figure.label.en
        assert tile.value.text() == figure_value(figure)
        assert tile.clickable == (figure.drill is not None)
    ytd = expected.figure("revenue_ytd")
    assert ytd.before is not None and ytd.change is not None
    assert view.tiles["revenue_ytd"].change.text() == (
        f"Same period last year {value_text('money', ytd.before)}, {change_text(ytd.change)}")
    assert ("#2e7d32" if ytd.change > 0 else "#c62828") in \
        view.tiles["revenue_ytd"].change.styleSheet()
    assert f"{ytd.value:,.2f}" in view.tiles["revenue_ytd"].toolTip()  # the cents
    # the invoices' figure counts all invoices (the finance list's scope): said on the tile
    assert view.tiles["overdue"].note.text() == "All records"
    # the four charts, in the user's words, with the service's values
    assert list(view.charts) == ["revenue", "pipeline", "aging", "tiers"]
    revenue = view.charts["revenue"].data
    assert revenue is not None and revenue.categories[0] == "Jan"
    assert [list(v) for _, v in revenue.series] == [
        [float(x) for x in s.values] for s in expected.chart("revenue").series]


def test_the_overdue_tile_opens_the_overdue_invoices_in_their_own_view(
        qtbot: Any, make_window: Callable[..., MainWindow], demo: Services) -> None:
    window = make_window(demo, "manager")
    manager = window.context.actor
    view = dashboard_of(window)
    qtbot.mouseClick(view.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget().objectName() == "financePage"
    invoices = shown_list(window)
    assert invoices.entity.name == "invoice"
    overdue = count(demo, manager, "invoice", (("overdue", True),))
    everything = count(demo, manager, "invoice")
    assert 0 < overdue < everything
    assert invoices.model.total == overdue
    assert invoices.model.query.filter("overdue") is True
    # the list's own view says what it shows: nothing left to pin
    assert invoices.view_combo.currentText() == "Overdue invoices"
    assert invoices.pinned == () and not invoices.pinned_chip.isVisible()
    qtbot.mouseClick(invoices.clear_button, Qt.MouseButton.LeftButton)
    invoices.view_combo.setCurrentIndex(0)  # All invoices
    assert invoices.model.total == everything
    assert invoices.model.query.filter("overdue") is None


def test_a_tile_opens_by_keyboard_and_sets_the_filters_the_bar_has(
        qtbot: Any, make_window: Callable[..., MainWindow], demo: Services) -> None:
    window = make_window(demo, "manager")
    manager = window.context.actor
    tile = dashboard_of(window).tiles["complaints"]
    assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    tickets = shown_list(window)
    assert tickets.entity.name == "feedback"
    assert tickets.filter_combos["type"].currentData() == "complaint"  # in the bar
    assert tickets.pinned == (("open", True),)  # not in the bar: pinned
    assert tickets.pinned_label.text() == "Filtered: Open"
    assert tickets.model.total == count(demo, manager, "feedback",
                                        (("open", True), ("type", "complaint")))
    assert tickets.model.total == demo.reports.dashboard(manager).figure("complaints").value
    tickets.clear_filters()  # Clear filters removes the pinned one too
    assert not tickets.pinned_chip.isVisible() and tickets.model.query.filters == ()


def test_a_revenue_bar_opens_the_orders_of_that_month_that_count_as_revenue(
        make_window: Callable[..., MainWindow], demo: Services) -> None:
    window = make_window(demo, "manager")
    manager = window.context.actor
    view = dashboard_of(window)
    chart = demo.reports.dashboard(manager).chart("revenue")
    month = next(n for n, v in enumerate(chart.series[1].values) if v)  # last year's
    drill = chart.series[1].drills[month]
    assert drill is not None
    (_name, start, end), = drill.ranges
    bars = next(s for s in view.charts["revenue"].chart().series()
                if isinstance(s, QBarSeries))
    bars.barSets()[1].clicked.emit(month)  # as a click on last year's bar of that month
    orders = shown_list(window)
    assert window.pages.currentWidget().objectName() == "salesPage"
    assert orders.entity.name == "order"
    assert orders.range_filters["order_date"].value() == (start, end)
    assert start == date(date.today().year - 1, month + 1, 1)
    assert orders.pinned == (("revenue", True),)
    assert orders.pinned_label.text() == "Filtered: Counts as revenue"
    expected = count(demo, manager, "order", (("revenue", True),),
                     (("order_date", start, end),))
    assert orders.model.total == expected > 0
    every = count(demo, manager, "order", (), (("order_date", start, end),))
    orders.remove_pinned()  # the month stays, every order of it shows
    assert orders.model.total == every >= expected
    assert orders.range_filters["order_date"].value() == (start, end)


def test_without_a_right_to_the_list_nothing_opens(qtbot: Any, demo: Services) -> None:
    sales = login(demo, "sales1")
    opened: list[Drill] = []
    context = Context(demo, sales, SyncTaskRunner(), ChangeHub(),
                      navigate=lambda drill: opened.append(drill) or True)
    view = DashboardView(context)
    qtbot.addWidget(view)
    assert view.dashboard is not None and view.dashboard.figure("overdue").drill is None
    assert not view.tiles["overdue"].clickable
    assert not view.tiles["overdue"].focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.mouseClick(view.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert opened == []
    qtbot.mouseClick(view.tiles["revenue_ytd"], Qt.MouseButton.LeftButton)
    assert opened == [view.dashboard.figure("revenue_ytd").drill]


# --- loading again -------------------------------------------------------------------------
def test_a_change_broadcast_on_the_hub_loads_the_figures_again(
        qtbot: Any, make_window: Callable[..., MainWindow], writable: Services) -> None:
    window = make_window(writable, "manager")
    manager = window.context.actor
    view = dashboard_of(window)
    loads = view.loads
    window.context.hub.sig_changed.emit(Changed("product", (1,)))  # not counted here
    window.context.hub.sig_changed.emit(Changed("activity", (1,)))
    assert not view.timer.isActive()
    drafts = writable.orders.list_page(manager, ListQuery(filters=(("status", "draft"),)),
                                       limit=50).rows
    changed = None
    for row in drafts:
        record = writable.orders.get(manager, row.id)
        try:
            changed = writable.orders.transit(manager, row.id, record.version, "confirm")
            break
        except Exception:  # over a credit limit: try the next one
            continue
    assert changed is not None
    window.context.hub.sig_changed.emit(changed)
    window.context.hub.sig_changed.emit(changed)  # a burst loads once
    assert view.timer.isActive()
    qtbot.waitUntil(lambda: view.loads == loads + 1, timeout=5000)
    assert not view.timer.isActive()
    fresh = writable.reports.dashboard(manager)
    for figure in fresh.figures:
        assert view.tiles[figure.key].value.text() == figure_value(figure)
    assert view.status.text().startswith("Updated ")


def test_a_hidden_dashboard_loads_when_shown_again(
        qtbot: Any, make_window: Callable[..., MainWindow], demo: Services) -> None:
    window = make_window(demo, "manager")
    view = dashboard_of(window)
    loads = view.loads
    window.page("customers")  # the dashboard hidden
    view.timer.setInterval(10)
    window.context.hub.sig_changed.emit(Changed("customer", (1,)))
    qtbot.waitUntil(lambda: not view.timer.isActive())
    assert view.loads == loads  # not while hidden
    window.page("reports")
    assert view.loads == loads + 1


class HeldRunner(SyncTaskRunner):
    """Keeps each task until ``finish`` runs it: a load that takes its time."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Callable[[], Any], Task]] = []

    def run(self, fn: Callable[[], Any], on_success: Any, on_failure: Any = None,
            context: Any = None) -> Task:
        task = Task(fn, on_success, on_failure)
        self.held.append((fn, task))
        return task

    def finish(self) -> None:
        fn, task = self.held.pop(0)
        task.deliver(fn(), False)


def test_one_load_at_a_time_and_the_page_stays_usable(qtbot: Any, demo: Services) -> None:
    runner = HeldRunner()
    view = DashboardView(Context(demo, login(demo, "manager"), runner, ChangeHub()))
    qtbot.addWidget(view)
    assert view.loading and view.status.text() == "Loading..."
    assert not view.refresh_button.isEnabled()
    assert view.refresh() is False and view.refresh() is False  # asked while loading
    assert len(runner.held) == 1
    runner.finish()
    assert len(runner.held) == 1 and view.loads == 1  # once more, for the asks meanwhile
    runner.finish()
    assert runner.held == [] and view.loads == 2 and not view.loading
    assert view.refresh_button.isEnabled() and view.status.text().startswith("Updated ")


# --- whose start page, whose figures -------------------------------------------------------
def test_managers_start_on_the_dashboard_and_a_salesperson_on_my_day(
        make_window: Callable[..., MainWindow], demo: Services) -> None:
    for manager in ("manager", "admin"):
        window = make_window(demo, manager)
        assert window.modules[window.navigation.currentRow()].key == "reports"
        dashboard_of(window)
    window = make_window(demo, "sales1")
    page = window.pages.currentWidget()
    assert page.objectName() == "activitiesPage" and page.currentWidget() is page.my_day
    assert window.row_of("reports") is not None  # the dashboard is there, not first


def test_a_salespersons_dashboard_shows_their_own_figures(qtbot: Any, demo: Services
                                                          ) -> None:
    sales, manager = login(demo, "sales1"), login(demo, "manager")
    view = DashboardView(Context(demo, sales, SyncTaskRunner(), ChangeHub()))
    qtbot.addWidget(view)
    theirs, team = demo.reports.dashboard(sales), demo.reports.dashboard(manager)
    assert view.scope_label.text() == "Your records"
    for figure in theirs.figures:
        assert view.tiles[figure.key].value.text() == figure_value(figure)
    mine, all_of_team = theirs.figure("revenue_ytd").value, team.figure("revenue_ytd").value
    assert 0 < mine < all_of_team
    assert view.tiles["revenue_ytd"].value.text() == value_text("money", mine)


def test_f5_runs_the_report_on_the_reports_tab(
        qtbot: Any, make_window: Callable[..., MainWindow], demo: Services) -> None:
    window = make_window(demo, "manager")
    with qtbot.waitActive(window):
        window.activateWindow()
    page = window.pages.currentWidget()
    assert isinstance(page, ReportsPage)
    loads = page.dashboard.loads
    qtbot.keyClick(page.dashboard, Qt.Key.Key_F5)
    assert page.dashboard.loads == loads + 1
    page.setCurrentWidget(page.reports)
    assert page.reports.report is None
    qtbot.keyClick(page.reports.reports, Qt.Key.Key_F5)  # not ambiguous: the report runs
    assert page.reports.report is not None
    assert page.dashboard.loads == loads + 1


def test_the_tab_chosen_is_remembered(qtbot: Any, demo: Services) -> None:
    context = Context(demo, login(demo, "manager"), SyncTaskRunner(), ChangeHub())
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.setCurrentIndex(1)
    settings = QSettings()
    page.save_state(settings)
    again = ReportsPage(context)
    qtbot.addWidget(again)
    assert again.currentIndex() == 0
    again.restore_state(settings)
    assert again.currentWidget() is again.reports
