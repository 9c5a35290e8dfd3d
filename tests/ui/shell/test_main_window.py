"""The main window: search as you type, filters, status bar, opening customers, memory,
navigation, About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.ui.customers import CustomerForm, CustomerListView
from app.ui.kit.table_model import ID_ROLE, PAGE_SIZE
from app.ui.shell.main_window import MainWindow, app_version

from ..helpers import add_customers, answer_modal, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def customers_of(window: MainWindow) -> CustomerListView:
    page = window.page("customers")
    assert isinstance(page, CustomerListView)
    return page


@pytest.fixture
def window(qtbot, many, runner):
    services, actor = many
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window, before_close_func=lambda w: [f.fields.mark_clean()
                                                         for f in w.forms()])
    window.restore_state(QSettings())
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def visible_names(window: MainWindow) -> list[str]:
    model = customers_of(window).model
    name = model.column_of("name")
    return [model.index(r, name).data() for r in range(model.rowCount())]


def test_the_status_bar_shows_user_and_database_and_the_list_its_total_once(window, many):
    services, _ = many
    assert window.user_label.text() == "User: admin"
    assert services.database_label in window.database_label.text()
    assert customers_of(window).total_label.text() == "Customers: 450"
    shown = [label.text() for label in window.findChildren(QLabel)
             if label.isVisible() and "450" in label.text()]
    assert shown == ["Customers: 450"]
    assert not any("450" in label.text() for label in window.statusBar().findChildren(QLabel))


def test_the_total_keeps_away_from_the_window_edge(window):
    label = customers_of(window).total_label
    right = label.mapTo(window, label.contentsRect().topRight()).x()
    assert window.width() - right >= 8
    assert label.width() >= label.sizeHint().width()  # not cut either


def test_ctrl_f_focuses_the_search_and_results_follow_typing(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "Customer 0123")
    view = customers_of(window)
    qtbot.waitUntil(lambda: view.model.query.search == "Customer 0123")
    assert "Customer 0123 公司" in visible_names(window)
    assert view.model.total == len(visible_names(window)) < 10


def test_chinese_typed_through_the_input_method_searches(qtbot, window):
    window.search.clear()
    type_text(window.search, "北京")
    view = customers_of(window)
    qtbot.waitUntil(lambda: view.model.query.search == "北京")
    assert view.model.total == 90


def test_escape_clears_the_search_and_enter_moves_to_the_list(qtbot, window):
    qtbot.keyClicks(window.search, "Customer 0001")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    view = customers_of(window)
    assert view.model.query.search == "Customer 0001"
    assert QApplication.focusWidget() is view.table
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""


def test_filters_combine(qtbot, window):
    view = customers_of(window)
    status, city = view.filter_combos["status"], view.filter_combos["city"]
    status.setCurrentIndex(status.findData("active"))
    city.setCurrentIndex(city.findData("上海"))
    query = view.model.query
    assert (query.filter("status"), query.filter("city")) == ("active", "上海")
    assert 0 < view.model.total < 450
    view.clear_filters()
    assert view.model.total == 450
    assert (status.currentIndex(), city.currentIndex()) == (0, 0)


def test_sorting_by_header_click(qtbot, window):
    view = customers_of(window)
    header = view.table.horizontalHeader()
    header.setSortIndicator(view.model.column_of("name"), Qt.SortOrder.DescendingOrder)
    assert view.model.query.descending
    assert visible_names(window)[0] == "Customer 0449 公司"


def test_enter_on_a_row_opens_the_customer(qtbot, window):
    view = customers_of(window)
    view.focus_table()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    [form] = window.forms()
    assert isinstance(form, CustomerForm)
    assert form.fields.value("name") == "Customer 0000 公司"
    assert view.open_customer(form.customer_id) is form


def test_ctrl_n_opens_a_new_customer_form(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert [form.record for form in window.forms()] == [None]


def test_geometry_splitter_and_columns_are_remembered(qtbot, many, runner, window):
    window.resize(790, 500)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([110, 680])
    size, nav_width = window.size(), window.splitter.sizes()[0]
    name = customers_of(window).model.column_of("name")
    customers_of(window).table.horizontalHeader().resizeSection(name, 333)
    window.close()
    services, actor = many
    again = MainWindow(services, actor, runner)
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    again.show()
    assert again.size() == size
    assert customers_of(again).table.horizontalHeader().sectionSize(name) == 333
    assert again.splitter.sizes()[0] == nav_width < 170  # 170 by default


def test_navigation_builds_each_module_once_and_ctrl_digits_switch(qtbot, window):
    items = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert items == ["Customers", "Projects", "Suppliers", "Products", "Activities",
                     "Feedback", "Sales", "Finance", "Reports", "Administration", "Audit log"]
    # The start page of a manager (the administrator sees all records): the dashboard
    assert window.pages.currentWidget().objectName() == "reportsPage"
    assert window.navigation.currentRow() == 8
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert window.pages.currentWidget().objectName() == "activitiesPage"
    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)  # the tenth module
    assert window.pages.currentWidget().objectName() == "adminPage"
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert window.pages.count() == 3  # built when first shown, once
    qtbot.keyClick(window, Qt.Key.Key_8, CTRL)
    assert window.pages.currentWidget().objectName() == "financePage"
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.pages.currentWidget() is customers_of(window)


def test_a_salesperson_sees_only_the_modules_of_their_rights_and_starts_on_my_day(
        qtbot, services, runner, make_actor):
    sales = make_actor("sales9", ("salesperson",))
    window = MainWindow(services, sales, runner)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    items = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    # no suppliers, admin, audit; their own figures in Reports, but My day first
    assert items == ["Customers", "Projects", "Products", "Activities", "Feedback", "Sales",
                     "Reports"]
    assert window.navigation.currentRow() == 3
    page = window.pages.currentWidget()
    assert page.objectName() == "activitiesPage" and page.currentWidget() is page.my_day
    qtbot.keyClick(window, Qt.Key.Key_9, CTRL)  # nothing there
    assert window.pages.count() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.pages.currentWidget() is customers_of(window)
    assert window.pages.count() == 2


def test_the_service_role_starts_on_its_open_tickets(qtbot, services, runner, make_actor):
    agent = make_actor("agent9", ("service",))
    window = MainWindow(services, agent, runner)
    qtbot.addWidget(window)
    items = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert items == ["Customers", "Products", "Feedback"]
    page = window.pages.currentWidget()
    assert page.objectName() == "feedbackPage"
    assert page.view_combo.currentText() == "My open tickets"


def test_about_names_the_version(qtbot, window):
    texts: list[str] = []

    def read(box: QMessageBox) -> None:
        texts.append(box.text())
        box.accept()

    answer_modal(window, read, QMessageBox)
    window.on_about()
    assert texts and f"version {app_version()}" in texts[0]
    assert app_version() not in ("", "0.0.0")


@pytest.fixture
def writable_window(qtbot, services, actor, runner):
    """A main window over its own database of 260 customers (two pages), for edits."""
    add_customers(services, actor, PAGE_SIZE + 60)
    window = MainWindow(services, actor, runner)
    # Forms left open are closed with the window: without asking about unsaved changes.
    qtbot.addWidget(window, before_close_func=lambda w: [f.fields.mark_clean()
                                                         for f in w.forms()])
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_saving_a_customer_keeps_the_place_in_the_list(qtbot, writable_window):
    window = writable_window
    customers = customers_of(window)
    customers.model.fetchMore(QModelIndex())  # scrolled to the second page
    loaded = customers.model.rowCount()
    assert loaded == PAGE_SIZE + 60
    customers.table.selectRow(250)
    customer_id = customers.model.index(250, 0).data(ID_ROLE)
    form = customers.open_customer(customer_id)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    editor = form.fields.editor("name")
    editor.selectAll()
    type_text(editor, "改名后的客户 Renamed Ltd")
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    # Still the same rows and the same selection; the line shows what was saved.
    name = customers.model.column_of("name")
    assert customers.model.rowCount() == loaded
    assert customers.table.currentIndex().row() == 250
    assert customers.model.index(250, 0).data(ID_ROLE) == customer_id
    assert customers.model.index(250, name).data() == "改名后的客户 Renamed Ltd"


def test_a_new_customer_reloads_the_list(qtbot, writable_window):
    window = writable_window
    customers = customers_of(window)
    customers.model.fetchMore(QModelIndex())
    assert customers.model.rowCount() == PAGE_SIZE + 60
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    [form] = window.forms()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    type_text(form.fields.editor("name"), "Aardvark 新客户")
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_S, CTRL)
    assert customers.model.rowCount() == PAGE_SIZE
    assert customers.model.index(0, customers.model.column_of("name")).data() == \
        "Aardvark 新客户"
