"""The supplier form: a new supplier saved with the contacts added before its first save,
errors beside their fields and nothing saved, a supplier abroad, and the Contacts tab (the
contacts component customers have) on a saved supplier."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.services import Services
from app.ui.contacts import ContactDialog
from app.ui.kit.context import Context
from app.ui.suppliers import SupplierForm

from ..helpers import answer_modal, type_text

VALID_USCC = "91350100M000100Y43"


@pytest.fixture
def open_form(qtbot, context: Context) -> Iterator[Callable[..., SupplierForm]]:
    forms: list[SupplierForm] = []

    def make(supplier_id: int | None = None, as_context: Context | None = None
             ) -> SupplierForm:
        form = SupplierForm(as_context or context, supplier_id)
        forms.append(form)
        form.show()
        return form

    yield make
    for form in forms:
        form.fields.mark_clean()
        form.close()
        form.deleteLater()


def count(services: Services, actor: Actor) -> int:
    return services.suppliers.count(actor, ListQuery())


def add_contact(form: SupplierForm, **values: str) -> None:
    def fill(dialog: ContactDialog) -> None:
        for name, value in values.items():
            type_text(dialog.fields.editor(name), value)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    answer_modal(form, fill, ContactDialog)
    form.contacts.add_button.click()


def test_a_new_supplier_is_saved_with_its_contacts_in_one_go(
        qtbot, open_form, services: Services, actor: Actor) -> None:
    form = open_form()
    assert form.tabs.tabText(form.tabs.indexOf(form.contacts)) == "C&ontacts"
    form.tabs.setCurrentWidget(form.contacts)
    add_contact(form, name="Charlotte Cooper", position="Purchasing Manager")
    add_contact(form, name="王伟", mobile="13812345678")
    assert form.contacts.model.rowCount() == 2 and count(services, actor) == 0
    type_text(form.fields.editor("name"), "Exotic Liquids")
    form.fields.set_values({"country": "UK", "postal_code": "EC1 4SD",
                            "phone": "(171) 555-2222",
                            "address": "49 Gilbert St.\nLondon"}, snapshot=False)
    with qtbot.waitSignal(form.sig_saved) as saved:
        form.on_save()
    supplier = saved.args[0].record
    assert (supplier.code, supplier.country, supplier.address) == (
        "S000001", "UK", "49 Gilbert St.\nLondon")
    people = services.contacts.list_contacts(actor, supplier.id, "supplier")
    assert [(p.name, p.is_primary) for p in people] == [
        ("Charlotte Cooper", True), ("王伟", False)]
    assert form.contacts.pending == [] and len(form.contacts.contacts) == 2
    assert form.supplied.add_button.isEnabled()  # saved: its products can be added now


def test_bad_values_are_shown_beside_their_fields_and_nothing_is_saved(
        open_form, services: Services, actor: Actor) -> None:
    form = open_form()
    form.fields.set_values({"name": "Bad Ltd", "tax_id": "91350100M000100Y44",
                            "email": "x@", "postal_code": "#1"}, snapshot=False)
    form.on_save()
    assert form.fields.error_text("tax_id") == \
        "Not a valid unified social credit code (check digit)."
    assert form.fields.error_text("email") == "Not a valid e-mail address."
    assert form.fields.error_text("postal_code") == "Not a valid postal code."
    assert form.status.text() == "Please correct the marked fields. Nothing was saved."
    assert count(services, actor) == 0
    form.fields.set_values({"tax_id": VALID_USCC, "email": "a@b.co", "postal_code": "315800",
                            "city": "宁波"}, snapshot=False)
    form.on_save()  # in China (the default country) the province is wanted too
    assert form.fields.error_text("province") == "This field is required."
    assert count(services, actor) == 0
    form.fields.set_values({"country": "UK", "postal_code": "EC1 4SD", "city": "London"},
                           snapshot=False)
    form.on_save()  # abroad it is not
    assert count(services, actor) == 1


def test_the_contacts_tab_of_a_saved_supplier(qtbot, open_form, services: Services,
                                              actor: Actor,
                                              suppliers: dict[str, Record]) -> None:
    form = open_form(suppliers["exotic"].id)
    tab = form.contacts
    assert [tab.model.row_at(r)["name"] for r in range(tab.model.rowCount())] == [
        "Charlotte Cooper", "Regina Murphy"]
    add_contact(form, name="Lars Peterson")  # saved at once, for this supplier
    names = [c.name for c in services.contacts.list_contacts(actor, suppliers["exotic"].id,
                                                             "supplier")]
    assert names == ["Charlotte Cooper", "Regina Murphy", "Lars Peterson"]
    assert tab.model.rowCount() == 3  # the tab followed the change
    tab.table.selectRow(2)
    with qtbot.waitSignal(tab.sig_contacts_changed):
        tab.on_set_primary()
    assert [c.name for c in tab.contacts if c.is_primary] == ["Lars Peterson"]
    assert services.suppliers.get(actor, suppliers["exotic"].id).version == 1


def test_a_reader_of_suppliers_reads_their_contacts_but_changes_nothing(
        open_form, make_actor: Callable[..., Actor], make_context: Callable[..., Context],
        suppliers: dict[str, Record]) -> None:
    """A sales manager holds the contacts rights but may only view suppliers: a
    supplier's contacts follow the suppliers' rights."""
    manager = make_context(make_actor("manager", ("sales_manager",)))
    form = open_form(suppliers["exotic"].id, manager)
    tab = form.contacts
    tab.table.selectRow(1)
    assert not tab.add_button.isEnabled() and not tab.remove_button.isEnabled()
    assert not tab.primary_button.isEnabled()
    assert tab.edit_button.isEnabled() and tab.edit_button.text() == "&Open..."
    assert not form.save_button.isVisible()
    assert not form.supplied.add_button.isEnabled()


def test_the_address_takes_several_lines_beside_the_other_fields(
        qtbot, open_form, services: Services, actor: Actor) -> None:
    """A field of the kind "lines" (an address abroad: "Order Processing Dept." above the
    street) is edited among the other fields, not on a tab of its own as notes are."""
    form = open_form()
    address = form.fields.editor("address")
    assert isinstance(address, QPlainTextEdit)
    assert form.tabs.indexOf(form.fields.row("address")) == -1  # in the Details group
    assert address.height() < 5 * address.fontMetrics().lineSpacing()
    type_text(form.fields.editor("name"), "New England Seafood Cannery")
    form.fields.set_values({"country": "USA"}, snapshot=False)
    type_text(address, "Order Processing Dept.")
    qtbot.keyClick(address, Qt.Key.Key_Return)  # a new line, not a save
    type_text(address, "2100 Paul Revere Blvd.")
    assert count(services, actor) == 0
    with qtbot.waitSignal(form.sig_saved) as saved:
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Return)  # elsewhere: saves
    assert saved.args[0].record.address == "Order Processing Dept.\n2100 Paul Revere Blvd."
