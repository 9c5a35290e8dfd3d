""""My day" (overdue, due today, the next 7 days: local days, a salesperson's own, a
manager's team's), the month's visit plan with hand-computed rates (a salesperson's own
row, a manager's team, everyone for an auditor), the month's visits for a calendar, whose
plan may be looked at, the record scope of activities, and the customer's timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from app.logic.activities import PlanRow, completion_rate, month_bounds
from app.logic.kit.dto import ListQuery
from app.logic.kit.errors import NotFound, PermissionDenied, ValidationError
from tests.logic.activities.conftest import Team, codes

TODAY = date(2026, 3, 10)  # local (Shanghai): 2026-03-09 16:00 UTC to 2026-03-10 16:00 UTC


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]  # year, month, day, ...


def subjects(found: list) -> list[str]:
    return [r.subject for r in found]


def test_my_day_buckets_by_local_day_around_midnight(team: Team, shanghai: None) -> None:
    for subject, at in (
            ("long ago", utc(2026, 2, 1, 2)),
            ("last night 23:59", utc(2026, 3, 9, 15, 59)),  # local 03-09 23:59: overdue
            ("today 00:00", utc(2026, 3, 9, 16, 0)),  # local 03-10 00:00: today
            ("today 23:59", utc(2026, 3, 10, 15, 59)),
            ("tomorrow 00:00", utc(2026, 3, 10, 16, 0)),  # local 03-11: the week
            ("in 7 days 23:59", utc(2026, 3, 17, 15, 59)),  # local 03-17: still the week
            ("in 8 days 00:00", utc(2026, 3, 17, 16, 0))):  # local 03-18: beyond
        team.activity(at=at, subject=subject)
    done = team.activity(at=utc(2026, 3, 9, 20), subject="today, done")
    team.done(done)
    day = team.services.activities.my_day(team["sales1"], TODAY)
    assert day.today == TODAY
    assert subjects(day.overdue) == ["last night 23:59", "long ago"]  # the latest first
    assert day.overdue_total == 2
    assert subjects(day.due_today) == ["today 00:00", "today 23:59"]
    assert subjects(day.week) == ["tomorrow 00:00", "in 7 days 23:59"]


def test_my_day_is_my_own_and_a_managers_is_the_teams(team: Team) -> None:
    at = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=10)
    team.activity("sales1", "mine", at=at, subject="sales1's")
    team.activity("sales2", "theirs", at=at, subject="sales2's")
    team.activity("outsider", "far", at=at, subject="outsider's")
    team.activity("admin", "house", at=at, subject="admin's")
    # Planned by the manager for sales1's customer, owned by the manager.
    team.activity("manager", "mine", at=at, subject="manager's")
    my_day = team.services.activities.my_day

    def today_of(name: str) -> set[str]:
        return set(subjects(my_day(team[name], TODAY).due_today))

    assert today_of("sales1") == {"sales1's"}
    assert today_of("sales2") == {"sales2's"}
    assert today_of("manager") == {"sales1's", "sales2's", "manager's"}
    assert today_of("auditor") == {"sales1's", "sales2's", "outsider's", "admin's",
                                   "manager's"}
    with pytest.raises(PermissionDenied):
        my_day(team["service"], TODAY)


def test_completion_rates_by_hand() -> None:
    assert completion_rate(4, 3) == Decimal("75.0")
    assert completion_rate(3, 2) == Decimal("66.7")
    assert completion_rate(3, 1) == Decimal("33.3")
    assert completion_rate(8, 1) == Decimal("12.5")  # half up, not to even
    assert completion_rate(16, 1) == Decimal("6.3")  # 6.25 half up
    assert completion_rate(0, 0) is None
    assert completion_rate(2, 2) == Decimal("100.0")


def test_month_bounds_are_local_and_a_bad_month_refused(shanghai: None) -> None:
    assert month_bounds("2026-03") == (utc(2026, 2, 28, 16), utc(2026, 3, 31, 16))
    assert month_bounds("2026-12") == (utc(2026, 11, 30, 16), utc(2026, 12, 31, 16))
    for bad in ("2026-13", "2026", "March", "2026-03-01", "", "9999-12"):
        with pytest.raises(ValidationError) as caught:
            month_bounds(bad)
        assert codes(caught.value) == {"month": "invalid_month"}


@pytest.fixture
def visits(team: Team, shanghai: None) -> Team:
    """March 2026 (local, Shanghai): sales1 4 visits, 3 done; sales2 3 visits, 2 done; the
    outsider 1 visit, done; calls, and visits of February and April, that do not count."""
    for name, customer, count, finished in (("sales1", "mine", 4, 3),
                                            ("sales2", "theirs", 3, 2),
                                            ("outsider", "far", 1, 1)):
        for i in range(count):
            made = team.activity(name, customer, at=f"2026-03-{10 + i:02d} 10:00",
                                 subject=f"{name} visit {i}")
            if i < finished:
                team.done(made, actor=name)
    team.activity("sales1", "mine", at="2026-03-12 10:00", kind="call", subject="a call")
    team.activity("sales1", "mine", at="2026-02-28 23:30", subject="February")
    team.activity("sales2", "theirs", at="2026-04-01 00:30", subject="April")
    return team


def test_a_managers_plan_shows_the_teams_rates(visits: Team) -> None:
    rows = visits.services.activities.plan(visits["manager"], "2026-03")
    assert [(r.username, r.planned, r.done, r.rate) for r in rows] == [
        ("manager", 0, 0, None), ("sales1", 4, 3, Decimal("75.0")),
        ("sales2", 3, 2, Decimal("66.7"))]
    assert rows[1] == PlanRow(rows[1].user_id, "sales1", "王伟", 4, 3, Decimal("75.0"))


def test_a_salesperson_sees_only_their_own_plan(visits: Team) -> None:
    plan = visits.services.activities.plan
    assert [(r.username, r.planned, r.done) for r in plan(visits["sales1"], "2026-03")] == [
        ("sales1", 4, 3)]
    assert [(r.username, r.rate) for r in plan(visits["sales2"], "2026-04")] == [
        ("sales2", Decimal("0.0"))]
    assert [(r.username, r.rate) for r in plan(visits["sales1"], "2026-05")] == [
        ("sales1", None)]


def test_everyones_plan_for_who_sees_all(visits: Team) -> None:
    rows = visits.services.activities.plan(visits["auditor"], "2026-03")
    assert {r.username: (r.planned, r.done) for r in rows} == {
        "manager": (0, 0), "sales1": (4, 3), "sales2": (3, 2), "outsider": (1, 1)}
    assert [r.username for r in rows] == sorted(r.username for r in rows)


def test_the_plan_counts_by_local_month(visits: Team) -> None:
    plan = visits.services.activities.plan
    assert [(r.username, r.planned) for r in plan(visits["sales1"], "2026-02")] == [
        ("sales1", 1)]  # 02-28 23:30 local is 15:30 UTC the same day
    assert {r.username: r.planned for r in plan(visits["manager"], "2026-04")}["sales2"] == 1
    with pytest.raises(ValidationError):
        plan(visits["sales1"], "2026-3-1")


def test_the_months_visits_for_a_calendar(visits: Team) -> None:
    service = visits.services.activities
    sales2 = next(r.user_id for r in service.plan(visits["manager"], "2026-03")
                  if r.username == "sales2")
    mine = service.month_visits(visits["sales1"], None, "2026-03")
    assert subjects(mine) == [f"sales1 visit {i}" for i in range(4)]  # by time, no call
    team = service.month_visits(visits["manager"], None, "2026-03")
    assert len(team) == 7
    assert len(service.month_visits(visits["manager"], sales2, "2026-03")) == 3
    with pytest.raises(NotFound):
        service.month_visits(visits["sales1"], sales2, "2026-03")
    assert len(service.month_visits(visits["admin"], None, "2026-03")) == 8


def test_whose_plan_may_be_looked_at(team: Team) -> None:
    choices = team.services.activities.plan_owner_choices
    assert [r.key for r in choices(team["sales1"])] == ["sales1"]
    assert [r.key for r in choices(team["manager"])] == ["manager", "sales1", "sales2"]
    assert [r.key for r in choices(team["auditor"])] == ["auditor", "manager", "outsider",
                                                         "sales1", "sales2"]
    owners = [r.key for r in team.services.activities.owner_choices(team["admin"])]
    assert owners == ["admin", "manager", "outsider", "sales1", "sales2"]


def test_a_salesperson_lists_the_activities_of_their_customers(team: Team) -> None:
    team.activity("sales1", "mine", subject="mine")
    team.activity("admin", "mine", subject="admin's for mine", owner="sales2")
    team.activity("sales2", "theirs", subject="theirs")
    team.activity("outsider", "far", subject="far")

    def listed(name: str) -> set[str]:
        page = team.services.activities.list_activities(team[name], ListQuery(), limit=100)
        return {r.subject for r in page.rows}

    assert listed("sales1") == {"mine", "admin's for mine"}
    assert listed("manager") == {"mine", "admin's for mine", "theirs"}
    assert listed("auditor") == {"mine", "admin's for mine", "theirs", "far"}
    with pytest.raises(ValidationError):  # a customer outside the scope: no such customer
        team.activity("sales1", "theirs")


def test_the_overdue_filter(team: Team) -> None:
    now = datetime.now(UTC)
    team.activity(at=now - timedelta(days=2), subject="late")
    team.done(team.activity(at=now - timedelta(days=2), subject="done late"))
    team.activity(at=now + timedelta(days=2), subject="ahead")

    def listed(flag: bool) -> set[str]:
        query = ListQuery(filters=(("overdue", flag),))
        return {r.subject for r in team.services.activities.list_activities(
            team["sales1"], query).rows}

    assert listed(True) == {"late"}
    assert listed(False) == {"done late", "ahead"}
    assert team.services.activities.count(team["sales1"],
                                          ListQuery(filters=(("state", "done"),))) == 1


def test_the_customers_timeline(team: Team, shanghai: None) -> None:
    now = datetime.now(UTC)
    late = team.activity(at=now - timedelta(days=1), subject="late visit")
    done = team.done(team.activity(at=now - timedelta(days=3), kind="call",
                                   subject="a call"))
    ahead = team.activity(at=now + timedelta(days=1), kind="task", subject="a task")
    service = team.services.activities
    moments = service.timeline_of(team["sales1"], team.customers["mine"].id, 10)
    assert [(m.record_id, m.kind.en, m.kind.zh, m.state.en if m.state else "", m.late)
            for m in moments] == [(ahead.id, "Task", "任务", "Planned", False),
                                  (late.id, "Visit", "拜访", "Planned", True),
                                  (done.id, "Call", "电话", "Done", False)]
    assert moments[0].when == ahead.scheduled_at and moments[0].title == "a task"
    assert len(service.timeline_of(team["sales1"], team.customers["mine"].id, 1)) == 1
    with pytest.raises(NotFound):
        service.timeline_of(team["sales2"], team.customers["mine"].id, 10)
    merged = team.services.timeline(team["sales1"], team.customers["mine"].id)
    assert {m.record_id for m in merged if m.entity == "activity"} == {
        late.id, done.id, ahead.id}
