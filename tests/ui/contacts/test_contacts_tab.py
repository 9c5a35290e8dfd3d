"""The contacts tab of a customer: add, open, edit, remove, set primary, columns, export."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.logic.kit.dto import Changed
from app.ui.contacts import ContactDialog, ContactsTab
from app.ui.contacts.contacts_tab import COLUMNS
from app.ui.kit.conflict_dialog import ConflictDialog

from ..helpers import answer_modal, type_text

STAR, NAME, POSITION, PHONE, MOBILE, EMAIL = (COLUMNS.index(n) for n in (
    "is_primary", "name", "position", "phone", "mobile", "email"))


@pytest.fixture
def customer(services, actor):
    return services.customers.create_customer(actor, {"name": "上海贸易有限公司"}).saved


@pytest.fixture
def tab(qtbot, context, customer):
    tab = ContactsTab(context)
    qtbot.addWidget(tab)
    tab.set_contacts(customer.id, [])
    tab.resize(600, 300)
    tab.show()
    return tab


def contacts(services, actor, customer):
    return services.contacts.list_contacts(actor, customer.id)


def cell(tab: ContactsTab, row: int, column: int) -> str:
    return tab.table.model().index(row, column).data()


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
    assert tab.table.model().rowCount() == 1
    assert cell(tab, 0, NAME) == "王伟"
    assert cell(tab, 0, STAR) == "★"


def test_an_invalid_contact_shows_the_error_and_stays_open(tab, services, actor, customer):
    errors: list[str] = []

    def handle(dialog: ContactDialog) -> None:
        type_text(dialog.fields.editor("name"), "Li Na")
        type_text(dialog.fields.editor("email"), "li@")
        dialog.on_save()
        errors.append(dialog.fields.error_text("email"))
        dialog.fields.mark_clean()
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
    tab.on_open()
    [edited] = contacts(services, actor, customer)
    assert edited.position == "采购经理"
    assert cell(tab, 0, POSITION) == "采购经理"


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
    assert tab.table.model().rowCount() == 0


def test_set_primary_moves_the_star(tab, services, actor, customer):
    for name in ("First", "Second"):
        services.contacts.add_contact(actor, customer.id, {"name": name})
    tab.reload()
    tab.table.selectRow(1)
    tab.on_set_primary()
    primary = {c.name: c.is_primary for c in contacts(services, actor, customer)}
    assert primary == {"First": False, "Second": True}
    assert [cell(tab, r, STAR) for r in range(2)] == ["", "★"]


def test_a_stale_contact_edit_shows_the_conflict_and_saves_nothing(tab, services, actor,
                                                                   customer):
    added = services.contacts.add_contact(actor, customer.id, {"name": "Old"}).saved
    tab.reload()
    tab.table.selectRow(0)
    statuses: list[str] = []

    def handle(dialog: ContactDialog) -> None:
        services.contacts.update_contact(actor, added.id, added.version, {"name": "Newer"})
        type_text(dialog.fields.editor("position"), "CEO")
        answer_modal(dialog, lambda conflict: conflict.reject(), ConflictDialog)
        dialog.on_save()
        statuses.append(dialog.status.text())
        dialog.fields.mark_clean()
        dialog.reject()

    answer_modal(tab, handle, ContactDialog)
    tab.on_open()
    assert statuses == ["Not saved: another user changed this record."]
    [stale] = contacts(services, actor, customer)
    assert (stale.name, stale.position) == ("Newer", "")


def test_another_screens_change_reaches_the_tab_through_the_hub(tab, services, actor, customer,
                                                                hub):
    changed = services.contacts.add_contact(actor, customer.id, {"name": "Via hub"})
    assert tab.table.model().rowCount() == 0
    hub.broadcast(changed)
    assert cell(tab, 0, NAME) == "Via hub"
    other = services.customers.create_customer(actor, {"name": "Other Ltd"}).saved
    hub.broadcast(services.contacts.add_contact(actor, other.id, {"name": "Not ours"}))
    assert tab.table.model().rowCount() == 1


# --- the table ----------------------------------------------------------------------------
def test_actions_on_a_contact_are_disabled_on_an_empty_list(tab):
    assert tab.table.model().rowCount() == 0
    assert tab.add_button.isEnabled()
    assert not any(b.isEnabled() for b in (tab.edit_button, tab.remove_button,
                                           tab.primary_button, tab.export_button))
    assert tab.on_open() is None


def test_columns_are_sized_for_their_content(qtbot, tab, services, actor, customer):
    services.contacts.add_contact(actor, customer.id, {
        "name": "欧阳娜娜", "position": "采购部高级经理", "phone": "+86 (021) 6888-8888 ext. 123",
        "mobile": "+86 138 1234 5678", "email": "wang.wei.purchasing@huaxin-group.com.cn"})
    services.contacts.add_contact(actor, customer.id, {"name": "Li"})
    tab.reload()
    table, header = tab.table, tab.table.horizontalHeader()
    for column in (NAME, PHONE, MOBILE, EMAIL):
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), COLUMNS[column]
    assert header.sectionSize(STAR) <= 40
    assert not table.wordWrap()
    one_line = table.fontMetrics().height()
    assert all(table.rowHeight(r) < 2 * one_line for r in range(2))


# --- export -------------------------------------------------------------------------------
def test_the_contacts_export_to_excel(qtbot, tab, services, actor, customer, tmp_path):
    services.contacts.add_contact(actor, customer.id, {"name": "王伟", "mobile": "13800000000"})
    services.contacts.add_contact(actor, customer.id, {"name": "=1+2", "email": "x@y.cn"})
    tab.reload()
    path = tmp_path / "contacts.xlsx"
    tab.ask_path = lambda: str(path)
    assert tab.export_button.isEnabled()
    run = tab.on_export()
    assert run is not None
    qtbot.waitUntil(lambda: tab.export_run is None)
    sheet = load_workbook(path).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    # The columns the table shows, in its order.
    assert rows[0][:7] == ["Primary contact", "Name", "Position", "Department", "Phone",
                           "Mobile", "E-mail"]
    assert rows[0][7:9] == ["kehu:id", "kehu:version"]  # the round trip's, hidden
    assert [r[:2] for r in rows[1:]] == [["Yes", "王伟"], ["No", "=1+2"]]
    assert sheet.cell(3, 2).data_type == "s"  # text, never a formula


def test_without_the_export_right_the_contacts_do_not_export(qtbot, services, actor, customer,
                                                             make_actor, make_context):
    sales = make_actor("sales1", ("salesperson",))
    mine = services.customers.create_customer(sales, {"name": "Mine"}).saved
    services.contacts.add_contact(sales, mine.id, {"name": "Someone"})
    tab = ContactsTab(make_context(sales))
    qtbot.addWidget(tab)
    tab.set_contacts(mine.id, services.contacts.list_contacts(sales, mine.id))
    asked: list[int] = []
    tab.ask_path = lambda: asked.append(1) or ""
    assert not tab.export_button.isEnabled()
    assert tab.on_export() is None
    assert asked == []


def test_a_hub_message_about_something_else_changes_nothing(tab, hub, customer):
    hub.broadcast(Changed("user", (99,), "create"))
    assert tab.table.model().rowCount() == 0
