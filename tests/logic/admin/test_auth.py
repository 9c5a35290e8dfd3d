"""Signing in: the first administrator, passwords hashed with argon2id, one answer for every
failed sign-in, and every sign-in in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from app.data.admin import User
from app.data.database import Database
from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed, PermissionDenied, ValidationError
from app.logic.services import Services

PASSWORD = "correct horse battery"


def stored_hash(db: Database, username: str) -> str:
    with db.unit_of_work(write=False) as uow:
        return uow.session.execute(
            select(User.password_hash).where(User.username == username)).scalar_one()


def test_the_first_administrator_gets_an_argon2id_hash_with_the_production_cost(
        services: Services, db: Database) -> None:
    """Runs without the quick_hashing fixture: this is the hash real users get."""
    row = services.auth.create_admin("admin", PASSWORD, display_name="管理员")
    assert (row.username, row.display_name, row.roles) == ("admin", "管理员", ("admin",))
    digest = stored_hash(db, "admin")
    assert digest.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in digest
    assert PASSWORD not in digest
    assert PasswordHasher().verify(digest, PASSWORD)


@pytest.mark.usefixtures("quick_hashing")
@pytest.mark.parametrize(("username", "password", "field", "code"), [
    ("", PASSWORD, "username", "required"),
    ("ad min", PASSWORD, "username", "invalid_username"),
    ("a" * 65, PASSWORD, "username", "too_long"),
    ("admin", "short", "password", "too_short"),
    ("admin", "x" * 129, "password", "too_long"),
    ("admin", "password123", "password", "common_password"),
    ("administrator", "Administrator", "password", "common_password"),
])
def test_create_admin_validates_the_name_and_password(services: Services,
                                                      row_counts: Callable[[], dict],
                                                      username: str, password: str,
                                                      field: str, code: str) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.auth.create_admin(username, password)
    assert {f: e.code for f, e in caught.value.errors.items()} == {field: code}
    assert row_counts() == before


def test_only_the_first_administrator_is_created_without_signing_in(
        services: Services, admin: Actor) -> None:
    with pytest.raises(PermissionDenied):
        services.auth.create_admin("mallory", PASSWORD)
    second = services.auth.create_admin("second.admin", PASSWORD, actor=admin)
    assert services.auth.login("Second.Admin", PASSWORD).user_id == second.id
    with pytest.raises(ValidationError, match="already taken"):
        services.auth.create_admin("SECOND.ADMIN", PASSWORD, actor=admin)


def test_signing_in_returns_the_actor_with_the_admin_role(services: Services,
                                                          admin: Actor) -> None:
    actor = services.auth.login("  ADMIN ", PASSWORD)
    assert (actor.user_id, actor.username, actor.display_name) == (admin.user_id, "admin",
                                                                   "Ada Admin")
    assert actor.is_admin and actor.can("customers", "delete")
    assert not actor.must_change_password


def test_every_failed_sign_in_gets_the_same_answer(services: Services, admin: Actor) -> None:
    messages = []
    for username, password in (("admin", "wrong password!"), ("nobody", PASSWORD),
                               ("", PASSWORD), ("admin", "")):
        with pytest.raises(AuthenticationFailed) as caught:
            services.auth.login(username, password)
        messages.append(str(caught.value))
    assert len(set(messages)) == 1
    assert "invalid username or password" in messages[0]


def test_sign_ins_are_audited(services: Services, admin: Actor,
                              audit_log: Callable[[], list[Any]]) -> None:
    genesis, created, first_login = audit_log()
    assert genesis.action == "genesis"  # the migrations begin the chain
    assert (created.action, created.username, created.user_id) == ("create", "(console)", None)
    assert created.changes["username"] == [None, "admin"]
    assert (first_login.action, first_login.user_id) == ("login", admin.user_id)
    for username, password in (("admin", "wrong password!"), ("nobody", "whatever pw")):
        with pytest.raises(AuthenticationFailed):
            services.auth.login(username, password)
    services.auth.login("admin", PASSWORD)
    wrong, unknown, success = audit_log()[3:]
    assert (wrong.action, wrong.user_id, wrong.changes) == (
        "login_failed", admin.user_id, {"reason": "wrong password"})
    assert (unknown.action, unknown.user_id, unknown.username, unknown.changes) == (
        "login_failed", None, "nobody", {"reason": "unknown user"})
    assert (success.action, success.entity_type, success.entity_id) == (
        "login", "user", str(admin.user_id))
