"""Signing in costs the same whoever tries: an unknown user, a wrong password, a disabled
or locked account and the right password each cost exactly one argon2id verification
against a hash of the same parameters. (The attack run of 4/10 measured the times; a test
counts the work instead, because these machines are too noisy for a clock.)"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher, extract_parameters

from app.logic.admin import passwords
from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch, quick_hashing: None
                  ) -> Iterator[list[Any]]:
    """The parameters of every hash argon2 verifies from now on."""
    seen: list[Any] = []
    cheap = passwords.HASHER

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            seen.append(extract_parameters(str(hash)))
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "HASHER", Counting(
        cheap.time_cost, cheap.memory_cost, cheap.parallelism, cheap.hash_len, cheap.salt_len))
    passwords._dummy_hash.cache_clear()  # made anew with this hasher's parameters
    yield seen
    passwords._dummy_hash.cache_clear()


def test_every_kind_of_sign_in_verifies_one_hash_of_the_same_cost(
        services: Services, admin: Actor, make_user: Callable[..., Actor],
        verifications: list[Any]) -> None:
    make_user("gone", "Gone", roles=("salesperson",))
    gone = next(u for u in services.users.list_all_users(admin) if u.username == "gone")
    services.users.disable_user(admin, gone.id, gone.version)
    make_user("locked", "Locked", roles=("salesperson",))
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            services.auth.login("locked", "not the password")
    tries: list[tuple[str, str]] = [
        ("nobody", ADMIN_PASSWORD),  # unknown user
        ("admin", "wrong password!"),  # wrong password
        ("gone", ADMIN_PASSWORD),  # disabled account
        ("locked", ADMIN_PASSWORD),  # locked account, right password
        ("admin", ADMIN_PASSWORD),  # right password
    ]
    verifications.clear()
    for username, password in tries:
        before = len(verifications)
        with contextlib.suppress(AuthenticationFailed):
            services.auth.login(username, password)
        assert len(verifications) == before + 1, username
    assert len({(p.time_cost, p.memory_cost, p.parallelism, p.type)
                for p in verifications}) == 1
