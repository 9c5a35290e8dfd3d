"""A list's yes/no fields computed in SQL (``ListSpec.flags``): a true/false column, a filter by
the condition or its negation, and ``NOW`` the moment the request names. Any module's list
may have them (tickets and activities overdue); here a list of customers of its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from sqlalchemy import and_

from app.data.customers import Customer
from app.data.database import Database
from app.data.kit.keyset import NOW, KeysetQueries, ListRequest, ListSpec

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class StaleCustomers(KeysetQueries):
    """Customers with a flag ``stale``: active and last changed before ``NOW``."""

    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        c = Customer
        return ListSpec(
            model=c, columns={"code": c.code, "status": c.status},
            sorts={"code": c.code}, filters={"status": c.status},
            flags={"stale": and_(c.status == "active", c.updated_at < NOW)})


@pytest.fixture
def customers(db: Database) -> dict[str, int]:
    """K0-K5 changed a day apart from T0 on (K5 newest); K1 and K4 dormant."""
    with db.unit_of_work() as uow:
        rows = [Customer(code=f"K{i}", name=f"k{i}",
                         status="dormant" if i in (1, 4) else "active",
                         updated_at=T0 + timedelta(days=i)) for i in range(6)]
        uow.session.add_all(rows)
        uow.commit()
        return {r.code: r.id for r in rows}


def codes(db: Database, request: ListRequest, limit: int = 100) -> list[tuple[str, bool]]:
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(StaleCustomers).page(request, None, limit)
    return [(r.code, r.stale) for r in rows]


def ask(now: datetime, **filters: object) -> ListRequest:
    return ListRequest(fields=("code", "stale"), sort="code", now=now,
                       filters=tuple(sorted(filters.items())))


def test_a_flag_is_a_true_or_false_column_as_of_the_requests_moment(
        db: Database, customers: dict[str, int]) -> None:
    # At T0 + 2.5 days: K0 and K2 were changed before and are active; K1 is dormant; K3
    # is changed later.
    assert codes(db, ask(T0 + timedelta(days=2.5))) == [
        ("K0", True), ("K1", False), ("K2", True), ("K3", False), ("K4", False),
        ("K5", False)]
    # The same statement later: more of them stale (NOW is bound, not built in).
    assert codes(db, ask(T0 + timedelta(days=10))) == [
        ("K0", True), ("K1", False), ("K2", True), ("K3", True), ("K4", False),
        ("K5", True)]
    # Without a moment: when it runs (long after T0).
    assert [s for _, s in codes(db, ListRequest(fields=("code", "stale"), sort="code"))] \
        == [True, False, True, True, False, True]


def test_a_flag_filters_by_its_condition_or_its_negation(
        db: Database, customers: dict[str, int]) -> None:
    at = T0 + timedelta(days=2.5)
    assert codes(db, ask(at, stale=True)) == [("K0", True), ("K2", True)]
    assert codes(db, ask(at, stale=False)) == [
        ("K1", False), ("K3", False), ("K4", False), ("K5", False)]
    # With an ordinary filter beside it, and in a count.
    assert codes(db, ask(at, stale=False, status="active")) == [("K3", False), ("K5", False)]
    with db.unit_of_work(write=False) as uow:
        queries = uow.get(StaleCustomers)
        assert queries.count(ask(at, stale=True)) == 2
        assert queries.count(ask(at, stale=False)) == 4
        assert queries.count(ask(T0 + timedelta(days=10), stale=True)) == 4


def test_a_flag_filter_pages_by_keyset(db: Database, customers: dict[str, int]) -> None:
    request = ask(T0 + timedelta(days=10), stale=True)
    seen: list[str] = []
    after = None
    with db.unit_of_work(write=False) as uow:
        for _ in range(5):
            rows, after = uow.get(StaleCustomers).page(request, after, 1)
            seen += [r.code for r in rows]
            if after is None:
                break
    assert seen == ["K0", "K2", "K3", "K5"]
