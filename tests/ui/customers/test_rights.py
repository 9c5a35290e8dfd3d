"""The customer screens follow the signed-in user's rights (the services refuse anyway:
tests/logic): a reader gets locked fields, no Save, no prompt, and may read contacts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
)

from app.logic.kit.dto import Actor
from app.logic.services import Services
from app.ui.contacts import ContactDialog
from app.ui.customers import CustomerForm
from app.ui.shell.main_window import MainWindow

from ..helpers import answer_modal


@pytest.fixture
def auditor(make_actor) -> Actor:
    return make_actor("audrey", ("auditor",))


@pytest.fixture
def viewer(services: Services, actor: Actor, make_actor) -> Actor:
    """A role made with customers.view only."""
    services.roles.create_role(actor, "viewer", "Viewer")
    role = services.roles.get_role(actor, "viewer")
    services.roles.update_role(actor, "viewer", role.version,
                               rights=[("customers", "view")], scopes={"customers": "all"})
    return make_actor("vera", ("viewer",))


@pytest.fixture
def customer(services: Services, actor: Actor):
    made = services.customers.create_customer(actor, {"name": "只读公司", "city": "北京"})
    services.contacts.add_contact(actor, made.record.id, {"name": "王伟", "mobile": "13800000000"})
    return services.customers.get_customer(actor, made.record.id)


def open_form(qtbot, context, customer_id: int | None) -> CustomerForm:
    form = CustomerForm(context, customer_id)
    qtbot.addWidget(form, before_close_func=lambda f: f.fields.mark_clean())
    form.show()
    with qtbot.waitActive(form):
        form.activateWindow()
    return form


def locked(editor) -> bool:
    if isinstance(editor, QLineEdit | QPlainTextEdit):
        return editor.isReadOnly()
    assert isinstance(editor, QComboBox | QCheckBox | QSpinBox)
    return not editor.isEnabled()


@pytest.mark.parametrize("who", ["auditor", "viewer"])
def test_a_reader_gets_locked_fields_and_no_save(qtbot, services, actor, customer,
                                                  make_context, request, who):
    reader = request.getfixturevalue(who)
    form = open_form(qtbot, make_context(reader), customer.id)
    assert form.fields.value("name") == "只读公司"
    assert [n for n in form.fields.names() if not locked(form.fields.editor(n))] == []
    assert not form.save_button.isVisible()
    assert form.history_button.isEnabled()
    assert form.status.text() == "You may look at this customer but not change it."
    city = form.fields.editor("city")
    assert not city.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # no IME there
    city.setFocus()
    qtbot.keyClicks(city, "Shanghai")
    assert form.fields.value("city") == "北京"
    assert not form.isWindowModified()
    form.on_save()  # Ctrl+S does nothing either
    assert services.customers.get_customer(actor, customer.id).version == customer.version


@pytest.mark.parametrize("who", ["auditor", "viewer"])
def test_escape_closes_a_readers_form_without_asking(qtbot, customer, make_context, request,
                                                     who):
    form = open_form(qtbot, make_context(request.getfixturevalue(who)), customer.id)
    prompts = answer_modal(form, lambda box: box.reject(), QMessageBox)
    editor = form.fields.editor("city")
    editor.setFocus()
    qtbot.keyClicks(editor, "xyz")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert prompts == []


def test_an_auditor_can_open_a_contact_to_read_it(qtbot, customer, auditor, make_context):
    form = open_form(qtbot, make_context(auditor), customer.id)
    tab = form.contacts
    form.tabs.setCurrentWidget(tab)
    assert len(tab.contacts) == 1
    assert not any(b.isEnabled() for b in (tab.add_button, tab.remove_button,
                                           tab.primary_button))
    assert tab.edit_button.isEnabled()
    assert tab.edit_button.text() == "&Open..."
    seen: list[tuple[str, bool, bool]] = []

    def read(dialog: ContactDialog) -> None:
        seen.append((dialog.fields.value("name"), dialog.save_button.isVisible(),
                     all(locked(dialog.fields.editor(n)) for n in dialog.fields.names())))
        dialog.reject()

    answer_modal(form, read, ContactDialog)
    tab.edit_button.click()
    assert seen == [("王伟", False, True)]
    assert form.isVisible()


def test_without_the_contacts_right_contacts_are_neither_listed_nor_opened(
        qtbot, customer, viewer, make_context):
    form = open_form(qtbot, make_context(viewer), customer.id)
    tab = form.contacts
    assert tab.table.model().rowCount() == 0  # the service leaves them out of the customer
    assert not any(b.isEnabled() for b in (tab.add_button, tab.edit_button, tab.remove_button,
                                           tab.primary_button, tab.export_button))
    assert tab.on_open() is None


def test_an_administrator_gets_every_action(qtbot, services, actor, customer, context,
                                            runner):
    form = open_form(qtbot, context, customer.id)
    assert form.save_button.isVisible() and form.save_button.isEnabled()
    tab = form.contacts
    tab.table.selectRow(0)
    assert tab.add_button.isEnabled() and tab.remove_button.isEnabled()
    assert tab.edit_button.text() == "&Edit..."
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window)
    assert window.new_action.isEnabled()


def test_new_customer_is_disabled_without_the_create_right(qtbot, services, auditor, runner):
    window = MainWindow(services, auditor, runner)
    qtbot.addWidget(window)
    assert not window.new_action.isEnabled()
    assert window.on_new() is None
    assert window.forms() == []
