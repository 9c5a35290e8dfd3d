"""Late rows stand out in any list: the rows whose listed yes/no field (a ticket's "overdue")
is true are dark red and bold, and that field's column says so in words. Tried here with
products and their "active" flag, as any boolean field would do."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.logic.kit.dto import Record
from app.logic.products import PRODUCT
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.list_view import RecordListView
from app.ui.kit.table_model import LATE_COLOUR, RecordTableModel

FOREGROUND, FONT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole


@pytest.fixture
def products(context: Context) -> dict[str, Record]:
    made = {}
    for code, name, active in (("A1", "Active one", True), ("B2", "Off sale", False),
                               ("C3", "Active two", True)):
        made[code] = context.services.products.create_product(
            context.actor, {"code": code, "name": name, "active": active,
                            "list_price": "10.00"}).saved
    return made


def rows(model: RecordTableModel) -> dict[str, int]:
    code = model.column_of("code")
    return {model.index(r, code).data(): r for r in range(model.rowCount())}


def test_rows_whose_late_field_is_true_are_dark_red_bold_and_say_so(
        qtbot, context: Context, products: dict[str, Record]) -> None:
    view = RecordListView(context, "products", PRODUCT, late_field="active")
    qtbot.addWidget(view)
    model = view.model
    assert model.late_field == "active"
    found, flag = rows(model), model.column_of("active")
    for code in ("A1", "C3"):
        row = found[code]
        assert model.is_late(row)
        for column in (model.column_of("name"), flag):
            index = model.index(row, column)
            assert index.data(FOREGROUND) == QColor(LATE_COLOUR)
            assert index.data(FONT).bold()
        assert model.index(row, flag).data() == "⚠ Active"  # in words, not colour alone
    off = found["B2"]
    assert not model.is_late(off)
    assert model.index(off, model.column_of("name")).data(FOREGROUND) is None
    assert model.index(off, model.column_of("name")).data(FONT) is None
    assert model.index(off, flag).data() == ""
    assert view.table.horizontalHeader().sectionSize(flag) >= 100  # the word fits


def test_without_a_late_field_a_yes_no_column_is_a_tick_and_rows_are_plain(
        qtbot, context: Context, products: dict[str, Record]) -> None:
    view = RecordListView(context, "products", PRODUCT)
    qtbot.addWidget(view)
    model = view.model
    row, flag = rows(model)["A1"], model.column_of("active")
    assert model.late_field == "" and not model.is_late(row)
    assert model.index(row, flag).data() == "✓"
    assert model.index(row, flag).data(FOREGROUND) is None


def test_an_entity_may_name_its_late_field_once_for_every_list_and_tab(
        qtbot, context: Context, products: dict[str, Record], qtmodeltester) -> None:
    entity = replace(PRODUCT, extra={**PRODUCT.extra, "late_field": "active"})
    model = RecordTableModel(context, "products", entity)
    model.set_query(model.query)
    assert model.late_field == "active" and model.is_late(rows(model)["C3"])
    qtmodeltester.check(model, force_py=True)
    tab = ChildRecordsTab(context, "products", entity, ("code", "name", "active"))
    qtbot.addWidget(tab)
    assert tab.model.late_field == "active"
    assert RecordTableModel(context, "products", entity, late_field="").late_field == ""


def test_the_late_column_speaks_chinese(qtbot, context: Context, products, translation
                                        ) -> None:
    translation.install("zh_CN")
    view = RecordListView(context, "products", PRODUCT, late_field="active")
    qtbot.addWidget(view)
    model = view.model
    assert model.index(rows(model)["A1"], model.column_of("active")).data() == "⚠ 在售"


@pytest.mark.parametrize("name", ["name", "nothing"])
def test_a_late_field_is_a_listed_yes_no_field(context: Context, name: str) -> None:
    with pytest.raises(ValueError, match="late field"):
        RecordTableModel(context, "products", PRODUCT, late_field=name)
