"""The project form: a new project saved with its customer, errors beside the fields,
the customer found by typing, and a completed project read-only with Reopen enabled only
for those with the right."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from app.logic.kit.dto import Actor, Changed, ListQuery, Record
from app.ui.kit.context import Context
from app.ui.projects import ProjectForm

from ..helpers import show_form, tab_into, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_form(qtbot) -> Callable[..., ProjectForm]:
    def make(context: Context, project_id: int | None = None, **initial: object) -> ProjectForm:
        return show_form(qtbot, ProjectForm(context, project_id, initial=dict(initial)))

    return make


def test_a_new_project_of_a_customer_is_saved(
        qtbot, open_form, context: Context, customers: dict[str, Record],
        heard: list[Changed]) -> None:
    customer = customers["sales1"]
    form = open_form(context, customer=customer.id)
    assert form.windowTitle() == "New project[*]"
    assert form.fields.value("customer") == customer.id
    assert form.customer_combo.currentText() == "北京星河科技有限公司 (C000001)"
    assert form.fields.value("owner") == context.actor.user_id
    assert form.fields.value("stage") == "lead"
    assert not form.reopen_button.isVisible()
    type_text(form.fields.editor("name"), "数据中台建设")
    tab_into(form.fields.editor("budget"))
    qtbot.keyClicks(form.fields.editor("budget"), "500000.5")
    qtbot.keyClicks(form.fields.editor("start_date"), "2026-04-01")
    with qtbot.waitSignal(form.sig_saved):
        qtbot.keyClick(form.fields.editor("budget"), Qt.Key.Key_S, CTRL)
    saved = context.services.projects.get_project_by_code(context.actor, "P000001")
    assert (saved.name, str(saved.budget), str(saved.start_date), saved.customer.key) == (
        "数据中台建设", "500000.50", "2026-04-01", "C000001")
    assert form.status.text() == "Saved P000001."
    assert [(c.entity, c.action) for c in heard] == [("project", "create")]


def test_errors_show_beside_their_fields_and_nothing_is_saved(
        qtbot, open_form, context: Context, customers: dict[str, Record]) -> None:
    form = open_form(context, customer=customers["sales1"].id)
    type_text(form.fields.editor("name"), "Backwards")
    qtbot.keyClicks(form.fields.editor("start_date"), "2026-05-01")
    qtbot.keyClicks(form.fields.editor("end_date"), "2026-04-01")
    tab_into(form.fields.editor("budget"))
    qtbot.keyClicks(form.fields.editor("budget"), "12.345")
    form.on_save()
    assert form.fields.error_text("budget") == "At most two decimal places."
    form.fields.editor("budget").setText("12.34")
    form.on_save()
    assert form.fields.error_text("end_date") == "The end must not be before the start."
    assert form.status.text() == "Please correct the marked fields. Nothing was saved."
    assert context.services.projects.count(context.actor, ListQuery()) == 0


def test_a_new_project_needs_a_customer_chosen_or_typed(
        qtbot, open_form, context: Context, customers: dict[str, Record]) -> None:
    form = open_form(context)
    assert form.customer_combo.currentIndex() == -1  # chosen, never assumed
    type_text(form.fields.editor("name"), "Typed customer")
    form.on_save()
    assert form.fields.error_text("customer") == "This field is required."
    # A code typed (not picked) is looked up by the service.
    form.customer_combo.setEditText("C000002")
    with qtbot.waitSignal(form.sig_saved):
        form.on_save()
    assert form.record is not None and form.record.customer.key == "C000002"


def test_typing_finds_customers_beyond_those_listed(
        qtbot, open_form, context: Context, customers: dict[str, Record],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ui.projects.form.CUSTOMERS_OFFERED", 1)
    form = open_form(context)
    combo = form.customer_combo
    assert combo.count() == 1
    combo.setEditText("shanghai")
    form.customer.search()
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "Shanghai Harbour Logistics (C000002)" in texts
    combo.setCurrentIndex(combo.findData(customers["admin"].id))
    assert form.fields.value("customer") == customers["admin"].id


def test_a_completed_project_is_read_only_and_a_salesperson_cannot_reopen_it(
        open_form, make_context, projects: dict[str, Record], sales1: Actor) -> None:
    form = open_form(make_context(sales1), projects["done"].id)
    assert form.fields.read_only
    assert not form.save_button.isVisible()
    assert form.fields.editor("name").isReadOnly()
    assert not form.fields.editor("stage").isEnabled()
    assert form.status.text() == "This project is completed: it is read-only until it is " \
                                 "reopened."
    assert form.reopen_button.isVisible() and not form.reopen_button.isEnabled()
    assert form.reopen_button.toolTip() == "You do not have the right to reopen projects."
    form.on_reopen()  # a shortcut or a stray call does nothing either
    record = form.context.services.projects.get(form.context.actor, projects["done"].id)
    assert record.stage == "completed"


def test_reopen_puts_it_back_in_progress_and_makes_it_editable(
        qtbot, open_form, context: Context, projects: dict[str, Record],
        heard: list[Changed]) -> None:
    form = open_form(context, projects["done"].id)
    assert form.reopen_button.isEnabled() and form.fields.read_only
    form.reopen_button.click()
    assert form.record is not None and form.record.stage == "in_progress"
    assert form.record.version == projects["done"].version + 1
    assert form.status.text() == "Reopened: the project is in progress again."
    assert not form.fields.read_only and form.save_button.isVisible()
    assert not form.reopen_button.isVisible()
    assert form.fields.value("stage") == "in_progress"
    assert [(c.entity, c.action) for c in heard] == [("project", "reopen")]
    tab_into(form.fields.editor("budget"))
    qtbot.keyClicks(form.fields.editor("budget"), "9")
    with qtbot.waitSignal(form.sig_saved):
        form.on_save()
    assert form.record.version == projects["done"].version + 2


def test_a_project_closed_elsewhere_turns_read_only(
        open_form, context: Context, projects: dict[str, Record]) -> None:
    form = open_form(context, projects["crm"].id)
    assert not form.fields.read_only
    crm = projects["crm"]
    changed = context.services.projects.update_project(context.actor, crm.id, crm.version,
                                                       {"stage": "cancelled"})
    context.hub.broadcast(changed)
    assert form.fields.read_only and form.reopen_button.isVisible()
    assert "cancelled" in form.status.text()


def test_the_form_speaks_chinese(qtbot, open_form, context: Context,
                                 projects: dict[str, Record], translation) -> None:
    translation.install("zh_CN")
    form = open_form(context, projects["done"].id)
    assert form.reopen_button.text() == "重新打开(&R)"
    assert form.status.text() == "此项目已完成，重新打开之前只能查看。"
    assert form.fields.editor("stage").currentText() == "已完成"
    assert form.fields.label("start_date").text() == "开始日期："
