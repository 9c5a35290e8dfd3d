"""The customer screens hide or disable what the signed-in user may not do (the services
refuse it anyway: tests/logic/test_permission_matrix.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.logic.dto import Actor
from app.logic.services import Services
from app.ui.customers.form import CustomerForm
from app.ui.shell.main_window import MainWindow
from tests.ui.conftest import PASSWORD


@pytest.fixture
def auditor(services: Services, actor: Actor) -> Actor:
    services.users.add_user(actor, "audrey", "first-password-1", roles=["auditor"])
    first = services.auth.login("audrey", "first-password-1")
    return services.auth.change_password(first, "first-password-1", PASSWORD + "-a")


def save_button(form: CustomerForm):
    return form.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_an_auditor_can_open_but_not_change_a_customer(qtbot, services, actor, auditor,
                                                       runner, messages) -> None:
    customer = services.customers.create_customer(actor, {"name": "只读公司"})
    services.contacts.add_contact(actor, customer.id, {"name": "王伟"})
    form = CustomerForm(services, auditor, runner, messages, customer.id)
    qtbot.addWidget(form)
    assert form.fields.values()["name"] == "只读公司"
    assert not save_button(form).isEnabled()
    tab = form.contacts
    assert len(tab.contacts) == 1
    assert not any(b.isEnabled() for b in (tab.add_button, tab.edit_button, tab.remove_button,
                                           tab.primary_button))
    form.on_save()  # Ctrl+S does nothing either
    assert services.customers.get_customer(actor, customer.id).version == customer.version


def test_an_administrator_gets_every_action(qtbot, services, actor, runner, messages) -> None:
    customer = services.customers.create_customer(actor, {"name": "可写公司"})
    form = CustomerForm(services, actor, runner, messages, customer.id)
    qtbot.addWidget(form)
    assert save_button(form).isEnabled()
    assert form.contacts.add_button.isEnabled() and form.contacts.remove_button.isEnabled()
    window = MainWindow(services, actor, runner, messages)
    qtbot.addWidget(window)
    assert window.new_action.isEnabled()


def test_new_customer_is_disabled_without_the_create_right(qtbot, services, auditor, runner,
                                                           messages) -> None:
    window = MainWindow(services, auditor, runner, messages)
    qtbot.addWidget(window)
    assert not window.new_action.isEnabled()
