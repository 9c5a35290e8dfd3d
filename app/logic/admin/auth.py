"""Signing in: lockout, password policy, the first administrator, changing a password."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.data.admin import (
    DepartmentRepository,
    LoginAttempts,
    RoleRepository,
    User,
    UserRepository,
)
from app.data.kit.uow import UnitOfWork
from app.logic.admin.dto import SecuritySettings, UserRow
from app.logic.admin.fields import ADMIN_ROLE
from app.logic.admin.passwords import (
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.logic.admin.settings import read_security_settings
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed, FieldError, PermissionDenied, ValidationError
from app.logic.kit.permissions import require
from app.logic.kit.service import Service
from app.logic.kit.validation import Checker

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


def build_actor(uow: UnitOfWork, user: User, settings: SecuritySettings) -> Actor:
    rights, scopes, codes = uow.get(RoleRepository).rights_of(user.id)
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name,
                 rights=frozenset(rights), scopes=tuple(sorted(scopes.items())),
                 team_user_ids=frozenset(uow.get(DepartmentRepository).team_of(user.id)),
                 is_admin="admin" in codes, must_change_password=user.must_change_password,
                 role_codes=frozenset(codes), idle_lock_minutes=settings.idle_lock_minutes)


class AuthService(Service):
    def login(self, username: str, password: str, record: bool = True) -> Actor:
        """Sign in. The same message, after the same password-hash work, for an unknown
        user, a wrong password or a disabled account. A locked account is told that it is
        locked, and until when, only with the right password (who knows it may know).

        ``record=False``: a success writes no audit entry, for a sign-in that only reads the
        audit chain (verifying must not write to what it verifies). Failures and lockouts
        are recorded all the same, and every try counts towards the lockout."""
        with self._uow() as uow:
            settings = read_security_settings(uow)
            user = uow.get(UserRepository).by_username(username) if username.strip() else None
            reserved = user is not None and uow.get(LoginAttempts).reserve(
                user.id, settings.lockout_threshold, now())
            uow.commit()
            user_id, stored = (user.id, user.password_hash) if user else (None, None)
            locked_until = user.locked_until if user is not None and not reserved else None
        ok = verify_password(stored, password)
        with self._uow() as uow:
            user = uow.get(UserRepository).get(user_id) if user_id is not None else None
            if user is None or not ok or not user.is_active or not reserved:
                self._record_failure(uow, username, user, settings, reserved)
                uow.commit()
                if ok and user is not None and user.is_active and not reserved:
                    raise _locked(locked_until)
                raise AuthenticationFailed(LOGIN_FAILED)
            uow.get(LoginAttempts).succeed(user.id, now())
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            if record:
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
            if uow.get(LoginAttempts).lock_if_limit(user.id, settings.lockout_threshold, until):
                uow.audit.append(user_id=uid, username=name, action="lockout",
                                 entity_type="user", entity_id=uid,
                                 changes={"locked_until": [None, until.isoformat()]})

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> Actor:
        """Change one's own password (required after an administrator reset it)."""
        with self._open(actor, password_change=True) as uow:
            user = uow.get(UserRepository).get(actor.user_id)
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
            return uow.get(UserRepository).count() > 0

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
            users = uow.get(UserRepository)
            if users.by_username(name) is not None:
                raise ValidationError({"username": FieldError("duplicate_username",
                                                              "is already taken")})
            user = users.new({"username": name, "display_name": display_name or name,
                              "password_hash": hash_password(password),
                              "password_changed_at": now()},
                             actor.user_id if actor else None)
            user.roles = uow.get(RoleRepository).by_codes([ADMIN_ROLE])
            uow.flush()
            uow.audit.append(user_id=actor.user_id if actor else None,
                             username=actor.username if actor else "(console)", action="create",
                             entity_type="user", entity_id=user.id,
                             changes={"username": [None, name], "roles": [None, ["admin"]]})
            uow.commit()
            return UserRow(user.id, user.username, user.display_name, user.is_active,
                           user.version, roles=(ADMIN_ROLE,))

    def list_users(self, actor: Actor) -> list[UserRow]:
        """Active users to choose from (the audit log's user filter)."""
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return [UserRow(u.id, u.username, u.display_name, u.is_active, u.version)
                    for u in uow.get(UserRepository).list_all() if u.is_active]

    def security_settings(self) -> SecuritySettings:
        """The policy in force (no sign-in needed: the login dialog shows it)."""
        with self._uow(write=False) as uow:
            return read_security_settings(uow)


def _locked(until: datetime | None) -> AuthenticationFailed:
    when = until.isoformat(timespec="minutes") if until else "later"
    return AuthenticationFailed(f"this account is locked after too many failed sign-ins, "
                                f"until {when}; an administrator can unlock it",
                                reason="locked", until=until)
