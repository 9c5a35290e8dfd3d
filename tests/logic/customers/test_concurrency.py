"""Saving a customer that another user changed since you loaded it raises a ConflictError
that says who changed it and when; nothing is overwritten. Two clients (two engines, as two
PCs would have) work on the same database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from app.data.database import Database
from app.data.kit.audit import verify_chain
from app.logic.customers import CustomerService
from app.logic.kit.dto import Actor
from app.logic.kit.errors import ConflictError
from app.logic.services import Services


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Start every job at the same moment on its own thread; return results or exceptions."""
    start = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int) -> None:
        start.wait(timeout=30)
        try:
            results[i] = jobs[i]()
        except Exception as error:
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results


def test_a_stale_save_from_another_client_is_refused_and_says_who_and_when(
        services: Services, admin: Actor, make_user: Callable[..., Actor],
        other_client: Callable[[], Database]) -> None:
    bob = make_user("bob", "Bob Li")
    mine = services.customers.create_customer(admin, {"name": "Acme", "city": "北京"}).saved
    second_pc = CustomerService(other_client().unit_of_work)
    bobs_copy = second_pc.get_customer(bob, mine.id)

    saved = services.customers.update_customer(admin, mine.id, mine.version,
                                               {"city": "上海"}).saved
    with pytest.raises(ConflictError) as caught:
        second_pc.update_customer(bob, mine.id, bobs_copy.version, {"city": "广州",
                                                                    "phone": "010-1234567"})
    conflict = caught.value
    assert (conflict.changed_by, conflict.changed_at) == ("Ada Admin", saved.updated_at)
    assert (conflict.expected_version, conflict.current_version) == (1, 2)
    assert conflict.theirs["city"] == "上海"
    assert "Ada Admin" in str(conflict) and "nothing was saved" in str(conflict)
    assert services.customers.get_customer(admin, mine.id) == saved  # nothing overwritten

    rebased = second_pc.update_customer(bob, mine.id, conflict.current_version,
                                        {"city": "广州"}).saved
    assert (rebased.city, rebased.updated_by, rebased.version) == ("广州", "Bob Li", 3)


def test_archiving_a_changed_customer_is_a_conflict(services: Services, admin: Actor,
                                                    other_client: Callable[[], Database]
                                                    ) -> None:
    mine = services.customers.create_customer(admin, {"name": "Acme"}).saved
    second_pc = CustomerService(other_client().unit_of_work)
    second_pc.update_customer(admin, mine.id, mine.version, {"city": "上海"})
    with pytest.raises(ConflictError):
        services.customers.archive_customer(admin, mine.id, mine.version)
    assert not services.customers.get_customer(admin, mine.id).archived


def test_two_clients_saving_the_same_version_at_once_one_wins(
        services: Services, admin: Actor, other_client: Callable[[], Database]) -> None:
    mine = services.customers.create_customer(admin, {"name": "Acme"}).saved
    clients = [CustomerService(other_client().unit_of_work) for _ in range(2)]
    results = run_together(
        lambda: clients[0].update_customer(admin, mine.id, mine.version, {"city": "上海"}),
        lambda: clients[1].update_customer(admin, mine.id, mine.version, {"city": "广州"}))
    winners = [r for r in results if not isinstance(r, Exception)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], ConflictError), repr(losers[0])
    final = services.customers.get_customer(admin, mine.id)
    assert (final.city, final.version) == (winners[0].saved.city, 2)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_row_changed_between_reading_and_writing_is_caught_by_the_database(
        services: Services, admin: Actor, other_client: Callable[[], Database],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The version check at load passes; another client commits before our UPDATE, whose
    ``WHERE version = 1`` then matches no row. (SQLite cannot interleave like this: its
    writers take the write lock before they read.)"""
    mine = services.customers.create_customer(admin, {"name": "Acme"}).saved
    second_pc = CustomerService(other_client().unit_of_work)
    check_version = CustomerService._check_version

    def then_someone_else_saves(self: CustomerService, uow: Any, customer: Any,
                                expected: int) -> None:
        check_version(self, uow, customer, expected)
        if threading.current_thread() is threading.main_thread():
            done = run_together(lambda: second_pc.update_customer(
                admin, mine.id, mine.version, {"city": "广州"}))
            assert not isinstance(done[0], Exception), done

    monkeypatch.setattr(CustomerService, "_check_version", then_someone_else_saves)
    with pytest.raises(ConflictError) as caught:
        services.customers.update_customer(admin, mine.id, mine.version, {"city": "上海"})
    assert caught.value.current_version == 2 and caught.value.theirs["city"] == "广州"
    assert services.customers.get_customer(admin, mine.id).city == "广州"


def test_parallel_writers_keep_the_audit_chain_whole(
        services: Services, admin: Actor, db: Database,
        other_client: Callable[[], Database], audit_log: Callable[[], list[Any]]) -> None:
    services.customers.create_customer(admin, {"name": "Seed Ltd"})
    before = len(audit_log())
    clients = [CustomerService(other_client().unit_of_work) for _ in range(4)]
    jobs = [lambda c=c, i=i, j=j: c.create_customer(admin, {"name": f"Parallel {i}-{j}"})
            for i, c in enumerate(clients) for j in range(3)]
    results = run_together(*jobs)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.saved.code for r in results}) == len(jobs)
    ids = [e.id for e in audit_log()]
    assert ids == list(range(1, before + len(jobs) + 1))
    with db.unit_of_work(write=False) as uow:
        checked, problem, _ = verify_chain(uow.session)
    assert (checked, problem) == (len(ids), None)


def test_the_very_first_customers_created_in_parallel(
        services: Services, admin: Actor, other_client: Callable[[], Database]) -> None:
    """No code counter exists yet: parallel first writers must not trip over creating it."""
    clients = [CustomerService(other_client().unit_of_work) for _ in range(3)]
    results = run_together(*[lambda c=c, i=i: c.create_customer(admin, {"name": f"First {i}"})
                             for i, c in enumerate(clients)])
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(r.saved.code for r in results) == ["C000001", "C000002", "C000003"]


def test_eight_clients_hammering_one_customer_lose_no_update(
        services: Services, admin: Actor, db: Database,
        other_client: Callable[[], Database], audit_log: Callable[[], list[Any]]) -> None:
    """The run that held in 4/10's attack (17,000 updates by 8 workers), kept small: each
    client reads the customer, changes its notes and saves with the version it read,
    retrying on a conflict. Every save that returned is one version and one audit entry;
    no save is lost, none is applied twice."""
    made = services.customers.create_customer(admin, {"name": "Contended Ltd"}).saved
    clients = [CustomerService(other_client().unit_of_work) for _ in range(8)]
    rounds = 12

    def hammer(client: CustomerService, worker: int) -> tuple[int, int]:
        saved = conflicts = 0
        while saved < rounds:
            current = client.get(admin, made.id)
            try:
                client.update_customer(admin, made.id, current.version,
                                       {"notes": f"worker {worker} save {saved}"})
            except ConflictError:
                conflicts += 1
                continue
            saved += 1
        return saved, conflicts

    results = run_together(*[lambda c=c, w=w: hammer(c, w) for w, c in enumerate(clients)])
    assert [r for r in results if isinstance(r, Exception)] == []
    successes = sum(saved for saved, _ in results)
    assert successes == 8 * rounds
    final = services.customers.get_customer(admin, made.id)
    assert final.version == 1 + successes
    updates = [e for e in audit_log() if e.entity_type == "customer"
               and e.entity_id == str(made.id) and e.action == "update"]
    assert len(updates) == successes
    assert len({e.changes["notes"][1] for e in updates}) == successes  # none twice
    # Each save's "before" is the previous save's "after": nothing slipped in between.
    assert [e.changes["notes"][0] for e in updates[1:]] == [
        e.changes["notes"][1] for e in updates[:-1]]
    with db.unit_of_work(write=False) as uow:
        _, problem, _ = verify_chain(uow.session)
    assert problem is None
