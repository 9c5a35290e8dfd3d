"""The main window: search as you type, filters, status bar, opening customers, memory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.ui.customers.form import CustomerForm
from app.ui.customers.list_model import ID_ROLE, PAGE_SIZE
from app.ui.shell.main_window import MainWindow

from .helpers import add_customers, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, many, runner, messages):
    services, actor = many
    window = MainWindow(services, actor, runner, messages)
    qtbot.addWidget(window)
    window.restore_state(QSettings())
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    yield window
    for form in list(window.forms):
        form.fields.mark_clean()


def visible_names(window: MainWindow) -> list[str]:
    model = window.customers.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_the_status_bar_shows_user_database_and_total(window, many):
    services, _ = many
    assert window.user_label.text() == "User: admin"
    assert services.database_label in window.database_label.text()
    assert window.total_label.text() == "450 customers"
    assert window.customers.total_label.text() == "Customers: 450"


def test_ctrl_f_focuses_the_search_and_results_follow_typing(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "Customer 0123")
    qtbot.waitUntil(lambda: window.customers.model.query.search == "Customer 0123")
    assert "Customer 0123 公司" in visible_names(window)
    assert window.customers.model.total == len(visible_names(window)) < 10


def test_chinese_typed_through_the_input_method_searches(qtbot, window):
    window.search.clear()
    type_text(window.search, "北京")
    qtbot.waitUntil(lambda: window.customers.model.query.search == "北京")
    assert window.customers.model.total == 90


def test_escape_clears_the_search_and_enter_moves_to_the_list(qtbot, window):
    qtbot.keyClicks(window.search, "Customer 0001")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.customers.model.query.search == "Customer 0001"
    assert QApplication.focusWidget() is window.customers.table
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""


def test_filters_combine(qtbot, window):
    view = window.customers
    view.status_filter.setCurrentIndex(view.status_filter.findData("active"))
    view.city_filter.setCurrentIndex(view.city_filter.findData("上海"))
    query = view.model.query
    assert (query.status, query.city) == ("active", "上海")
    assert 0 < view.model.total < 450
    assert view.owner_filter.count() == 2
    view.on_clear_filters()
    assert view.model.total == 450


def test_sorting_by_header_click(qtbot, window):
    header = window.customers.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert window.customers.model.query.descending
    assert visible_names(window)[0] == "Customer 0449 公司"


def test_enter_on_a_row_opens_the_customer(qtbot, window):
    window.customers.focus_table()
    qtbot.keyClick(window.customers.table, Qt.Key.Key_Return)
    [form] = window.forms
    assert isinstance(form, CustomerForm)
    assert form.fields.value("name") == "Customer 0000 公司"
    assert window.open_customer(form.customer_id) is form


def test_ctrl_n_opens_a_new_customer_form(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert [form.detail for form in window.forms] == [None]


def test_geometry_splitter_and_columns_are_remembered(qtbot, many, runner, messages, window):
    window.resize(790, 500)  # the offscreen screen is 800 x 600
    window.splitter.setSizes([110, 680])
    size, nav_width = window.size(), window.splitter.sizes()[0]
    window.customers.table.horizontalHeader().resizeSection(1, 333)
    window.close()
    services, actor = many
    again = MainWindow(services, actor, runner, messages)
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    again.show()
    assert again.size() == size
    assert again.customers.table.horizontalHeader().sectionSize(1) == 333
    assert again.splitter.sizes()[0] == nav_width < 170  # 170 by default


def test_navigation_builds_each_module_once_and_ctrl_digits_switch(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.pages.currentWidget().objectName() == "adminPage"
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.pages.currentWidget().objectName() == "auditLogPage"
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.pages.count() == 3
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.pages.currentWidget() is window.customers
    disabled = window.navigation.item(3)
    assert disabled.flags() == Qt.ItemFlag.NoItemFlags


@pytest.fixture
def writable_window(qtbot, services, actor, runner, messages):
    """A main window over its own database of 260 customers (two pages), for edits."""
    add_customers(services, actor, PAGE_SIZE + 60)
    window = MainWindow(services, actor, runner, messages)
    # Forms left open are closed with the window: without asking about unsaved changes.
    qtbot.addWidget(window, before_close_func=lambda w: [f.fields.mark_clean()
                                                         for f in w.forms])
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_saving_a_customer_keeps_the_place_in_the_list(qtbot, writable_window):
    window = writable_window
    customers = window.customers
    customers.model.fetchMore(QModelIndex())  # scrolled to the second page
    loaded = customers.model.rowCount()
    assert loaded == PAGE_SIZE + 60
    customers.table.selectRow(250)
    customer_id = customers.model.index(250, 0).data(ID_ROLE)
    form = window.open_customer(customer_id)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    editor = form.fields.editor("name")
    editor.selectAll()
    type_text(editor, "改名后的客户 Renamed Ltd")
    with qtbot.waitSignal(form.sig_customer_saved):
        qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    # Still the same rows and the same selection; the line shows what was saved.
    assert customers.model.rowCount() == loaded
    assert customers.table.currentIndex().row() == 250
    assert customers.model.index(250, 0).data(ID_ROLE) == customer_id
    assert customers.model.index(250, 1).data() == "改名后的客户 Renamed Ltd"


def test_a_new_customer_reloads_the_list(qtbot, writable_window):
    window = writable_window
    customers = window.customers
    customers.model.fetchMore(QModelIndex())
    assert customers.model.rowCount() == PAGE_SIZE + 60
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    [form] = window.forms
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    type_text(form.fields.editor("name"), "Aardvark 新客户")
    with qtbot.waitSignal(form.sig_customer_saved):
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_S, CTRL)
    assert customers.model.rowCount() == PAGE_SIZE
    assert customers.model.index(0, 1).data() == "Aardvark 新客户"
