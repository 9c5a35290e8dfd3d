"""The kit's workflow declaration, a customer's timeline merge and the typed time field (the
write path of a move is tested on the feedback module: tests/logic/feedback)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.logic.kit import fields as f
from app.logic.kit.fields import Label
from app.logic.kit.timeline import Moment, merge
from app.logic.kit.validation import Checker
from app.logic.kit.workflow import Transition, Workflow

W = Label("w", "w")
TICKET = Workflow("status", "new", (
    Transition("assign", ("new",), "assigned", W, requires=("assignee",)),
    Transition("start", ("assigned",), "in_progress", W),
    Transition("resolve", ("in_progress",), "resolved", W, requires=("resolution",),
               accepts=("cause", "resolution")),
    Transition("reopen", ("resolved", "closed"), "in_progress", W),
    Transition("close", ("resolved",), "closed", W)), final=("resolved", "closed"))


def test_the_transitions_between_states_and_what_may_follow() -> None:
    assert TICKET.between("new", "assigned") is TICKET.transition("assign")
    assert TICKET.between("new", "closed") is None
    assert TICKET.between("closed", "in_progress").name == "reopen"
    assert TICKET.next_states("resolved") == ("in_progress", "closed")
    assert TICKET.next_states("closed") == ("in_progress",)
    assert [t.name for t in TICKET.leaving("resolved")] == ["reopen", "close"]
    assert TICKET.is_open("in_progress") and not TICKET.is_open("closed")
    assert list(TICKET.actions()) == ["assign", "start", "resolve", "reopen", "close"]
    # what a move may set: the required first, each once
    assert TICKET.transition("resolve").settable == ("resolution", "cause")


def test_a_workflow_refuses_two_transitions_of_one_name_or_between_the_same_states() -> None:
    with pytest.raises(ValueError, match="distinct names"):
        Workflow("s", "a", (Transition("go", ("a",), "b", W), Transition("go", ("b",), "c", W)))
    with pytest.raises(ValueError, match="same states"):
        Workflow("s", "a", (Transition("go", ("a",), "b", W),
                            Transition("run", ("a",), "b", W)))


def test_the_timeline_is_newest_first_with_a_stable_order_and_a_limit() -> None:
    t0 = datetime(2026, 3, 1, 8, tzinfo=UTC)

    def moment(hours: int, entity: str, record_id: int) -> Moment:
        return Moment(t0 + timedelta(hours=hours), entity, record_id, W, "x")

    merged = merge([[moment(1, "project", 5), moment(3, "project", 6)],
                    [moment(2, "activity", 9), moment(3, "activity", 1)], []], limit=3)
    assert [(m.entity, m.record_id) for m in merged] == [
        ("project", 6), ("activity", 1), ("activity", 9)]


def test_a_typed_time_is_local_time_kept_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    import time

    time.tzset()
    try:
        field = f.when("scheduled_at", "Scheduled", "计划时间")
        c = Checker()
        assert field.normalise(c, "2026-05-31 14:00") == datetime(2026, 5, 31, 6, tzinfo=UTC)
        assert field.normalise(c, "2026-05-31T14:00") == datetime(2026, 5, 31, 6, tzinfo=UTC)
        assert field.normalise(c, " ") is None and field.editable
        aware = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
        assert field.normalise(c, aware) == aware
        assert not c.errors
        field.normalise(c, "31.05.2026 14:00")
        assert c.errors["scheduled_at"].code == "invalid_date"
        assert not f.moment("created_at", "Created", "创建时间").editable
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
