"""A workflow on the record form (here a feedback ticket's, on the kit's own form): the state
beside the title, a button per move the user may make now, a dialog for the fields a move
sets (required ones starred, editable there though the form keeps them read-only), a refused
value shown beneath its field with nothing saved, the record as moved shown and broadcast,
unsaved edits saved first, a conflict as for a save, and no buttons without the rights."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QSpinBox

from app.logic.feedback import FEEDBACK
from app.logic.kit.dto import Actor, Changed, Record
from app.logic.kit.fields import Label, Ref
from app.ui.kit.conflict_dialog import ConflictDialog
from app.ui.kit.context import Context
from app.ui.kit.record_form import RecordForm
from app.ui.kit.workflow import MoveDialog, taken_mnemonics, with_mnemonic

from ..helpers import answer_modal, show_form, type_text


class TicketForm(RecordForm):
    """The kit's form of a ticket, offering the users who work tickets as assignees."""

    def __init__(self, context: Context, ticket_id: int | None = None) -> None:
        super().__init__(context, "feedback", FEEDBACK, ticket_id)

    def move_choices(self, name: str) -> list[Ref] | None:
        if name == "assignee":
            return list(self.context.services.feedback.assignee_choices(self.context.actor))
        return None


@pytest.fixture
def agent(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("lina", ("service",), "李娜")


@pytest.fixture
def ticket(context: Context, agent: Actor) -> Record:
    customer = context.services.customers.create_customer(
        context.actor, {"name": "上海申达贸易有限公司", "province": "上海", "city": "上海"}).saved
    return context.services.feedback.create_ticket(context.actor, {
        "customer": customer.code, "subject": "打印机卡纸", "type": "complaint"}).saved


@pytest.fixture
def open_form(qtbot) -> Callable[[Context, int], TicketForm]:
    return lambda context, ticket_id: show_form(qtbot, TicketForm(context, ticket_id))


def moves(form: RecordForm) -> list[str]:
    assert form.moves is not None
    return [b.text() for b in form.moves.buttons.values() if b.isVisible()]


def assign(qtbot, form: TicketForm, who: str = "lina") -> None:
    assert form.moves is not None
    qtbot.mouseClick(form.moves.buttons["assign"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert dialog is not None
    combo: QComboBox = dialog.fields.editor("assignee")
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemText(i).endswith(f"({who})")))
    with qtbot.waitSignal(dialog.sig_moved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_the_state_shows_beside_the_title_with_the_moves_it_may_make(
        open_form, context: Context, ticket: Record) -> None:
    form = open_form(context, ticket.id)
    assert form.moves is not None
    assert form.moves.badge.text() == "Status: New" and form.moves.badge.isVisible()
    assert moves(form) == ["&Assign"]
    button = form.moves.buttons["assign"]
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by Tab
    assert not button.autoDefault()  # Enter still saves the form


def test_assigning_asks_for_the_assignee_then_shows_and_broadcasts_the_ticket(
        qtbot, open_form, context: Context, ticket: Record, heard: list[Changed]) -> None:
    form = open_form(context, ticket.id)
    qtbot.mouseClick(form.moves.buttons["assign"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert isinstance(dialog, MoveDialog) and dialog.isVisible()
    assert dialog.windowTitle() == f"Assign {ticket.number}"
    assert dialog.findChild(QLabel, "movePath").text() == "New → Assigned"
    assert dialog.fields.label("assignee").text() == "Assignee*:"  # required by the move
    combo: QComboBox = dialog.fields.editor("assignee")
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[0] == "" and combo.currentIndex() == 0  # chosen, never assumed
    assert "李娜 (lina)" in offered  # from the form's move_choices
    combo.setCurrentIndex(offered.index("李娜 (lina)"))
    with qtbot.waitSignal(dialog.sig_moved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = context.services.feedback.get(context.actor, ticket.id)
    assert (saved.status, saved.assignee.key, saved.version) == ("assigned", "lina",
                                                                 ticket.version + 1)
    assert form.record is not None and form.record.version == saved.version
    assert form.moves.badge.text() == "Status: Assigned"
    assert moves(form) == ["&Start"]
    assert form.status.text() == f"{ticket.number} is now Assigned."
    assert [(c.entity, c.action) for c in heard] == [("feedback", "assign")]
    history = context.services.feedback.history(context.actor, ticket.id)
    assert history[0].action == "assign"


def test_a_move_without_fields_goes_at_once(qtbot, open_form, context: Context,
                                            ticket: Record, heard: list[Changed]) -> None:
    form = open_form(context, ticket.id)
    assign(qtbot, form)
    qtbot.mouseClick(form.moves.buttons["start"], Qt.MouseButton.LeftButton)
    assert form.moves.dialog is None
    assert context.services.feedback.get(context.actor, ticket.id).status == "in_progress"
    assert form.moves.badge.text() == "Status: In progress"
    assert moves(form) == ["&Resolve"]
    assert [c.action for c in heard] == ["assign", "start"]


def test_a_required_field_left_empty_is_refused_beneath_it_and_nothing_is_saved(
        qtbot, open_form, context: Context, ticket: Record, heard: list[Changed]) -> None:
    form = open_form(context, ticket.id)
    assign(qtbot, form)
    qtbot.mouseClick(form.moves.buttons["start"], Qt.MouseButton.LeftButton)
    before = context.services.feedback.get(context.actor, ticket.id)
    qtbot.mouseClick(form.moves.buttons["resolve"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert dialog is not None
    assert [dialog.fields.label(n).text() for n in dialog.names] == [
        "Resolution*:", "Cause (reported to the customer)*:"]
    type_text(dialog.fields.editor("resolution"), "更换了搓纸轮")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # still asking
    assert dialog.fields.error_text("cause") == "This field is required."
    assert dialog.fields.error_text("resolution") == ""
    assert "Nothing was saved." in dialog.problem.text()
    after = context.services.feedback.get(context.actor, ticket.id)
    assert (after.status, after.version, after.resolution) == ("in_progress",
                                                               before.version, "")
    assert [c.action for c in heard] == ["assign", "start"]
    qtbot.keyClick(dialog.fields.editor("cause"), Qt.Key.Key_Escape)  # Esc closes it
    qtbot.waitUntil(lambda: form.moves.dialog is None)
    assert context.services.feedback.get(context.actor, ticket.id).version == before.version


def test_closing_sets_fields_the_form_keeps_read_only(qtbot, open_form, context: Context,
                                                      ticket: Record) -> None:
    service = context.services.feedback
    t = service.assign_ticket(context.actor, ticket.id, ticket.version, "lina").saved
    t = service.start_ticket(context.actor, t.id, t.version).saved
    t = service.resolve_ticket(context.actor, t.id, t.version, "换了新硒鼓", "硒鼓老化").saved
    form = open_form(context, t.id)
    assert form.moves.badge.text() == "Status: Resolved"
    assert moves(form) == ["&Close", "&Reopen"]
    assert not form.fields.editor("satisfaction").isEnabled()  # read-only on the form
    qtbot.mouseClick(form.moves.buttons["close"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert dialog is not None
    spin: QSpinBox = dialog.fields.editor("satisfaction")
    comment: QPlainTextEdit = dialog.fields.editor("satisfaction_comment")
    assert spin.isEnabled() and not comment.isReadOnly()
    assert dialog.fields.value("satisfaction") is None  # no score unless given
    assert dialog.fields.label("satisfaction").text() == "Satisfaction (1-5):"  # optional
    spin.setValue(5)
    type_text(comment, "很满意")
    with qtbot.waitSignal(dialog.sig_moved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    closed = service.get(context.actor, t.id)
    assert (closed.status, closed.satisfaction, closed.satisfaction_comment) == (
        "closed", 5, "很满意")
    assert form.fields.value("satisfaction") == 5
    assert form.moves.badge.text() == "Status: Closed"
    assert moves(form) == ["&Reopen"]


def test_unsaved_edits_are_saved_before_the_move(qtbot, open_form, context: Context,
                                                 ticket: Record, heard: list[Changed]) -> None:
    form = open_form(context, ticket.id)
    line = form.fields.editor("subject")
    line.selectAll()
    type_text(line, "打印机卡纸（三楼）")
    assert form.fields.is_dirty()
    qtbot.mouseClick(form.moves.buttons["assign"], Qt.MouseButton.LeftButton)
    assert [c.action for c in heard] == ["update"]
    dialog = form.moves.dialog
    assert dialog is not None and dialog.record.subject == "打印机卡纸（三楼）"
    combo: QComboBox = dialog.fields.editor("assignee")
    combo.setCurrentIndex(combo.findText("李娜 (lina)"))
    with qtbot.waitSignal(dialog.sig_moved):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = context.services.feedback.get(context.actor, ticket.id)
    assert (saved.subject, saved.status) == ("打印机卡纸（三楼）", "assigned")
    assert [c.action for c in heard] == ["update", "assign"]


def test_a_ticket_moved_meanwhile_is_a_conflict_and_nothing_is_saved(
        qtbot, open_form, context: Context, ticket: Record) -> None:
    form = open_form(context, ticket.id)
    assign(qtbot, form)
    moved = form.record
    assert moved is not None
    context.services.feedback.start_ticket(context.actor, ticket.id, moved.version)  # unheard
    seen = answer_modal(form, lambda d: d.reject(), ConflictDialog)
    qtbot.mouseClick(form.moves.buttons["start"], Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert form.status.text() == "Not saved: another user changed this record."
    assert context.services.feedback.get(context.actor, ticket.id).version == \
        moved.version + 1


def test_without_move_rights_the_state_shows_and_no_button(
        qtbot, open_form, make_actor, make_context, context: Context, ticket: Record) -> None:
    auditor = make_context(make_actor("audit1", ("auditor",)))
    form = open_form(auditor, ticket.id)
    assert form.moves.badge.text() == "Status: New"
    assert moves(form) == [] and form.moves.buttons == {}
    assert form.moves.on_move("assign") is None  # a move it may not make does nothing
    manager = make_context(make_actor("boss", ("sales_manager",)))
    assert moves(open_form(manager, ticket.id)) == ["&Assign"]  # their only move
    started = context.services.feedback.assign_ticket(context.actor, ticket.id,
                                                      ticket.version, "lina")
    context.hub.broadcast(started)
    assert form.moves.badge.text() == "Status: Assigned"  # follows the hub


def test_the_moves_in_chinese(qtbot, open_form, context: Context, ticket: Record,
                              translation) -> None:
    translation.install("zh_CN")
    form = open_form(context, ticket.id)
    assert form.moves.badge.text() == "状态：新建"
    assert moves(form) == ["分派(&A)"]
    qtbot.mouseClick(form.moves.buttons["assign"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert dialog is not None
    assert dialog.findChild(QLabel, "movePath").text() == "新建 → 已分派"
    assert dialog.fields.label("assignee").text() == "处理人*："
    assert dialog.ok_button.text() == "分派(&A)"
    dialog.reject()


def test_without_a_loader_the_dialog_offers_what_the_forms_field_offers(
        qtbot, context: Context, ticket: Record, agent: Actor) -> None:
    form = show_form(qtbot, RecordForm(context, "feedback", FEEDBACK, ticket.id))
    form.fields.set_choices("assignee", [("", None), ("李娜 (lina)", agent.user_id)])
    qtbot.mouseClick(form.moves.buttons["assign"], Qt.MouseButton.LeftButton)
    dialog = form.moves.dialog
    assert dialog is not None
    combo: QComboBox = dialog.fields.editor("assignee")
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "李娜 (lina)"]
    dialog.reject()


def test_mnemonics_avoid_the_forms_own() -> None:
    taken = taken_mnemonics(["&Save", "&Close", "&History...", "O&verview", "保存(&D)",
                             "Fish && chips"])
    assert taken == {"s", "c", "h", "v", "d"}
    assert with_mnemonic(Label("Close", "关闭"), "en", taken) == "C&lose"
    assert with_mnemonic(Label("Start", "开始处理"), "zh_CN", taken) == "开始处理(&T)"
    assert with_mnemonic(Label("Reopen", "重新打开"), "en", taken) == "&Reopen"
    assert taken >= {"l", "t", "r"}

