"""Activities' data: the list (overdue computed in SQL at a given moment, keyset paging by
the scheduled time with ties, the record scope through the customer's owner), the
repository's reads for "My day" and the visit plan, the demo's contact linking, and what
migration 0015 grants."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.data.activities import (
    DONE,
    PLANNED,
    VISIT,
    Activity,
    ActivityQueries,
    ActivityRepository,
    activity_search_key,
    link_primary_contacts,
)
from app.data.admin import Role, RolePermission, User
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.database import Database
from app.data.kit.keyset import ListRequest
from app.logic.activities import KINDS, WORKFLOW

ROWS = 40
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
FIELDS = ("subject", "kind", "state", "scheduled_at", "overdue", "customer", "owner")
KIND_NAMES = [value for value, _, _ in KINDS]


@pytest.fixture
def activities(db: Database) -> dict[str, Any]:
    """40 activities on three customers (owners o0, o1 and none), of every kind, a third
    done, scheduled from T0 - 10 h to T0 + 9 h with ties (four per hour), owned by o0, o1
    or nobody; ids follow none of the sorts."""
    with db.unit_of_work() as uow:
        people = [User(username=name, password_hash="-") for name in ("o0", "o1")]
        uow.session.add_all(people)
        uow.flush()
        users = [u.id for u in people]
        customers = [Customer(code=f"C{i}", name=f"客户{i}", owner_id=owner)
                     for i, owner in enumerate((*users, None))]
        uow.session.add_all(customers)
        uow.flush()
        contacts = [Contact(customer_id=customers[0].id, name="王强", is_primary=False),
                    Contact(customer_id=customers[0].id, name="李娜", is_primary=True),
                    Contact(customer_id=customers[1].id, name="Tom", is_primary=False)]
        uow.session.add_all(contacts)
        uow.flush()
        repo = uow.get(ActivityRepository)
        rows = []
        for i in range(ROWS):
            k = (i * 17) % ROWS  # the order the rows are made in follows none of the sorts
            activity = Activity(
                kind=KIND_NAMES[k % 5], customer_id=customers[k % 3].id,
                subject=("拜访采购部", "Quarterly review")[k % 2],
                scheduled_at=T0 + timedelta(hours=k // 4 - 10),
                state=DONE if k % 3 == 0 else PLANNED, owner_id=(*users, None)[k % 3],
                created_at=T0 - timedelta(days=3), updated_at=T0 - timedelta(days=3),
                version=1)
            repo.prepare(activity)
            uow.session.add(activity)
            rows.append(activity)
        uow.commit()
        owner_of = {c.id: c.owner_id for c in customers}
        return {"users": users, "customers": [c.id for c in customers],
                "contacts": [c.id for c in contacts],
                "rows": [{"id": a.id, "kind": a.kind, "state": a.state,
                          "scheduled_at": a.scheduled_at, "visible_to": owner_of[a.customer_id],
                          "owner": a.owner_id, "customer": a.customer_id} for a in rows]}


def walk(db: Database, request: ListRequest, limit: int) -> Iterator[Any]:
    after = None
    for _ in range(ROWS + 2):
        with db.unit_of_work(write=False) as uow:
            rows, after = uow.get(ActivityQueries).page(request, after, limit)
        yield from rows
        if after is None:
            return
    pytest.fail("paging did not reach the end")


def overdue_at(row: dict[str, Any], now: datetime) -> bool:
    return row["state"] == PLANNED and row["scheduled_at"] < now


@pytest.mark.parametrize("now", [T0, T0 - timedelta(hours=6), T0 + timedelta(days=1)],
                         ids=["T0", "earlier", "a day later"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_overdue_is_planned_and_past_at_the_moment_asked(
        db: Database, activities: dict[str, Any], now: datetime, descending: bool) -> None:
    rows = activities["rows"]
    for flag in (True, False):
        want = sorted((r for r in rows if overdue_at(r, now) is flag),
                      key=lambda r: (r["scheduled_at"], r["id"]), reverse=descending)
        request = ListRequest(fields=FIELDS, sort="scheduled_at", descending=descending,
                              filters=(("overdue", flag),), now=now)
        for limit in (1, 3, ROWS):
            found = list(walk(db, request, limit))
            assert [r.id for r in found] == [r["id"] for r in want], (flag, limit)
            assert all(r.overdue is flag for r in found)
        with db.unit_of_work(write=False) as uow:
            assert uow.get(ActivityQueries).count(request) == len(want)


def test_the_scope_follows_the_customers_owner(db: Database,
                                               activities: dict[str, Any]) -> None:
    rows, (o0, o1) = activities["rows"], activities["users"]
    for scope in ({o0}, {o1}, {o0, o1}, set()):
        request = ListRequest(fields=FIELDS, sort="scheduled_at", scope=scope,
                              filters=(("state", PLANNED),))
        assert {r.id for r in walk(db, request, 7)} == {
            r["id"] for r in rows if r["visible_to"] in scope and r["state"] == PLANNED}


def test_my_day_and_plan_reads(db: Database, activities: dict[str, Any]) -> None:
    rows, (o0, o1) = activities["rows"], activities["users"]
    since, until = T0 - timedelta(hours=5), T0 + timedelta(hours=3)
    with db.unit_of_work(write=False) as uow:
        repo = uow.get(ActivityRepository)
        before = repo.planned_before({o0, o1}, since, 100)
        between = repo.planned_between({o0}, since, until, 100, visible={o0})
        counts = repo.visit_counts(None, since, until)
        visits = repo.visits({o1}, since, until, 100)
        assert repo.count_planned_before(None, since) == sum(
            r["state"] == PLANNED and r["scheduled_at"] < since for r in rows)
        latest = repo.planned_before(None, until, 2)
    planned = [r for r in rows if r["state"] == PLANNED]
    assert [a.id for a in before] == [r["id"] for r in sorted(
        (r for r in planned if r["owner"] in (o0, o1) and r["scheduled_at"] < since),
        key=lambda r: (r["scheduled_at"], r["id"]), reverse=True)]
    assert [a.id for a in between] == [r["id"] for r in sorted(
        (r for r in planned if r["owner"] == o0 and r["visible_to"] == o0
         and since <= r["scheduled_at"] < until),
        key=lambda r: (r["scheduled_at"], r["id"]))]
    assert len(latest) == 2
    in_window = [r for r in rows if r["kind"] == VISIT and since <= r["scheduled_at"] < until]
    assert counts == {owner: (sum(r["owner"] == owner for r in in_window),
                              sum(r["owner"] == owner and r["state"] == DONE
                                  for r in in_window))
                      for owner in (o0, o1) if any(r["owner"] == owner for r in in_window)}
    assert [a.id for a in visits] == [r["id"] for r in sorted(
        (r for r in in_window if r["owner"] == o1), key=lambda r: (r["scheduled_at"],
                                                                   r["id"]))]


def test_the_demo_links_the_primary_contact_of_new_rows_only(
        db: Database, activities: dict[str, Any]) -> None:
    rows = activities["rows"]
    first_new = sorted(r["id"] for r in rows)[ROWS // 2]
    with db.unit_of_work(write=False) as uow:
        changed_at = dict(uow.session.execute(select(Activity.id, Activity.updated_at)).all())
    with db.unit_of_work() as uow:
        link_primary_contacts(uow.session.connection(), ("visit", "call"), first_new)
        uow.commit()
    with db.unit_of_work(write=False) as uow:
        linked = dict(uow.session.execute(select(Activity.id, Activity.contact_id)).all())
        # the demo's own times of change are kept, not stamped with the load's
        assert dict(uow.session.execute(select(Activity.id, Activity.updated_at)).all()) \
            == changed_at
    primary = {activities["customers"][0]: activities["contacts"][1]}  # C1's has none
    for r in rows:
        wanted = primary.get(r["customer"]) if (
            r["id"] >= first_new and r["kind"] in ("visit", "call")) else None
        assert linked[r["id"]] == wanted, r


def test_the_search_key_reads_pinyin() -> None:
    key = activity_search_key("拜访采购部")
    assert "拜访采购部" in key and "baifang" in key and "bfcgb" in key


def test_migration_0015_grants_marking_done(db: Database) -> None:
    with db.unit_of_work(write=False) as uow:
        rows = uow.session.execute(
            select(Role.code, RolePermission.action)
            .join(RolePermission, RolePermission.role_id == Role.id)
            .where(RolePermission.module == "activities")).all()
    granted: dict[str, set[str]] = {}
    for role, action in rows:
        granted.setdefault(role, set()).add(action)
    assert set(WORKFLOW.actions()) == {"complete"}
    for role in ("admin", "sales_manager", "salesperson"):
        assert "complete" in granted[role], role
    assert granted["salesperson"] == {"view", "create", "edit", "complete"}
    assert granted["auditor"] == {"view"}
    assert "service" not in granted and "finance" not in granted
