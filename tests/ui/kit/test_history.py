"""A form's History button: the record's audit entries and its children's, newest first,
one row per changed field, owners by name."""

from __future__ import annotations

from app.ui.customers import CustomerForm
from app.ui.kit.history import HistoryDialog


def test_history_shows_the_records_entries_with_owners_by_name(
        qtbot, services, actor, context, make_actor):
    one = make_actor("sales1", ("salesperson",), "王一")
    two = make_actor("sales2", ("salesperson",), "王二")
    made = services.customers.create_customer(actor, {"name": "历史公司", "owner": one.user_id,
                                                      "status": "prospect"}).saved
    changed = services.customers.update_customer(actor, made.id, made.version, {
        "owner": two.user_id, "status": "active"}).saved
    services.contacts.add_contact(actor, made.id, {"name": "李娜"})
    other = services.customers.create_customer(actor, {"name": "别的公司"}).saved
    services.customers.update_customer(actor, other.id, other.version, {"city": "杭州"})
    form = CustomerForm(context, made.id)
    qtbot.addWidget(form)
    assert form.history_button.isEnabled()
    dialog = form.on_history()
    assert isinstance(dialog, HistoryDialog)
    qtbot.addWidget(dialog)
    rows = dialog.values()
    # newest first: the contact, the update (one row per field), the creation
    assert rows[0][2] == "Create · Contact"
    update = [r[3:] for r in rows if r[2] == "Update"]
    assert ("Owner", f"王一 (#{one.user_id})", f"王二 (#{two.user_id})") in update
    assert ("Status", "Prospect", "Active") in update
    created = [r[3:] for r in rows if r[2] == "Create"]
    assert ("Name", "", "历史公司") in created
    assert ("Owner", "", f"王一 (#{one.user_id})") in created
    assert all(r[1] == "admin" for r in rows)
    assert "杭州" not in {cell for r in rows for cell in r}  # another record's history
    assert dialog.intro.text() == "3 changes, newest first."
    assert changed.version == made.version + 1


def test_a_new_record_has_no_history_yet(qtbot, context):
    form = CustomerForm(context)
    qtbot.addWidget(form)
    assert not form.history_button.isEnabled()
    assert form.on_history() is None
