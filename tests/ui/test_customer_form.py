"""The customer form: save, validation beside fields, duplicates, conflicts, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.logic.dto import CustomerQuery
from app.ui.kit.conflict_dialog import ConflictDialog
from app.ui.kit.duplicate_prompt import DuplicatePrompt
from app.ui.customers.form import CONTACTS, CustomerForm

from .helpers import answer_modal, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_form(qtbot, services, actor, runner, messages):
    forms: list[CustomerForm] = []

    def make(customer_id: int | None = None) -> CustomerForm:
        form = CustomerForm(services, actor, runner, messages, customer_id)
        forms.append(form)
        form.show()
        with qtbot.waitActive(form):
            form.activateWindow()
        return form

    yield make
    for form in forms:
        form.fields.mark_clean()
        form.close()
        form.deleteLater()


def count(services, actor) -> int:
    return services.customers.count_customers(actor, CustomerQuery())


def test_a_new_customer_is_saved_with_ctrl_s(qtbot, open_form, services, actor):
    form = open_form()
    type_text(form.fields.editor("name"), "杭州云帆科技有限公司")
    qtbot.keyClicks(form.fields.editor("phone"), "0571-88886666")
    with qtbot.waitSignal(form.sig_customer_saved) as saved:
        qtbot.keyClick(form.fields.editor("phone"), Qt.Key.Key_S, CTRL)
    detail = services.customers.get_customer(actor, saved.args[0])
    assert (detail.name, detail.phone, detail.owner_id) == ("杭州云帆科技有限公司",
                                                           "0571-88886666", actor.user_id)
    assert form.title.text().startswith(detail.code)
    assert form.tabs.isTabEnabled(CONTACTS)
    assert not form.fields.is_dirty()


def test_enter_in_a_field_saves(qtbot, open_form, services, actor):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Acme Trading Ltd")
    with qtbot.waitSignal(form.sig_customer_saved):
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Return)
    assert count(services, actor) == 1


def test_validation_messages_appear_beside_the_fields_and_nothing_is_written(
        qtbot, open_form, services, actor):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("email"), "not-an-email")
    form.fields.editor("credit_limit").setText("-5")
    form.on_save()
    assert form.fields.error_text("name") == "This field is required."
    assert form.fields.error_text("email") == "Not a valid e-mail address."
    assert form.fields.error_text("credit_limit") == "Must not be negative."
    assert form.fields.error_text("phone") == ""
    assert form.findChild(type(form.status), "nameError").isVisible()
    assert QApplication.focusWidget() is form.fields.editor("name")
    assert count(services, actor) == 0


def test_errors_clear_once_the_input_is_fixed(qtbot, open_form, services, actor):
    form = open_form()
    form.on_save()
    assert form.fields.error_text("name")
    type_text(form.fields.editor("name"), "深圳华强电子")
    form.on_save()
    assert form.fields.error_text("name") == ""
    assert count(services, actor) == 1


def test_a_possible_duplicate_asks_and_saves_when_confirmed(qtbot, open_form, services, actor):
    services.customers.create_customer(actor, {"name": "北京科技有限公司", "city": "北京"})
    form = open_form()
    type_text(form.fields.editor("name"), "北京科技有限公司")
    seen = answer_modal(form, lambda box: box.save_button.click(), DuplicatePrompt)
    form.on_save()
    assert seen and "北京科技有限公司" in seen[0].informativeText()
    assert count(services, actor) == 2
    assert form.detail is not None


def test_a_possible_duplicate_is_not_saved_when_cancelled(qtbot, open_form, services, actor):
    services.customers.create_customer(actor, {"name": "Acme Ltd"})
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Acme Ltd")
    seen = answer_modal(form, lambda box: box.reject(), DuplicatePrompt)
    form.on_save()
    assert len(seen) == 1
    assert count(services, actor) == 1
    assert form.detail is None


def edited_behind_the_back(services, actor):
    made = services.customers.create_customer(actor, {"name": "Old Name Co", "city": "上海",
                                                      "phone": "021-5555"})
    return made


def test_a_conflict_shows_both_edits_and_reload_reapplies_mine(qtbot, open_form, services,
                                                               actor):
    made = edited_behind_the_back(services, actor)
    form = open_form(made.id)
    form.fields.editor("city").setText("杭州")
    services.customers.update_customer(actor, made.id, made.version,
                                       {"phone": "021-6666", "city": "南京"})
    rows: list[list[str]] = []

    def reload(dialog: ConflictDialog) -> None:
        table = dialog.table
        rows.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        dialog.reload_button.click()

    answer_modal(form, reload, ConflictDialog)
    form.on_save()
    assert ["City", "杭州", "南京"] in rows
    assert ["Phone", "021-5555", "021-6666"] in rows
    assert form.detail.version == made.version + 1
    assert form.fields.value("city") == "杭州"
    assert form.fields.value("phone") == "021-6666"
    form.on_save()
    final = services.customers.get_customer(actor, made.id)
    assert (final.city, final.phone) == ("杭州", "021-6666")


def test_cancelling_a_conflict_saves_nothing(qtbot, open_form, services, actor):
    made = edited_behind_the_back(services, actor)
    form = open_form(made.id)
    form.fields.editor("city").setText("杭州")
    services.customers.update_customer(actor, made.id, made.version, {"city": "南京"})
    answer_modal(form, lambda dialog: dialog.reject(), ConflictDialog)
    form.on_save()
    assert services.customers.get_customer(actor, made.id).city == "南京"
    assert form.fields.value("city") == "杭州"
    assert "another user" in form.status.text()


def test_escape_closes_a_clean_form_and_asks_for_a_dirty_one(qtbot, open_form):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Draft")
    seen = answer_modal(form, lambda box: box.button(QMessageBox.StandardButton.Cancel).click(),
                        QMessageBox)
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Escape)
    assert len(seen) == 1
    assert form.isVisible()
    form.fields.editor("name").clear()
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_ctrl_n_starts_a_new_customer_after_a_save(qtbot, open_form):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "First Co")
    form.on_save()
    assert form.detail is not None
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_N, CTRL)
    assert form.detail is None
    assert form.fields.value("name") == ""
    assert form.windowTitle() == "New customer"


def test_tab_moves_through_the_fields_in_reading_order(qtbot, open_form):
    form = open_form()
    name = form.fields.editor("name")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields.editor("short_name")
    assert name.objectName() == "name"


def test_an_existing_customer_loads_into_the_fields(open_form, services, actor):
    made = services.customers.create_customer(
        actor, {"name": "Zhejiang Tea", "status": "active", "tier": "premium",
                "credit_limit": "50000", "payment_terms_days": 45})
    form = open_form(made.id)
    assert form.fields.value("status") == "active"
    assert form.fields.editor("tier").currentText() == "Premium"
    assert form.fields.value("credit_limit") == "50000.00"
    assert form.fields.value("payment_terms_days") == 45
    assert not form.fields.is_dirty()
    form.on_save()
    assert form.status.text() == "No changes to save."
