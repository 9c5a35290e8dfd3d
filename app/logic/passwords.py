"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# At least OWASP ASVS's argon2id minimum (m=19 MiB, t=2, p=1); we use RFC 9106's
# low-memory profile: 64 MiB, 3 passes, 4 lanes.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)
# A hash of a random password, verified against when the user does not exist, so an
# unknown user costs the same time as a wrong password.
_DUMMY = HASHER.hash("kehu-dummy-password-for-timing")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash or _DUMMY, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
