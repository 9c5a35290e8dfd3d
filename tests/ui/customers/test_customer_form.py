"""The customer form: save, validation beside fields, duplicates, conflicts, keyboard, the
unsaved-changes prompt, contacts before the first save, owners."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from app.logic.kit.dto import ListQuery
from app.logic.kit.errors import PermissionDenied
from app.ui.contacts import ContactDialog
from app.ui.customers import CustomerForm
from app.ui.kit.conflict_dialog import ConflictDialog
from app.ui.kit.duplicate_prompt import DuplicatePrompt
from app.ui.shell.i18n import Translation

from ..helpers import answer_modal, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_form(qtbot, context):
    forms: list[CustomerForm] = []

    def make(customer_id: int | None = None, as_context=None) -> CustomerForm:
        form = CustomerForm(as_context or context, customer_id)
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
    return services.customers.count_customers(actor, ListQuery())


def button(widget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


# --- saving -------------------------------------------------------------------------------
def test_a_new_customer_is_saved_with_ctrl_s(qtbot, open_form, services, actor):
    form = open_form()
    type_text(form.fields.editor("name"), "杭州云帆科技有限公司")
    qtbot.keyClicks(form.fields.editor("phone"), "0571-88886666")
    with qtbot.waitSignal(form.sig_saved) as saved:
        qtbot.keyClick(form.fields.editor("phone"), Qt.Key.Key_S, CTRL)
    record = services.customers.get_customer(actor, saved.args[0].record.id)
    assert (record.name, record.phone) == ("杭州云帆科技有限公司", "0571-88886666")
    assert record.owner is None  # the administrator sells nothing: nobody owns it
    assert form.title.text().startswith(record.code)
    assert form.tabs.isTabEnabled(form.tabs.indexOf(form.contacts))
    assert not form.fields.is_dirty()
    assert not form.isWindowModified()


def test_a_salespersons_new_customer_is_their_own(qtbot, open_form, services, make_actor,
                                                   make_context):
    sales = make_actor("sales1", ("salesperson",), "王销售")
    form = open_form(as_context=make_context(sales))
    assert form.fields.editor("owner").currentText() == "王销售 (sales1)"
    type_text(form.fields.editor("name"), "自己的客户")
    with qtbot.waitSignal(form.sig_saved) as saved:
        form.on_save()
    assert saved.args[0].record.ref_id("owner") == sales.user_id


def test_enter_in_a_field_saves(qtbot, open_form, services, actor):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Acme Trading Ltd")
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Return)
    assert count(services, actor) == 1


@pytest.mark.parametrize("field", ["name", "city", "email", "credit_limit"])
def test_enter_saves_after_a_contact_dialog_was_opened_and_cancelled(qtbot, open_form,
                                                                     services, actor, field):
    """The bug as reported: a contact dialog opened and cancelled, then Enter in a field
    asked to discard the changes instead of saving."""
    made = services.customers.create_customer(actor, {"name": "Enter Test Ltd"}).saved
    form = open_form(made.id)
    form.tabs.setCurrentWidget(form.contacts)
    answer_modal(form, lambda dialog: button(dialog, "Close").click(), ContactDialog)
    form.contacts.add_button.click()
    form.tabs.setCurrentIndex(0)
    prompts = answer_modal(form, lambda box: box.reject(), QMessageBox)
    editor = form.fields.editor(field)
    editor.setFocus()
    editor.selectAll()
    type_text(editor, {"name": "Enter Test 2", "city": "杭州", "email": "a@b.cn",
                       "credit_limit": "1000"}[field])
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert prompts == []
    assert form.isVisible()
    assert services.customers.get_customer(actor, made.id).version == made.version + 1


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
    assert form.findChild(QLabel, "nameError").isVisible()
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
    assert form.record is not None


def test_a_possible_duplicate_is_not_saved_when_cancelled(qtbot, open_form, services, actor):
    services.customers.create_customer(actor, {"name": "Acme Ltd"})
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Acme Ltd")
    seen = answer_modal(form, lambda box: box.reject(), DuplicatePrompt)
    form.on_save()
    assert len(seen) == 1
    assert count(services, actor) == 1
    assert form.record is None


def test_a_duplicate_outside_the_scope_is_told_without_naming_it(
        qtbot, open_form, services, actor, make_actor, make_context):
    hidden = services.customers.create_customer(
        actor, {"name": "重庆祥诚生物科技股份有限公司", "phone": "023-6666 8888"}).saved
    sales = make_actor("sales9", ("salesperson",))
    translation = Translation()
    for language, words in (("en", "A customer with this phone already exists that you "
                                   "cannot see; ask your manager."),
                            ("zh_CN", "已有电话相同的客户，但您无权查看；请询问您的经理。")):
        assert translation.install(language)
        try:
            form = open_form(as_context=make_context(sales))
            type_text(form.fields.editor("name"), "Probe Ltd")
            type_text(form.fields.editor("phone"), "023-6666 8888")
            seen = answer_modal(form, lambda box: box.reject(), DuplicatePrompt)
            form.on_save()
            said = seen[0].text() + seen[0].informativeText()
            assert words in said
            assert hidden.code not in said and "祥诚" not in said
        finally:
            translation.install("en")
    assert count(services, actor) == 1


def edited_behind_the_back(services, actor):
    return services.customers.create_customer(actor, {"name": "Old Name Co", "city": "上海",
                                                      "phone": "021-5555"}).saved


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
    assert form.record.version == made.version + 1
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


# --- closing with unsaved changes ---------------------------------------------------------
def test_escape_closes_a_clean_form_and_asks_for_a_dirty_one(qtbot, open_form):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "Draft")
    seen = answer_modal(form, lambda box: button(box, "Cancel").click(), QMessageBox)
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Escape)
    assert len(seen) == 1
    assert form.isVisible()
    form.fields.editor("name").clear()
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_the_prompt_offers_save_discard_and_cancel_with_shortcuts(qtbot, open_form):
    form = open_form()
    type_text(form.fields.editor("name"), "草稿公司")
    seen: list[tuple[str, list[str]]] = []

    def read(box: QMessageBox) -> None:
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        button(box, "Cancel").click()

    answer_modal(form, read, QMessageBox)
    form.close()
    assert seen == [("Save your changes to this customer?", ["&Discard", "&Save", "Cancel"])]
    assert form.isVisible()


def test_save_in_the_prompt_saves_and_then_closes(qtbot, open_form, services, actor):
    form = open_form()
    type_text(form.fields.editor("name"), "关闭前保存")
    answer_modal(form, lambda box: button(box, "&Save").click(), QMessageBox)
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_Escape)
    assert not form.isVisible()
    [row] = services.customers.list_customers(actor, ListQuery()).rows
    assert row.name == "关闭前保存"


def test_save_in_the_prompt_stays_open_when_the_save_fails(qtbot, open_form, services, actor):
    form = open_form()
    type_text(form.fields.editor("email"), "not-an-email")
    answer_modal(form, lambda box: button(box, "&Save").click(), QMessageBox)
    form.close()
    assert form.isVisible()
    assert form.fields.error_text("name") == "This field is required."
    assert count(services, actor) == 0


def test_discard_in_the_prompt_closes_without_saving(qtbot, open_form, services, actor):
    form = open_form()
    type_text(form.fields.editor("name"), "不要了")
    answer_modal(form, lambda box: button(box, "&Discard").click(), QMessageBox)
    form.close()
    assert not form.isVisible()
    assert count(services, actor) == 0


def test_the_title_marks_unsaved_changes(qtbot, open_form, services, actor):
    made = services.customers.create_customer(actor, {"name": "Title Co"}).saved
    form = open_form(made.id)
    assert "[*]" in form.windowTitle()
    assert not form.isWindowModified()
    type_text(form.fields.editor("city"), "广州")
    assert form.isWindowModified()
    form.fields.editor("city").clear()
    assert not form.isWindowModified()


# --- keyboard and loading -----------------------------------------------------------------
def test_ctrl_n_starts_a_new_customer_after_a_save(qtbot, open_form):
    form = open_form()
    qtbot.keyClicks(form.fields.editor("name"), "First Co")
    form.on_save()
    assert form.record is not None
    qtbot.keyClick(form.fields.editor("name"), Qt.Key.Key_N, CTRL)
    assert form.record is None
    assert form.fields.value("name") == ""
    assert form.windowTitle() == "New customer[*]"
    assert not form.isWindowModified()


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
                "credit_limit": "50000", "payment_terms_days": 45}).saved
    form = open_form(made.id)
    assert form.fields.value("status") == "active"
    assert form.fields.editor("tier").currentText() == "Premium"
    assert form.fields.value("credit_limit") == "50000.00"
    assert form.fields.value("payment_terms_days") == 45
    assert not form.fields.is_dirty()
    form.on_save()
    assert form.status.text() == "No changes to save."


# --- contacts of a new customer -----------------------------------------------------------
def add_contact(form: CustomerForm, **values: str) -> None:
    def fill(dialog: ContactDialog) -> None:
        for name, value in values.items():
            type_text(dialog.fields.editor(name), value)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    answer_modal(form, fill, ContactDialog)
    form.contacts.add_button.click()


def test_contacts_added_before_the_first_save_are_saved_with_the_customer(
        qtbot, open_form, services, actor):
    form = open_form()
    form.tabs.setCurrentWidget(form.contacts)
    assert form.contacts.add_button.isEnabled()
    add_contact(form, name="王伟", mobile="13812345678")
    add_contact(form, name="李娜", email="lina@example.cn")
    assert form.contacts.table.model().rowCount() == 2
    assert count(services, actor) == 0  # nothing written yet
    type_text(form.fields.editor("name"), "一起保存有限公司")
    with qtbot.waitSignal(form.sig_saved) as saved:
        form.on_save()
    customer = saved.args[0].record
    people = services.contacts.list_contacts(actor, customer.id)
    assert [(p.name, p.is_primary) for p in people] == [("王伟", True), ("李娜", False)]
    assert len(form.contacts.contacts) == 2 and form.contacts.pending == []
    history = services.customers.history(actor, customer.id)
    assert sorted((e.entity_type, e.action) for e in history) == [
        ("contact", "create"), ("contact", "create"), ("customer", "create")]


def test_a_bad_contact_of_a_new_customer_is_refused_in_its_dialog(qtbot, open_form, services,
                                                                   actor):
    form = open_form()
    errors: list[str] = []

    def fill(dialog: ContactDialog) -> None:
        type_text(dialog.fields.editor("name"), "Li Na")
        type_text(dialog.fields.editor("email"), "li@")
        dialog.on_save()
        errors.append(dialog.fields.error_text("email"))
        dialog.fields.mark_clean()
        dialog.reject()

    answer_modal(form, fill, ContactDialog)
    form.contacts.add_button.click()
    assert errors == ["Not a valid e-mail address."]
    assert form.contacts.pending == []


# --- owners -------------------------------------------------------------------------------
def owner_items(form: CustomerForm) -> list[str]:
    combo = form.fields.editor("owner")
    return [combo.itemText(i) for i in range(combo.count())]


def test_owners_are_active_salespeople_and_nobody_for_who_sees_all(
        qtbot, open_form, services, actor, make_actor):
    make_actor("sales1", ("salesperson",), "王一")
    make_actor("boss", ("sales_manager",), "老板")
    make_actor("audrey", ("auditor",))
    make_actor("fin", ("finance",))
    gone = make_actor("sales3", ("salesperson",), "王三")
    row = next(u for u in services.users.list_all_users(actor) if u.id == gone.user_id)
    services.users.disable_user(actor, row.id, row.version)
    form = open_form()
    assert owner_items(form) == ["(nobody)", "老板 (boss)", "王一 (sales1)"]


def test_a_salesperson_may_give_customers_only_to_himself(qtbot, open_form, services, actor,
                                                          make_actor, make_context):
    sales = make_actor("sales1", ("salesperson",), "王一")
    make_actor("sales2", ("salesperson",), "王二")
    auditor = make_actor("audrey", ("auditor",))
    made = services.customers.create_customer(sales, {"name": "我的客户"}).saved
    form = open_form(made.id, make_context(sales))
    assert owner_items(form) == ["王一 (sales1)"]
    with pytest.raises(PermissionDenied):
        services.customers.assign_owner(sales, made.id, made.version, auditor.user_id)


def test_the_credit_terms_are_read_only_without_the_finance_credit_right(
        open_form, services, actor, make_actor, make_context):
    sales = make_actor("sales1", ("salesperson",), "王销售")
    mine = services.customers.create_customer(actor, {"name": "信用条件测试",
                                                      "owner": "sales1"}).saved
    theirs = open_form(mine.id, as_context=make_context(sales))
    for name in ("credit_limit", "payment_terms_days", "credit_rating"):
        assert not theirs.fields.editor(name).isEnabled(), name
    assert theirs.fields.editor("phone").isEnabled()
    admins = open_form(mine.id)  # the administrator holds finance.credit
    assert admins.fields.editor("credit_limit").isEnabled()
