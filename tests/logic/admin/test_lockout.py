"""Lockout: 5 failures lock for 15 minutes, counted atomically even under parallel guessing."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.data.admin import User
from app.data.database import Database
from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD


def attempts(services: Services, username: str, password: str, n: int) -> int:
    ok = 0
    for _ in range(n):
        try:
            services.auth.login(username, password)
            ok += 1
        except AuthenticationFailed:
            pass
    return ok


def test_five_failures_lock_the_account(services: Services, admin: Actor, audit_log) -> None:
    assert attempts(services, "admin", "wrong password", 5) == 0
    with pytest.raises(AuthenticationFailed) as locked:
        services.auth.login("admin", ADMIN_PASSWORD)  # right password, but locked
    # The right password learns that the account is locked, and until when.
    assert locked.value.reason == "locked" and "locked" in str(locked.value)
    assert locked.value.until is not None
    assert datetime.now(UTC) < locked.value.until <= datetime.now(UTC) + timedelta(minutes=15)
    with pytest.raises(AuthenticationFailed) as wrong:  # a wrong one learns nothing
        services.auth.login("admin", "wrong password")
    assert wrong.value.reason == "" and "invalid username or password" in str(wrong.value)
    actions = [e.action for e in audit_log()]
    assert actions.count("lockout") == 1
    assert actions.count("login_failed") == 7


def test_unknown_user_and_wrong_password_get_the_same_message(services: Services,
                                                              admin: Actor) -> None:
    with pytest.raises(AuthenticationFailed) as unknown:
        services.auth.login("nobody-here", "whatever1")
    with pytest.raises(AuthenticationFailed) as wrong:
        services.auth.login("admin", "whatever1")
    assert str(unknown.value) == str(wrong.value)


def test_the_lock_expires_and_an_administrator_can_unlock(services: Services, admin: Actor,
                                                          make_user, db: Database) -> None:
    make_user("sales1", roles=("salesperson",))
    attempts(services, "sales1", "nope", 5)
    with pytest.raises(AuthenticationFailed):
        services.auth.login("sales1", ADMIN_PASSWORD)
    row = next(u for u in services.users.list_all_users(admin) if u.username == "sales1")
    assert row.locked and row.locked_until is not None  # the users list says until when
    services.users.unlock_user(admin, row.id)
    assert services.auth.login("sales1", ADMIN_PASSWORD).username == "sales1"
    attempts(services, "sales1", "nope", 5)
    with db.unit_of_work() as uow:  # fifteen minutes pass
        uow.session.execute(update(User).where(User.username == "sales1").values(
            locked_until=datetime.now(UTC) - timedelta(seconds=1)))
        uow.commit()
    assert services.auth.login("sales1", ADMIN_PASSWORD).username == "sales1"


def test_parallel_guessers_get_no_more_than_the_limit(services: Services, admin: Actor,
                                                      other_client, audit_log) -> None:
    """8 clients, each with its own connection pool, guess at once: at most 5 guesses are
    ever checked, and the right password is refused once the account is locked."""
    clients = [Services.build(other_client().unit_of_work) for _ in range(8)]
    start = threading.Barrier(len(clients))

    def guess(client: Services) -> None:
        start.wait()
        attempts(client, "admin", "not the password", 3)

    threads = [threading.Thread(target=guess, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    checked = [e for e in audit_log() if e.action == "login_failed"
               and e.changes.get("reason") == "wrong password"]
    assert len(checked) == 5
    with pytest.raises(AuthenticationFailed):
        services.auth.login("admin", ADMIN_PASSWORD)
