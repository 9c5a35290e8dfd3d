"""The contacts tab of a customer: add, edit, remove, set primary."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.contacts.contact_dialog import ContactDialog
from app.ui.contacts.contacts_tab import ContactsTab
from app.ui.kit.errors import ErrorDialog

from .helpers import answer_modal, type_text


@pytest.fixture
def customer(services, actor):
    return services.customers.create_customer(actor, {"name": "上海贸易有限公司"})


@pytest.fixture
def tab(qtbot, services, actor, runner, messages, customer):
    tab = ContactsTab(services, actor, runner, messages)
    qtbot.addWidget(tab)
    tab.set_contacts(customer.id, [])
    tab.show()
    return tab


def contacts(services, actor, customer):
    return services.contacts.list_contacts(actor, customer.id)


def fill_and_save(**values: str):
    def handle(dialog: ContactDialog) -> None:
        for name, value in values.items():
            editor = dialog.fields.editor(name)
            editor.clear()
            type_text(editor, value)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    return handle


def test_adding_the_first_contact_makes_it_primary(tab, services, actor, customer):
    answer_modal(tab, fill_and_save(name="王伟", mobile="13812345678"), ContactDialog)
    tab.on_add()
    [added] = contacts(services, actor, customer)
    assert (added.name, added.mobile, added.is_primary) == ("王伟", "13812345678", True)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 0).text() == "王伟"
    assert tab.table.item(0, tab.table.columnCount() - 1).text() == "★"


def test_an_invalid_contact_shows_the_error_and_stays_open(tab, services, actor, customer):
    errors: list[str] = []

    def handle(dialog: ContactDialog) -> None:
        type_text(dialog.fields.editor("name"), "Li Na")
        type_text(dialog.fields.editor("email"), "li@")
        dialog.on_save()
        errors.append(dialog.fields.error_text("email"))
        dialog.reject()

    answer_modal(tab, handle, ContactDialog)
    tab.on_add()
    assert errors == ["Not a valid e-mail address."]
    assert contacts(services, actor, customer) == []


def test_editing_a_contact_saves_the_change(tab, services, actor, customer):
    services.contacts.add_contact(actor, customer.id, {"name": "Pat O'Brien"})
    tab.reload()
    tab.table.selectRow(0)
    answer_modal(tab, fill_and_save(position="采购经理"), ContactDialog)
    tab.on_edit()
    [edited] = contacts(services, actor, customer)
    assert edited.position == "采购经理"
    assert tab.table.item(0, 1).text() == "采购经理"


def test_removing_a_contact_asks_first(tab, services, actor, customer):
    services.contacts.add_contact(actor, customer.id, {"name": "Zhang San"})
    tab.reload()
    tab.table.selectRow(0)
    answer_modal(tab, lambda box: box.button(QMessageBox.StandardButton.No).click(),
                 QMessageBox)
    tab.on_remove()
    assert len(contacts(services, actor, customer)) == 1
    answer_modal(tab, lambda box: box.button(QMessageBox.StandardButton.Yes).click(),
                 QMessageBox)
    tab.on_remove()
    assert contacts(services, actor, customer) == []
    assert tab.table.rowCount() == 0


def test_set_primary_moves_the_star(tab, services, actor, customer):
    for name in ("First", "Second"):
        services.contacts.add_contact(actor, customer.id, {"name": name})
    tab.reload()
    tab.table.selectRow(1)
    tab.on_set_primary()
    primary = {c.name: c.is_primary for c in contacts(services, actor, customer)}
    assert primary == {"First": False, "Second": True}
    stars = [tab.table.item(r, tab.table.columnCount() - 1).text() for r in range(2)]
    assert stars == ["", "★"]


def test_a_stale_contact_edit_reports_the_conflict(tab, services, actor, customer):
    added = services.contacts.add_contact(actor, customer.id, {"name": "Old"})
    tab.reload()
    services.contacts.update_contact(actor, added.id, added.version, {"name": "Newer"})
    tab.table.selectRow(0)
    titles: list[str] = []

    def handle(dialog: ContactDialog) -> None:
        type_text(dialog.fields.editor("position"), "CEO")
        dialog.on_save()
        box = dialog.findChild(ErrorDialog)
        titles.append(box.windowTitle())
        box.accept()
        dialog.reject()

    answer_modal(tab, handle, ContactDialog)
    tab.on_edit()
    assert titles == ["Changed by another user"]
    assert tab.table.item(0, 0).text() == "Newer"
