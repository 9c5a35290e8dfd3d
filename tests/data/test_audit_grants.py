"""Server mode: the application's database role may read and append the audit log, never
change or delete it, moves the chain's head only by appending, and may change of a user only
what the application changes; the application works as that role (PostgreSQL here; SQL
Server's GRANT/DENY is rendered offline in tests/data/test_migrations.py because no SQL
Server can run on this machine)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from app.data.database import Database
from app.data.engine import make_engine
from app.data.grants import USERS_UPDATED, app_role, grant_statements
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

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


# --- the head moves only through the chain's own path (migration 0008) --------------------------
@pytest.mark.parametrize("sql", [
    "UPDATE audit_head SET last_id = 0, last_hash = ''", "DELETE FROM audit_head",
    "INSERT INTO audit_head (id, last_id, last_hash) VALUES (2, 0, '')", "TRUNCATE audit_head",
])
def test_the_app_role_cannot_write_the_head(as_app_role, sql: str) -> None:
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as_app(as_app_role, sql)


@pytest.mark.parametrize("sql", [
    "UPDATE users SET username = 'someone'", "UPDATE users SET id = id + 100",
    "UPDATE users SET created_at = now()", "UPDATE users SET created_by = 1",
    "TRUNCATE users", "UPDATE alembic_version SET version_num = '0001'",
    "DELETE FROM alembic_version",
])
def test_the_app_role_cannot_rename_users_or_the_schema_version(as_app_role, sql: str) -> None:
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as_app(as_app_role, sql)


def test_the_app_role_may_change_what_signing_in_and_administration_change(
        as_app_role) -> None:
    columns = ", ".join(f"{c} = {c}" for c in USERS_UPDATED)
    run_as_app(as_app_role, f"UPDATE users SET {columns}")
    run_as_app(as_app_role, "DELETE FROM users WHERE id < 0")


def forged(entry_id: int, prev_hash: str, action: str = "update") -> str:
    return ("INSERT INTO audit_log (id, at, username, action, entity_type, entity_id, changes, "
            f"prev_hash, hash) VALUES ({entry_id}, now(), 'x', '{action}', 't', '', '{{}}', "
            f"'{prev_hash}', '{'f' * 64}')")


def genesis_hash(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(text("SELECT hash FROM audit_log WHERE id = 1")).scalar_one()


def test_the_head_moves_only_to_a_new_entry_that_links_to_the_last(as_app_role) -> None:
    refused = pytest.raises(DBAPIError, match="audit entry")
    with refused:  # entry 1 is where the head is already
        run_as_app(as_app_role, "SELECT audit_advance_head(1)")
    with refused:  # no such entry
        run_as_app(as_app_role, "SELECT audit_advance_head(2)")
    with refused:  # an entry after a gap
        run_as_app(as_app_role, forged(9, genesis_hash(as_app_role))
                   + "; SELECT audit_advance_head(9)")
    with refused:  # an entry that does not link to the one before it
        run_as_app(as_app_role, forged(2, "0" * 64) + "; SELECT audit_advance_head(2)")
    # Appending is what the role may do: an entry that links moves the head.
    run_as_app(as_app_role, forged(2, genesis_hash(as_app_role))
               + "; SELECT audit_advance_head(2)")
    with as_app_role.connect() as conn:
        assert conn.execute(text("SELECT last_id FROM audit_head")).scalar_one() == 2
    with refused:  # and never back
        run_as_app(as_app_role, "SELECT audit_advance_head(1)")


def test_granting_again_as_a_later_migration_would_keeps_the_head_guarded(as_app_role) -> None:
    with as_app_role.begin() as conn:
        for statement in grant_statements("postgresql", app_role()):
            conn.execute(text(statement))
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as_app(as_app_role, "UPDATE audit_head SET last_id = 0")
    with pytest.raises(ProgrammingError, match="permission denied"):
        run_as_app(as_app_role, "UPDATE users SET username = 'someone'")


# --- the application works as that role ---------------------------------------------------------
@pytest.fixture
def app_services(as_app_role, quick_hashing: None) -> Iterator[Services]:
    """The services on connections that act as the application's role, as desktops would."""
    engine = make_engine(URL)

    @event.listens_for(engine, "connect")
    def act_as_app(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"SET ROLE {app_role()}")
        dbapi_connection.commit()

    with engine.connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar_one() == app_role()
    db = Database(URL, engine=engine)
    yield Services.build(db.unit_of_work, db.display_url)
    db.dispose()


def test_the_application_works_as_its_role(app_services: Services, as_app_role) -> None:
    s = app_services
    s.auth.create_admin("admin", ADMIN_PASSWORD)
    with pytest.raises(AuthenticationFailed):
        s.auth.login("admin", "wrong password")
    admin = s.auth.login("admin", ADMIN_PASSWORD)
    made = s.customers.create_customer(admin, {"name": "北京科技有限公司"}).saved
    s.customers.update_customer(admin, made.id, made.version, {"city": "北京"})
    team = s.departments.create_department(admin, "华北区").saved
    s.users.add_user(admin, "wang", "temporary secret 1", "王伟", roles=("salesperson",))
    wang = s.auth.change_password(s.auth.login("wang", "temporary secret 1"),
                                  "temporary secret 1", ADMIN_PASSWORD)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            s.auth.login("wang", "wrong password")
    s.users.unlock_user(admin, wang.user_id)
    version = s.users.get(admin, wang.user_id).version
    version = s.users.update_user(admin, wang.user_id, version, display_name="王伟 (北京)",
                                  department_id=team.id).version
    version = s.users.reset_password(admin, wang.user_id, version, "temporary secret 2").version
    version = s.users.disable_user(admin, wang.user_id, version).version
    s.users.enable_user(admin, wang.user_id, version)
    s.users.add_user(admin, "li", "temporary secret 1", "李娜")
    li = next(u for u in s.users.list_all_users(admin) if u.username == "li")
    s.users.delete_user(admin, li.id, li.version)
    report = s.audit.verify_audit_chain(admin, s.audit.get_audit_digest(admin))
    assert report.intact, report.findings
    # The head deleted by the schema owner: the application's role recovers it.
    with as_app_role.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    s.auth.login("admin", ADMIN_PASSWORD)
    assert [f.kind for f in s.audit.verify_audit_chain(admin).findings] == ["recovered"]
