"""The one write path holds for every record service: customers, contacts, users, roles,
departments and the security settings.

- A stale version is refused with a ConflictError naming who changed the record; nothing is
  written (no row, no audit entry).
- Two clients saving the same version at once: exactly one wins, the other is told of the
  conflict, never an unexpected error. Where the database lets both read before either
  writes (PostgreSQL; SQL Server alike), the loser's stale row is caught at the flush.
- Every write writes exactly one audit entry, in the same transaction as the change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from app.data.database import Database
from app.data.kit.audit import AuditEntry
from app.data.kit.uow import UnitOfWork
from app.logic.kit.dto import Actor, Changed
from app.logic.kit.errors import ConflictError
from app.logic.kit.service import RecordService
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]
AuditLog = Callable[[], list[Any]]


# --- what each service writes -----------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """A record of one service: how to make it, read its version and value, and change it
    (``n`` tells concurrent writers' values apart)."""

    name: str
    entity: str
    make: Callable[[Services, Actor], int]
    version: Callable[[Services, Actor, int], int]
    write: Callable[[Services, Actor, int, int, int], Changed]
    value: Callable[[Services, Actor, int], Any]
    shows: Callable[[int], Any]  # the value after write ``n``


def _customer(s: Services, a: Actor) -> int:
    return s.customers.create_customer(a, {"name": "Acme"}).saved.id


def _contact(s: Services, a: Actor) -> int:
    return s.contacts.add_contact(a, _customer(s, a), {"name": "王伟"}).saved.id


def _user(s: Services, a: Actor) -> int:
    return s.users.add_user(a, "bob", "bob-password-1", "Bob", roles=["salesperson"]).saved.id


def _role(s: Services, a: Actor) -> int:
    return s.roles.create_role(a, "extra", "Extra role").saved.id


def _department(s: Services, a: Actor) -> int:
    return s.departments.create_department(a, "华东销售部").saved.id


def _rights(n: int) -> frozenset[tuple[str, str]]:
    return frozenset({("customers", "view"), ("customers", ("create", "edit")[n % 2])})


def _department_version(s: Services, a: Actor, i: int) -> int:
    return next(d.version for d in s.departments.list_departments(a) if d.id == i)


CASES = [
    Case("customers", "customer", _customer,
         lambda s, a, i: s.customers.get_customer(a, i).version,
         lambda s, a, i, v, n: s.customers.update_customer(a, i, v, {"city": f"城市{n}"}),
         lambda s, a, i: s.customers.get_customer(a, i).city, lambda n: f"城市{n}"),
    Case("contacts", "contact", _contact,
         lambda s, a, i: s.contacts.get(a, i).version,
         lambda s, a, i, v, n: s.contacts.update_contact(a, i, v, {"position": f"职务{n}"}),
         lambda s, a, i: s.contacts.get(a, i).position, lambda n: f"职务{n}"),
    Case("users", "user", _user,
         lambda s, a, i: s.users.get(a, i).version,
         lambda s, a, i, v, n: s.users.update_user(a, i, v, display_name=f"Bob {n}"),
         lambda s, a, i: s.users.get(a, i).display_name, lambda n: f"Bob {n}"),
    Case("users (roles)", "user", _user,
         lambda s, a, i: s.users.get(a, i).version,
         lambda s, a, i, v, n: s.users.update_user(a, i, v,
                                                   roles=[("finance", "service")[n % 2]]),
         lambda s, a, i: next(u.roles for u in s.users.list_all_users(a) if u.id == i),
         lambda n: (("finance", "service")[n % 2],)),
    Case("roles", "role", _role,
         lambda s, a, i: s.roles.get_role(a, "extra").version,
         lambda s, a, i, v, n: s.roles.update_role(a, "extra", v, name=f"Extra {n}"),
         lambda s, a, i: s.roles.get_role(a, "extra").name, lambda n: f"Extra {n}"),
    Case("roles (rights)", "role", _role,
         lambda s, a, i: s.roles.get_role(a, "extra").version,
         lambda s, a, i, v, n: s.roles.update_role(a, "extra", v, rights=_rights(n)),
         lambda s, a, i: s.roles.get_role(a, "extra").rights, lambda n: _rights(n)),
    Case("departments", "department", _department, _department_version,
         lambda s, a, i, v, n: s.departments.update_department(a, i, v, name=f"部门{n}"),
         lambda s, a, i: next(d.name for d in s.departments.list_departments(a) if d.id == i),
         lambda n: f"部门{n}"),
    Case("settings", "settings", lambda s, a: 0,
         lambda s, a, i: s.settings.get_security_settings(a).version,
         lambda s, a, i, v, n: s.settings.update_security_settings(a, v,
                                                                   password_min_length=9 + n),
         lambda s, a, i: s.settings.get_security_settings(a).password_min_length,
         lambda n: 9 + n),
]
BY_NAME = {c.name: c for c in CASES}
ids = [c.name for c in CASES]

# Writes other than an update, each refused the same way when stale (case, what, how).
OTHER_WRITES: list[tuple[str, str, Callable[[Services, Actor, int, int], Changed]]] = [
    ("customers", "archive", lambda s, a, i, v: s.customers.archive_customer(a, i, v)),
    ("customers", "owner", lambda s, a, i, v: s.customers.assign_owner(a, i, v, None)),
    ("contacts", "remove", lambda s, a, i, v: s.contacts.remove_contact(a, i, v)),
    ("contacts", "set primary", lambda s, a, i, v: s.contacts.set_primary_contact(a, i, v)),
    ("users", "disable", lambda s, a, i, v: s.users.disable_user(a, i, v)),
    ("users", "enable", lambda s, a, i, v: s.users.enable_user(a, i, v)),
    ("users", "reset password",
     lambda s, a, i, v: s.users.reset_password(a, i, v, "temporary-pw-42")),
    ("users", "unlock", lambda s, a, i, v: s.users.unlock_user(a, i, v)),
    ("users", "delete", lambda s, a, i, v: s.users.delete_user(a, i, v)),
    ("roles", "delete", lambda s, a, i, v: s.roles.delete_role(a, "extra", v)),
    ("departments", "delete", lambda s, a, i, v: s.departments.delete_department(a, i, v)),
]


@pytest.fixture
def second(make_user: Callable[..., Actor]) -> Actor:
    """Another administrator, whose saves make the first one's copy stale."""
    return make_user("second", "Second Admin", roles=("admin",))


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


# --- a stale version is refused ---------------------------------------------------------------
def refused_as_stale(services: Services, admin: Actor, second: Actor, case: Case,
                     attempt: Callable[[int, int], Changed], row_counts: Counts,
                     audit_log: AuditLog) -> ConflictError:
    """Make ``case``'s record, let ``second`` change it, then ``attempt`` (record id, the
    version first read) must be refused and leave every table as it was."""
    record_id = case.make(services, admin)
    stale = case.version(services, admin, record_id)
    case.write(services, second, record_id, stale, 1)
    value = case.value(services, admin, record_id)
    before, entries = row_counts(), audit_log()
    with pytest.raises(ConflictError) as caught:
        attempt(record_id, stale)
    assert row_counts() == before
    assert audit_log() == entries
    assert case.value(services, admin, record_id) == value
    conflict = caught.value
    assert conflict.entity == case.entity
    assert (conflict.expected_version, conflict.current_version) == (stale, stale + 1)
    assert conflict.changed_by == "Second Admin"
    assert conflict.changed_at is not None
    assert "Second Admin" in str(conflict) and "nothing was saved" in str(conflict)
    return conflict


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_a_stale_update_is_refused_naming_who_changed_it(
        services: Services, admin: Actor, second: Actor, case: Case, row_counts: Counts,
        audit_log: AuditLog) -> None:
    refused_as_stale(services, admin, second, case,
                     lambda i, v: case.write(services, admin, i, v, 2), row_counts, audit_log)


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_every_save_gives_a_new_version_whoever_saved_last(
        services: Services, admin: Actor, case: Case) -> None:
    """The same user in two windows: the second save of the old version is stale too, also
    when the change lives only in child rows (a user's roles, a role's rights)."""
    record_id = case.make(services, admin)
    version = case.version(services, admin, record_id)
    saved = case.write(services, admin, record_id, version, 1)
    assert saved.version == case.version(services, admin, record_id) == version + 1
    with pytest.raises(ConflictError):
        case.write(services, admin, record_id, version, 2)
    assert case.value(services, admin, record_id) == case.shows(1)


@pytest.mark.parametrize(("name", "what", "attempt"), OTHER_WRITES,
                         ids=[f"{n} {w}" for n, w, _ in OTHER_WRITES])
def test_every_other_stale_write_is_refused_too(
        services: Services, admin: Actor, second: Actor, name: str, what: str,
        attempt: Callable[[Services, Actor, int, int], Changed], row_counts: Counts,
        audit_log: AuditLog) -> None:
    refused_as_stale(services, admin, second, BY_NAME[name],
                     lambda i, v: attempt(services, admin, i, v), row_counts, audit_log)


# --- two clients at once ----------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=ids)
def test_two_clients_saving_the_same_version_at_once_one_wins(
        services: Services, admin: Actor, second: Actor, case: Case,
        other_client: Callable[[], Database], audit_log: AuditLog) -> None:
    record_id = case.make(services, admin)
    version = case.version(services, admin, record_id)
    entries = len(audit_log())
    clients = [Services.build(other_client().unit_of_work) for _ in range(2)]
    results = run_together(
        lambda: case.write(clients[0], admin, record_id, version, 1),
        lambda: case.write(clients[1], second, record_id, version, 2))
    winners = [r for r in results if isinstance(r, Changed)]
    losers = [r for r in results if not isinstance(r, Changed)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError), repr(losers[0])
    assert losers[0].current_version == version + 1
    assert winners[0].version == version + 1
    won = results.index(winners[0]) + 1  # the n it wrote
    assert case.value(services, admin, record_id) == case.shows(won)
    assert len(audit_log()) == entries + 1  # the winner's entry only


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("hook", ["_check_version", "_flush"],
                         ids=["after the version check", "just before the flush"])
@pytest.mark.parametrize("case", CASES, ids=ids)
def test_a_row_changed_behind_our_back_is_a_conflict_at_the_flush(
        services: Services, admin: Actor, second: Actor, case: Case, hook: str,
        other_client: Callable[[], Database], monkeypatch: pytest.MonkeyPatch,
        audit_log: AuditLog) -> None:
    """Our version check passes; another client commits its save of the same version before
    our UPDATE (right after the check, or after our edit, just before the flush), whose
    ``WHERE version = N`` then matches no row: a ConflictError naming the other user, never
    a unique violation or an unexpected error. (SQLite cannot interleave so: its writers
    take the lock before they read.)"""
    record_id = case.make(services, admin)
    version = case.version(services, admin, record_id)
    other = Services.build(other_client().unit_of_work)
    original = getattr(RecordService, hook)
    interleaved: list[Any] = []

    def then_someone_else_saves(self: RecordService, *args: Any) -> None:
        if hook == "_check_version":
            original(self, *args)
        if threading.current_thread() is threading.main_thread() and not interleaved:
            interleaved.extend(run_together(
                lambda: case.write(other, second, record_id, version, 1)))
            assert isinstance(interleaved[0], Changed), interleaved
        if hook == "_flush":
            original(self, *args)

    monkeypatch.setattr(RecordService, hook, then_someone_else_saves)
    with pytest.raises(ConflictError) as caught:
        case.write(services, admin, record_id, version, 2)
    monkeypatch.undo()
    assert interleaved, "the other client saved in between"
    assert (caught.value.current_version, caught.value.changed_by) == (version + 1,
                                                                      "Second Admin")
    assert case.value(services, admin, record_id) == case.shows(1)  # theirs, not ours
    assert [e.username for e in audit_log()][-1] == "second"  # only theirs was recorded


# --- one audit entry per write, in the write's transaction ------------------------------------
WRITES: list[tuple[str, str, Callable[[Services, Actor, int, int], Changed]]] = [
    ("customers", "create", lambda s, a, i, v: s.customers.create_customer(a, {"name": "B"})),
    ("contacts", "create",
     lambda s, a, i, v: s.contacts.add_contact(a, s.contacts.get(a, i).ref_id("customer") or 0,
                                               {"name": "李娜"})),
    ("users", "create", lambda s, a, i, v: s.users.add_user(a, "carol", "carol-password-1")),
    ("roles", "create", lambda s, a, i, v: s.roles.create_role(a, "other", "Other")),
    ("departments", "create",
     lambda s, a, i, v: s.departments.create_department(a, "华南销售部")),
    *[(c.name, "update", lambda s, a, i, v, c=c: c.write(s, a, i, v, 1)) for c in CASES],
    # (unlocking an unlocked user, enabling an enabled one, taking away an owner it has
    # not, making the only contact primary: nothing changes, nothing is recorded)
    *[w for w in OTHER_WRITES if w[1] not in ("unlock", "enable", "owner", "set primary")],
    ("customers", "restore", lambda s, a, i, v: s.customers.restore_customer(a, i, v)),
]


@pytest.mark.parametrize(("name", "what", "write"), WRITES,
                         ids=[f"{n} {w}" for n, w, _ in WRITES])
def test_every_write_writes_one_audit_entry_in_its_own_transaction(
        services: Services, admin: Actor, db: Database, name: str, what: str,
        write: Callable[[Services, Actor, int, int], Changed], row_counts: Counts,
        audit_log: AuditLog, monkeypatch: pytest.MonkeyPatch) -> None:
    case = BY_NAME[name]
    record_id = case.make(services, admin)
    version = case.version(services, admin, record_id)
    if what == "restore":  # its archive comes first, in a write of its own
        version = services.customers.archive_customer(admin, record_id, version).version
    before, entries = row_counts(), audit_log()
    last = entries[-1].id
    commit = UnitOfWork.commit

    def lost_at_commit(self: UnitOfWork) -> None:
        """The commit fails after the entry was written: a write with an entry of its own
        loses it with the change; other commits (a settings group made first) go ahead."""
        appended = self.session.scalar(select(func.max(AuditEntry.id)))
        if appended is not None and appended > last:
            raise OSError("disk full")
        commit(self)

    with monkeypatch.context() as patch:
        patch.setattr(UnitOfWork, "commit", lost_at_commit)
        with pytest.raises(OSError, match="disk full"):
            write(services, admin, record_id, version)
    assert row_counts() == before and audit_log() == entries
    changed = write(services, admin, record_id, version)
    assert changed.action not in ("unchanged", "")
    [entry] = audit_log()[len(entries):]
    assert (entry.entity_type, entry.action) == (case.entity, changed.action)
    assert entry.username == "admin"
