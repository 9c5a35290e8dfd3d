"""A ticket's workflow: new -> assigned -> in progress -> resolved -> closed, and reopened from
resolved or closed. Every allowed move and every refused one (named next states, nothing
written, the audit log unchanged), each move's own right, what resolving and closing need,
what reopening clears, conflicts and one audit entry per move."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from app.logic.feedback import FEEDBACK, OPEN, STATUSES, WORKFLOW
from app.logic.kit.dto import Record
from app.logic.kit.errors import ConflictError, PermissionDenied, ValidationError
from tests.logic.feedback.conftest import Counts, Desk, codes

# Every state and the states a ticket may go to from it.
NEXT = {"new": ("assigned",), "assigned": ("in_progress",), "in_progress": ("resolved",),
        "resolved": ("closed", "in_progress"), "closed": ("in_progress",)}
# How to bring a new ticket to each state (transition names).
PATH = {"new": (), "assigned": ("assign",), "in_progress": ("assign", "start"),
        "resolved": ("assign", "start", "resolve"),
        "closed": ("assign", "start", "resolve", "close")}
# What each allowed move needs (a move's values).
NEEDS: dict[str, dict[str, Any]] = {
    "assigned": {"assignee": "zhao"},
    "resolved": {"resolution": "更换了打印机定影器", "cause": "定影器老化"},
    "closed": {"satisfaction": 5, "satisfaction_comment": "处理及时"}}
ALLOWED = [(s, t) for s, targets in NEXT.items() for t in targets]
REFUSED = [(s, t) for s in NEXT for t in NEXT if t not in NEXT[s]]


def at(desk: Desk, state: str) -> Record:
    return desk.moved(desk.ticket(), *PATH[state])


def test_the_workflow_is_the_issues_one() -> None:
    assert [v for v, _, _ in STATUSES] == list(NEXT)
    assert {s: WORKFLOW.next_states(s) for s in NEXT} == NEXT
    assert OPEN == ("new", "assigned", "in_progress")
    assert list(WORKFLOW.actions()) == ["assign", "start", "resolve", "close", "reopen"]
    assert WORKFLOW.actions()["resolve"].zh == "解决"
    assert not FEEDBACK.field("status").editable


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move_is_made_with_one_audit_entry_named_after_it(
        desk: Desk, audit_log: Callable[[], list], source: str, target: str) -> None:
    ticket = at(desk, source)
    before = len(audit_log())
    moved = desk.services.feedback.move(desk["lina"], ticket.id, ticket.version, target,
                                        NEEDS.get(target, {}))
    assert moved.saved.status == target and moved.saved.version == ticket.version + 1
    name = WORKFLOW.between(source, target).name
    assert moved.action == name
    entries = audit_log()[before:]
    assert [(e.action, e.entity_type, e.entity_id, e.username) for e in entries] == [
        (name, "feedback", str(ticket.id), "lina")]
    assert entries[0].changes["status"] == [source, target]


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused_naming_the_next_states_and_writes_nothing(
        desk: Desk, row_counts: Counts, audit_log: Callable[[], list], source: str,
        target: str) -> None:
    ticket = at(desk, source)
    before, entries = row_counts(), audit_log()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.move(desk["admin"], ticket.id, ticket.version, target,
                                    NEEDS.get(target, {}))
    error = caught.value.errors["status"]
    assert error.code == "not_allowed"
    label = FEEDBACK.field("status").choice_label
    here, there = label(source, "en").lower(), label(target, "en").lower()
    following = ", ".join(NEXT[source])
    if source == target:
        assert error.message == f"is already {here}; the next states are: {following}"
    else:
        assert error.message == (f"cannot go from {here} to {there}; from {here} the next "
                                 f"states are: {following}")
    assert row_counts() == before and audit_log() == entries
    assert desk.services.feedback.get_ticket(desk["admin"], ticket.id) == ticket


@pytest.mark.parametrize("name", ["assign", "start", "resolve", "close", "reopen"])
def test_a_named_move_from_a_state_it_does_not_leave_is_refused(desk: Desk, row_counts: Counts,
                                                               name: str) -> None:
    transition = WORKFLOW.transition(name)
    wrong = next(s for s in NEXT if s not in transition.sources)
    ticket = at(desk, wrong)
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.transit(desk["admin"], ticket.id, ticket.version, name,
                                       NEEDS.get(transition.target, {}))
    assert codes(caught.value) == {"status": "not_allowed"}
    assert f"the next states are: {', '.join(NEXT[wrong])}" in str(caught.value)
    assert row_counts() == before


def test_a_state_that_does_not_exist_is_named_as_such(desk: Desk) -> None:
    ticket = desk.ticket()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.move(desk["admin"], ticket.id, ticket.version, "done")
    assert codes(caught.value) == {"status": "invalid_choice"}
    assert "new, assigned, in_progress, resolved, closed" in str(caught.value)


def test_the_state_is_never_changed_by_an_edit(desk: Desk, row_counts: Counts) -> None:
    ticket = desk.ticket()
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.update_ticket(desk["admin"], ticket.id, ticket.version,
                                             {"status": "closed"})
    assert codes(caught.value) == {"status": "read_only"}
    with pytest.raises(ValidationError):
        desk.services.feedback.create_ticket(desk["admin"], {
            "subject": "x", "customer": desk.customers["house"].code, "status": "closed"})
    assert row_counts() == before


# --- each move its own right ------------------------------------------------------------------
@pytest.mark.parametrize("target", ["assigned", "in_progress", "resolved", "closed",
                                    "in_progress again"])
def test_each_move_needs_its_own_right(desk: Desk, row_counts: Counts, target: str) -> None:
    """The editor may edit tickets but holds none of the five moves; the auditor reads all
    and moves none; a sales manager may assign and nothing more."""
    source = {"assigned": "new", "in_progress": "assigned", "resolved": "in_progress",
              "closed": "resolved", "in_progress again": "closed"}[target]
    target = target.split()[0]
    ticket = at(desk, source)
    name = WORKFLOW.between(source, target).name
    before = row_counts()
    for who in ("editor", "auditor", *(() if name == "assign" else ("manager",))):
        with pytest.raises(PermissionDenied) as caught:
            desk.services.feedback.move(desk[who], ticket.id, ticket.version, target,
                                        NEEDS.get(target, {}))
        assert f"feedback.{name}" in str(caught.value)
    assert row_counts() == before
    assert desk.services.feedback.move(desk["lina"], ticket.id, ticket.version, target,
                                       NEEDS.get(target, {})).saved.status == target


def test_a_sales_manager_may_assign_and_an_editor_may_edit(desk: Desk) -> None:
    ticket = desk.ticket()
    assigned = desk.services.feedback.assign_ticket(desk["manager"], ticket.id,
                                                    ticket.version, "lina").saved
    assert (assigned.status, assigned.assignee.key) == ("assigned", "lina")
    edited = desk.services.feedback.update_ticket(desk["editor"], assigned.id,
                                                  assigned.version, {"priority": "high"}).saved
    assert edited.priority == "high"
    with pytest.raises(PermissionDenied, match=r"feedback\.edit"):
        desk.services.feedback.update_ticket(desk["auditor"], edited.id, edited.version,
                                             {"priority": "low"})
    with pytest.raises(PermissionDenied, match=r"feedback\.create"):
        desk.ticket(desk["auditor"])
    with pytest.raises(PermissionDenied, match=r"feedback\.start"):
        desk.services.feedback.start_ticket(desk["editor"], edited.id, edited.version)


def test_next_moves_are_those_the_state_allows_and_the_user_holds(desk: Desk) -> None:
    feedback = desk.services.feedback

    def names(who: str, record: Record) -> list[str]:
        return [t.name for t in feedback.next_moves(desk[who], record)]

    new, resolved = desk.ticket(), at(desk, "resolved")
    assert names("lina", new) == ["assign"] and names("manager", new) == ["assign"]
    assert names("lina", resolved) == ["close", "reopen"]
    assert names("manager", resolved) == [] and names("auditor", resolved) == []
    assert names("editor", new) == []


# --- assigning ----------------------------------------------------------------------------
def test_assigning_needs_someone_who_works_tickets(desk: Desk, row_counts: Counts) -> None:
    feedback = desk.services.feedback
    ticket = desk.ticket()
    before = row_counts()
    with pytest.raises(ValidationError) as missing:
        feedback.assign_ticket(desk["admin"], ticket.id, ticket.version)
    assert codes(missing.value) == {"assignee": "required"}
    assert str(missing.value) == "assignee: is required to assign"
    for who in ("sales1", "editor", "auditor"):
        with pytest.raises(ValidationError) as wrong:
            feedback.assign_ticket(desk["admin"], ticket.id, ticket.version, who)
        assert codes(wrong.value) == {"assignee": "not_a_worker"}
    with pytest.raises(ValidationError) as nobody:
        feedback.assign_ticket(desk["admin"], ticket.id, ticket.version, "nobody")
    assert codes(nobody.value) == {"assignee": "unknown_user"}
    assert row_counts() == before
    by_id = feedback.assign_ticket(desk["admin"], ticket.id, ticket.version,
                                   desk["zhao"].user_id).saved
    assert by_id.assignee.key == "zhao"


def test_an_assignee_named_on_the_ticket_is_taken_by_the_move(desk: Desk) -> None:
    ticket = desk.ticket(assignee="zhao")
    assert ticket.status == "new"
    assigned = desk.services.feedback.assign_ticket(desk["admin"], ticket.id,
                                                    ticket.version).saved
    assert (assigned.status, assigned.assignee.key) == ("assigned", "zhao")
    with pytest.raises(ValidationError) as caught:
        desk.ticket(assignee="sales1")
    assert codes(caught.value) == {"assignee": "not_a_worker"}


def test_a_move_sets_only_what_its_transition_names(desk: Desk, row_counts: Counts) -> None:
    ticket, started = desk.ticket(), at(desk, "assigned")
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.move(desk["admin"], ticket.id, ticket.version, "assigned",
                                    {"assignee": "lina", "priority": "urgent"})
    assert codes(caught.value) == {"priority": "not_settable"}
    assert "it sets: assignee" in str(caught.value)
    with pytest.raises(ValidationError, match="it sets: nothing"):
        desk.services.feedback.move(desk["admin"], started.id, started.version,
                                    "in_progress", {"resolution": "x"})
    assert row_counts() == before


# --- resolving and closing --------------------------------------------------------------------
@pytest.mark.parametrize(("given", "missing"), [
    ({}, {"resolution", "cause"}),
    ({"resolution": "已退款"}, {"cause"}),
    ({"cause": "价格表错误"}, {"resolution"}),
    ({"resolution": "   ", "cause": "价格表错误"}, {"resolution"}),
])
def test_resolving_requires_the_resolution_and_the_cause(
        desk: Desk, row_counts: Counts, audit_log: Callable[[], list],
        given: dict[str, str], missing: set[str]) -> None:
    ticket = at(desk, "in_progress")
    before, entries = row_counts(), audit_log()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.move(desk["lina"], ticket.id, ticket.version, "resolved", given)
    assert codes(caught.value) == dict.fromkeys(missing, "required")
    assert all(e.message == "is required to resolve" for e in caught.value.errors.values())
    assert row_counts() == before and audit_log() == entries
    assert desk.services.feedback.get_ticket(desk["admin"], ticket.id) == ticket


def test_resolving_stamps_the_time_and_keeps_what_was_given(
        desk: Desk, audit_log: Callable[[], list]) -> None:
    ticket = at(desk, "in_progress")
    resolved = desk.services.feedback.resolve_ticket(
        desk["lina"], ticket.id, ticket.version, "  开具红字发票并重开  ", "价格表未更新").saved
    assert (resolved.resolution, resolved.cause) == ("开具红字发票并重开", "价格表未更新")
    assert resolved.resolved_at is not None and resolved.closed_at is None
    assert resolved.resolved_at >= resolved.created_at
    assert audit_log()[-1].changes == {
        "status": ["in_progress", "resolved"], "resolution": ["", "开具红字发票并重开"],
        "cause": ["", "价格表未更新"], "resolved_at": [None, resolved.resolved_at.isoformat()]}


def test_a_resolution_and_cause_already_on_the_ticket_are_enough(desk: Desk) -> None:
    ticket = at(desk, "in_progress")
    ticket = desk.services.feedback.update_ticket(desk["lina"], ticket.id, ticket.version, {
        "resolution": "远程重置密码", "cause": "密码过期"}).saved
    resolved = desk.services.feedback.resolve_ticket(desk["lina"], ticket.id,
                                                     ticket.version).saved
    assert (resolved.status, resolved.resolution, resolved.cause) == (
        "resolved", "远程重置密码", "密码过期")


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5, "5"])
def test_closing_records_a_satisfaction_of_one_to_five_and_a_comment(
        desk: Desk, score: int | str) -> None:
    ticket = at(desk, "resolved")
    closed = desk.services.feedback.close_ticket(desk["lina"], ticket.id, ticket.version,
                                                 score, "服务态度很好").saved
    assert (closed.status, closed.satisfaction, closed.satisfaction_comment) == (
        "closed", int(score), "服务态度很好")
    assert closed.closed_at is not None and closed.closed_at >= closed.resolved_at


@pytest.mark.parametrize(("score", "code"), [(0, "out_of_range"), (6, "out_of_range"),
                                             (-1, "out_of_range"), ("five", "not_an_integer"),
                                             ("4.5", "not_an_integer")])
def test_a_satisfaction_outside_one_to_five_is_refused(
        desk: Desk, row_counts: Counts, audit_log: Callable[[], list], score: object,
        code: str) -> None:
    ticket = at(desk, "resolved")
    before, entries = row_counts(), audit_log()
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.close_ticket(desk["lina"], ticket.id, ticket.version, score)
    assert codes(caught.value) == {"satisfaction": code}
    assert row_counts() == before and audit_log() == entries
    assert desk.services.feedback.get_ticket(desk["admin"], ticket.id).status == "resolved"


def test_closing_without_a_score_is_allowed(desk: Desk) -> None:
    ticket = at(desk, "resolved")
    closed = desk.services.feedback.close_ticket(desk["lina"], ticket.id, ticket.version).saved
    assert (closed.status, closed.satisfaction, closed.satisfaction_comment) == (
        "closed", None, "")


def test_the_satisfaction_is_set_by_closing_never_by_an_edit(desk: Desk) -> None:
    ticket = at(desk, "closed")
    with pytest.raises(ValidationError) as caught:
        desk.services.feedback.update_ticket(desk["admin"], ticket.id, ticket.version,
                                             {"satisfaction": 1})
    assert codes(caught.value) == {"satisfaction": "read_only"}


# --- reopening ------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["resolved", "closed"])
def test_reopening_clears_the_times_and_the_satisfaction_and_keeps_the_outcome(
        desk: Desk, audit_log: Callable[[], list], source: str) -> None:
    ticket = at(desk, source)
    if source == "closed":
        assert (ticket.satisfaction, ticket.closed_at is not None) == (4, True)
    reopened = desk.services.feedback.reopen_ticket(desk["lina"], ticket.id,
                                                    ticket.version).saved
    assert reopened.status == "in_progress" and reopened.get("open") is True
    assert (reopened.resolved_at, reopened.closed_at, reopened.satisfaction,
            reopened.satisfaction_comment) == (None, None, None, "")
    assert (reopened.resolution, reopened.cause) == ("已重开发票", "开票模板税率错误")
    entry = audit_log()[-1]
    assert entry.action == "reopen"
    assert entry.changes["status"] == [source, "in_progress"]
    assert entry.changes["resolved_at"][1] is None
    assert ("closed_at" in entry.changes) == (source == "closed")
    # resolved again: the kept resolution and cause suffice; closed again with a new score
    again = desk.moved(reopened, "resolve", "close")
    assert (again.status, again.satisfaction) == ("closed", 4)
    assert again.resolved_at > ticket.resolved_at


def test_a_reopened_ticket_is_due_as_before(desk: Desk) -> None:
    ticket = at(desk, "closed")
    reopened = desk.services.feedback.reopen_ticket(desk["lina"], ticket.id,
                                                    ticket.version).saved
    assert reopened.due_at == ticket.due_at


# --- conflicts ----------------------------------------------------------------------------
def test_a_stale_version_is_a_conflict_on_an_edit_and_on_a_move(
        desk: Desk, row_counts: Counts, audit_log: Callable[[], list]) -> None:
    feedback = desk.services.feedback
    ticket = desk.ticket()
    theirs = feedback.update_ticket(desk["zhao"], ticket.id, ticket.version,
                                    {"subject": "发票金额与合同不符"}).saved
    before, entries = row_counts(), audit_log()
    with pytest.raises(ConflictError) as edit:
        feedback.update_ticket(desk["lina"], ticket.id, ticket.version, {"priority": "high"})
    assert (edit.value.expected_version, edit.value.current_version) == (1, 2)
    assert "赵丽" in edit.value.changed_by or "zhao" in edit.value.changed_by
    with pytest.raises(ConflictError):
        feedback.move(desk["lina"], ticket.id, ticket.version, "assigned",
                      {"assignee": "lina"})
    with pytest.raises(ConflictError):
        feedback.assign_ticket(desk["lina"], ticket.id, ticket.version, "lina")
    assert row_counts() == before and audit_log() == entries
    assert feedback.get_ticket(desk["admin"], ticket.id) == theirs
    moved = feedback.assign_ticket(desk["lina"], ticket.id, theirs.version, "lina").saved
    assert moved.version == 3


def test_two_agents_moving_the_same_ticket_the_second_is_told(desk: Desk) -> None:
    feedback = desk.services.feedback
    ticket = at(desk, "in_progress")
    feedback.resolve_ticket(desk["lina"], ticket.id, ticket.version, "已处理", "误操作")
    with pytest.raises((ConflictError, ValidationError)):
        feedback.resolve_ticket(desk["zhao"], ticket.id, ticket.version, "已处理", "误操作")
    # asked by its state, the second is told the ticket is resolved already
    with pytest.raises(ValidationError, match="is already resolved"):
        feedback.move(desk["zhao"], ticket.id, ticket.version, "resolved",
                      {"resolution": "x", "cause": "y"})


def test_the_whole_life_of_a_complaint_is_audited_move_by_move(
        desk: Desk, audit_log: Callable[[], list]) -> None:
    start = len(audit_log())
    ticket = desk.ticket(desk["lina"], priority="urgent")
    desk.moved(ticket, "assign", "start", "resolve", "close", "reopen", "resolve", "close",
               actor=desk["lina"])
    entries = [e for e in audit_log()[start:] if e.entity_type == "feedback"]
    assert [e.action for e in entries] == ["create", "assign", "start", "resolve", "close",
                                           "reopen", "resolve", "close"]
    assert {e.entity_id for e in entries} == {str(ticket.id)}
    assert entries[0].changes["status"] == [None, "new"]
    assert entries[1].changes["assignee"] == [None, desk["lina"].user_id]
    assert entries[4].changes["satisfaction"] == [None, 4]
    history = desk.services.feedback.history(desk["admin"], ticket.id)
    assert [h.action for h in history][:2] == ["close", "resolve"]


def test_due_and_creation_times_are_unchanged_by_the_moves(desk: Desk) -> None:
    ticket = desk.ticket(priority="high")
    closed = at(desk, "closed")
    assert closed.due_at - closed.created_at == timedelta(hours=72)
    assert ticket.due_at - ticket.created_at == timedelta(hours=24)
