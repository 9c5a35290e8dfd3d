"""Server mode: the application's database role may read and append the audit log, never
change or delete it (PostgreSQL here; SQL Server's GRANT/DENY is rendered offline in
tests/data/test_migrations.py because no SQL Server can run on this machine)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from app.data.grants import app_role

URL = os.environ.get("KEHU_TEST_DATABASE_URL", "")


@pytest.fixture
def as_app_role(pg_server):
    pg_server.reset()
    engine = create_engine(URL)
    with engine.connect() as conn:
        member = conn.execute(text(
            "SELECT pg_has_role(current_user, :role, 'MEMBER') FROM pg_roles "
            "WHERE rolname = :role"), {"role": app_role()}).scalar()
    if not member:
        engine.dispose()
        pytest.skip(f"role {app_role()} is missing or the test user is not a member")
    yield engine
    engine.dispose()


def run_as_app(engine, sql: str) -> None:
    with engine.begin() as conn:
        conn.execute(text(f"SET LOCAL ROLE {app_role()}"))
        conn.execute(text(sql))


def test_the_app_role_can_append_and_read_the_audit_log(as_app_role) -> None:
    run_as_app(as_app_role, "INSERT INTO audit_log (id, at, username, action, entity_type, "
               "entity_id, changes, prev_hash, hash) VALUES (999, now(), 'x', 'test', 't', "
               "'', '{}', '', '')")
    run_as_app(as_app_role, "SELECT count(*) FROM audit_log")
    run_as_app(as_app_role, "UPDATE customers SET name = name")  # ordinary tables: full rights


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET action = 'forged'",
                                 "DELETE FROM audit_log", "TRUNCATE audit_log"])
def test_the_app_role_cannot_change_or_delete_audit_entries(as_app_role, sql: str) -> None:
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as_app(as_app_role, sql)
