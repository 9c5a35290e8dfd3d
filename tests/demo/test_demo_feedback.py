"""The demo's feedback tickets (app/demo/feedback_rows.py): how many, of which customers, in
which proportions, with times that fit their state and the SLA, worked by the service user,
their contacts, keys and counter, who sees which; on a real temporary SQLite database and on
PostgreSQL when the tests have one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.data.database import Database, open_database
from app.data.feedback import OPEN, Feedback, feedback_search_key
from app.data.kit.search import sort_key
from app.demo import DEMO_PASSWORD, DemoSummary, generate_demo
from app.demo.feedback_rows import CONTACT_CHANNELS, tickets_in
from app.logic.feedback import FACTORY_SLA
from app.logic.kit.dto import ListQuery
from app.logic.services import Services

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
N = 1500


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Database, DemoSummary]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('feedback') / 'demo.db'}")
    summary = generate_demo(db, customers=N, seed=5, workers=0, now=NOW)
    yield db, summary
    db.dispose()


def tickets(db: Database) -> list[Feedback]:
    with db.unit_of_work(write=False) as uow:
        found = list(uow.session.execute(select(Feedback).order_by(Feedback.id)).scalars())
        uow.session.expunge_all()
        return found


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_a_ticket_for_about_every_eighth_customer_in_their_order(demo) -> None:
    db, summary = demo
    made = tickets(db)
    assert summary.tickets == len(made) == tickets_in(N) == N // 8 + 1
    assert [t.number for t in made] == [f"F{i:06d}" for i in range(1, len(made) + 1)]
    customers = [t.customer_id for t in made]
    assert customers == sorted(customers)
    per_customer = Counter(customers)
    assert max(per_customer.values()) <= 4 and len(per_customer) > len(made) * 0.8
    assert rows(db, "SELECT next_value FROM code_sequences WHERE name = 'feedback'") == [
        (len(made) + 1,)]


def test_the_proportions_of_types_states_and_scores(demo) -> None:
    db, _ = demo
    made = tickets(db)
    types = Counter(t.type for t in made)
    assert set(types) == {"complaint", "service_request", "fault_report", "suggestion",
                          "praise"}
    assert types["service_request"] + types["complaint"] > len(made) / 2
    assert types.most_common(2)[0][0] in ("service_request", "complaint")
    states = Counter(t.status for t in made)
    assert states["closed"] > 0.7 * len(made)
    assert 0 < states["resolved"] < states["closed"] / 3
    still_open = [t for t in made if t.status in OPEN]
    assert 0 < len(still_open) < 0.1 * len(made)
    late = [t for t in still_open if t.due_at < NOW]
    assert late  # some overdue, as of the demo's now
    scores = Counter(t.satisfaction for t in made if t.satisfaction is not None)
    assert set(scores) == {1, 2, 3, 4, 5}
    assert scores[4] + scores[5] > 0.7 * sum(scores.values())
    assert scores[5] > scores[3] > scores[1]
    assert all(t.status == "closed" for t in made if t.satisfaction is not None)
    assert any(t.satisfaction is None for t in made if t.status == "closed")
    assert Counter(t.channel for t in made).most_common(1)[0][0] == "phone"


def test_times_fit_the_state_and_the_sla(demo) -> None:
    db, _ = demo
    created = dict(rows(db, "SELECT id, created_at FROM customers"))
    for t in tickets(db):
        assert t.due_at - t.created_at == timedelta(hours=FACTORY_SLA[t.priority]), t.number
        assert NOW - timedelta(days=730) <= t.created_at <= NOW
        assert t.created_at >= datetime.fromisoformat(created[t.customer_id]).replace(
            tzinfo=UTC)
        assert t.created_at <= t.updated_at <= NOW
        done = t.status in ("resolved", "closed")
        assert (t.resolved_at is not None) == done and (t.closed_at is not None) == (
            t.status == "closed")
        assert bool(t.resolution and t.cause) == done, t.number
        if done:
            assert t.created_at < t.resolved_at <= NOW
        if t.closed_at is not None:
            assert t.resolved_at <= t.closed_at <= NOW and t.updated_at == t.closed_at
        assert t.version == {"new": 1, "assigned": 2, "in_progress": 3, "resolved": 4,
                             "closed": 5}[t.status]
        if t.satisfaction_comment:
            assert t.satisfaction is not None


def test_the_service_user_works_them_and_the_administrator_sometimes(
        demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    ids = {u.username: u.user_id for u in summary.users}
    made = tickets(db)
    assignees = Counter(t.assignee_id for t in made if t.status != "new")
    assert set(assignees) == {ids["service"], ids["admin"]}
    assert assignees[ids["service"]] > 3 * assignees[ids["admin"]] > 0
    assert all(t.assignee_id is None for t in made if t.status == "new")
    team = set(summary.team)
    assert {t.created_by for t in made} <= team | {ids["service"]}


def test_subjects_are_chinese_and_findable(demo) -> None:
    db, _ = demo
    made = tickets(db)
    chinese = [t for t in made if any("\u4e00" <= ch <= "\u9fff" for ch in t.subject)]
    assert len(chinese) > 0.8 * len(made)
    for t in made:
        assert t.search_text == feedback_search_key(t.subject, t.number), t.number
        assert t.subject_sort == sort_key(t.subject)
        assert t.resolution == "" or any("\u4e00" <= ch <= "\u9fff" for ch in t.resolution) \
            == (t in chinese)


def test_a_ticket_by_phone_e_mail_or_visit_names_the_primary_contact(demo) -> None:
    db, _ = demo
    primary = dict(rows(db, "SELECT customer_id, min(id) FROM contacts "
                            "WHERE is_primary = 1 AND customer_id IS NOT NULL "
                            "GROUP BY customer_id"))
    for t in tickets(db):
        want = primary[t.customer_id] if t.channel in CONTACT_CHANNELS else None
        assert t.contact_id == want, t.number


def test_who_sees_them_and_the_work_goes_on(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'work.db'}")
    summary = generate_demo(db, customers=800, seed=5, workers=0, now=NOW)
    services = Services.build(db.unit_of_work)
    signed = {name: services.auth.login(name, DEMO_PASSWORD, record=False)
              for name in ("service", "manager", "sales1", "auditor")}
    feedback = services.feedback
    for name in ("service", "manager", "auditor"):
        assert feedback.count(signed[name], ListQuery()) == summary.tickets
    mine = feedback.count(signed["sales1"], ListQuery())
    assert 0 < mine < summary.tickets / 3
    open_ones = feedback.list_tickets(signed["service"], ListQuery(filters=(("open", "yes"),)))
    assert open_ones.rows
    # the demo's now is past: every open ticket is overdue today
    assert feedback.count(signed["service"], ListQuery(filters=(("overdue", "yes"),))) == \
        len(open_ones.rows)
    assert feedback.overdue_for(signed["service"])
    closed = next(r for r in feedback.list_tickets(
        signed["service"], ListQuery(filters=(("status", "closed"),))).rows)
    reopened = feedback.move(signed["service"], closed.id, closed.version, "in_progress").saved
    assert (reopened.satisfaction, reopened.closed_at, reopened.version) == (
        None, None, closed.version + 1)
    created = feedback.create_ticket(signed["service"], {
        "customer": "C000001", "subject": "新工单"}).saved
    assert created.number == f"F{summary.tickets + 1:06d}"
    db.dispose()


def test_a_second_run_numbers_its_tickets_after_the_first(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'twice.db'}")
    first = generate_demo(db, customers=40, seed=3, workers=0, now=NOW)
    second = generate_demo(db, customers=40, seed=4, workers=0, now=NOW)
    total = first.tickets + second.tickets
    assert rows(db, "SELECT min(number), max(number), count(*) FROM feedback") == [
        ("F000001", f"F{total:06d}", total)]
    # the first run's contacts stay as they were linked
    assert rows(db, "SELECT count(*) FROM feedback f JOIN contacts c ON c.id = f.contact_id "
                    "WHERE c.customer_id <> f.customer_id") == [(0,)]
    db.dispose()


def test_the_same_tickets_on_postgresql(pg_server, demo) -> None:
    db, summary = demo
    pg_server.reset()
    server = open_database(pg_server.url)

    def seen(on: Database) -> list[tuple]:
        return [(t.id, t.number, t.type, t.channel, t.customer_id, t.contact_id, t.subject,
                 t.priority, t.assignee_id, t.due_at, t.status, t.resolution, t.satisfaction,
                 t.resolved_at, t.closed_at, t.search_text, t.created_at, t.version)
                for t in tickets(on)]

    try:
        on_server = generate_demo(server, customers=N, seed=5, workers=0, now=NOW)
        assert on_server.tickets == summary.tickets
        assert seen(server) == seen(db)
        with server.engine.begin() as conn:
            following = conn.execute(text(
                "SELECT nextval(pg_get_serial_sequence('feedback', 'id'))")).scalar_one()
            assert following > summary.tickets
        services = Services.build(server.unit_of_work)
        manager = services.auth.login("manager", DEMO_PASSWORD, record=False)
        assert services.feedback.count(manager, ListQuery()) == summary.tickets
    finally:
        server.dispose()
