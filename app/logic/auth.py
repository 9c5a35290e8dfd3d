"""Users and sign-in: create the first administrator, log in, change a password."""

from __future__ import annotations

from app.data.models import User
from app.data.uow import UnitOfWork
from app.logic.customers import UowFactory
from app.logic.dto import Actor, UserRow
from app.logic.errors import AuthenticationFailed, FieldError, PermissionDenied, ValidationError
from app.logic.passwords import hash_password, needs_rehash, verify_password
from app.logic.permissions import require
from app.logic.validation import Checker

MIN_PASSWORD = 8
MAX_PASSWORD = 128
USERNAME_MAX = 64


def check_username(username: str) -> str:
    c = Checker()
    name = c.text("username", username, USERNAME_MAX, required=True)
    if name and "username" not in c.errors and not all(ch.isalnum() or ch in "._-@"
                                                       for ch in name):
        c.fail("username", "invalid_username", "may use letters, digits and . _ - @")
    if c.errors:
        raise ValidationError(c.errors)
    return name


def check_password(password: str, min_length: int = MIN_PASSWORD) -> None:
    if len(password) < min_length:
        raise ValidationError({"password": FieldError(
            "too_short", f"must be at least {min_length} characters")})
    if len(password) > MAX_PASSWORD:
        raise ValidationError({"password": FieldError(
            "too_long", f"must be at most {MAX_PASSWORD} characters")})


def actor_for(user: User) -> Actor:
    """The identity services receive. Until roles exist every user holds every right."""
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name,
                 is_admin=True, must_change_password=user.must_change_password)


class AuthService:
    def __init__(self, uow: UowFactory) -> None:
        self._uow = uow

    def login(self, username: str, password: str) -> Actor:
        with self._uow() as uow:
            user = uow.users.by_username(username)
            ok = verify_password(user.password_hash if user else None, password)
            if user is None or not ok or not user.is_active:
                if user is not None:
                    user.failed_logins += 1
                    uow.audit.append(user_id=user.id, username=user.username,
                                     action="login_failed", entity_type="user",
                                     entity_id=user.id, changes={})
                    uow.commit()
                raise AuthenticationFailed()
            from app.logic.clock import now

            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            user.failed_logins = 0
            user.last_login_at = now()
            uow.audit.append(user_id=user.id, username=user.username, action="login",
                             entity_type="user", entity_id=user.id, changes={})
            uow.commit()
            return actor_for(user)

    def has_users(self) -> bool:
        """True once any user exists (before that, the console may create the first admin)."""
        with self._uow(write=False) as uow:
            return uow.users.count() > 0

    def create_admin(self, username: str, password: str, display_name: str = "",
                     actor: Actor | None = None) -> UserRow:
        """Create an administrator. Without ``actor`` only on an empty database (bootstrap)."""
        if actor is not None:
            require(actor, "admin", "create")
        elif self.has_users():
            raise PermissionDenied("admin", "create",
                                   "users exist already: sign in as an administrator first")
        name = check_username(username)
        check_password(password)
        with self._uow() as uow:
            if uow.users.by_username(name) is not None:
                raise ValidationError({"username": FieldError("duplicate_username",
                                                              "is already taken")})
            user = self._add_user(uow, name, password, display_name or name)
            uow.audit.append(user_id=actor.user_id if actor else None,
                             username=actor.username if actor else "(console)", action="create",
                             entity_type="user", entity_id=user.id,
                             changes={"username": [None, name], "role": [None, "admin"]})
            uow.commit()
            return UserRow(user.id, user.username, user.display_name, user.is_active,
                           user.version)

    @staticmethod
    def _add_user(uow: UnitOfWork, username: str, password: str, display_name: str) -> User:
        user = User(username=username, display_name=display_name,
                    password_hash=hash_password(password))
        uow.users.add(user)
        uow.flush()
        return user

    def list_users(self, actor: Actor) -> list[UserRow]:
        with self._uow(write=False) as uow:
            return [UserRow(u.id, u.username, u.display_name, u.is_active, u.version)
                    for u in uow.users.list_all()]
