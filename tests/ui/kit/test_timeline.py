"""A customer's timeline on its form's Overview: every contributing module's entries (here
projects), newest first, each a link that opens its record; late ones stand out in words
and colour; it follows records of this customer saved anywhere, and only those."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.logic.kit.dto import Record
from app.logic.kit.fields import Label
from app.logic.kit.timeline import TIMELINE_SHOWN, Moment
from app.ui.customers import CustomerForm
from app.ui.kit import record_form
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule, load_ui_modules, parts_for
from app.ui.kit.table_model import LATE_COLOUR
from app.ui.kit.timeline import TimelineSection
from app.ui.projects import ProjectForm

TIMELINE = UiModule("timelineProbe", Label("Probe", "探针"), ("customers", "view"), QWidget,
                    parts=(Part("customer", Label("Timeline", "时间线"), TimelineSection,
                                place="overview"),))


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProjectForm | CustomerForm):
            widget.fields.mark_clean()
            widget.close()
            widget.deleteLater()


def customer(context: Context, name: str) -> Record:
    return context.services.customers.create_customer(
        context.actor, {"name": name, "province": "上海", "city": "上海"}).saved


def project(context: Context, customer: Record, name: str, **values: Any) -> Record:
    return context.services.projects.create_project(
        context.actor, {"name": name, "customer": customer.code, **values}).saved


@pytest.fixture
def shanghai(context: Context) -> Record:
    return customer(context, "上海申达贸易有限公司")


@pytest.fixture
def section(qtbot, context: Context) -> TimelineSection:
    widget = TimelineSection(context)
    qtbot.addWidget(widget)
    return widget


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def test_the_timeline_lists_the_customers_projects_newest_first_as_links(
        section: TimelineSection, context: Context, shanghai: Record) -> None:
    erp = project(context, shanghai, "ERP 实施", stage="in_progress")
    crm = project(context, shanghai, "CRM 升级", stage="proposal")
    project(context, customer(context, "北京星河科技有限公司"), "Not theirs")
    section.set_parent(shanghai)
    assert [(m.entity, m.record_id) for m in section.moments] == \
        [("project", crm.id), ("project", erp.id)]
    assert [(text, entity, i) for text, entity, i in section.links] == [
        (f"{local(crm.created_at)} · Project · {crm.code}  CRM 升级 · Proposal",
         "project", crm.id),
        (f"{local(erp.created_at)} · Project · {erp.code}  ERP 实施 · In progress",
         "project", erp.id)]
    shown = section.body.text()
    assert f"<a href='project:{crm.id}'" in shown and "Not theirs" not in shown
    assert "overdue" not in shown and LATE_COLOUR not in shown


def test_its_times_are_local(section: TimelineSection, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time
    time.tzset()
    try:
        when = datetime(2026, 5, 31, 6, 30, tzinfo=UTC)
        assert section.when_text(Moment(when, "project", 1, Label("P", "P"), "x")) == \
            "2026-05-31 14:30"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_customer_without_entries_says_so(section: TimelineSection,
                                            shanghai: Record) -> None:
    section.set_parent(shanghai)
    assert section.moments == [] and "Nothing on the timeline yet." in section.body.text()
    section.set_parent(None)
    assert section.body.text() == ""


def test_late_entries_stand_out_in_words_and_colour(section: TimelineSection) -> None:
    when = datetime(2026, 5, 31, 6, 30, tzinfo=UTC)
    section.show_moments([
        Moment(when, "feedback", 7, Label("Complaint", "投诉"), "Printer <broken>",
               Label("Assigned", "已分派"), "F000007", late=True),
        Moment(when, "project", 3, Label("Project", "项目"), "ERP", None, "P000003")])
    late, ok = section.links
    assert late[0].endswith("F000007  Printer <broken> · Assigned · overdue")
    assert ok[0].endswith("Project · P000003  ERP")
    rows = section.body.text().split("<tr>")
    assert LATE_COLOUR in rows[1] and "font-weight: 700" in rows[1] and "⚠ overdue" in rows[1]
    assert "&lt;broken&gt;" in rows[1]  # the record's words are never markup
    assert LATE_COLOUR not in rows[2] and "overdue" not in rows[2]


def test_a_full_timeline_says_only_the_latest_are_shown(section: TimelineSection) -> None:
    when = datetime(2026, 5, 31, tzinfo=UTC)
    section.show_moments([Moment(when, "project", n, Label("Project", "项目"), f"P{n}")
                          for n in range(TIMELINE_SHOWN)])
    assert f"The latest {TIMELINE_SHOWN} are shown." in section.body.text()


def test_it_follows_records_of_this_customer_saved_anywhere_and_only_those(
        section: TimelineSection, context: Context, shanghai: Record, monkeypatch) -> None:
    section.set_parent(shanghai)
    asked: list[int] = []
    real = context.services.timeline
    monkeypatch.setattr(context.services, "timeline",
                        lambda actor, customer_id: asked.append(customer_id)
                        or real(actor, customer_id))
    other = customer(context, "北京星河科技有限公司")
    context.hub.broadcast(context.services.projects.create_project(
        context.actor, {"name": "Elsewhere", "customer": other.code}))
    assert asked == []  # another customer's project: nothing to load
    changed = context.services.projects.create_project(
        context.actor, {"name": "新项目", "customer": shanghai.code})
    context.hub.broadcast(changed)
    assert asked == [shanghai.id]
    assert [m.record_id for m in section.moments] == [changed.saved.id]
    moved = context.services.projects.update_project(
        context.actor, changed.saved.id, changed.saved.version, {"customer": other.id})
    context.hub.broadcast(moved)  # it left this customer: it leaves the timeline
    assert asked == [shanghai.id, shanghai.id] and section.moments == []


def test_a_link_opens_the_record(qtbot, section: TimelineSection, context: Context,
                                 shanghai: Record) -> None:
    erp = project(context, shanghai, "ERP 实施")
    section.set_parent(shanghai)
    with qtbot.waitSignal(section.sig_link) as opened:
        section.on_link(f"project:{erp.id}")
    assert opened.args == ["project", erp.id]
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProjectForm)]
    assert [f.record_id for f in forms] == [erp.id]


def test_registered_as_a_part_it_joins_the_customer_forms_overview(
        qtbot, context: Context, shanghai: Record, monkeypatch) -> None:
    modules = (*load_ui_modules(), TIMELINE)
    found: Callable[..., list[Part]] = parts_for
    monkeypatch.setattr(record_form, "parts_for",
                        lambda entity, place, ctx: found(entity, place, ctx, modules))
    erp = project(context, shanghai, "ERP 实施")
    form = CustomerForm(context, shanghai.id)
    qtbot.addWidget(form)
    assert form.overview is not None
    timeline = form.overview.findChild(TimelineSection, "customerTimeline")
    assert timeline is not None and timeline.parent_id == shanghai.id
    assert [m.record_id for m in timeline.moments] == [erp.id]


def test_the_timeline_in_chinese(qtbot, context: Context, shanghai: Record,
                                 translation) -> None:
    translation.install("zh_CN")
    section = TimelineSection(context)
    qtbot.addWidget(section)
    section.set_parent(shanghai)
    assert "时间线上还没有内容。" in section.body.text()
    erp = project(context, shanghai, "ERP 实施", stage="in_progress")
    section.set_parent(shanghai)
    assert section.links[0][0] == f"{local(erp.created_at)} · 项目 · {erp.code}  ERP 实施 · 进行中"
    when = datetime(2026, 5, 31, tzinfo=UTC)
    section.show_moments([Moment(when, "feedback", 1, Label("Complaint", "投诉"), "打印机故障",
                                 Label("Assigned", "已分派"), "F000001", late=True)])
    assert section.links[0][0].endswith("投诉 · F000001  打印机故障 · 已分派 · 已逾期")
