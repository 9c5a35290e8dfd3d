"""Planning an activity (the owner the signed-in user by default, the contact one of the
customer's) and marking it done: the time stamped, the outcome kept, the follow-up planned in
the same transaction with an audit entry of its own; refused when already done or with a
follow-up date before today, a stale version a conflict, and a failure writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from app.logic.activities import ActivityService, follow_up_subject
from app.logic.kit.clock import now
from app.logic.kit.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tests.logic.activities.conftest import Counts, Team, codes


def test_a_new_activity_is_planned_and_owned_by_who_planned_it(team: Team) -> None:
    made = team.activity(at="2026-03-10 10:00", contact=team.contacts["mine"])
    assert (made.kind, made.state, made.done_at, made.outcome) == ("visit", "planned", None,
                                                                   "")
    assert made.owner.key == "sales1" and made.contact.id == team.contacts["mine"]
    assert made.scheduled_at.tzinfo is not None  # typed local time, kept in UTC
    given = team.activity("admin", "house", kind="call", owner="sales2").owner
    assert given.key == "sales2"


def test_the_contact_must_be_one_of_the_customers(team: Team, row_counts: Counts) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        team.activity("admin", "house", contact=team.contacts["mine"])
    assert codes(caught.value) == {"contact": "not_of_customer"}
    made = team.activity("admin", "mine", contact=team.contacts["mine"])
    assert row_counts() != before
    with pytest.raises(ValidationError) as moved:  # a new customer, the old contact
        team.services.activities.update_activity(
            team["admin"], made.id, made.version, {"customer": team.customers["house"].code})
    assert codes(moved.value) == {"contact": "not_of_customer"}


def test_what_the_state_and_follow_up_cannot_be_set_by_an_edit(team: Team) -> None:
    made = team.activity()
    for field, value in (("state", "done"), ("done_at", "2026-03-10 11:00"),
                         ("next_follow_up", "2026-03-20"), ("overdue", False)):
        with pytest.raises(ValidationError) as caught:
            team.services.activities.update_activity(team["sales1"], made.id, made.version,
                                                     {field: value})
        assert field in caught.value.errors


def test_marking_done_without_a_follow_up(team: Team, audit_log: Callable[[], list],
                                          row_counts: Counts) -> None:
    made = team.activity()
    before, entries = row_counts(), len(audit_log())
    started = now()
    changed = team.services.activities.mark_done(team["sales1"], made.id, made.version,
                                                 outcome="客户有意向，待报价")
    done = changed.saved
    assert (changed.action, changed.related) == ("complete", ())
    assert (done.state, done.outcome, done.next_follow_up) == ("done", "客户有意向，待报价",
                                                               None)
    assert started <= done.done_at <= now() and done.version == made.version + 1
    assert not done.overdue and ActivityService.is_done(done)
    assert row_counts()["activities"] == before["activities"]
    (entry,) = audit_log()[entries:]
    assert (entry.action, entry.entity_type, entry.entity_id, entry.username) == (
        "complete", "activity", str(made.id), "sales1")
    assert entry.changes["state"] == ["planned", "done"]
    assert entry.changes["outcome"] == ["", "客户有意向，待报价"]


def test_marking_done_with_a_follow_up_plans_the_next_one(
        team: Team, audit_log: Callable[[], list], shanghai: None) -> None:
    made = team.activity(kind="call", subject="电话回访", contact=team.contacts["mine"],
                         notes="问清预算")
    entries = len(audit_log())
    follow = date.today() + timedelta(days=3)
    changed = team.services.activities.mark_done(team["sales1"], made.id, made.version,
                                                 "已确认需求", follow)
    done = changed.saved
    assert (done.state, done.next_follow_up) == ("done", follow)
    ((entity, next_id),) = changed.related
    assert entity == "activity"
    following = team.services.activities.get_activity(team["sales1"], next_id)
    assert (following.kind, following.customer.id, following.contact.id,
            following.owner.key, following.state) == (
        "call", made.customer.id, team.contacts["mine"], "sales1", "planned")
    assert following.subject == "跟进：电话回访" and following.notes == ""
    # 09:00 local time in Shanghai that day: 01:00 UTC.
    assert following.scheduled_at == datetime(follow.year, follow.month, follow.day, 1,
                                              tzinfo=UTC)
    created, completed = audit_log()[entries:]
    assert (created.action, created.entity_id) == ("create", str(next_id))
    assert created.changes["subject"] == [None, "跟进：电话回访"]
    assert (completed.action, completed.entity_id) == ("complete", str(made.id))
    assert completed.changes["next_follow_up"] == [None, follow.isoformat()]


def test_a_follow_up_may_be_today_and_takes_the_subject_once(team: Team) -> None:
    made = team.activity(subject="Follow-up: Quarterly review", customer="theirs",
                         actor="sales2")
    changed = team.services.activities.mark_done(team["sales2"], made.id, made.version,
                                                 next_date=date.today().isoformat())
    following = team.services.activities.get(team["sales2"], changed.related[0][1])
    assert following.subject == "Follow-up: Quarterly review"
    assert follow_up_subject("跟进：拜访") == "跟进：拜访"
    assert follow_up_subject("Visit") == "Follow-up: Visit"


def test_a_follow_up_before_today_is_refused_and_nothing_written(
        team: Team, row_counts: Counts, audit_log: Callable[[], list]) -> None:
    made = team.activity()
    before, entries = row_counts(), len(audit_log())
    with pytest.raises(ValidationError) as caught:
        team.done(made, outcome="ok", next_date=date.today() - timedelta(days=1))
    assert codes(caught.value) == {"next_follow_up": "in_the_past"}
    with pytest.raises(ValidationError) as bad:
        team.done(made, next_date="2026-02-30")
    assert codes(bad.value) == {"next_follow_up": "invalid_date"}
    assert row_counts() == before and len(audit_log()) == entries
    assert team.services.activities.get(team["sales1"], made.id) == made


def test_marking_done_twice_is_refused(team: Team, row_counts: Counts) -> None:
    done = team.done(team.activity())
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        team.done(done, next_date=date.today() + timedelta(days=1))
    assert codes(caught.value) == {"state": "not_allowed"}
    assert "already done" in str(caught.value)
    assert row_counts() == before


def test_a_failure_after_the_follow_up_writes_neither(
        team: Team, row_counts: Counts, audit_log: Callable[[], list],
        monkeypatch: pytest.MonkeyPatch) -> None:
    made = team.activity()
    before, entries = row_counts(), len(audit_log())
    audit = ActivityService._audit

    def failing(self: ActivityService, uow, actor, action, record, changes, entity_id=None):  # type: ignore[no-untyped-def]
        if action == "complete":
            raise RuntimeError("the disk is full")
        return audit(self, uow, actor, action, record, changes, entity_id)

    monkeypatch.setattr(ActivityService, "_audit", failing)
    with pytest.raises(RuntimeError):
        team.done(made, next_date=date.today() + timedelta(days=2))
    assert row_counts() == before and len(audit_log()) == entries
    assert team.services.activities.get(team["sales1"], made.id).state == "planned"


def test_a_stale_version_is_a_conflict(team: Team, row_counts: Counts) -> None:
    made = team.activity()
    edited = team.services.activities.update_activity(team["manager"], made.id, made.version,
                                                      {"subject": "拜访总经理"}).saved
    before = row_counts()
    with pytest.raises(ConflictError) as caught:
        team.done(made, next_date=date.today() + timedelta(days=2))
    assert (caught.value.expected_version, caught.value.current_version) == (made.version,
                                                                        edited.version)
    assert row_counts() == before
    with pytest.raises(ConflictError):
        team.services.activities.update_activity(team["sales1"], made.id, made.version,
                                                 {"notes": "x"})


def test_who_may_mark_done(team: Team, row_counts: Counts) -> None:
    for name in ("sales1", "manager", "admin"):
        assert team[name].can("activities", "complete"), name
    mine = team.activity()
    before = row_counts()
    with pytest.raises(PermissionDenied):
        team.done(mine, actor="auditor")
    with pytest.raises(NotFound):  # another salesperson's customer: not found
        team.done(mine, actor="sales2")
    assert row_counts() == before
    assert team.done(mine, actor="manager").state == "done"


def test_next_moves_offer_mark_done_while_planned(team: Team) -> None:
    made = team.activity()
    service = team.services.activities
    assert [t.name for t in service.next_moves(team["sales1"], made)] == ["complete"]
    assert service.next_moves(team["auditor"], made) == ()
    assert service.next_moves(team["sales1"], team.done(made)) == ()


def test_overdue_is_planned_and_past(team: Team) -> None:
    past = team.activity(at=now() - timedelta(minutes=5))
    later = team.activity(at=now() + timedelta(hours=1))
    assert past.overdue and not later.overdue
    assert not team.done(past).overdue

