"""Feedback beyond the moves: the due time from the SLA (per priority, as an administrator
sets it, recomputed from the creation on a new priority), the contact of the ticket's own
customer, the record scope (a salesperson's own customers, Service all, the auditor reading
all), the list's overdue and open filters, and what a customer's overview, its timeline,
"My day" and the ticket form ask of tickets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from app.logic.feedback import FACTORY_SLA, FEEDBACK_SETTINGS, sla_of
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import (
    ConflictError,
    InvalidQuery,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.logic.kit.fields import Ref
from tests.conftest import ADMIN_PASSWORD
from tests.logic.feedback.conftest import Counts, Desk, codes

HOURS = {"urgent": 4, "high": 24, "normal": 72, "low": 168}
LONG_AGO = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


# --- the SLA --------------------------------------------------------------------------------
def test_the_factory_sla_is_the_issues_example(desk: Desk) -> None:
    assert FACTORY_SLA == HOURS
    shown = desk.services.feedback_settings.get_sla(desk["lina"])
    assert sla_of(shown) == HOURS and shown.version == 1
    assert desk.services.feedback.sla_hours(desk["sales1"]) == HOURS


@pytest.mark.parametrize("priority", list(HOURS))
def test_a_new_ticket_is_due_after_its_prioritys_hours_from_its_creation(
        desk: Desk, priority: str) -> None:
    before = now()
    ticket = desk.ticket(priority=priority)
    assert before <= ticket.created_at <= now()
    assert ticket.due_at - ticket.created_at == timedelta(hours=HOURS[priority])
    assert ticket.due_at.tzinfo is not None
    stored = desk.services.feedback.get_ticket(desk["admin"], ticket.id)
    assert stored.due_at == ticket.due_at
    assert ticket.get("overdue") is False and ticket.get("open") is True


def test_the_default_priority_is_normal(desk: Desk) -> None:
    ticket = desk.ticket()
    assert ticket.priority == "normal"
    assert ticket.due_at - ticket.created_at == timedelta(hours=72)


def test_the_due_time_is_not_typed(desk: Desk, row_counts: Counts) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        desk.ticket(due_at="2030-01-01 10:00")
    assert codes(caught.value) == {"due_at": "read_only"}
    assert row_counts() == before


def test_an_administrator_sets_the_sla_and_new_tickets_follow_it(
        desk: Desk, audit_log: Callable[[], list]) -> None:
    old = desk.ticket(priority="urgent")
    settings = desk.services.feedback_settings
    changed = settings.set_sla(desk["admin"], {"urgent": 2, "low": "240"}, 1)
    assert changed.action == "update"
    assert sla_of(changed.saved) == {"urgent": 2, "high": 24, "normal": 72, "low": 240}
    assert changed.saved.version == 2
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type, entry.username) == (
        "update", "feedback_settings", "admin")
    assert entry.changes == {"urgent_hours": [4, 2], "low_hours": [168, 240]}
    for priority, hours in (("urgent", 2), ("low", 240), ("high", 24)):
        ticket = desk.ticket(priority=priority)
        assert ticket.due_at - ticket.created_at == timedelta(hours=hours)
    # made before: keeps its due time
    assert desk.services.feedback.get_ticket(desk["admin"], old.id).due_at == old.due_at
    assert desk.services.feedback.due_for(desk["lina"], "urgent", LONG_AGO) == \
        LONG_AGO + timedelta(hours=2)
    # the same again changes nothing and writes nothing
    entries = audit_log()
    same = settings.set_sla(desk["admin"], {"urgent": 2})
    assert same.action == "unchanged" and same.saved.version == 2
    assert audit_log() == entries


def test_only_an_administrator_sets_the_sla(desk: Desk, audit_log: Callable[[], list]
                                            ) -> None:
    entries = audit_log()
    for who in ("lina", "chen", "manager", "auditor", "editor", "sales1"):
        with pytest.raises(PermissionDenied, match=r"admin\.edit"):
            desk.services.feedback_settings.set_sla(desk[who], {"urgent": 1})
    assert audit_log() == entries
    assert sla_of(desk.services.feedback_settings.get_sla(desk["auditor"])) == HOURS


def test_a_stale_sla_version_is_a_conflict(desk: Desk, audit_log: Callable[[], list]) -> None:
    settings = desk.services.feedback_settings
    read = settings.get_sla(desk["admin"])
    settings.set_sla(desk["admin"], {"high": 12}, read.version)
    entries = audit_log()
    with pytest.raises(ConflictError):
        settings.set_sla(desk["admin"], {"normal": 48}, read.version)
    assert audit_log() == entries
    assert sla_of(settings.get_sla(desk["admin"])) == {**HOURS, "high": 12}


@pytest.mark.parametrize(("hours", "errors"), [
    ({"urgent": 0}, {"urgent_hours": "out_of_range"}),
    ({"low": 8761}, {"low_hours": "out_of_range"}),
    ({"normal": "soon"}, {"normal_hours": "not_an_integer"}),
    ({"someday": 5}, {"someday": "unknown_priority"}),
])
def test_bad_sla_hours_are_refused(desk: Desk, audit_log: Callable[[], list],
                                   hours: dict[str, object], errors: dict[str, str]) -> None:
    entries = audit_log()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback_settings.set_sla(desk["admin"], hours)
    assert codes(caught.value) == errors
    assert audit_log() == entries
    assert sla_of(desk.services.feedback_settings.get_sla(desk["admin"])) == HOURS


def test_the_settings_are_declared_as_an_administrators(desk: Desk) -> None:
    assert FEEDBACK_SETTINGS.module == "admin"
    assert [f.name for f in FEEDBACK_SETTINGS.fields] == [
        "urgent_hours", "high_hours", "normal_hours", "low_hours"]


def test_a_new_priority_makes_the_ticket_due_from_its_creation(
        desk: Desk, audit_log: Callable[[], list]) -> None:
    ticket = desk.set_times(desk.ticket(priority="low"), created_at=LONG_AGO,
                            due_at=LONG_AGO + timedelta(hours=168))
    urgent = desk.services.feedback.update_ticket(desk["lina"], ticket.id, ticket.version,
                                                  {"priority": "urgent"}).saved
    assert urgent.due_at == LONG_AGO + timedelta(hours=4)
    assert urgent.created_at == LONG_AGO and urgent.get("overdue") is True
    entry = audit_log()[-1]
    assert entry.action == "update"
    assert entry.changes["priority"] == ["low", "urgent"]
    assert entry.changes["due_at"][1] == (LONG_AGO + timedelta(hours=4)).isoformat()
    # by the SLA as it is now, not as it was at the creation
    desk.services.feedback_settings.set_sla(desk["admin"], {"high": 10})
    high = desk.services.feedback.update_ticket(desk["lina"], urgent.id, urgent.version,
                                                {"priority": "high"}).saved
    assert high.due_at == LONG_AGO + timedelta(hours=10)
    # another field alone leaves the due time
    renamed = desk.services.feedback.update_ticket(desk["lina"], high.id, high.version,
                                                   {"subject": "打印机卡纸"}).saved
    assert renamed.due_at == high.due_at
    assert "due_at" not in audit_log()[-1].changes


def test_due_for_tells_a_form_before_saving(desk: Desk) -> None:
    feedback = desk.services.feedback
    assert feedback.due_for(desk["lina"], "high", LONG_AGO) == LONG_AGO + timedelta(hours=24)
    before = now()
    assert before + timedelta(hours=4) <= feedback.due_for(desk["lina"], "urgent") <= \
        now() + timedelta(hours=4)
    with pytest.raises(ValidationError) as caught:
        feedback.due_for(desk["lina"], "asap")
    assert codes(caught.value) == {"priority": "invalid_choice"}


# --- the contact ----------------------------------------------------------------------------
def test_the_contact_must_be_the_customers(desk: Desk, row_counts: Counts) -> None:
    contacts = {c.name: c for key in ("mine", "house")
                for c in desk.services.contacts.list_contacts(desk["admin"],
                                                              desk.customers[key].id)}
    by_name = desk.ticket(contact="刘洋")
    assert by_name.contact.id == contacts["刘洋"].id
    by_id = desk.ticket(contact=contacts["刘洋"].id)
    assert by_id.contact.id == contacts["刘洋"].id
    before = row_counts()
    with pytest.raises(ValidationError) as other:
        desk.ticket(contact=contacts["李娜"].id)  # sales1's customer's
    assert codes(other.value) == {"contact": "not_of_customer"}
    with pytest.raises(ValidationError) as unknown:
        desk.ticket(contact="李娜")
    assert codes(unknown.value) == {"contact": "unknown_contact"}
    ticket = desk.ticket(contact="刘洋")
    before = row_counts()
    # another customer while the contact stays the old customer's
    with pytest.raises(ValidationError) as moved:
        desk.services.feedback.update_ticket(desk["admin"], ticket.id, ticket.version,
                                             {"customer": desk.customers["mine"].code})
    assert codes(moved.value) == {"contact": "not_of_customer"}
    assert row_counts() == before
    both = desk.services.feedback.update_ticket(
        desk["admin"], ticket.id, ticket.version,
        {"customer": desk.customers["mine"].code, "contact": "王强"}).saved
    assert (both.customer.id, both.contact.id) == (desk.customers["mine"].id,
                                                   contacts["王强"].id)
    cleared = desk.services.feedback.update_ticket(desk["admin"], both.id, both.version,
                                                   {"contact": ""}).saved
    assert cleared.contact is None


# --- record scope -------------------------------------------------------------------------
@pytest.fixture
def spread(desk: Desk) -> dict[str, Record]:
    """A ticket of each customer: sales1's, sales2's and the house's."""
    return {key: desk.ticket(customer=key, subject=f"{key} 的工单") for key in
            ("mine", "theirs", "house")}


def subjects(desk: Desk, who: str, **query: object) -> set[str]:
    rows = desk.services.feedback.list_tickets(desk[who], ListQuery(**query)).rows  # type: ignore[arg-type]
    return {r.subject for r in rows}


def test_a_salesperson_sees_the_tickets_of_own_customers_only(
        desk: Desk, spread: dict[str, Record], row_counts: Counts) -> None:
    feedback = desk.services.feedback
    assert subjects(desk, "sales1") == {"mine 的工单"}
    assert subjects(desk, "sales2") == {"theirs 的工单"}
    assert feedback.count(desk["sales1"], ListQuery()) == 1
    for key in ("theirs", "house"):
        with pytest.raises(NotFound):
            feedback.get_ticket(desk["sales1"], spread[key].id)
        with pytest.raises(NotFound):
            feedback.get_ticket_by_number(desk["sales1"], spread[key].number)
        with pytest.raises(NotFound):
            feedback.tickets_of(desk["sales1"], desk.customers[key].id)
    assert feedback.get_ticket(desk["sales1"], spread["mine"].id).subject == "mine 的工单"
    # a salesperson may raise a ticket for an own customer, not for another's
    mine = desk.ticket(desk["sales1"], customer="mine", subject="请求上门培训")
    assert mine.status == "new"
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        desk.ticket(desk["sales1"], customer="theirs")
    assert codes(caught.value) == {"customer": "unknown_customer"}
    assert row_counts() == before
    assert [r.id for r in feedback.customer_choices(desk["sales1"])] == [
        desk.customers["mine"].id]


def test_service_and_the_auditor_see_all_and_the_manager_too(
        desk: Desk, spread: dict[str, Record]) -> None:
    everything = {"mine 的工单", "theirs 的工单", "house 的工单"}
    for who in ("lina", "chen", "auditor", "manager", "admin"):
        assert subjects(desk, who) == everything, who
    assert len(desk.services.feedback.customer_choices(desk["lina"])) == 3


def test_the_auditor_reads_everything_and_changes_nothing(
        desk: Desk, spread: dict[str, Record], row_counts: Counts,
        audit_log: Callable[[], list]) -> None:
    feedback = desk.services.feedback
    ticket = desk.moved(spread["mine"], "assign", "start", "resolve")
    auditor = desk["auditor"]
    assert feedback.get_ticket(auditor, ticket.id).status == "resolved"
    assert feedback.history(auditor, ticket.id)
    assert feedback.next_moves(auditor, ticket) == ()
    before, entries = row_counts(), audit_log()
    for attempt in (
            lambda: feedback.close_ticket(auditor, ticket.id, ticket.version, 5),
            lambda: feedback.reopen_ticket(auditor, ticket.id, ticket.version),
            lambda: feedback.move(auditor, ticket.id, ticket.version, "closed"),
            lambda: feedback.update_ticket(auditor, ticket.id, ticket.version,
                                           {"subject": "x"}),
            lambda: feedback.delete_ticket(auditor, ticket.id, ticket.version),
            lambda: desk.ticket(auditor)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert row_counts() == before and audit_log() == entries


# --- the list's filters -------------------------------------------------------------------
@pytest.fixture
def board(desk: Desk) -> dict[str, Record]:
    """late: lina's, assigned and overdue; soon: lina's, in progress, due later; done: lina's,
    resolved though past its due time (not overdue: no longer open); closed: closed and past
    it; fresh: new, nobody's."""
    past = LONG_AGO
    made = {
        "late": desk.moved(desk.ticket(subject="late", priority="urgent"), "assign"),
        "soon": desk.moved(desk.ticket(subject="soon"), "assign", "start"),
        "done": desk.moved(desk.ticket(subject="done"), "assign", "start", "resolve"),
        "closed": desk.moved(desk.ticket(subject="closed"), "assign", "start", "resolve",
                             "close"),
        "fresh": desk.ticket(subject="fresh", priority="low")}
    for key in ("late", "done", "closed"):
        made[key] = desk.set_times(made[key], created_at=past, due_at=past + timedelta(hours=4))
    return made


def test_the_overdue_filter_is_the_open_tickets_past_their_due_time(
        desk: Desk, board: dict[str, Record]) -> None:
    feedback = desk.services.feedback
    assert subjects(desk, "lina", filters=(("overdue", "yes"),)) == {"late"}
    assert subjects(desk, "lina", filters=(("overdue", True),)) == {"late"}
    assert subjects(desk, "lina", filters=(("overdue", "no"),)) == {
        "soon", "done", "closed", "fresh"}
    assert feedback.count(desk["lina"], ListQuery(filters=(("overdue", "yes"),))) == 1
    rows = {r.subject: r for r in feedback.list_tickets(desk["lina"], ListQuery()).rows}
    assert [k for k, r in sorted(rows.items()) if r.overdue] == ["late"]
    assert feedback.get_ticket(desk["lina"], board["late"].id).get("overdue") is True
    assert feedback.get_ticket(desk["lina"], board["done"].id).get("overdue") is False
    # combined with others, and for a salesperson: none of their own are overdue
    assert subjects(desk, "lina", filters=(("overdue", "yes"), ("priority", "urgent"))) == {
        "late"}
    assert subjects(desk, "lina", filters=(("overdue", "yes"), ("priority", "low"))) == set()
    assert subjects(desk, "sales1", filters=(("overdue", "yes"),)) == set()
    with pytest.raises(InvalidQuery):
        subjects(desk, "lina", filters=(("overdue", "maybe"),))


def test_the_open_filter_is_neither_resolved_nor_closed(
        desk: Desk, board: dict[str, Record]) -> None:
    assert subjects(desk, "lina", filters=(("open", "yes"),)) == {"late", "soon", "fresh"}
    assert subjects(desk, "lina", filters=(("open", "no"),)) == {"done", "closed"}
    mine_open = (("open", "yes"), ("assignee", desk["lina"].user_id))
    assert subjects(desk, "lina", filters=mine_open) == {"late", "soon"}
    assert subjects(desk, "lina", filters=(("open", "yes"), ("assignee", "lina"))) == {
        "late", "soon"}


def test_the_list_filters_sorts_and_searches(desk: Desk, board: dict[str, Record]) -> None:
    feedback = desk.services.feedback

    def ordered(**query: object) -> list[str]:
        return [r.subject for r in feedback.list_tickets(desk["lina"], ListQuery(**query)  # type: ignore[arg-type]
                                                          ).rows]

    assert ordered(sort="due_at") == ["late", "done", "closed", "soon", "fresh"]
    assert ordered(sort="number", descending=True) == ["fresh", "closed", "done", "soon",
                                                       "late"]
    assert ordered(filters=(("status", "resolved"),)) == ["done"]
    assert ordered(filters=(("priority", "low"),)) == ["fresh"]
    assert ordered(filters=(("satisfaction", 4),)) == ["closed"]
    assert set(ordered(filters=(("customer", desk.customers["house"].id),))) == {
        "late", "soon", "done", "closed", "fresh"}
    query = ListQuery(sort="due_at").with_range("due_at", None, "2026-02-01")
    assert [r.subject for r in feedback.list_tickets(desk["lina"], query).rows] == [
        "late", "done", "closed"]
    desk.ticket(subject="打印机卡纸")
    assert ordered(search="dayinji") == ["打印机卡纸"]
    assert ordered(search="dyj") == ["打印机卡纸"]
    assert ordered(search=board["soon"].number) == ["soon"]


# --- a customer's overview, its timeline, "My day", the form's choices --------------------
def test_a_customers_open_tickets_with_the_overdue_counted(
        desk: Desk, board: dict[str, Record]) -> None:
    feedback = desk.services.feedback
    house = desk.customers["house"].id
    shown, total, late = feedback.open_tickets_of(desk["lina"], house)
    assert [r.subject for r in shown] == ["fresh", "soon", "late"]  # the newest first
    assert (total, late) == (3, 1)
    shown, total, late = feedback.open_tickets_of(desk["lina"], house, limit=1)
    assert [r.subject for r in shown] == ["fresh"] and (total, late) == (3, 1)
    assert feedback.open_tickets_of(desk["lina"], desk.customers["mine"].id) == ([], 0, 0)
    assert [r.subject for r in feedback.tickets_of(desk["lina"], house)] == [
        "fresh", "closed", "done", "soon", "late"]
    with pytest.raises(NotFound):
        feedback.open_tickets_of(desk["sales1"], house)
    with pytest.raises(NotFound):
        feedback.open_tickets_of(desk["lina"], 424242)


def test_overdue_for_is_the_open_tickets_past_due_assigned_to_me(
        desk: Desk, board: dict[str, Record]) -> None:
    feedback = desk.services.feedback
    zhaos = desk.set_times(desk.moved(desk.ticket(subject="zhao's late"), "assign"),
                           created_at=LONG_AGO, due_at=LONG_AGO + timedelta(hours=1))
    zhaos = feedback.update_ticket(desk["admin"], zhaos.id, zhaos.version,
                                   {"assignee": "zhao"}).saved
    admins = feedback.assign_ticket(desk["admin"], board["fresh"].id, board["fresh"].version,
                                    "admin").saved
    desk.set_times(admins, due_at=LONG_AGO + timedelta(hours=2))
    lina2 = desk.set_times(desk.moved(desk.ticket(subject="lina's later"), "assign"),
                           due_at=LONG_AGO + timedelta(hours=9))

    def late(who: str, limit: int = 50) -> list[str]:
        return [r.subject for r in feedback.overdue_for(desk[who], limit)]

    assert late("lina") == ["late", "lina's later"]  # the longest overdue first
    assert late("lina", limit=1) == ["late"]
    assert late("zhao") == ["zhao's late"]
    assert late("admin") == ["fresh"]
    # chen is in their department, but his scope is all: his own only (none)
    assert late("chen") == [] and late("sales1") == [] and late("manager") == []
    # resolved, it is no longer overdue
    desk.moved(lina2, "start", "resolve")
    assert late("lina") == ["late"]


def test_a_manager_with_the_teams_scope_sees_the_teams_overdue_tickets(desk: Desk) -> None:
    """The sales manager's feedback scope set to the team's, and sales1 working tickets too
    (a salesperson in service): the manager sees the overdue tickets assigned to anyone of
    the team, of the team's customers only."""
    services, admin = desk.services, desk["admin"]
    role = services.roles.get_role(admin, "sales_manager")
    services.roles.update_role(admin, "sales_manager", role.version,
                               scopes={**dict(role.scopes), "feedback": "team"})
    sales1 = next(u for u in services.users.list_all_users(admin) if u.username == "sales1")
    services.users.update_user(admin, sales1.id, sales1.version,
                               roles=("salesperson", "service"))
    for key, customer in (("of mine", "mine"), ("of theirs", "theirs"), ("house", "house")):
        ticket = desk.ticket(customer=customer, subject=key)
        ticket = services.feedback.assign_ticket(admin, ticket.id, ticket.version,
                                                 "sales1").saved
        desk.set_times(ticket, due_at=LONG_AGO + timedelta(hours=len(key)))
    desk.set_times(desk.moved(desk.ticket(customer="mine", subject="lina's"), "assign"),
                   due_at=LONG_AGO)
    manager = services.auth.login("manager", ADMIN_PASSWORD)
    sales1_now = services.auth.login("sales1", ADMIN_PASSWORD)
    assert [r.subject for r in services.feedback.overdue_for(manager)] == [
        "of mine", "of theirs"]
    assert [r.subject for r in services.feedback.overdue_for(sales1_now)] == [
        "house", "of mine", "of theirs"]
    assert [r.subject for r in services.feedback.overdue_for(desk["lina"])] == ["lina's"]


def test_the_timeline_shows_the_tickets_at_their_creation(
        desk: Desk, board: dict[str, Record]) -> None:
    moments = desk.services.feedback.timeline_of(desk["lina"], desk.customers["house"].id, 10)
    by_title = {m.title: m for m in moments}
    assert set(by_title) == {"late", "soon", "done", "closed", "fresh"}
    late = by_title["late"]
    assert (late.entity, late.record_id, late.key, late.when, late.late) == (
        "feedback", board["late"].id, board["late"].number, LONG_AGO, True)
    assert (late.kind.en, late.kind.zh) == ("Complaint", "投诉")
    assert (late.state.en, by_title["closed"].state.zh) == ("Assigned", "已关闭")
    assert [m.title for m in moments if m.late] == ["late"]
    assert len(desk.services.feedback.timeline_of(desk["lina"],
                                                  desk.customers["house"].id, 2)) == 2
    # on the customer's timeline with every module's, the newest first
    merged = [m.title for m in desk.services.timeline(desk["lina"],
                                                      desk.customers["house"].id)
              if m.entity == "feedback"]
    assert merged[:2] == ["fresh", "soon"] and set(merged[2:]) == {"late", "done", "closed"}
    with pytest.raises(NotFound):
        desk.services.feedback.timeline_of(desk["sales1"], desk.customers["house"].id, 10)
    nobody = Actor(user_id=desk["editor"].user_id, username="editor")
    with pytest.raises(PermissionDenied, match=r"feedback\.view"):
        desk.services.feedback.timeline_of(nobody, desk.customers["house"].id, 5)


def test_the_assignees_offered_are_those_who_work_tickets(desk: Desk) -> None:
    choices = desk.services.feedback.assignee_choices(desk["sales1"])
    assert [c.key for c in choices] == ["admin", "chen", "lina", "zhao"]
    assert choices[2] == Ref(desk["lina"].user_id, "lina", "李娜")
    lina = next(u for u in desk.services.users.list_all_users(desk["admin"])
                if u.username == "lina")
    desk.services.users.disable_user(desk["admin"], lina.id, lina.version)
    assert [c.key for c in desk.services.feedback.assignee_choices(desk["zhao"])] == [
        "admin", "chen", "zhao"]
