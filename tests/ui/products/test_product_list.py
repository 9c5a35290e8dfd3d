"""The products list: the catalogue with its words, the filters (category, unit, active),
its own search box (code, name, pinyin), sorting, export for those who may, a salesperson
seeing every product, and opening a product."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from app.logic.kit.dto import Actor, Record
from app.ui.kit.context import Context
from app.ui.products import ProductForm, ProductListView


@pytest.fixture
def make_list(qtbot) -> Callable[[Context], ProductListView]:
    def make(context: Context) -> ProductListView:
        view = ProductListView(context)
        qtbot.addWidget(view)
        view.resize(1200, 400)
        return view

    return make


def column(view: ProductListView, name: str) -> list[str]:
    at = view.model.column_of(name)
    return [view.model.index(r, at).data() for r in range(view.model.rowCount())]


def choose(view: ProductListView, name: str, data: object) -> None:
    combo = view.filter_combos[name]
    combo.setCurrentIndex(combo.findData(data))


def test_the_list_shows_the_products_with_their_words(
        make_list, context: Context, products: dict[str, Record], qtmodeltester) -> None:
    view = make_list(context)
    qtmodeltester.check(view.model)
    # By name, pinyin and Latin together: an, bu, c, jiu, ling.
    assert column(view, "name") == ["安装调试服务", "不锈钢螺丝 M8×20", "Copper wire 2.5mm²",
                                    "旧款打印机 LP-1", "零件 007"]
    assert column(view, "code") == ["G000002", "G000001", "G000003", "G000004", "007"]
    assert column(view, "unit") == ["Hour", "Box", "Metre", "Unit", "Piece"]
    assert column(view, "list_price") == ["280.00", "36.00", "4.20", "899.00", "12.30"]
    assert column(view, "tax_rate") == ["6%", "13%", "13%", "13%", "13%"]
    assert column(view, "active") == ["✓", "✓", "✓", "", "✓"]
    assert view.total_label.text() == "Products: 5"
    header = view.table.horizontalHeader()
    shown = [view.model.fields[header.logicalIndex(i)].name for i in range(header.count())
             if not header.isSectionHidden(header.logicalIndex(i))]
    assert shown == ["code", "name", "category", "unit", "list_price", "cost", "tax_rate",
                     "active"]


def test_the_filters_by_category_unit_and_active(
        make_list, context: Context, products: dict[str, Record]) -> None:
    view = make_list(context)
    category = view.filter_combos["category"]
    assert [category.itemText(i) for i in range(category.count())] == [
        "All: Category", "五金", "办公设备", "服务"]  # the most used first
    choose(view, "category", "五金")
    assert column(view, "name") == ["不锈钢螺丝 M8×20", "Copper wire 2.5mm²", "零件 007"]
    choose(view, "unit", "m")
    assert column(view, "name") == ["Copper wire 2.5mm²"]
    view.clear_filters()
    active = view.filter_combos["active"]
    assert [active.itemText(i) for i in range(active.count())] == ["All: Active", "Yes", "No"]
    choose(view, "active", False)
    assert column(view, "name") == ["旧款打印机 LP-1"]
    choose(view, "active", True)
    assert len(column(view, "name")) == 4
    view.clear_filters()
    assert view.total_label.text() == "Products: 5"


def test_a_new_category_reaches_the_filter(make_list, context: Context,
                                           products: dict[str, Record]) -> None:
    view = make_list(context)
    changed = context.services.products.create_product(context.actor, {
        "name": "Router", "category": "网络设备"})
    context.hub.broadcast(changed)
    category = view.filter_combos["category"]
    assert category.findData("网络设备") > 0
    assert view.total_label.text() == "Products: 6"


def test_the_lists_own_search_box_finds_code_name_and_pinyin(
        qtbot, make_list, context: Context, products: dict[str, Record]) -> None:
    view = make_list(context)
    box = view.search_box
    assert box.placeholderText() == "Search products..."
    for text, found in (("buxiugang", ["不锈钢螺丝 M8×20"]), ("bxg", ["不锈钢螺丝 M8×20"]),
                        ("007", ["零件 007"]), ("g000003", ["Copper wire 2.5mm²"]),
                        ("打印", ["旧款打印机 LP-1"])):
        box.setText(text)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        assert column(view, "name") == found, text
    box.setText("nothing like it")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert view.stack.currentWidget() is view.empty
    assert view.empty_label.text() == "No products match “nothing like it”."


def test_sorting_by_a_column(make_list, context: Context, products: dict[str, Record]) -> None:
    view = make_list(context)
    view.table.sortByColumn(view.model.column_of("list_price"), Qt.SortOrder.DescendingOrder)
    assert column(view, "list_price") == ["899.00", "280.00", "36.00", "12.30", "4.20"]
    view.table.sortByColumn(view.model.column_of("code"), Qt.SortOrder.AscendingOrder)
    assert column(view, "code") == ["007", "G000001", "G000002", "G000003", "G000004"]
    view.table.sortByColumn(view.model.column_of("category"), Qt.SortOrder.AscendingOrder)
    assert column(view, "category")[:2] == ["办公设备", "服务"]  # ban, fu, then wu


def test_a_salesperson_sees_every_product_but_neither_adds_nor_exports(
        make_list, make_context, products: dict[str, Record], seller: Actor) -> None:
    view = make_list(make_context(seller))
    assert view.total_label.text() == "Products: 5"
    assert view.new_record() is None
    assert not view.export_button.isEnabled()


def test_new_and_open_show_the_product_form(make_list, context: Context,
                                            products: dict[str, Record]) -> None:
    view = make_list(context)
    new = view.new_record()
    assert isinstance(new, ProductForm) and new.record is None
    assert new.windowTitle() == "New product[*]"
    opened = view.open_product(products["part"].id)
    assert isinstance(opened, ProductForm)
    assert opened.title.text() == "007  零件 007"
    assert view.open_product(products["part"].id) is opened  # raised, not opened twice


def test_the_list_speaks_chinese(make_list, context: Context, products: dict[str, Record],
                                 translation) -> None:
    translation.install("zh_CN")
    view = make_list(context)
    assert column(view, "unit")[:2] == ["小时", "箱"]
    assert view.filter_combos["active"].itemText(2) == "否"
    assert view.total_label.text() == "产品：5"
    assert view.model.headerData(view.model.column_of("list_price"),
                                 Qt.Orientation.Horizontal) == "标准售价"
