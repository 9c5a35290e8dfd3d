"""Feedback's screens on real tickets: the list's views (an agent starts on their own open
tickets), overdue tickets standing out, the ticket form (a new ticket's due time from the SLA,
the customer's contacts, the workflow's buttons), the SLA's dialog, and what feedback adds to
the customer form (its tab and the open tickets on the overview)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QSpinBox

from app.logic.kit.dto import Actor, Record
from app.ui.customers import CustomerForm
from app.ui.feedback import FeedbackForm, FeedbackListView, FeedbackTab, OpenTicketsSection
from app.ui.kit.context import Context
from app.ui.kit.settings_group import SettingsGroupDialog

from ..helpers import show_form


def numbers(view: FeedbackListView | FeedbackTab) -> list[str]:
    model = view.model
    column = model.column_of("number")
    return sorted(model.index(r, column).data() for r in range(model.rowCount()))


def test_an_agent_starts_on_their_open_tickets_and_may_see_all(
        qtbot, make_context: Callable[[Actor], Context], agent: Actor,
        tickets: dict[str, Record]) -> None:
    view = FeedbackListView(make_context(agent))
    qtbot.addWidget(view)
    assert view.view_combo.currentText() == "My open tickets"
    assert numbers(view) == sorted([tickets["late"].number, tickets["mine"].number])
    view.view_combo.setCurrentIndex(0)  # All feedback
    assert numbers(view) == sorted(t.number for t in tickets.values())


def test_an_administrator_starts_on_all_and_overdue_tickets_stand_out(
        qtbot, context: Context, tickets: dict[str, Record]) -> None:
    view = FeedbackListView(context)
    qtbot.addWidget(view)
    assert view.view_combo.currentText() == "All feedback"
    model = view.model
    column = model.column_of("number")
    late = {model.index(r, column).data() for r in range(model.rowCount()) if model.is_late(r)}
    assert late == {tickets["late"].number}
    overdue = view.filter_combos["overdue"]
    overdue.setCurrentIndex(overdue.findData(True))
    assert numbers(view) == [tickets["late"].number]


def test_a_salesperson_sees_the_tickets_of_own_customers_only(
        qtbot, make_context: Callable[[Actor], Context], sales1: Actor,
        tickets: dict[str, Record]) -> None:
    view = FeedbackListView(make_context(sales1))
    qtbot.addWidget(view)
    assert view.view_combo.currentText() == "All feedback"
    assert numbers(view) == [tickets["other"].number]


def test_a_new_ticket_shows_its_due_time_and_its_customers_contacts(
        qtbot, context: Context, customers: dict[str, Record]) -> None:
    services, actor = context.services, context.actor
    services.contacts.add_contact(actor, customers["admin"].id, {"name": "张敏"})
    services.contacts.add_contact(actor, customers["sales1"].id, {"name": "Li Lei"})
    form = show_form(qtbot, FeedbackForm(context, None, initial={
        "customer": customers["admin"].id}))
    due = form.fields.editor("due_at")
    assert due.text() != ""  # normal: 72 hours from now
    shown = due.text()
    priority = form.fields.editor("priority")
    priority.setCurrentIndex(priority.findData("urgent"))
    assert due.text() != shown  # 4 hours instead
    contact = form.fields.editor("contact")
    assert [contact.itemText(i) for i in range(contact.count())] == ["", "张敏"]
    form.fields.editor("subject").setText("退货申请")
    with qtbot.waitSignal(context.hub.sig_changed):
        form.on_save()
    assert form.record is not None and form.record.number.startswith("F")
    assert form.record.get("status") == "new" and form.record.get("due_at") is not None
    assert form.moves is not None and form.moves.buttons["assign"].isVisible()


def test_the_sla_dialog_saves_for_an_administrator_and_only_reads_for_an_agent(
        qtbot, context: Context, make_context: Callable[[Actor], Context],
        agent: Actor) -> None:
    dialog = SettingsGroupDialog(context, "feedback_settings")
    qtbot.addWidget(dialog)
    urgent = dialog.fields.editor("urgent_hours")
    assert isinstance(urgent, QSpinBox) and urgent.value() == 4
    urgent.setValue(2)
    dialog.on_save()
    assert dialog.changed is not None
    assert context.services.feedback.sla_hours(context.actor)["urgent"] == 2
    reader = SettingsGroupDialog(make_context(agent), "feedback_settings")
    qtbot.addWidget(reader)
    assert reader.fields.editor("urgent_hours").value() == 2
    assert not hasattr(reader, "save_button")
    assert reader.findChild(QLabel, "settingsReadOnly") is not None


def test_a_stale_sla_save_is_refused_and_shows_the_values_now(
        qtbot, context: Context) -> None:
    dialog = SettingsGroupDialog(context, "feedback_settings")
    qtbot.addWidget(dialog)
    context.services.feedback_settings.set_sla(context.actor, {"low": 200})
    dialog.fields.editor("urgent_hours").setValue(3)
    dialog.on_save()
    assert dialog.changed is None and not dialog.problem.isHidden()
    assert dialog.fields.editor("low_hours").value() == 200
    assert context.services.feedback.sla_hours(context.actor)["urgent"] == 4


def test_the_customer_form_lists_its_tickets_and_its_open_ones_overdue_first_in_red(
        qtbot, context: Context, customers: dict[str, Record],
        tickets: dict[str, Record]) -> None:
    form = show_form(qtbot, CustomerForm(context, customers["admin"].id))
    tab = form.findChild(FeedbackTab)
    assert tab is not None
    assert numbers(tab) == sorted(t.number for k, t in tickets.items() if k != "other")
    section = form.findChild(OpenTicketsSection)
    assert section is not None
    linked = [text for text, _entity, _id in section.links]
    assert len(linked) == 3  # late, mine, new: the closed one is not open
    late = next(t for t in linked if tickets["late"].number in t)
    assert late.endswith("overdue")
    assert "color: #8b0000" in section.body.text()
