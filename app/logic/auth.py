"""Signing in: lockout, password policy, the first administrator, changing a password."""

from __future__ import annotations

from datetime import timedelta

from app.data.models import User
from app.data.uow import UnitOfWork
from app.logic.base import Service
from app.logic.clock import now
from app.logic.dto import Actor, SecuritySettings, UserRow
from app.logic.errors import AuthenticationFailed, FieldError, PermissionDenied, ValidationError
from app.logic.passwords import (
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.logic.permissions import require
from app.logic.validation import Checker

USERNAME_MAX = 64
LOGIN_FAILED = ("invalid username or password (after repeated failures the account is "
                "locked for a while)")


def check_username(username: str) -> str:
    c = Checker()
    name = c.text("username", username, USERNAME_MAX, required=True)
    if name and "username" not in c.errors and not all(ch.isalnum() or ch in "._-@"
                                                       for ch in name):
        c.fail("username", "invalid_username", "may use letters, digits and . _ - @")
    if c.errors:
        raise ValidationError(c.errors)
    return name


def read_security_settings(uow: UnitOfWork) -> SecuritySettings:
    stored = uow.settings.all()
    defaults = SecuritySettings()
    values = {}
    for name in ("password_min_length", "lockout_threshold", "lockout_minutes",
                 "idle_lock_minutes"):
        try:
            values[name] = int(stored.get(name, getattr(defaults, name)))
        except ValueError:
            values[name] = getattr(defaults, name)
    return SecuritySettings(**values)


def build_actor(uow: UnitOfWork, user: User, settings: SecuritySettings) -> Actor:
    rights, scopes, codes = uow.roles.rights_of(user.id)
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name,
                 rights=frozenset(rights), scopes=tuple(sorted(scopes.items())),
                 team_user_ids=frozenset(uow.departments.team_of(user.id)),
                 is_admin="admin" in codes, must_change_password=user.must_change_password,
                 role_codes=frozenset(codes), idle_lock_minutes=settings.idle_lock_minutes)


class AuthService(Service):
    def login(self, username: str, password: str) -> Actor:
        """Sign in. The same message, after the same password-hash work, for an unknown
        user, a wrong password, a disabled or a locked account."""
        with self._uow() as uow:
            settings = read_security_settings(uow)
            user = uow.users.by_username(username) if username.strip() else None
            reserved = user is not None and uow.login_attempts.reserve(
                user.id, settings.lockout_threshold, now())
            uow.commit()
            user_id, stored = (user.id, user.password_hash) if user else (None, None)
        ok = verify_password(stored if reserved else None, password)
        with self._uow() as uow:
            user = uow.users.get(user_id) if user_id is not None else None
            if user is None or not ok or not user.is_active:
                self._record_failure(uow, username, user, settings, reserved)
                uow.commit()
                raise AuthenticationFailed(LOGIN_FAILED)
            uow.login_attempts.succeed(user.id, now())
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            uow.audit.append(user_id=user.id, username=user.username, action="login",
                             entity_type="user", entity_id=user.id, changes={})
            actor = build_actor(uow, user, settings)
            uow.commit()
            return actor

    @staticmethod
    def _record_failure(uow: UnitOfWork, username: str, user: User | None,
                        settings: SecuritySettings, reserved: bool) -> None:
        name = user.username if user else username.strip()[:USERNAME_MAX]
        uid = user.id if user else None
        reason = ("unknown user" if user is None else "locked" if not reserved
                  else "disabled" if not user.is_active else "wrong password")
        uow.audit.append(user_id=uid, username=name, action="login_failed", entity_type="user",
                         entity_id=uid or "", changes={"reason": reason})
        if user is not None and reserved:
            until = now() + timedelta(minutes=settings.lockout_minutes)
            if uow.login_attempts.lock_if_limit(user.id, settings.lockout_threshold, until):
                uow.audit.append(user_id=uid, username=name, action="lockout",
                                 entity_type="user", entity_id=uid,
                                 changes={"locked_until": [None, until.isoformat()]})

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> Actor:
        """Change one's own password (required after an administrator reset it)."""
        with self._open(actor, password_change=True) as uow:
            user = uow.users.get(actor.user_id)
            assert user is not None
            if not verify_password(user.password_hash, old_password):
                raise ValidationError({"old_password": FieldError(
                    "wrong_password", "is not your current password")})
            settings = read_security_settings(uow)
            check_password_policy(new_password, settings.password_min_length, user.username)
            if verify_password(user.password_hash, new_password):
                raise ValidationError({"password": FieldError(
                    "same_password", "must differ from the current password")})
            user.password_hash = hash_password(new_password)
            user.must_change_password = False
            user.password_changed_at = now()
            uow.audit.append(user_id=user.id, username=user.username, action="password_change",
                             entity_type="user", entity_id=user.id, changes={})
            actor = build_actor(uow, user, settings)
            uow.commit()
            return actor

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
        with self._uow() as uow:
            check_password_policy(password, read_security_settings(uow).password_min_length,
                                  name)
            if uow.users.by_username(name) is not None:
                raise ValidationError({"username": FieldError("duplicate_username",
                                                              "is already taken")})
            user = User(username=name, display_name=display_name or name,
                        password_hash=hash_password(password), password_changed_at=now(),
                        created_by=actor.user_id if actor else None)
            user.roles = uow.roles.by_codes(["admin"])
            uow.users.add(user)
            uow.flush()
            uow.audit.append(user_id=actor.user_id if actor else None,
                             username=actor.username if actor else "(console)", action="create",
                             entity_type="user", entity_id=user.id,
                             changes={"username": [None, name], "roles": [None, ["admin"]]})
            uow.commit()
            return UserRow(user.id, user.username, user.display_name, user.is_active,
                           user.version, roles=("admin",))

    def list_users(self, actor: Actor) -> list[UserRow]:
        """Active users to choose from, e.g. as a customer's owner."""
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return [UserRow(u.id, u.username, u.display_name, u.is_active, u.version)
                    for u in uow.users.list_all() if u.is_active]

    def security_settings(self) -> SecuritySettings:
        """The policy in force (no sign-in needed: the login dialog shows it)."""
        with self._uow(write=False) as uow:
            return read_security_settings(uow)
