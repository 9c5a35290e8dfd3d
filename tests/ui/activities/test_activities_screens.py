"""Activities' screens on real activities: My day (the buckets, marking one done with its
follow-up), the month's visit plan (each salesperson's rate, the team's, the calendar), the
activity form's Mark done, and the customer form's Activities tab and timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QTreeWidget

from app.logic.kit.dto import Actor, Record
from app.ui.activities import ActivitiesTab, ActivityForm, MyDayPage, VisitPlanPage
from app.ui.customers import CustomerForm
from app.ui.kit.context import Context
from app.ui.kit.timeline import TimelineSection

from ..helpers import show_form
from .conftest import at


def subjects(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(3) for i in range(tree.topLevelItemCount())]


def test_my_day_shows_overdue_today_and_the_week(
        qtbot, make_context: Callable[[Actor], Context], sales1: Actor,
        day_of_sales1: dict[str, Record]) -> None:
    page = MyDayPage(make_context(sales1))
    qtbot.addWidget(page)
    assert subjects(page.lists["overdue"]) == ["付款提醒"]
    assert subjects(page.lists["today"]) == ["Site visit", "季度回访"]  # by time
    assert subjects(page.lists["week"]) == ["新品介绍"]  # not the one in 20 days
    assert "tickets" not in page.lists or page.lists["tickets"].topLevelItemCount() == 0
    assert "2 due today, 1 overdue" in page.heading.text()
    assert page.boxes["overdue"].title() == "Overdue (1)"


def test_marking_done_from_my_day_plans_the_follow_up(
        qtbot, services, make_context: Callable[[Actor], Context], sales1: Actor,
        day_of_sales1: dict[str, Record]) -> None:
    context = make_context(sales1)
    page = MyDayPage(context)
    qtbot.addWidget(page)
    overdue = page.lists["overdue"]
    overdue.setCurrentItem(overdue.topLevelItem(0))
    assert page.done_button.isEnabled()
    dialog = page.on_mark_done()
    assert dialog is not None
    dialog.fields.editor("outcome").setPlainText("已付款")
    dialog.fields.editor("next_follow_up").setText(
        (date.today() + timedelta(days=1)).isoformat())
    dialog.on_ok()
    assert subjects(page.lists["overdue"]) == []  # read again after the change
    assert "跟进：付款提醒" in subjects(page.lists["week"])  # in the subject's language
    done = services.activities.get_activity(sales1, day_of_sales1["overdue"].id)
    assert done.get("state") == "done" and done.get("outcome") == "已付款"


def test_a_follow_up_in_the_past_is_refused_and_nothing_is_saved(
        qtbot, services, make_context: Callable[[Actor], Context], sales1: Actor,
        day_of_sales1: dict[str, Record]) -> None:
    page = MyDayPage(make_context(sales1))
    qtbot.addWidget(page)
    today = page.lists["today"]
    today.setCurrentItem(today.topLevelItem(0))
    dialog = page.on_mark_done()
    assert dialog is not None
    dialog.fields.editor("next_follow_up").setText(
        (date.today() - timedelta(days=1)).isoformat())
    dialog.on_ok()
    assert "before today" in dialog.fields.error_text("next_follow_up")
    assert not dialog.problem.isHidden() and dialog.isVisible()
    assert services.activities.get_activity(
        sales1, day_of_sales1["early"].id).get("state") == "planned"


def test_the_visit_plan_gives_each_salesperson_and_the_team_their_rate(
        qtbot, services, actor, make_actor, make_context, customer: Record) -> None:
    make_actor("sales2", ("salesperson",), "李娜")
    first = date.today().replace(day=1)
    # sales1: 4 visits this month, 3 done; sales2: 3 visits, 1 done
    for owner, planned, done in (("sales1", 4, 3), ("sales2", 3, 1)):
        for n in range(planned):
            made = services.activities.create_activity(actor, {
                "kind": "visit", "customer": customer.code, "owner": owner,
                "subject": f"拜访 {n}", "scheduled_at": at(first + timedelta(days=n), 10)
            }).saved
            if n < done:
                services.activities.mark_done(actor, made.id, made.version)
    page = VisitPlanPage(make_context(actor))
    qtbot.addWidget(page)
    rows = {page.rates.item(r, 0).text(): [page.rates.item(r, c).text() for c in (1, 2, 3)]
            for r in range(page.rates.rowCount())}
    assert rows["王伟"] == ["4", "3", "75.0%"]
    assert rows["李娜"] == ["3", "1", "33.3%"]
    assert rows["Team"] == ["7", "4", "57.1%"]
    # the team chosen at first: its visits in the calendar, day by day
    text = "\n".join(page.calendar.item(r, c).text() for r in range(page.calendar.rowCount())
                     for c in range(7) if page.calendar.item(r, c) is not None)
    assert text.count("✓") == 4 and text.count("○") == 3


def test_the_activity_form_marks_done_with_its_follow_up(
        qtbot, services, make_context, sales1: Actor,
        day_of_sales1: dict[str, Record]) -> None:
    context = make_context(sales1)
    form = show_form(qtbot, ActivityForm(context, day_of_sales1["week"].id))
    assert form.moves is not None and form.moves.badge.text().endswith("Planned")
    assert [b.text() for b in form.moves.buttons.values() if b.isVisible()] == [
        "&Mark done"]
    dialog = form.on_mark_done()  # Ctrl+D: the workflow's move asks what came of it
    assert dialog is not None
    dialog.fields.editor("outcome").setPlainText("客户下单")
    dialog.fields.editor("next_follow_up").setText(
        (date.today() + timedelta(days=7)).isoformat())
    dialog.on_ok()
    assert form.record is not None and form.record.get("state") == "done"
    assert form.record.get("outcome") == "客户下单"
    assert not [b for b in form.moves.buttons.values() if b.isVisible()]
    mine = services.activities.my_day(sales1)
    assert any(r.get("subject") == "跟进：新品介绍" for r in mine.week)


def test_the_customer_form_has_its_activities_and_a_timeline(
        qtbot, services, context: Context, customer: Record,
        day_of_sales1: dict[str, Record]) -> None:
    services.feedback.create_ticket(context.actor, {"customer": customer.code,
                                                    "subject": "送货延迟"})
    services.projects.create_project(context.actor, {"customer": customer.code,
                                                     "name": "ERP 实施"})
    form = show_form(qtbot, CustomerForm(context, customer.id))
    tab = form.findChild(ActivitiesTab)
    assert tab is not None and tab.model.rowCount() == 5
    timeline = form.findChild(TimelineSection)
    assert timeline is not None
    kinds = {m.entity for m in timeline.moments}
    assert kinds == {"activity", "feedback", "project"}
    whens = [m.when for m in timeline.moments]
    assert whens == sorted(whens, reverse=True)
