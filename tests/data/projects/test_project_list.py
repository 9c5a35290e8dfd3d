"""The projects list by keyset: sorts on nullable dates, range filters and the record scope
through the customer's owner (a join, which the count needs as well as the page)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from app.data.admin import User
from app.data.customers import Customer
from app.data.database import Database
from app.data.kit.keyset import ListRequest
from app.data.projects import Project, ProjectQueries, ProjectRepository

ROWS = 30
D0 = date(2026, 1, 1)
T0 = datetime(2026, 1, 1, tzinfo=UTC)
FIELDS = ("code", "name", "customer", "owner", "start_date", "budget")


@pytest.fixture
def projects(db: Database) -> list[dict[str, Any]]:
    """30 projects on three customers (two owners and none), every third without a start
    date, ties in every sort, some archived; ids follow none of the sorts."""
    with db.unit_of_work() as uow:
        owners = [User(username=f"owner{i}", password_hash="-") for i in range(2)]
        uow.session.add_all(owners)
        uow.flush()
        customers = [Customer(code=f"C{i}", name=f"customer {i}", owner_id=owner)
                     for i, owner in enumerate((owners[0].id, owners[1].id, None))]
        uow.session.add_all(customers)
        uow.flush()
        repo = uow.get(ProjectRepository)
        for i in range(ROWS):
            project = Project(
                code=f"P{(i * 7) % ROWS:03d}", name=("北京", "alpha", "上海")[i % 3] + str(i % 4),
                customer_id=customers[i % 3].id, stage=("lead", "completed")[i % 2],
                budget=Decimal(i % 5) * 1000 + Decimal("0.05"),
                start_date=None if i % 3 == 0 else D0 + timedelta(days=(i * 11) % 7),
                archived_at=None if i % 8 else T0)
            repo.prepare(project)
            uow.session.add(project)
        uow.commit()
        owner_of = {c.id: c.owner_id for c in customers}
        rows = uow.session.execute(select(Project)).scalars()
        return [{"id": p.id, "start_date": p.start_date, "budget": p.budget, "code": p.code,
                 "archived": p.archived_at is not None, "owner": owner_of[p.customer_id]}
                for p in rows]


def expected(rows: list[dict[str, Any]], sort: str, descending: bool, keep: Any) -> list[int]:
    kept = sorted((r for r in rows if keep(r) and not r["archived"]),
                  key=lambda r: (r[sort] is not None, r[sort], r["id"]))
    ids = [r["id"] for r in kept]
    return ids[::-1] if descending else ids


def walk(db: Database, request: ListRequest, limit: int) -> Iterator[int]:
    after = None
    for _ in range(ROWS + 2):
        with db.unit_of_work(write=False) as uow:
            rows, after = uow.get(ProjectQueries).page(request, after, limit)
        yield from (r.id for r in rows)
        if after is None:
            return
    pytest.fail("paging did not reach the end")


def count(db: Database, request: ListRequest) -> int:
    with db.unit_of_work(write=False) as uow:
        return uow.get(ProjectQueries).count(request)


CASES = {
    "all": ({}, lambda r: True),
    "from 2026-01-03": ({"ranges": (("start_date", D0 + timedelta(days=2), None),)},
                        lambda r: r["start_date"] is not None
                        and r["start_date"] >= D0 + timedelta(days=2)),
    "to 2026-01-04": ({"ranges": (("start_date", None, D0 + timedelta(days=3)),)},
                      lambda r: r["start_date"] is not None
                      and r["start_date"] <= D0 + timedelta(days=3)),
    "both ends": ({"ranges": (("start_date", D0 + timedelta(days=1),
                               D0 + timedelta(days=1)),)},
                  lambda r: r["start_date"] == D0 + timedelta(days=1)),
    "budget 1000.05-3000.05": (
        {"ranges": (("budget", Decimal("1000.05"), Decimal("3000.05")),)},
        lambda r: Decimal("1000.05") <= r["budget"] <= Decimal("3000.05")),
}


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", ["start_date", "budget", "code"])
def test_paging_visits_every_row_once_in_order(db: Database, projects: list[dict[str, Any]],
                                               sort: str, descending: bool) -> None:
    for label, (given, keep) in CASES.items():
        want = expected(projects, sort, descending, keep)
        assert want, label
        request = ListRequest(fields=FIELDS, sort=sort, descending=descending, **given)
        for limit in (1, 4, len(want)):
            assert list(walk(db, request, limit)) == want, (label, limit)
        assert count(db, request) == len(want), label


def test_the_scope_is_the_customers_owner_in_the_page_and_the_count(
        db: Database, projects: list[dict[str, Any]]) -> None:
    owner = projects_owner = next(r["owner"] for r in projects if r["owner"] is not None)
    mine = expected(projects, "code", False, lambda r: r["owner"] == projects_owner)
    request = ListRequest(fields=FIELDS, sort="code", scope=frozenset({owner}))
    assert list(walk(db, request, 4)) == mine
    # Counted as many as listed: the count joins the customer for its owner (a count over
    # the projects alone would multiply them by the customers).
    assert count(db, request) == len(mine) < count(db, ListRequest(fields=(), sort="code"))
    ranged = ListRequest(fields=(), sort="code", scope=frozenset({owner}),
                         ranges=(("start_date", D0, None),))
    assert count(db, ranged) == len(expected(
        projects, "code", False,
        lambda r: r["owner"] == owner and r["start_date"] is not None))
    assert count(db, ListRequest(fields=(), sort="code", scope=frozenset())) == 0


def test_the_rows_name_the_customer_and_owner(db: Database,
                                              projects: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(ProjectQueries).page(
            ListRequest(fields=FIELDS, sort="code"), None, 3)
    first = rows[0]  # P000 is archived
    assert (first.code, first.customer__key, first.owner) == ("P001", "C1", None)
    assert first.customer__label == "customer 1"
    assert isinstance(first.start_date, date) and first.budget == Decimal("3000.05")


def test_the_search_finds_code_name_and_pinyin(db: Database,
                                               projects: list[dict[str, Any]]) -> None:
    def found(text: str) -> int:
        return count(db, ListRequest(fields=(), sort="code", search=text))

    current = [r for r in projects if not r["archived"]]
    assert found("beijing") == found("北京") == found("bj") > 0
    assert found("p007") == 1
    assert found("北京 alpha") == 0
    assert found("alpha") + found("北京") + found("上海") == len(current)
