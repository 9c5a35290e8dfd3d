"""The supplier form's "Products supplied" tab and the dialog of one supplied product: a
product found by its code, its terms checked beside each field, a product once per
supplier, new terms, removal, a reader's view; and the product form's Suppliers tab (a Part
the suppliers module adds to it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.products import ProductForm
from app.ui.suppliers import ProductSuppliersTab, SupplierForm, SupplyDialog

from ..helpers import answer_modal, type_text


@pytest.fixture
def open_form(qtbot, context: Context) -> Iterator[Callable[..., SupplierForm]]:
    forms: list[SupplierForm] = []

    def make(supplier_id: int, as_context: Context | None = None) -> SupplierForm:
        form = SupplierForm(as_context or context, supplier_id)
        forms.append(form)
        form.show()
        form.tabs.setCurrentWidget(form.supplied)
        return form

    yield make
    for form in forms:
        form.fields.mark_clean()
        form.close()
        form.deleteLater()


def rows(form: SupplierForm) -> list[tuple[str, str, str, str]]:
    model = form.supplied.model
    return [tuple(model.index(r, c).data() for c in (0, 2, 3, 4))  # type: ignore[misc]
            for r in range(model.rowCount())]


def fill_supply(form: SupplierForm, values: dict[str, object], seen: dict[str, object],
                press: str = "add") -> None:
    """Answer the supply dialog the tab opens: type ``values`` (product as typed), save,
    and note its errors; close it if it is still open."""

    def fill(dialog: SupplyDialog) -> None:
        for name, value in values.items():
            if name == "product":  # as typed (no completer popup offscreen)
                dialog.product_combo.setEditText(str(value))
            elif name == "lead_time_days":
                dialog.fields.editor(name).setValue(int(str(value)))
            else:
                type_text(dialog.fields.editor(name), str(value))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        seen["errors"] = {n: dialog.fields.error_text(n) for n in dialog.fields.names()
                          if dialog.fields.error_text(n)}
        seen["product_enabled"] = dialog.product_combo.isEnabled()
        if dialog.isVisible():
            dialog.fields.mark_clean()
            dialog.reject()

    answer_modal(form, fill, SupplyDialog)
    (form.supplied.add_button if press == "add" else form.supplied.edit_button).click()


def test_the_tab_shows_what_the_supplier_supplies(open_form, suppliers: dict[str, Record],
                                                  qtmodeltester) -> None:
    form = open_form(suppliers["exotic"].id)
    assert form.tabs.tabText(form.tabs.indexOf(form.supplied)) == "&Products supplied"
    assert rows(form) == [("CHAI", "EX-CHAI", "18.00", "14"), ("007", "", "9.50", "30")]
    model = form.supplied.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Product code", "Product", "Supplier's product code", "Purchase price",
        "Lead time (days)"]
    qtmodeltester.check(model)


def test_a_product_is_added_by_its_code(open_form, services: Services, actor: Actor,
                                        suppliers: dict[str, Record]) -> None:
    form = open_form(suppliers["tokyo"].id)
    assert rows(form) == []
    seen: dict[str, object] = {}
    fill_supply(form, {"product": "box", "supplier_code": "TT-9", "purchase_price": "2.5",
                       "lead_time_days": 45}, seen)
    assert seen["errors"] == {}
    assert rows(form) == [("BOX", "TT-9", "2.50", "45")]
    [line] = services.supplied_products.products_of(actor, suppliers["tokyo"].id)
    assert (line.purchase_price, line.lead_time_days) == (Decimal("2.50"), 45)


def test_bad_terms_are_shown_beside_their_fields_and_nothing_is_saved(
        open_form, services: Services, actor: Actor, suppliers: dict[str, Record]) -> None:
    form = open_form(suppliers["exotic"].id)
    seen: dict[str, object] = {}
    fill_supply(form, {"product": "BOX", "purchase_price": "-1.005"}, seen)
    assert seen["errors"] == {"purchase_price": "Must not be negative."}
    fill_supply(form, {"product": "NOPE", "purchase_price": "1"}, seen)
    assert seen["errors"] == {"product": "No such product."}
    fill_supply(form, {"product": "CHAI", "purchase_price": "1"}, seen)  # supplied already
    assert seen["errors"] == {"product": "This supplier supplies this product already."}
    assert len(services.supplied_products.products_of(actor, suppliers["exotic"].id)) == 2


def test_new_terms_and_removal(qtbot, open_form, services: Services, actor: Actor,
                               suppliers: dict[str, Record],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    form = open_form(suppliers["exotic"].id)
    form.supplied.table.selectRow(1)  # 007
    seen: dict[str, object] = {}
    fill_supply(form, {"supplier_code": "EX-7", "lead_time_days": 21}, seen, press="edit")
    assert seen == {"errors": {}, "product_enabled": False}  # the product stays
    assert rows(form)[1] == ("007", "EX-7", "9.50", "21")
    monkeypatch.setattr(form.supplied, "confirm_remove", lambda _product: True)
    form.supplied.table.selectRow(0)
    form.supplied.remove_button.click()
    assert [r[0] for r in rows(form)] == ["007"]
    assert [r.product.key for r in services.supplied_products.products_of(
        actor, suppliers["exotic"].id)] == ["007"]


def test_a_reader_opens_a_supplied_product_but_changes_nothing(
        open_form, make_actor: Callable[..., Actor], make_context: Callable[..., Context],
        suppliers: dict[str, Record]) -> None:
    manager = make_context(make_actor("manager", ("sales_manager",)))  # suppliers: view
    form = open_form(suppliers["exotic"].id, manager)
    tab = form.supplied
    assert not tab.add_button.isEnabled() and not tab.remove_button.isEnabled()
    assert tab.edit_button.isEnabled() and tab.edit_button.text() == "&Open..."
    seen: dict[str, bool] = {}

    def look(dialog: SupplyDialog) -> None:
        seen["save"] = dialog.save_button.isVisible()
        seen["read_only"] = dialog.fields.read_only
        dialog.reject()

    answer_modal(form, look, SupplyDialog)
    tab.edit_button.click()
    assert seen == {"save": False, "read_only": True}


def test_the_product_form_shows_who_supplies_it(qtbot, context: Context,
                                                suppliers: dict[str, Record],
                                                products: dict[str, Record]) -> None:
    form = ProductForm(context, products["007"].id)
    qtbot.addWidget(form)
    [tab] = form.findChildren(ProductSuppliersTab)
    assert form.tabs.tabText(form.tabs.indexOf(tab)) == "Suppliers"
    model = tab.model
    assert [(model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 3).data())
            for r in range(model.rowCount())] == [
        ("S000001", "Exotic Liquids", "9.50"), ("S000002", "宁波精密轴承", "8.60")]
    assert tab.hint.text() == "Suppliers: 2"
    # A supply saved anywhere shows here too.
    context.hub.broadcast(context.services.supplied_products.supply(
        context.actor, suppliers["tokyo"].id, {"product": "007", "purchase_price": "7",
                                               "lead_time_days": 60}))
    assert model.rowCount() == 3
    tab.table.selectRow(2)
    opened = tab.on_activated()
    assert isinstance(opened, SupplierForm) and opened.record is not None
    assert opened.record.name == "Tokyo Traders"
    new = ProductForm(context)
    qtbot.addWidget(new)
    [empty] = new.findChildren(ProductSuppliersTab)
    assert empty.model.rowCount() == 0 and "Save the product first" in empty.hint.text()


def test_a_user_without_suppliers_rights_gets_no_suppliers_tab(
        qtbot, make_actor: Callable[..., Actor], make_context: Callable[..., Context],
        products: dict[str, Record]) -> None:
    sales = make_context(make_actor("sales1", ("salesperson",)))  # products: view only
    form = ProductForm(sales, products["007"].id)
    qtbot.addWidget(form)
    assert form.findChildren(ProductSuppliersTab) == []
