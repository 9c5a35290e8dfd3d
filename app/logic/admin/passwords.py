"""Password hashing with argon2id (argon2-cffi) and the password policy."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.logic.kit.errors import FieldError, ValidationError

# At least OWASP ASVS's argon2id minimum (m=19 MiB, t=2, p=1); we use RFC 9106's
# low-memory profile: 64 MiB, 3 passes, 4 lanes. Older hashes are upgraded at login.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
MAX_LENGTH = 128  # at least 64 characters must be allowed (ASVS 2.1.2)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash checked when the user does not exist, so an unknown user costs the same
    time as a wrong password."""
    return HASHER.hash("kehu-dummy-password-for-timing")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        verified = bool(HASHER.verify(stored_hash or _dummy_hash(), password))
        return verified and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    from app.paths import resources_dir

    path = resources_dir() / "common-passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_password_policy(password: str, min_length: int, username: str = "") -> None:
    """Length only (no composition rules), and not a common or obvious password."""
    problem = None
    if len(password) < min_length:
        problem = FieldError("too_short", f"must be at least {min_length} characters")
    elif len(password) > MAX_LENGTH:
        problem = FieldError("too_long", f"must be at most {MAX_LENGTH} characters")
    elif password.lower() in common_passwords() or (username and
                                                    password.lower() == username.lower()):
        problem = FieldError("common_password", "is too common; choose another")
    if problem:
        raise ValidationError({"password": problem})
