"""The chain's head out of step never stops anyone working: the next write recovers it (and
says so in an entry of its own), and verifying, which writes nothing, reports exactly what
was wrong. A digest kept outside the database catches a wiped log or a cut tail."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text, update

from app.data.database import Database
from app.data.kit.audit import ENTRY_COLUMNS, AuditEntry, entry_hash
from app.logic.audit import AuditDigest, ChainReport, describe_finding, parse_digest
from app.logic.customers import CustomerService
from app.logic.kit.dto import Actor
from app.logic.kit.errors import ValidationError
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

AuditLog = Callable[[], list[Any]]


def tamper(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def head(db: Database) -> tuple[int, str] | None:
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT last_id, last_hash FROM audit_head")).first()
        return (row.last_id, row.last_hash) if row else None


def hash_of(db: Database, entry_id: int) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT hash FROM audit_log WHERE id = :id"),
                            {"id": entry_id}).scalar_one()


def findings(report: ChainReport) -> list[tuple[int, str]]:
    return [(f.entry_id, f.kind) for f in report.findings]


@pytest.fixture
def written(services: Services, admin: Actor, audit_log: AuditLog) -> int:
    """Ten or so entries; returns the last id."""
    for n in range(4):
        services.customers.create_customer(admin, {"name": f"Customer {n}"})
    return audit_log()[-1].id


# --- the genesis entry ------------------------------------------------------------------------
def test_the_chain_begins_with_a_genesis_entry_the_head_names(db: Database,
                                                              audit_log: AuditLog) -> None:
    [genesis] = audit_log()
    assert (genesis.id, genesis.action, genesis.entity_type) == (1, "genesis", "audit_log")
    assert len(genesis.changes["chain"][1]) == 32  # a random id of this chain
    assert head(db) == (1, hash_of(db, 1))


# --- a damaged head: writing goes on ------------------------------------------------------------
def test_a_deleted_head_does_not_stop_signing_in(db: Database, services: Services,
                                                 admin: Actor, written: int,
                                                 audit_log: AuditLog) -> None:
    tamper(db, "DELETE FROM audit_head")
    services.auth.login("admin", ADMIN_PASSWORD)  # before: UNIQUE constraint failed
    recovered, login = audit_log()[-2:]
    assert (recovered.id, recovered.action, recovered.username) == (
        written + 1, "head_recovered", "admin")
    assert recovered.changes == {"last_id": [None, written],
                                 "last_hash": [None, hash_of(db, written)]}
    assert (login.id, login.action) == (written + 2, "login")
    assert head(db) == (written + 2, hash_of(db, written + 2))
    report = services.audit.verify_audit_chain(admin)
    assert not report.intact and report.checked == written + 2  # every link holds
    assert findings(report) == [(written + 1, "recovered")]
    assert describe_finding(report.findings[0]) == (
        f"written when the head was missing; the chain went on from entry {written}")
    assert "链头缺失" in describe_finding(report.findings[0], "zh_CN")


def test_a_head_left_ahead_of_a_cut_log_is_recovered_and_reported(
        db: Database, services: Services, admin: Actor, written: int,
        audit_log: AuditLog) -> None:
    tamper(db, f"DELETE FROM audit_log WHERE id > {written - 5}")
    report = services.audit.verify_audit_chain(admin)  # before anyone writes
    assert findings(report) == [(written - 4, "head_ahead")]
    services.customers.create_customer(admin, {"name": "Written after the cut"})
    recovered = next(e for e in audit_log() if e.action == "head_recovered")
    assert recovered.id == written - 4  # the chain goes on from the log's last entry
    assert recovered.changes["last_id"] == [written, written - 5]
    report = services.audit.verify_audit_chain(admin)
    assert findings(report) == [(written - 4, "recovered")]
    assert describe_finding(report.findings[0]) == (
        f"written when the head named entry {written} but the log ended at entry "
        f"{written - 5}: the entries after {written - 5} had been removed")


def test_entries_written_behind_the_head_are_recovered_and_reported(
        db: Database, services: Services, admin: Actor, written: int,
        audit_log: AuditLog) -> None:
    tamper(db, f"UPDATE audit_head SET last_id = {written - 2}, "
               f"last_hash = '{hash_of(db, written - 2)}'")
    assert findings(services.audit.verify_audit_chain(admin)) == [
        (written - 1, "head_behind")]
    services.customers.create_customer(admin, {"name": "Written after"})
    recovered = next(e for e in audit_log() if e.action == "head_recovered")
    assert (recovered.id, recovered.changes["last_id"]) == (written + 1,
                                                            [written - 2, written])
    report = services.audit.verify_audit_chain(admin)
    assert findings(report) == [(written + 1, "recovered")]
    assert "without moving the head" in describe_finding(report.findings[0])


def test_a_head_with_another_hash_is_recovered_and_reported(
        db: Database, services: Services, admin: Actor, written: int,
        audit_log: AuditLog) -> None:
    tamper(db, f"UPDATE audit_head SET last_hash = '{'0' * 64}'")
    assert findings(services.audit.verify_audit_chain(admin)) == [(written, "head_differs")]
    services.customers.create_customer(admin, {"name": "Written after"})
    recovered = next(e for e in audit_log() if e.action == "head_recovered")
    assert recovered.changes["last_hash"] == ["0" * 64, hash_of(db, written)]
    assert findings(services.audit.verify_audit_chain(admin)) == [(written + 1, "recovered")]


def test_writers_racing_on_a_missing_head_recover_it_once(
        db: Database, services: Services, admin: Actor, written: int,
        other_client: Callable[[], Database], audit_log: AuditLog) -> None:
    tamper(db, "DELETE FROM audit_head")
    clients = [CustomerService(other_client().unit_of_work) for _ in range(4)]
    start = threading.Barrier(len(clients))
    errors: list[Exception] = []

    def create(client: CustomerService, n: int) -> None:
        start.wait(timeout=30)
        try:
            client.create_customer(admin, {"name": f"Racer {n}"})
        except Exception as error:  # collected and shown below
            errors.append(error)

    threads = [threading.Thread(target=create, args=(c, n)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and not any(t.is_alive() for t in threads)
    actions = [e.action for e in audit_log() if e.id > written]
    assert actions == ["head_recovered"] + ["create"] * 4
    assert findings(services.audit.verify_audit_chain(admin)) == [(written + 1, "recovered")]


# --- verifying writes nothing -------------------------------------------------------------------
def test_signing_in_to_verify_leaves_no_entry(db: Database, services: Services,
                                              admin: Actor, audit_log: AuditLog) -> None:
    before = audit_log()
    reader = services.auth.login("admin", ADMIN_PASSWORD, record=False)
    services.audit.verify_audit_chain(reader)
    services.audit.get_audit_digest(reader)
    assert audit_log() == before


def test_verifying_a_damaged_head_repairs_nothing(db: Database, services: Services,
                                                  admin: Actor, written: int,
                                                  audit_log: AuditLog) -> None:
    tamper(db, "DELETE FROM audit_head")
    for _ in range(2):
        report = services.audit.verify_audit_chain(admin)
        assert findings(report) == [(written, "head_missing")]
    assert head(db) is None and audit_log()[-1].id == written


def test_failed_sign_ins_are_recorded_even_when_verifying(services: Services, admin: Actor,
                                                          audit_log: AuditLog) -> None:
    with pytest.raises(Exception, match="invalid username or password"):
        services.auth.login("admin", "not the password", record=False)
    assert audit_log()[-1].action == "login_failed"


# --- a wiped or cut log, against a digest ---------------------------------------------------------
def test_a_wiped_log_fails_verify_with_and_without_a_digest(db: Database, services: Services,
                                                            admin: Actor, written: int) -> None:
    digest = services.audit.get_audit_digest(admin)
    assert (digest.entry_id, digest.hash) == (written, hash_of(db, written))
    tamper(db, "DELETE FROM audit_log", "DELETE FROM audit_head")
    report = services.audit.verify_audit_chain(admin)
    assert findings(report) == [(1, "genesis"), (1, "head_missing")]
    report = services.audit.verify_audit_chain(admin, digest)
    assert findings(report) == [(1, "genesis"), (1, "head_missing"),
                                (written, "digest_missing")]


def test_a_wiped_log_written_to_again_fails_against_the_digest(
        db: Database, services: Services, admin: Actor, written: int,
        audit_log: AuditLog) -> None:
    digest = services.audit.get_audit_digest(admin)
    tamper(db, "DELETE FROM audit_log", "DELETE FROM audit_head")
    for n in range(written + 2):  # the new chain reuses the old ids, and more
        services.customers.create_customer(admin, {"name": f"After the wipe {n}"})
    assert audit_log()[0].action == "head_recovered"
    report = services.audit.verify_audit_chain(admin, digest)
    assert findings(report) == [(1, "genesis"), (1, "recovered"), (written, "digest_changed")]
    assert describe_finding(report.findings[1]) == (
        "written when the log was empty and the head missing: the chain began again")
    assert describe_finding(report.findings[2]) == (
        "differs from the digest: the log was rewritten")


def test_a_log_emptied_under_its_head_is_recovered_and_reported(
        db: Database, services: Services, admin: Actor, written: int,
        audit_log: AuditLog) -> None:
    tamper(db, "DELETE FROM audit_log")
    assert findings(services.audit.verify_audit_chain(admin)) == [(1, "genesis"),
                                                                   (1, "head_ahead")]
    services.customers.create_customer(admin, {"name": "After the wipe"})
    assert [e.action for e in audit_log()] == ["head_recovered", "create"]
    report = services.audit.verify_audit_chain(admin)
    assert findings(report) == [(1, "genesis"), (1, "recovered")]
    assert describe_finding(report.findings[1]) == (
        f"written when the log was empty but the head named entry {written}: the entries "
        f"up to {written} had been removed")


def test_a_cut_tail_with_the_head_moved_back_is_caught_by_the_digest(
        db: Database, services: Services, admin: Actor, written: int) -> None:
    digest = services.audit.get_audit_digest(admin)
    tamper(db, f"DELETE FROM audit_log WHERE id > {written - 5}",
           f"UPDATE audit_head SET last_id = {written - 5}, "
           f"last_hash = '{hash_of(db, written - 5)}'")
    assert services.audit.verify_audit_chain(admin).intact  # nothing inside can tell
    report = services.audit.verify_audit_chain(admin, digest)
    assert findings(report) == [(written, "digest_missing")]


def test_a_chain_recomputed_from_an_entry_on_is_caught_by_the_digest(
        db: Database, services: Services, admin: Actor, written: int) -> None:
    digest = services.audit.get_audit_digest(admin)
    rewrite_from(db, 3, '{"forged": [null, true]}')
    assert services.audit.verify_audit_chain(admin).intact
    assert findings(services.audit.verify_audit_chain(admin, digest)) == [
        (written, "digest_changed")]


def rewrite_from(db: Database, first: int, changes: str) -> None:
    """As a forger who read the code: new content at ``first``, every later hash and the
    head recomputed."""
    with db.engine.begin() as conn:
        rows = conn.execute(select(*ENTRY_COLUMNS).where(AuditEntry.id >= first)
                            .order_by(AuditEntry.id)).all()
        prev = conn.execute(select(AuditEntry.hash).where(AuditEntry.id == first - 1)
                            ).scalar_one()
        for row in rows:
            content = changes if row.id == first else row.changes
            digest = entry_hash(prev, row.id, row.at, row.user_id, row.username, row.action,
                                row.entity_type, row.entity_id, content)
            conn.execute(update(AuditEntry).where(AuditEntry.id == row.id)
                         .values(changes=content, prev_hash=prev, hash=digest))
            prev = digest
        conn.execute(text("UPDATE audit_head SET last_id = :id, last_hash = :h"),
                     {"id": rows[-1].id, "h": prev})


def test_an_intact_chain_matches_its_digest(services: Services, admin: Actor,
                                            written: int) -> None:
    digest = services.audit.get_audit_digest(admin)
    services.customers.create_customer(admin, {"name": "Written after the digest"})
    report = services.audit.verify_audit_chain(admin, digest)
    assert report.intact and report.digest == digest and report.checked == written + 1


# --- digests as text ------------------------------------------------------------------------------
HASH = "ab" * 32


@pytest.mark.parametrize("given", [f"12:{HASH}", f"  12:{HASH.upper()}\n", f"12 {HASH}",
                                   json.dumps({"id": 12, "hash": HASH, "at": "2026-12-04"})])
def test_a_digest_reads_as_printed_or_as_json(given: str) -> None:
    assert parse_digest(given) == AuditDigest(12, HASH)
    assert str(AuditDigest(12, HASH)) == f"12:{HASH}"


@pytest.mark.parametrize("given", ["", "12", f"x:{HASH}", f"12:{HASH[:-1]}", f"12:{HASH}0",
                                   '{"id": "x", "hash": 1}', "[1, 2]"])
def test_anything_else_is_not_a_digest(given: str) -> None:
    with pytest.raises(ValidationError, match="not an audit digest"):
        parse_digest(given)
