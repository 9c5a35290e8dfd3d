"""The click-through of the kit (app/ui/kit/drill.py) and the list's part of it
(``RecordListView.show_drill``): the bar's filters set where the bar has them, the others
pinned, shown as "Filtered: ..." and removed by its button or by Clear filters; the list
found on a module's page and brought to the front (its tab, its stacked page); and the
start page that depends on who signs in (``UiModule.start`` as a function)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from app.logic.kit.dto import ListQuery
from app.logic.kit.fields import Label
from app.logic.reports import Drill
from app.ui.customers import CustomerListView
from app.ui.kit.context import Context
from app.ui.kit.drill import find_list, open_drill
from app.ui.kit.registry import UiModule, start_index

from ..helpers import add_customers

TODAY = date.today()


def make_list(qtbot: Any, context: Context) -> CustomerListView:
    view = CustomerListView(context)
    qtbot.addWidget(view)
    view.show()
    return view


def test_show_drill_sets_the_bar_and_pins_the_rest(qtbot, services, actor, context) -> None:
    add_customers(services, actor, 20)  # five tiers and four statuses, in turn
    view = make_list(qtbot, context)
    view.filter_combos["status"].setCurrentIndex(2)  # a filter set before: cleared
    view.show_drill((("tier", "major"), ("kind", "company")),
                    (("created_at", TODAY - timedelta(days=1), None),))
    assert view.filter_combos["tier"].currentData() == "major"
    assert view.filter_combos["status"].currentData() is None
    assert view.pinned == (("kind", "company"),)
    assert view.pinned_ranges == (("created_at", TODAY - timedelta(days=1), None),)
    assert view.pinned_chip.isVisible()
    assert view.pinned_label.text() == (
        f"Filtered: Kind: Company, Created: from {TODAY - timedelta(days=1)}")
    query = view.model.query
    assert query.filters == (("kind", "company"), ("tier", "major"))
    assert query.range("created_at") == (TODAY - timedelta(days=1), None)
    assert view.model.total == services.customers.count(actor, ListQuery(
        filters=query.filters, ranges=query.ranges)) == 4
    view.remove_pinned()  # the chip's button: the bar's tier stays
    assert not view.pinned_chip.isVisible()
    assert view.model.query.filters == (("tier", "major"),)
    assert view.model.query.ranges == ()
    assert view.model.total == 4


def test_a_drill_names_itself_and_clear_filters_drops_the_pins(qtbot, services, actor,
                                                               context) -> None:
    add_customers(services, actor, 5)
    view = make_list(qtbot, context)
    view.show_drill((), (("created_at", TODAY + timedelta(days=1), None),), "New tomorrow")
    assert view.pinned_label.text() == "Filtered: New tomorrow"
    assert view.model.total == 0
    assert view.stack.currentWidget() is view.empty and view.empty_clear.isVisible()
    view.empty_clear.click()
    assert view.pinned == () and view.pinned_ranges == ()
    assert not view.pinned_chip.isVisible() and view.model.total == 5


def test_a_pin_replaced_by_another_drill_leaves_nothing_behind(qtbot, services, actor,
                                                               context) -> None:
    add_customers(services, actor, 10)
    view = make_list(qtbot, context)
    view.show_drill((("kind", "company"),))
    view.show_drill((("status", "active"),))
    assert view.pinned == () and not view.pinned_chip.isVisible()
    assert view.model.query.filters == (("status", "active"),)


class Window:
    """A navigator: module pages by key, as the main window's ``page``."""

    def __init__(self, pages: dict[str, QWidget]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def page(self, key: str) -> Any:
        self.asked.append(key)
        return self.pages.get(key)


def test_open_drill_finds_the_list_and_brings_it_to_the_front(qtbot, services, actor,
                                                              context) -> None:
    add_customers(services, actor, 10)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("first"), "First")
    holder = QWidget()
    stack = QStackedWidget()
    stack.addWidget(QLabel("cover"))
    customers = CustomerListView(context)
    stack.addWidget(customers)
    QVBoxLayout(holder).addWidget(stack)
    tabs.addTab(holder, "Second")
    tabs.show()
    assert tabs.currentIndex() == 0 and stack.currentIndex() == 0
    window = Window({"customers": tabs})
    shown = open_drill(window, Drill("customers", "customer", (("tier", "premium"),),
                                     label=Label("Premium", "优质")))
    assert shown is customers and window.asked == ["customers"]
    assert tabs.currentIndex() == 1 and stack.currentWidget() is customers
    assert customers.isVisible() and customers.filter_combos["tier"].currentData() == "premium"
    assert customers.model.total == 2
    assert find_list(tabs, "customer") is customers
    assert open_drill(window, Drill("customers", "invoice")) is None  # no such list there
    assert open_drill(window, Drill("finance", "invoice")) is None  # a page not to be had


def test_the_start_page_may_depend_on_who_signed_in(context) -> None:
    def probe(key: str, start: Any) -> UiModule:
        return UiModule(key, Label(key, key), ("customers", "view"), QWidget, start=start)

    def managers(c: Context) -> int | None:
        return 5 if c.actor.scope("reports") in ("team", "all") else None

    modules = (probe("a", None), probe("b", 20), probe("c", managers), probe("d", 10))
    assert start_index(modules, context) == 2  # the administrator: all records
    salesperson = replace(context, actor=replace(context.actor, scopes=(("reports", "own"),)))
    assert start_index(modules, salesperson) == 3
    assert start_index((probe("a", None),), context) == 0
