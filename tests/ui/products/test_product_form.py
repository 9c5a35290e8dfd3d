"""The product form: a new product with the defaults (the tax rate an administrator set),
the cost warning shown as it is typed and saved all the same, errors beside their fields
with nothing saved, the categories offered, a reader's form, and Chinese."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.logic.kit.dto import Actor, Changed, ListQuery, Record
from app.ui.kit.context import Context
from app.ui.products import ProductForm

from ..helpers import show_form, tab_into, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_form(qtbot) -> Callable[..., ProductForm]:
    def make(context: Context, product_id: int | None = None, **initial: object) -> ProductForm:
        return show_form(qtbot, ProductForm(context, product_id, initial=dict(initial)))

    return make


def test_a_new_product_starts_from_the_defaults_and_is_saved(
        qtbot, open_form, context: Context, heard: list[Changed]) -> None:
    context.services.product_settings.set_default_tax_rate(context.actor, "0.09")
    form = open_form(context)
    assert form.windowTitle() == "New product[*]"
    assert form.fields.value("tax_rate") == "0.09"  # the administrator's setting
    assert form.fields.editor("tax_rate").currentText() == "9%"
    assert (form.fields.value("unit"), form.fields.value("active")) == ("pcs", True)
    assert form.fields.editor("code").placeholderText() == "Generated when saved"
    type_text(form.fields.editor("name"), "工业路由器 R200")
    for name, typed in (("list_price", "1280"), ("cost", "990.5")):
        tab_into(form.fields.editor(name))
        qtbot.keyClicks(form.fields.editor(name), typed)
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields.editor("cost"), Qt.Key.Key_S, CTRL)
    saved = context.services.products.get_product_by_code(context.actor, "G000001")
    assert (saved.name, saved.list_price, saved.cost, saved.tax_rate) == (
        "工业路由器 R200", Decimal("1280.00"), Decimal("990.50"), "0.09")
    assert form.status.text() == "Saved G000001."
    assert not form.warning.isVisible()
    assert [(c.entity, c.action) for c in heard] == [("product", "create")]


def test_a_given_code_keeps_its_leading_zeros(qtbot, open_form, context: Context) -> None:
    form = open_form(context)
    qtbot.keyClicks(form.fields.editor("code"), "007")
    type_text(form.fields.editor("name"), "零件 007")
    with qtbot.waitSignal(form.sig_saved):
        form.on_save()
    assert form.record is not None and form.record.code == "007"
    assert form.title.text() == "007  零件 007"


def test_a_cost_above_the_list_price_is_warned_of_as_typed_and_saved_all_the_same(
        qtbot, open_form, context: Context) -> None:
    form = open_form(context)
    type_text(form.fields.editor("name"), "Loss leader")
    price, cost = form.fields.editor("list_price"), form.fields.editor("cost")
    tab_into(price)
    qtbot.keyClicks(price, "10")
    assert not form.warning.isVisible()
    tab_into(cost)
    qtbot.keyClicks(cost, "10")
    assert not form.warning.isVisible()  # equal is fine
    qtbot.keyClicks(cost, ".5")
    assert form.warning.isVisible()
    assert form.warning.text() == "Warning: The cost is above the list price."
    price.end(False)
    qtbot.keyClicks(price, "0")  # 100: the warning goes as the price is typed
    assert not form.warning.isVisible()
    price.setText("9.99")
    assert form.warning.isVisible()
    with qtbot.waitSignal(form.sig_saved):
        form.on_save()
    assert form.record is not None and form.record.cost == Decimal("10.50")
    assert form.warning.isVisible()  # still true of the saved product
    assert form.status.text() == f"Saved {form.record.code}."


def test_an_existing_product_with_its_cost_above_its_price_shows_the_warning(
        open_form, context: Context, products: dict[str, Record]) -> None:
    changed = context.services.products.update_product(
        context.actor, products["wire"].id, 1, {"cost": "5"})
    assert changed.warnings
    assert open_form(context, products["wire"].id).warning.isVisible()
    assert not open_form(context, products["screws"].id).warning.isVisible()


def test_errors_show_beside_their_fields_and_nothing_is_saved(
        qtbot, open_form, context: Context) -> None:
    form = open_form(context)
    for name, typed in (("list_price", "-5"), ("cost", "1.234")):
        tab_into(form.fields.editor(name))
        qtbot.keyClicks(form.fields.editor(name), typed)
    qtbot.keyClicks(form.fields.editor("code"), "A B")
    form.on_save()
    assert form.fields.error_text("name") == "This field is required."
    assert form.fields.error_text("list_price") == "Must not be negative."
    assert form.fields.error_text("cost") == "At most two decimal places."
    assert form.fields.error_text("code") == "Use letters, digits, - and _ (at most 20)."
    assert form.status.text() == "Please correct the marked fields. Nothing was saved."
    assert not form.warning.isVisible()  # a price that does not read warns of nothing
    assert context.services.products.count(context.actor, ListQuery(
        include_archived=True)) == 0


def test_the_categories_in_use_are_offered(open_form, context: Context,
                                           products: dict[str, Record]) -> None:
    form = open_form(context)
    completer = form.fields.editor("category").completer()
    assert completer is not None
    model = completer.model()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert offered == ["五金", "办公设备", "服务"]


def test_a_salesperson_reads_a_product_but_cannot_change_it(
        open_form, make_context, products: dict[str, Record], seller: Actor) -> None:
    form = open_form(make_context(seller), products["printer"].id)
    assert form.fields.read_only and not form.save_button.isVisible()
    assert not form.fields.editor("active").isEnabled()
    assert form.fields.value("active") is False
    assert form.status.text() == "You may look at this product but not change it."


def test_the_form_speaks_chinese(qtbot, open_form, context: Context,
                                 products: dict[str, Record], translation) -> None:
    translation.install("zh_CN")
    form = open_form(context, products["service"].id)
    assert form.fields.label("list_price").text() == "标准售价："
    assert form.fields.editor("unit").currentText() == "小时"
    assert form.fields.editor("tax_rate").currentText() == "6%"
    form.fields.editor("cost").setText("300")
    assert form.warning.text() == "注意：成本价高于标准售价。"
