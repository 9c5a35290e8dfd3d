"""The suppliers list: its words, its own search box, the filters (category, rating,
country), opening a supplier, who may add one, and the model's contract."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.ui.kit.context import Context
from app.ui.suppliers import SupplierForm, SupplierListView

from ..helpers import type_text


@pytest.fixture
def make_list(qtbot) -> Callable[[Context], SupplierListView]:
    def make(context: Context) -> SupplierListView:
        view = SupplierListView(context)
        qtbot.addWidget(view)
        view.resize(1200, 400)
        return view

    return make


def names(view: SupplierListView) -> list[str]:
    column = view.model.column_of("name")
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def choose(view: SupplierListView, name: str, data: object) -> None:
    combo = view.filter_combos[name]
    combo.setCurrentIndex(combo.findData(data))


def open_forms() -> list[SupplierForm]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, SupplierForm) and w.isVisible()]


def test_the_list_shows_the_suppliers_by_pinyin_with_their_words(
        make_list, context: Context, suppliers: dict[str, Record], qtmodeltester) -> None:
    view = make_list(context)
    assert names(view) == ["Exotic Liquids", "宁波精密轴承", "Tokyo Traders"]  # n-ing
    model = view.model
    row = names(view).index("Exotic Liquids")
    assert model.index(row, model.column_of("code")).data() == "S000001"
    assert model.index(row, model.column_of("rating")).data() == "A (excellent)"
    assert model.index(row, model.column_of("country")).data() == "UK"
    assert view.total_label.text() == "Suppliers: 3"
    qtmodeltester.check(model)


def test_the_filters_and_the_search(qtbot, make_list, context: Context,
                                    suppliers: dict[str, Record]) -> None:
    view = make_list(context)
    rating = view.filter_combos["rating"]
    assert [rating.itemText(i) for i in range(rating.count())] == [
        "All: Rating", "A (excellent)", "B (good)", "C (acceptable)", "D (unacceptable)"]
    category = view.filter_combos["category"]
    assert [category.itemText(i) for i in range(category.count())] == [
        "All: Category", "Beverages", "轴承"]  # the most used first
    choose(view, "category", "Beverages")
    assert names(view) == ["Exotic Liquids", "Tokyo Traders"]
    choose(view, "rating", "A")
    assert names(view) == ["Exotic Liquids"]
    view.clear_filters()
    choose(view, "country", "Japan")
    assert names(view) == ["Tokyo Traders"]
    view.clear_filters()
    type_text(view.search_box, "nbjm")  # 宁波精密 in pinyin initials
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert names(view) == ["宁波精密轴承"]
    view.search_box.clear()
    type_text(view.search_box, "charlotte")  # a contact finds the supplier
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert names(view) == ["Exotic Liquids"]


def test_a_new_supplier_appears_and_the_filter_learns_its_category(
        make_list, context: Context, suppliers: dict[str, Record]) -> None:
    view = make_list(context)
    changed = context.services.suppliers.create_supplier(
        context.actor, {"name": "安庆包装", "province": "安徽", "city": "安庆",
                        "category": "包装"})
    context.hub.broadcast(changed)
    assert names(view)[0] == "安庆包装"
    category = view.filter_combos["category"]
    assert "包装" in [category.itemText(i) for i in range(category.count())]


def test_enter_opens_the_supplier_and_new_opens_an_empty_form(
        qtbot, make_list, context: Context, suppliers: dict[str, Record]) -> None:
    view = make_list(context)
    view.show()
    view.focus_table()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    [form] = open_forms()
    assert form.record is not None and form.record.name == "Exotic Liquids"
    new = view.new_record()
    assert new is not None and new.record is None and len(open_forms()) == 2


def test_a_reader_may_open_suppliers_but_not_add_them(
        make_list, make_actor: Callable[..., Actor], make_context: Callable[..., Context],
        suppliers: dict[str, Record]) -> None:
    manager = make_context(make_actor("manager", ("sales_manager",)))  # suppliers: view
    view = make_list(manager)
    assert names(view) == ["Exotic Liquids", "宁波精密轴承", "Tokyo Traders"]
    assert view.new_record() is None
    assert not view.export_button.isEnabled()
    form = view.open_supplier(suppliers["tokyo"].id)
    assert form is not None and not form.save_button.isVisible()
