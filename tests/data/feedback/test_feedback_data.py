"""Feedback's data: the list (overdue and open computed in SQL at a given moment, keyset paging
by the due time with ties, the record scope through the customer's owner), the repository's
reads for the overview, "My day" and the form, the demo's contact linking, and what migration
0014 grants."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.data.admin import Role, RolePermission, User
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.database import Database
from app.data.feedback import (
    OPEN,
    Feedback,
    FeedbackQueries,
    FeedbackRepository,
    feedback_search_key,
    link_primary_contacts,
)
from app.data.kit.keyset import ListRequest
from app.logic.feedback import OPEN as LOGIC_OPEN
from app.logic.feedback import STATUSES, WORKFLOW

ROWS = 40
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
FIELDS = ("number", "subject", "status", "due_at", "overdue", "customer", "assignee")
STATES = [value for value, _, _ in STATUSES]


@pytest.fixture
def tickets(db: Database) -> dict[str, Any]:
    """40 tickets on three customers (owners o0, o1 and none), every state, due times from
    T0 - 10 h to T0 + 9 h with ties (four per hour), assigned to a0, a1 or nobody; ids
    follow none of the sorts."""
    with db.unit_of_work() as uow:
        people = [User(username=name, password_hash="-") for name in ("o0", "o1", "a0", "a1")]
        uow.session.add_all(people)
        uow.flush()
        users = {u.username: u.id for u in people}
        customers = [Customer(code=f"C{i}", name=f"客户{i}", owner_id=owner)
                     for i, owner in enumerate((users["o0"], users["o1"], None))]
        uow.session.add_all(customers)
        uow.flush()
        contacts = [Contact(customer_id=customers[0].id, name="王强", is_primary=False),
                    Contact(customer_id=customers[0].id, name="李娜", is_primary=True),
                    Contact(customer_id=customers[0].id, name="王强", is_primary=True),
                    Contact(customer_id=customers[1].id, name="Tom", is_primary=False)]
        uow.session.add_all(contacts)
        uow.flush()
        repo = uow.get(FeedbackRepository)
        rows = []
        for i in range(ROWS):
            k = (i * 17) % ROWS  # the order the rows are made in follows none of the sorts
            ticket = Feedback(
                number=f"F{k:06d}", type="complaint", channel=("phone", "web")[k % 2],
                customer_id=customers[k % 3].id, subject=("发票错误", "Printer jam")[k % 2],
                priority="normal", status=STATES[k % 5],
                assignee_id=(users["a0"], users["a1"], None)[k % 3 if k % 7 else 2],
                due_at=T0 + timedelta(hours=k // 4 - 10),
                created_at=T0 - timedelta(days=3), updated_at=T0 - timedelta(days=3),
                version=1)
            repo.prepare(ticket)
            uow.session.add(ticket)
            rows.append(ticket)
        uow.commit()
        owner_of = {c.id: c.owner_id for c in customers}
        return {"users": users, "customers": [c.id for c in customers],
                "contacts": [c.id for c in contacts],
                "rows": [{"id": t.id, "number": t.number, "status": t.status,
                          "due_at": t.due_at, "owner": owner_of[t.customer_id],
                          "customer": t.customer_id, "assignee": t.assignee_id,
                          "channel": t.channel} for t in rows]}


def walk(db: Database, request: ListRequest, limit: int) -> Iterator[Any]:
    after = None
    for _ in range(ROWS + 2):
        with db.unit_of_work(write=False) as uow:
            rows, after = uow.get(FeedbackQueries).page(request, after, limit)
        yield from rows
        if after is None:
            return
    pytest.fail("paging did not reach the end")


def count(db: Database, request: ListRequest) -> int:
    with db.unit_of_work(write=False) as uow:
        return uow.get(FeedbackQueries).count(request)


def overdue_at(row: dict[str, Any], now: datetime) -> bool:
    return row["status"] in OPEN and row["due_at"] < now


def test_the_data_and_the_workflow_agree_on_the_open_states() -> None:
    assert OPEN == LOGIC_OPEN
    assert all(WORKFLOW.is_open(s) == (s in OPEN) for s in STATES)


@pytest.mark.parametrize("now", [T0, T0 - timedelta(hours=6), T0 + timedelta(days=1)],
                         ids=["T0", "earlier", "a day later"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_overdue_is_open_and_past_due_at_the_moment_asked(
        db: Database, tickets: dict[str, Any], now: datetime, descending: bool) -> None:
    rows = tickets["rows"]
    for flag, keep in ((True, lambda r: overdue_at(r, now)),
                       (False, lambda r: not overdue_at(r, now))):
        want = sorted((r for r in rows if keep(r)), key=lambda r: (r["due_at"], r["id"]),
                      reverse=descending)
        request = ListRequest(fields=FIELDS, sort="due_at", descending=descending,
                              filters=(("overdue", flag),), now=now)
        for limit in (1, 3, ROWS):
            found = list(walk(db, request, limit))
            assert [r.id for r in found] == [r["id"] for r in want], (flag, limit)
            assert all(r.overdue is flag for r in found)
        assert count(db, request) == len(want)
    # the column without the filter says the same of each row
    request = ListRequest(fields=FIELDS, sort="number", now=now)
    assert {r.id: r.overdue for r in walk(db, request, ROWS)} == {
        r["id"]: overdue_at(r, now) for r in rows}


def test_the_open_filter_and_others_combined(db: Database, tickets: dict[str, Any]) -> None:
    rows = tickets["rows"]
    a0 = tickets["users"]["a0"]
    opened = ListRequest(fields=FIELDS, sort="number", filters=(("open", True),))
    assert [r.number for r in walk(db, opened, 7)] == sorted(
        r["number"] for r in rows if r["status"] in OPEN)
    closed = ListRequest(fields=(), sort="number", filters=(("open", False),))
    assert count(db, closed) == sum(r["status"] not in OPEN for r in rows)
    mine = ListRequest(fields=FIELDS, sort="due_at", now=T0,
                       filters=(("assignee", a0), ("open", True), ("overdue", True)))
    assert [r.id for r in walk(db, mine, 2)] == [
        r["id"] for r in sorted(rows, key=lambda r: (r["due_at"], r["id"]))
        if r["assignee"] == a0 and overdue_at(r, T0)]
    assert count(db, mine) > 0


def test_the_scope_is_the_customers_owner(db: Database, tickets: dict[str, Any]) -> None:
    o0 = tickets["users"]["o0"]
    request = ListRequest(fields=FIELDS, sort="due_at", scope=frozenset({o0}), now=T0,
                          filters=(("overdue", True),))
    want = [r["id"] for r in sorted(tickets["rows"], key=lambda r: (r["due_at"], r["id"]))
            if r["owner"] == o0 and overdue_at(r, T0)]
    assert [r.id for r in walk(db, request, 3)] == want and want
    assert count(db, request) == len(want)
    assert count(db, ListRequest(fields=(), sort="number", scope=frozenset())) == 0


def test_the_rows_name_the_customer_and_assignee_and_the_search_finds_pinyin(
        db: Database, tickets: dict[str, Any]) -> None:
    first, second = list(walk(db, ListRequest(fields=FIELDS, sort="number"), 2))[:2]
    assert (first.number, first.customer__key, first.customer__label) == (
        "F000000", "C0", "客户0")
    assert first.assignee is None and first.due_at == T0 - timedelta(hours=10)
    assert (second.customer__key, second.assignee__key) == ("C1", "a1")

    def found(text: str) -> int:
        return count(db, ListRequest(fields=(), sort="number", search=text))

    assert found("发票") == found("fapiao") == found("fpcw") == ROWS // 2
    assert found("printer") == ROWS // 2
    assert found("f000017") == 1
    assert feedback_search_key("发票错误", "F000001").count("fapiao") == 1


def test_a_customers_tickets_and_open_counts(db: Database, tickets: dict[str, Any]) -> None:
    c0 = tickets["customers"][0]
    mine = [r for r in tickets["rows"] if r["customer"] == c0]
    with db.unit_of_work(write=False) as uow:
        repo = uow.get(FeedbackRepository)
        assert [t.id for t in repo.of_customer(c0)] == sorted((r["id"] for r in mine),
                                                               reverse=True)
        assert [t.id for t in repo.of_customer(c0, OPEN, limit=2)] == sorted(
            (r["id"] for r in mine if r["status"] in OPEN), reverse=True)[:2]
        assert repo.open_counts_of_customer(c0, T0) == (
            sum(r["status"] in OPEN for r in mine), sum(overdue_at(r, T0) for r in mine))
        assert repo.open_counts_of_customer(c0, T0 - timedelta(days=1))[1] == 0
        assert repo.open_counts_of_customer(-1, T0) == (0, 0)


def test_the_overdue_tickets_of_some_assignees_within_some_owners(
        db: Database, tickets: dict[str, Any]) -> None:
    users, rows = tickets["users"], tickets["rows"]
    by_due = sorted(rows, key=lambda r: (r["due_at"], r["id"]))

    def expected(assignees: set[int], owners: set[int] | None) -> list[int]:
        return [r["id"] for r in by_due if r["assignee"] in assignees and overdue_at(r, T0)
                and (owners is None or r["owner"] in owners)]

    with db.unit_of_work(write=False) as uow:
        repo = uow.get(FeedbackRepository)
        for assignees, owners in (({users["a0"]}, None), ({users["a0"], users["a1"]}, None),
                                  ({users["a1"]}, {users["o0"]}), (set(), None),
                                  ({users["a0"]}, set())):
            found = [t.id for t in repo.overdue_assigned(assignees, owners, T0, 50)]
            assert found == expected(assignees, owners), (assignees, owners)
        assert expected({users["a0"]}, None)
        assert len(repo.overdue_assigned({users["a0"]}, None, T0, 1)) == 1


def test_the_customers_with_tickets_and_who_holds_a_right(
        db: Database, tickets: dict[str, Any]) -> None:
    users = tickets["users"]
    with db.unit_of_work(write=False) as uow:
        repo = uow.get(FeedbackRepository)
        assert [c[1] for c in repo.customers_with_feedback(None, 10)] == ["C0", "C1", "C2"]
        assert [c[1] for c in repo.customers_with_feedback({users["o1"]}, 10)] == ["C1"]
        assert repo.customers_with_feedback(set(), 10) == []
        # nobody here holds a role: nobody works tickets yet
        assert repo.users_with_right("feedback", "resolve") == []


def test_a_contact_by_name_is_the_customers_primary_first(
        db: Database, tickets: dict[str, Any]) -> None:
    c0, c1, _ = tickets["customers"]
    plain, lina, primary, tom = tickets["contacts"]
    with db.unit_of_work(write=False) as uow:
        repo = uow.get(FeedbackRepository)
        assert repo.contact_named(c0, " 王强 ") == primary
        assert repo.contact_named(c0, "李娜") == lina
        assert repo.contact_named(c1, "王强") is None
        assert repo.customer_of_contact(tom) == c1
        assert repo.customer_of_contact(plain) == c0
        assert repo.customer_of_contact(-5) is None


def test_the_demo_links_tickets_to_their_customers_primary_contact(
        db: Database, tickets: dict[str, Any]) -> None:
    """Tickets the load added (from an id on) that came by phone get their customer's
    primary contact (the oldest of two primaries), keeping their time of change; those by
    web, those of customers without a primary and those before the load keep none."""
    c0, _, _ = tickets["customers"]
    _, lina, _, _ = tickets["contacts"]
    first = ROWS // 2
    with db.engine.begin() as conn:
        link_primary_contacts(conn, ("phone",), first)
    with db.unit_of_work(write=False) as uow:
        linked = {r[0]: r[1:] for r in uow.session.execute(
            select(Feedback.id, Feedback.contact_id, Feedback.updated_at))}
    for r in tickets["rows"]:
        loaded = r["id"] >= first
        want = lina if loaded and r["customer"] == c0 and r["channel"] == "phone" else None
        assert linked[r["id"]] == (want, T0 - timedelta(days=3)), r
    assert sum(contact is not None for contact, _ in linked.values()) > 1


def test_migration_0014_grants_the_moves(db: Database) -> None:
    with db.unit_of_work(write=False) as uow:
        rows = uow.session.execute(
            select(Role.code, RolePermission.action)
            .join(RolePermission, RolePermission.role_id == Role.id)
            .where(RolePermission.module == "feedback")).all()
    granted: dict[str, set[str]] = {}
    for role, action in rows:
        granted.setdefault(role, set()).add(action)
    moves = set(WORKFLOW.actions())
    assert moves == {"assign", "start", "resolve", "close", "reopen"}
    assert granted["admin"] >= moves and granted["service"] >= moves
    assert granted["sales_manager"] & moves == {"assign"}
    for role in ("salesperson", "auditor"):
        assert not granted[role] & moves, role
    assert "finance" not in granted
    assert granted["auditor"] == {"view"}
    assert granted["salesperson"] == {"view", "create"}
