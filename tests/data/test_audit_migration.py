"""Migration 0008: every chain gets a genesis entry (a new one as entry 1, an existing one after
its last entry), once; on PostgreSQL the function that moves the head; offline, the script
writes the genesis entry only into an empty log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session

from app.data import migrate
from app.data.engine import make_engine
from app.data.kit.audit import AuditEntry, AuditHead, changes_text, check_chain, entry_hash
from app.data.types import utcnow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def append_as_before(conn: Connection, count: int) -> None:
    """Entries as the application wrote them before 0008: chained, the head moved."""
    last_id, last_hash = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).one()
    for _ in range(count):
        at, changes = utcnow(), changes_text({"name": [None, "x"]})
        digest = entry_hash(last_hash, last_id + 1, at, 1, "admin", "create", "customer", "1",
                            changes)
        conn.execute(AuditEntry.__table__.insert().values(
            id=last_id + 1, at=at, user_id=1, username="admin", action="create",
            entity_type="customer", entity_id="1", changes=changes, prev_hash=last_hash,
            hash=digest))
        last_id, last_hash = last_id + 1, digest
    conn.execute(AuditHead.__table__.update().values(last_id=last_id, last_hash=last_hash))


def log(engine: Engine) -> list[tuple[int, str, dict]]:
    with engine.connect() as conn:
        return [(r.id, r.action, json.loads(r.changes)) for r in conn.execute(
            select(AuditEntry.id, AuditEntry.action, AuditEntry.changes)
            .order_by(AuditEntry.id))]


def findings(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        check = check_chain(Session(bind=conn))
        return [(p.entry_id, p.kind) for p in check.problems]


def test_a_new_log_begins_with_the_genesis_entry(engine: Engine) -> None:
    migrate.upgrade(engine)
    [(entry_id, action, changes)] = log(engine)
    assert (entry_id, action) == (1, "genesis") and len(changes["chain"][1]) == 32
    assert findings(engine) == []


def test_an_existing_log_gets_its_genesis_entry_after_its_last(engine: Engine) -> None:
    migrate.upgrade(engine, "0007")
    with engine.begin() as conn:
        append_as_before(conn, 3)
    migrate.upgrade(engine)
    assert [(i, a) for i, a, _ in log(engine)] == [(1, "create"), (2, "create"), (3, "create"),
                                                   (4, "genesis")]
    assert findings(engine) == []


def test_a_head_out_of_step_before_the_upgrade_is_recorded_first(engine: Engine) -> None:
    migrate.upgrade(engine, "0007")
    with engine.begin() as conn:
        append_as_before(conn, 3)
        conn.execute(text("DELETE FROM audit_head"))
    migrate.upgrade(engine)
    entries = log(engine)
    assert [(i, a) for i, a, _ in entries[3:]] == [(4, "head_recovered"), (5, "genesis")]
    assert entries[3][2]["last_id"] == [None, 3]
    assert findings(engine) == [(4, "recovered")]


def test_downgrading_keeps_the_genesis_entry_and_upgrading_again_adds_none(
        engine: Engine) -> None:
    migrate.upgrade(engine)
    migrate.downgrade(engine, "0007")
    assert [a for _, a, _ in log(engine)] == ["genesis"]  # part of the chain: it stays
    migrate.upgrade(engine)
    assert [a for _, a, _ in log(engine)] == ["genesis"]
    assert findings(engine) == []


def test_on_postgresql_the_head_moves_through_a_security_definer_function(
        engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    migrate.upgrade(engine)
    query = ("SELECT prosecdef, proconfig FROM pg_proc "
             "WHERE oid = to_regprocedure('audit_advance_head(integer)')")
    with engine.connect() as conn:
        definer, config = conn.execute(text(query)).one()
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    assert definer and config == [f"search_path={schema}, pg_temp"]
    migrate.downgrade(engine, "0007")
    with engine.connect() as conn:
        assert conn.execute(text(query)).first() is None


def test_offline_the_genesis_entry_goes_only_into_an_empty_log() -> None:
    script = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['pyodbc'] = None; "
         "from alembic.config import main; main(argv=['upgrade', '0007:0008', '--sql'])"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "KEHU_DATABASE_URL": "mssql+pyodbc://user:pw@dsn"})
    assert script.returncode == 0, script.stderr
    insert = next(s for s in script.stdout.split("\nGO\n") if "INSERT INTO audit_log" in s)
    assert "N'genesis'" in insert and "WHERE NOT (EXISTS (SELECT audit_log.id" in insert
    assert "UPDATE audit_head SET last_id=1" in script.stdout
