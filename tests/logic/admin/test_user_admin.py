"""User administration: password policy, reset, disable, delete, and the last administrator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher

from app.logic.admin import passwords
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import AuthenticationFailed, InvalidQuery, ValidationError
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD


def user(services: Services, admin: Actor, username: str):
    return next(u for u in services.users.list_all_users(admin) if u.username == username)


@pytest.mark.parametrize(("password", "code"), [
    ("short1", "too_short"), ("password123", "common_password"), ("12345678", "common_password"),
    ("newbie-1", "common_password"), ("x" * 129, "too_long")])
def test_password_policy(services: Services, admin: Actor, password: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        services.users.add_user(admin, "newbie-1", password, roles=["salesperson"])
    assert err.value.errors["password"].code == code
    assert [u.username for u in services.users.list_all_users(admin)] == ["admin"]


def test_long_passphrases_and_no_composition_rules(services: Services, admin: Actor) -> None:
    passphrase = "我的密码是一句很长的话 and it has spaces, " * 3  # 64+ characters
    assert len(passphrase) >= 64
    services.users.add_user(admin, "poet", passphrase, roles=["salesperson"])
    actor = services.auth.login("poet", passphrase)
    assert actor.must_change_password


def test_the_administrator_can_raise_the_minimum_length(services: Services, admin: Actor
                                                        ) -> None:
    settings = services.settings.get_security_settings(admin)
    changed = services.settings.update_security_settings(admin, settings.version,
                                                         password_min_length=12)
    assert changed.extra["settings"].password_min_length == 12
    assert changed.version == changed.extra["settings"].version == settings.version + 1
    with pytest.raises(ValidationError):
        services.users.add_user(admin, "bob", "eleven-char", roles=["salesperson"])
    services.users.add_user(admin, "bob", "twelve-chars", roles=["salesperson"])
    with pytest.raises(ValidationError):
        services.settings.update_security_settings(admin, changed.version,
                                                   password_min_length=4)


def test_a_reset_password_must_be_changed_at_next_sign_in(services: Services, admin: Actor,
                                                          make_user: Callable[..., Actor]
                                                          ) -> None:
    make_user("sales1", roles=("salesperson",))
    row = user(services, admin, "sales1")
    services.users.reset_password(admin, row.id, row.version, "temporary-42")
    first = services.auth.login("sales1", "temporary-42")
    assert first.must_change_password
    with pytest.raises(AuthenticationFailed):
        services.customers.list_customers(first, ListQuery())
    after = services.auth.change_password(first, "temporary-42", "my own secret 42")
    assert not after.must_change_password
    assert services.customers.list_customers(after, ListQuery()).rows == ()


def test_a_disabled_users_next_action_fails(services: Services, admin: Actor,
                                            make_user: Callable[..., Actor]) -> None:
    sales = make_user("sales1", roles=("salesperson",))
    services.customers.create_customer(sales, {"name": "Before disabling"})
    row = user(services, admin, "sales1")
    services.users.disable_user(admin, row.id, row.version)
    with pytest.raises(AuthenticationFailed):
        services.customers.create_customer(sales, {"name": "After disabling"})
    with pytest.raises(AuthenticationFailed):
        services.auth.login("sales1", ADMIN_PASSWORD)


def test_delete_only_users_who_never_wrote_anything(services: Services, admin: Actor,
                                                    make_user: Callable[..., Actor]) -> None:
    writer = make_user("writer", roles=("salesperson",))
    services.customers.create_customer(writer, {"name": "Written by writer"})
    services.users.add_user(admin, "idle", "idle-user-pw", roles=["salesperson"])
    with pytest.raises(ValidationError) as err:
        row = user(services, admin, "writer")
        services.users.delete_user(admin, row.id, row.version)
    assert err.value.errors["user"].code == "has_history"
    idle = user(services, admin, "idle")
    services.users.delete_user(admin, idle.id, idle.version)
    assert {u.username for u in services.users.list_all_users(admin)} == {"admin", "writer"}


def test_the_last_administrator_cannot_be_lost(services: Services, admin: Actor,
                                               make_user: Callable[..., Actor]) -> None:
    me = user(services, admin, "admin")
    with pytest.raises(ValidationError):
        services.users.update_user(admin, me.id, me.version, roles=["salesperson"])
    second = make_user("second_admin", roles=("admin",))
    other = user(services, admin, "second_admin")
    services.users.disable_user(admin, other.id, other.version)
    with pytest.raises(ValidationError) as err:  # now admin is the last active one again
        services.users.update_user(admin, me.id, me.version, roles=["auditor"])
    assert err.value.errors["roles"].code == "last_admin"
    with pytest.raises(ValidationError):  # nor can the admin role lose its admin rights
        role = services.roles.get_role(admin, "admin")
        services.roles.update_role(admin, "admin", role.version,
                                   rights=role.rights - {("admin", "edit")})
    assert second.username == "second_admin"


def test_old_hashes_are_upgraded_at_the_next_login(services: Services, admin: Actor,
                                                   db, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import select

    from app.data.admin import User

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(passwords, "HASHER", stronger)  # the parameters were raised
    services.auth.login("admin", ADMIN_PASSWORD)
    with db.unit_of_work(write=False) as uow:
        stored = uow.session.execute(select(User.password_hash)).scalar_one()
    assert "m=16,t=2" in stored and weak.check_needs_rehash(stored) is not None


def test_the_production_hash_meets_owasp_asvs() -> None:
    params = passwords.HASHER
    assert params.type.name == "ID"
    assert params.memory_cost >= 19456 and params.time_cost >= 2


def test_the_users_list_checks_its_filters_and_takes_a_department_by_name(
        services: Services, admin: Actor) -> None:
    dept = services.departments.create_department(admin, "销售一部").saved
    services.users.add_user(admin, "bob", "bob-password-1", roles=["salesperson"],
                            department_id="销售一部")
    services.users.add_user(admin, "carol", "carol-password-1", roles=["salesperson"])
    for value in (dept.id, "销售一部"):
        rows = list(services.users.rows(admin, ListQuery(filters=(("department", value),))))
        assert [r.username for r in rows] == ["bob"]
    assert [r.username for r in services.users.rows(admin, ListQuery(sort="username",
                                                                     descending=True))] == [
        "carol", "bob", "admin"]
    for query, named in ((ListQuery(filters=(("department", "华南区"),)), "'华南区'"),
                         (ListQuery(filters=(("is_active", "yes"),)), "department"),
                         (ListQuery(sort="password_hash"), "username")):
        with pytest.raises(InvalidQuery, match=named):
            list(services.users.rows(admin, query))
