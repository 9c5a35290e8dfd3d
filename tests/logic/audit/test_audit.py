"""The audit log: one entry per write with the changed fields, written with the change or not
at all, and a hash chain that shows any later tampering."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text

from app.data.database import Database
from app.data.kit.audit import AuditEntry, entry_hash, verify_chain
from app.data.kit.uow import UnitOfWork
from app.logic.audit import AuditFilter
from app.logic.kit.dto import Actor, Record
from app.logic.kit.errors import (
    ConflictError,
    PermissionDenied,
    PossibleDuplicate,
    ValidationError,
)
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def customer(services: Services, admin: Actor) -> Record:
    return services.customers.create_customer(admin, {"name": "北京科技有限公司",
                                                      "city": "北京"}).saved


def new_entries(audit_log: Callable[[], list[Any]], since: int) -> list[Any]:
    return [e for e in audit_log() if e.id > since]


def last_id(audit_log: Callable[[], list[Any]]) -> int:
    entries = audit_log()
    return entries[-1].id if entries else 0


def chain(db: Database) -> tuple[int, Any]:
    """(entries checked, first problem or None)."""
    with db.unit_of_work(write=False) as uow:
        checked, problem, _last_hash = verify_chain(uow.session)
        return checked, problem


# --- one entry per write --------------------------------------------------------------------
def test_creating_a_customer_records_its_values(services: Services, admin: Actor,
                                                audit_log: Callable[[], list[Any]]) -> None:
    start = last_id(audit_log)
    created = services.customers.create_customer(
        admin, {"name": "上海贸易", "city": "上海", "credit_limit": "1000.5"}).saved
    [entry] = new_entries(audit_log, start)
    assert (entry.action, entry.entity_type, entry.entity_id) == ("create", "customer",
                                                                  str(created.id))
    assert (entry.user_id, entry.username) == (admin.user_id, "admin")
    assert entry.changes["name"] == [None, "上海贸易"]
    assert entry.changes["code"] == [None, created.code]
    assert entry.changes["credit_limit"] == [None, "1000.50"]  # exact, as text
    assert all(before is None for before, _ in entry.changes.values())


def test_an_update_records_only_the_changed_fields(services: Services, admin: Actor,
                                                  customer: Record,
                                                  audit_log: Callable[[], list[Any]]) -> None:
    start = last_id(audit_log)
    services.customers.update_customer(admin, customer.id, customer.version,
                                       {"city": "上海", "name": "北京科技有限公司",
                                        "credit_limit": "20"})
    [entry] = new_entries(audit_log, start)
    assert (entry.action, entry.entity_id) == ("update", str(customer.id))
    assert entry.changes == {"city": ["北京", "上海"], "credit_limit": ["0.00", "20.00"]}


def test_archive_and_restore_are_recorded(services: Services, admin: Actor,
                                          customer: Record,
                                          audit_log: Callable[[], list[Any]]) -> None:
    start = last_id(audit_log)
    archived = services.customers.archive_customer(admin, customer.id, customer.version)
    services.customers.restore_customer(admin, customer.id, archived.version)
    archive, restore = new_entries(audit_log, start)
    assert archive.action == "archive" and restore.action == "restore"
    assert archive.changes["archived_at"][0] is None
    assert restore.changes["archived_at"] == [archive.changes["archived_at"][1], None]


def test_contact_writes_are_recorded_one_entry_each(services: Services, admin: Actor,
                                                    customer: Record,
                                                    audit_log: Callable[[], list[Any]]) -> None:
    start = last_id(audit_log)
    wang = services.contacts.add_contact(admin, customer.id, {"name": "王伟"}).saved
    li = services.contacts.add_contact(admin, customer.id, {"name": "李娜"}).saved
    wang = services.contacts.update_contact(admin, wang.id, wang.version,
                                            {"position": "经理"}).saved
    services.contacts.set_primary_contact(admin, li.id, li.version)
    services.contacts.remove_contact(admin, wang.id, wang.version + 1)
    entries = new_entries(audit_log, start)
    assert [(e.action, e.entity_type) for e in entries] == [
        ("create", "contact"), ("create", "contact"), ("update", "contact"),
        ("update", "contact"), ("delete", "contact")]
    assert entries[0].changes["customer"] == [None, customer.id]  # the field, as on removal
    assert entries[2].changes == {"position": ["", "经理"]}
    assert entries[3].changes == {"is_primary": [False, True]}
    # A removal records every field by its name: the customer is the field "customer".
    assert entries[4].changes["customer"] == [customer.id, None]
    assert entries[4].changes["name"] == ["王伟", None]


def test_an_update_that_changes_nothing_is_not_recorded(services: Services, admin: Actor,
                                                       customer: Record,
                                                       audit_log: Callable[[], list[Any]]
                                                       ) -> None:
    start = last_id(audit_log)
    services.customers.update_customer(admin, customer.id, customer.version, {"city": "北京"})
    assert new_entries(audit_log, start) == []


# --- failed writes leave nothing ------------------------------------------------------------
def test_refused_writes_leave_no_entry_and_no_change(services: Services, admin: Actor,
                                                     customer: Record,
                                                     row_counts: Counts) -> None:
    services.customers.update_customer(admin, customer.id, customer.version, {"city": "上海"})
    before = row_counts()
    attempts = [
        (ValidationError, lambda: services.customers.create_customer(admin, {"name": ""})),
        (PossibleDuplicate,
         lambda: services.customers.create_customer(admin, {"name": customer.name})),
        (ConflictError, lambda: services.customers.update_customer(
            admin, customer.id, customer.version, {"city": "广州"})),
        (ConflictError, lambda: services.customers.archive_customer(
            admin, customer.id, customer.version)),
        (ValidationError, lambda: services.contacts.add_contact(admin, customer.id,
                                                                {"name": "x", "email": "@"})),
    ]
    for error, attempt in attempts:
        with pytest.raises(error):
            attempt()
    assert row_counts() == before
    assert services.customers.get_customer(admin, customer.id).city == "上海"


def test_a_failure_after_the_audit_entry_rolls_back_both(
        services: Services, admin: Actor, customer: Record, db: Database,
        row_counts: Counts, audit_log: Callable[[], list[Any]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before, start = row_counts(), last_id(audit_log)

    def broken_commit(self: UnitOfWork) -> None:
        appended = self.session.scalar(select(func.max(AuditEntry.id)))
        assert appended == start + 1, "the entry is written, only the commit is missing"
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(UnitOfWork, "commit", broken_commit)
        with pytest.raises(OSError, match="disk full"):
            services.customers.create_customer(admin, {"name": "Never Saved Ltd"})
        with pytest.raises(OSError):
            services.customers.update_customer(admin, customer.id, customer.version,
                                               {"city": "广州"})
        with pytest.raises(OSError):
            services.contacts.add_contact(admin, customer.id, {"name": "王伟"})
    assert row_counts() == before
    assert services.customers.get_customer(admin, customer.id) == customer
    assert chain(db) == (start, None)
    # The chain carries on from where it was: the lost entries left no gap.
    services.customers.create_customer(admin, {"name": "Saved Ltd"})
    assert [e.id for e in new_entries(audit_log, start)] == [start + 1]
    assert chain(db) == (start + 1, None)


# --- the hash chain -------------------------------------------------------------------------
@pytest.fixture
def history(services: Services, admin: Actor, customer: Record, db: Database) -> int:
    """Seven or more entries: genesis, sign-up, sign-in, creates, edits."""
    updated = services.customers.update_customer(admin, customer.id, customer.version,
                                                 {"city": "上海"})
    services.customers.update_customer(admin, customer.id, updated.version, {"city": "广州"})
    services.customers.create_customer(admin, {"name": "Second Ltd"})
    checked, problem = chain(db)
    assert problem is None and checked >= 6
    return checked


def tamper(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_an_untouched_chain_verifies(db: Database, services: Services, admin: Actor,
                                     history: int) -> None:
    assert chain(db) == (history, None)
    report = services.audit.verify_audit_chain(admin)
    assert report.intact and report.checked == history


def test_a_new_log_holds_only_its_genesis_entry_and_verifies(
        db: Database, audit_log: Callable[[], list[Any]]) -> None:
    [genesis] = audit_log()  # written by the migrations: an emptied log is not a new one
    assert (genesis.id, genesis.action, genesis.user_id) == (1, "genesis", None)
    assert chain(db) == (1, None)


def test_changed_content_is_detected(db: Database, history: int) -> None:
    tamper(db, "UPDATE audit_log SET changes = '{\"city\": [\"北京\", \"深圳\"]}' WHERE id = 4")
    checked, problem = chain(db)
    assert problem is not None and problem.entry_id == 4 and checked == 3
    assert "hash" in problem.reason


def test_a_changed_user_or_time_is_detected(db: Database, history: int) -> None:
    tamper(db, "UPDATE audit_log SET username = 'someone' WHERE id = 3")
    assert chain(db)[1].entry_id == 3
    tamper(db, "UPDATE audit_log SET username = 'admin' WHERE id = 3",
           "UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = 5")
    assert chain(db)[1].entry_id == 5


def test_a_deleted_entry_in_the_middle_is_detected(db: Database, history: int) -> None:
    tamper(db, "DELETE FROM audit_log WHERE id = 3")
    checked, problem = chain(db)
    assert (checked, problem.entry_id) == (2, 3)


def test_a_deleted_last_entry_is_detected(db: Database, history: int) -> None:
    tamper(db, f"DELETE FROM audit_log WHERE id = {history}")
    checked, problem = chain(db)
    assert checked == history - 1 and problem is not None


def forge(db: Database, entry_id: int, prev_hash: str) -> None:
    """Insert an entry whose own hash is computed correctly, as a forger who read the code."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    changes = '{"credit_limit": ["0.00", "99999999.00"]}'
    digest = entry_hash(prev_hash, entry_id, at, None, "admin", "update", "customer", "1",
                        changes)
    with db.unit_of_work() as uow:
        uow.session.add(AuditEntry(id=entry_id, at=at, user_id=None, username="admin",
                                   action="update", entity_type="customer", entity_id="1",
                                   changes=changes, prev_hash=prev_hash, hash=digest))
        uow.commit()


def hash_of(db: Database, entry_id: int) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT hash FROM audit_log WHERE id = :id"),
                            {"id": entry_id}).scalar_one()


def test_an_entry_inserted_in_the_middle_is_detected(db: Database, history: int) -> None:
    tamper(db, "UPDATE audit_log SET id = id + 1000 WHERE id >= 4",
           "UPDATE audit_log SET id = id - 999 WHERE id >= 1000")
    forge(db, 4, hash_of(db, 3))
    checked, problem = chain(db)
    assert (checked, problem.entry_id) == (4, 5)


def test_an_entry_appended_behind_the_head_is_detected(db: Database, history: int) -> None:
    forge(db, history + 1, hash_of(db, history))
    checked, problem = chain(db)
    assert checked == history + 1 and problem is not None


def test_reordered_entries_are_detected(db: Database, history: int) -> None:
    tamper(db, "UPDATE audit_log SET id = -1 WHERE id = 3",
           "UPDATE audit_log SET id = 3 WHERE id = 4",
           "UPDATE audit_log SET id = 4 WHERE id = -1")
    checked, problem = chain(db)
    assert (checked, problem.entry_id) == (2, 3)


# --- reading an entry -----------------------------------------------------------------------
def test_an_entry_names_the_records_its_ids_and_codes_refer_to(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    south = services.departments.create_department(admin, "华南区").saved
    north = services.departments.create_department(admin, "华北区",
                                                   manager_id=admin.user_id).saved
    make_user("lina", "李娜", roles=("salesperson",))
    lina = next(u for u in services.users.list_all_users(admin) if u.username == "lina")
    services.users.update_user(admin, lina.id, lina.version, roles=["sales_manager"],
                               department_id=south.id)
    entries = services.audit.list_audit_entries(admin, AuditFilter())
    moved = next(e for e in entries if e.entity_type == "user" and e.action == "update")
    names = services.audit.names_in(admin, moved)
    assert names.name("department", south.id) == "华南区"  # entries key fields by name
    assert names.name("roles", "sales_manager") == "Sales manager"
    assert names.name("roles", "salesperson") == "Salesperson"
    created = next(e for e in entries
                   if e.entity_type == "department" and e.entity_id == str(north.id))
    assert services.audit.names_in(admin, created).name("manager", admin.user_id) \
        == "Ada Admin"
    plain = next(e for e in entries if e.entity_type == "department"
                 and e.entity_id == str(south.id) and e.action == "create")
    assert services.audit.names_in(admin, plain).fields == {}  # manager None: nothing to read


def test_naming_an_entry_needs_the_right_to_read_the_log(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    seller = make_user("seller", roles=("salesperson",))
    entry = services.audit.list_audit_entries(admin, AuditFilter())[0]
    with pytest.raises(PermissionDenied):
        services.audit.names_in(seller, entry)
