"""The customers page: the kit's list with its filters, sorting by pinyin, the empty state,
owners that follow the change hub, forms that cascade, export to Excel."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Changed
from app.ui.customers import CustomerForm, CustomerListView
from app.ui.kit import export as export_module
from app.ui.kit.context import Context
from app.ui.kit.hub import ChangeHub
from app.ui.kit.record_form import CASCADE
from app.ui.shell.main_window import MainWindow

from ..helpers import type_text


def make_view(qtbot, context: Context) -> CustomerListView:
    view = CustomerListView(context)
    qtbot.addWidget(view, before_close_func=lambda v: [f.fields.mark_clean()
                                                       for f in v.forms])
    view.resize(1100, 500)
    view.show()
    return view


@pytest.fixture
def view(qtbot, context) -> CustomerListView:
    return make_view(qtbot, context)


def shown(view: CustomerListView, name: str) -> list[str]:
    model, column = view.model, view.model.column_of(name)
    return [model.index(r, column).data() for r in range(model.rowCount())]


# --- sorting ------------------------------------------------------------------------------
def test_text_columns_sort_by_pinyin_with_blanks_last(qtbot, services, actor, view):
    for n, city in enumerate(("上海", "", "深圳", "北京", "", "广州")):
        services.customers.create_customer(actor, {"name": f"City {n}", "city": city})
    view.reload()
    header = view.table.horizontalHeader()
    city = view.model.column_of("city")
    header.setSortIndicator(city, Qt.SortOrder.AscendingOrder)
    assert shown(view, "city") == ["北京", "广州", "上海", "深圳", "", ""]
    header.setSortIndicator(city, Qt.SortOrder.DescendingOrder)
    assert [c for c in shown(view, "city") if c] == ["深圳", "上海", "广州", "北京"]


@pytest.mark.xfail(strict=True, reason="the data layer's keyset lists reverse the whole "
                   "order when descending (tests/data/test_keyset.py), so blank cities come "
                   "first; blanks last both ways needs a change there")
def test_blanks_stay_last_when_sorting_descending(qtbot, services, actor, view):
    for n, city in enumerate(("上海", "", "北京")):
        services.customers.create_customer(actor, {"name": f"City {n}", "city": city})
    view.reload()
    view.table.horizontalHeader().setSortIndicator(view.model.column_of("city"),
                                                   Qt.SortOrder.DescendingOrder)
    assert shown(view, "city") == ["上海", "北京", ""]


def test_a_column_that_cannot_sort_leaves_the_order_and_its_indicator(qtbot, services, actor,
                                                                      view):
    for name in ("B Co", "A Co"):
        services.customers.create_customer(actor, {"name": name, "phone": "010-1"},
                                           allow_duplicate=True)
    view.reload()
    header = view.table.horizontalHeader()
    header.setSortIndicator(view.model.column_of("phone"), Qt.SortOrder.AscendingOrder)
    assert view.model.query.sort == "name"
    assert header.sortIndicatorSection() == view.model.column_of("name")
    assert shown(view, "name") == ["A Co", "B Co"]


# --- nothing to show ----------------------------------------------------------------------
def test_an_empty_database_says_so_without_a_clear_button(view):
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == "No customers yet."
    assert not view.empty_clear.isVisibleTo(view)


def test_a_search_that_finds_nothing_says_so_and_clear_filters_brings_all_back(
        qtbot, services, actor, runner):
    services.customers.create_customer(actor, {"name": "Real Co", "city": "北京"})
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window)
    window.show()
    view = window.page("customers")
    status = view.filter_combos["status"]
    status.setCurrentIndex(status.findData("active"))
    type_text(window.search, "xyz")
    window.on_search_done()
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == "No customers match “xyz”."
    assert view.empty_clear.isVisible()
    view.empty_clear.click()
    assert window.search.text() == ""
    assert status.currentIndex() == 0
    assert view.model.query.search == "" and not view.model.query.filters
    assert view.stack.currentWidget() is view.table
    assert shown(view, "name") == ["Real Co"]


def test_filters_that_match_nothing_say_so(qtbot, services, actor, view):
    services.customers.create_customer(actor, {"name": "Prospect Co"})
    view.reload()
    status = view.filter_combos["status"]
    status.setCurrentIndex(status.findData("lost"))
    assert view.empty_label.text() == "No customers match these filters."
    assert view.empty_clear.isVisibleTo(view)
    view.empty_clear.click()
    assert shown(view, "name") == ["Prospect Co"]


# --- owners follow the hub ----------------------------------------------------------------
def owner_filter(view: CustomerListView) -> list[str]:
    combo = view.filter_combos["owner"]
    return [combo.itemText(i) for i in range(1, combo.count())]


def test_a_new_salesperson_appears_in_the_owner_filter_when_the_hub_says_so(
        qtbot, view, make_actor, hub):
    make_actor("sales1", ("salesperson",), "王一")
    view.reload()
    assert owner_filter(view) == ["王一"]
    new = make_actor("sales2", ("salesperson",), "王二")
    make_actor("audrey", ("auditor",))
    assert owner_filter(view) == ["王一"]
    hub.broadcast(Changed("user", (new.user_id,), "create"))
    assert owner_filter(view) == ["王一", "王二"]


# --- what changed reaches the list --------------------------------------------------------
def test_a_form_saving_redraws_the_line_through_the_hub(qtbot, services, actor, context, view):
    made = [services.customers.create_customer(actor, {"name": f"Line {n}"}).saved
            for n in range(3)]
    view.reload()
    resets: list[int] = []
    view.model.modelReset.connect(lambda: resets.append(1))
    form = CustomerForm(context, made[1].id)  # opened elsewhere, not through the list
    qtbot.addWidget(form)
    form.fields.editor("name").setText("Zz renamed")
    with qtbot.waitSignal(view.model.dataChanged):
        form.on_save()
    assert shown(view, "name") == ["Line 0", "Zz renamed", "Line 2"]
    assert resets == []


def test_a_list_on_another_hub_hears_nothing(qtbot, services, actor, runner, context):
    made = services.customers.create_customer(actor, {"name": "Before"}).saved
    elsewhere = make_view(qtbot, Context(services, actor, runner, ChangeHub()))
    form = CustomerForm(context, made.id)
    qtbot.addWidget(form)
    form.fields.editor("name").setText("After")
    form.on_save()
    assert shown(elsewhere, "name") == ["Before"]


def test_a_new_customer_saved_in_a_form_reloads_the_list(qtbot, context, view):
    assert view.model.rowCount() == 0
    form = CustomerForm(context)
    qtbot.addWidget(form)
    type_text(form.fields.editor("name"), "新客户")
    form.on_save()
    assert shown(view, "name") == ["新客户"]
    assert view.total_label.text() == "Customers: 1"


def test_an_open_form_of_the_same_record_shows_what_another_form_saved(
        qtbot, services, actor, context):
    made = services.customers.create_customer(actor, {"name": "Shared"}).saved
    first, second = CustomerForm(context, made.id), CustomerForm(context, made.id)
    for form in (first, second):
        qtbot.addWidget(form, before_close_func=lambda f: f.fields.mark_clean())
    first.fields.editor("city").setText("苏州")
    first.on_save()
    assert second.fields.value("city") == "苏州"
    assert second.record.version == first.record.version


# --- forms: cascaded, on the screen, their own size ---------------------------------------
def test_forms_open_cascaded(qtbot, services, actor, view):
    ids = [services.customers.create_customer(actor, {"name": f"C{n}"}).saved.id
           for n in range(2)]
    QSettings().setValue("customers/customer/form/size", QSize(400, 300))
    first = view.open_customer(ids[0])
    first.move(50, 50)
    second = view.open_customer(ids[1])
    assert second is not first
    assert second.pos() == first.pos() + QPoint(CASCADE, CASCADE)
    assert view.open_customer(ids[0]) is first


def test_a_form_larger_than_the_screen_is_brought_back_inside(qtbot, context):
    form = CustomerForm(context)
    qtbot.addWidget(form)
    form.show()
    room = form.screen().availableGeometry()
    form.resize(room.width() + 400, room.height() + 300)
    form.move(room.right() - 50, room.bottom() - 50)
    form.fit_on_screen()
    assert room.contains(form.frameGeometry())


def test_a_form_fits_a_1366_by_768_screen_with_a_taskbar(qtbot, context):
    taskbar = 40
    room = QRect(0, 0, 1366, 768 - taskbar)
    form = CustomerForm(context)
    qtbot.addWidget(form)
    form.resize(form.default_size())
    form.move(1000, 500)
    form.fit_on_screen(room)
    assert room.contains(form.frameGeometry())
    assert form.size() == form.default_size()  # it fits whole: only moved
    form.place(QPoint(1300, 700), room)
    assert room.contains(form.frameGeometry())


def test_an_error_message_does_not_change_the_size_a_form_keeps(qtbot, context, view):
    QSettings().setValue("customers/customer/form/size", QSize(700, 420))  # a small one
    form = view.new_record()
    before = form.size()
    form.fields.editor("email").setText("not-an-email")
    form.fields.editor("credit_limit").setText("-5")
    form.on_save()  # errors appear under the fields, in both columns
    assert form.fields.error_text("name") and form.fields.error_text("credit_limit")
    QApplication.processEvents()  # the layout grows a window, if at all, on its next turn
    assert form.size() == before
    form.fields.mark_clean()
    form.close()
    again = view.new_record()
    assert again.size() == before
    assert QSettings().value("customers/customer/form/size") == before


# --- export -------------------------------------------------------------------------------
def test_export_writes_the_visible_columns_in_order_with_search_filters_and_sort(
        qtbot, services, actor, view, tmp_path):
    for n, (city, status) in enumerate((("北京", "active"), ("上海", "active"),
                                        ("深圳", "lost"), ("广州", "active"))):
        services.customers.create_customer(actor, {"name": f"Export {n} 公司", "city": city,
                                                   "status": status})
    services.customers.create_customer(actor, {"name": "Other", "status": "active"})
    view.reload()
    status = view.filter_combos["status"]
    status.setCurrentIndex(status.findData("active"))
    view.set_search("Export")
    header = view.table.horizontalHeader()
    header.setSortIndicator(view.model.column_of("city"), Qt.SortOrder.DescendingOrder)
    view.show_column(view.model.column_of("phone"), False)
    view.show_column(view.model.column_of("updated_at"), False)
    header.moveSection(header.visualIndex(view.model.column_of("city")), 0)
    path = tmp_path / "out.xlsx"
    view.ask_path = lambda: str(path)
    view.on_export()
    qtbot.waitUntil(lambda: view.export_run is None)
    rows = [[c.value for c in row] for row in load_workbook(path).worksheets[0].iter_rows()]
    assert rows[0][:6] == ["City", "Code", "Name", "Status", "Tier", "Owner"]
    assert rows[0][6:8] == ["kehu:id", "kehu:version"]  # the round trip's, hidden
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("上海", "Export 1 公司", "Active"), ("广州", "Export 3 公司", "Active"),
        ("北京", "Export 0 公司", "Active")]
    assert [r[0] for r in rows[1:]] == [view.model.index(n, view.model.column_of("city"))
                                        .data() for n in range(3)]


def test_export_is_disabled_without_the_export_right(qtbot, make_actor, make_context):
    view = make_view(qtbot, make_context(make_actor("sales1", ("salesperson",))))
    asked: list[int] = []
    view.ask_path = lambda: asked.append(1) or ""
    assert not view.export_button.isEnabled()
    assert view.on_export() is None
    assert asked == []


def test_the_file_dialog_opens_in_the_documents_folder(qtbot, view, monkeypatch):
    asked: list[str] = []

    def fake(parent, title, suggested, filters):
        asked.append(suggested)
        return "", ""

    monkeypatch.setattr(export_module.QFileDialog, "getSaveFileName", fake)
    assert view.choose_export_path() == ""
    [suggested] = asked
    assert Path(suggested).parent == export_module.documents_folder()
    assert Path(suggested).name.startswith("customers-")
    assert suggested.endswith(".xlsx")
