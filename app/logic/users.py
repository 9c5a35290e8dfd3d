"""User administration: add, edit, disable, enable, delete, reset password, unlock."""

from __future__ import annotations

from collections.abc import Sequence

from app.data.models import User
from app.data.security import delete_user, has_history
from app.data.uow import UnitOfWork
from app.logic.auth import check_username, read_security_settings
from app.logic.base import Service
from app.logic.clock import now
from app.logic.dto import Actor, Changed, UserRow
from app.logic.errors import FieldError, NotFound, ValidationError
from app.logic.passwords import check_password_policy, hash_password
from app.logic.permissions import require
from app.logic.validation import Checker

ADMIN_ROLE = "admin"


def user_row(user: User) -> UserRow:
    locked = user.locked_until is not None and user.locked_until > now()
    return UserRow(user.id, user.username, user.display_name, user.is_active, user.version,
                   department_id=user.department_id, roles=tuple(r.code for r in user.roles),
                   locked=locked, must_change_password=user.must_change_password,
                   last_login_at=user.last_login_at)


class UserService(Service):
    def list_all_users(self, actor: Actor) -> list[UserRow]:
        require(actor, "admin", "view")
        with self._open(actor, write=False) as uow:
            names = {d.id: d.name for d in uow.departments.all()}
            return [_with_department(user_row(u), names) for u in uow.users.list_all()]

    def add_user(self, actor: Actor, username: str, password: str, display_name: str = "",
                 roles: Sequence[str] = (), department_id: int | None = None) -> UserRow:
        require(actor, "admin", "create")
        name = check_username(username)
        display = _display_name(display_name or name)
        with self._open(actor) as uow:
            check_password_policy(password, read_security_settings(uow).password_min_length,
                                  name)
            if uow.users.by_username(name) is not None:
                raise ValidationError({"username": FieldError("duplicate_username",
                                                              "is already taken")})
            user = User(username=name, display_name=display, password_hash=hash_password(password),
                        must_change_password=True, created_by=actor.user_id,
                        updated_by=actor.user_id)
            user.roles = _roles(uow, roles)
            user.department_id = _department(uow, department_id)
            uow.users.add(user)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="create",
                             entity_type="user", entity_id=user.id,
                             changes={"username": [None, name], "display_name": [None, display],
                                      "roles": [None, sorted(r.code for r in user.roles)],
                                      "department_id": [None, user.department_id]})
            uow.commit()
            return user_row(user)

    def update_user(self, actor: Actor, user_id: int, expected_version: int,
                    display_name: str | None = None, roles: Sequence[str] | None = None,
                    department_id: int | str | None = "") -> UserRow:
        """Change a user's display name, roles or department ("" leaves it as it is)."""
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            user = _load(uow, user_id, expected_version)
            changes: dict[str, list] = {}
            if display_name is not None and display_name.strip() != user.display_name:
                changes["display_name"] = [user.display_name, _display_name(display_name)]
                user.display_name = changes["display_name"][1]
            if roles is not None:
                new_roles = _roles(uow, roles)
                before = sorted(r.code for r in user.roles)
                after = sorted(r.code for r in new_roles)
                if before != after:
                    if ADMIN_ROLE in before and ADMIN_ROLE not in after:
                        _keep_an_admin(uow, user)
                    user.roles = new_roles
                    changes["roles"] = [before, after]
            if department_id != "" and department_id != user.department_id:
                dept = _department(uow, department_id)  # type: ignore[arg-type]
                changes["department_id"] = [user.department_id, dept]
                user.department_id = dept
            return self._save(uow, actor, user, "update", changes)

    def disable_user(self, actor: Actor, user_id: int, expected_version: int) -> UserRow:
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            user = _load(uow, user_id, expected_version)
            if not user.is_active:
                return user_row(user)
            if user.id == actor.user_id:
                raise ValidationError({"user": FieldError("self", "you cannot disable yourself")})
            _keep_an_admin(uow, user)
            user.is_active = False
            return self._save(uow, actor, user, "disable", {"is_active": [True, False]})

    def enable_user(self, actor: Actor, user_id: int, expected_version: int) -> UserRow:
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            user = _load(uow, user_id, expected_version)
            if user.is_active:
                return user_row(user)
            user.is_active = True
            return self._save(uow, actor, user, "enable", {"is_active": [False, True]})

    def delete_user(self, actor: Actor, user_id: int, expected_version: int) -> Changed:
        """Delete a user who never wrote anything; anyone else can only be disabled."""
        require(actor, "admin", "delete")
        with self._open(actor) as uow:
            user = _load(uow, user_id, expected_version)
            if user.id == actor.user_id:
                raise ValidationError({"user": FieldError("self", "you cannot delete yourself")})
            _keep_an_admin(uow, user)
            if has_history(uow.session, user.id):
                raise ValidationError({"user": FieldError(
                    "has_history", "has written records or owns customers; disable instead")})
            snapshot = {"username": [user.username, None],
                        "roles": [sorted(r.code for r in user.roles), None]}
            delete_user(uow.session, user)
            uow.flush()
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="delete",
                             entity_type="user", entity_id=user_id, changes=snapshot)
            uow.commit()
            return Changed("user", (user_id,))

    def reset_password(self, actor: Actor, user_id: int, expected_version: int,
                       temporary_password: str) -> UserRow:
        """Set a temporary password that must be changed at the next sign-in."""
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            user = _load(uow, user_id, expected_version)
            check_password_policy(temporary_password,
                                  read_security_settings(uow).password_min_length, user.username)
            user.password_hash = hash_password(temporary_password)
            user.must_change_password = True
            user.password_changed_at = now()
            return self._save(uow, actor, user, "reset_password",
                              {"must_change_password": [False, True]})

    def unlock_user(self, actor: Actor, user_id: int) -> UserRow:
        require(actor, "admin", "edit")
        with self._open(actor) as uow:
            user = uow.users.get(user_id)
            if user is None:
                raise NotFound("user", user_id)
            before = user.locked_until
            uow.login_attempts.unlock(user.id)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="unlock",
                             entity_type="user", entity_id=user.id,
                             changes={"locked_until": [before.isoformat() if before else None,
                                                       None]})
            uow.commit()
            uow.session.refresh(user)
            return user_row(user)

    @staticmethod
    def _save(uow: UnitOfWork, actor: Actor, user: User, action: str,
              changes: dict[str, list]) -> UserRow:
        if not changes:
            return user_row(user)
        user.updated_by = actor.user_id
        uow.flush()
        uow.audit.append(user_id=actor.user_id, username=actor.username, action=action,
                         entity_type="user", entity_id=user.id, changes=changes)
        uow.commit()
        return user_row(user)


def _with_department(row: UserRow, names: dict[int, str]) -> UserRow:
    from dataclasses import replace

    return replace(row, department=names.get(row.department_id or 0, ""))


def _display_name(value: str) -> str:
    c = Checker()
    text = c.text("display_name", value, 128, required=True)
    if c.errors:
        raise ValidationError(c.errors)
    return text


def _load(uow: UnitOfWork, user_id: int, expected_version: int) -> User:
    from app.logic.conversions import conflict_of

    user = uow.users.get(user_id)
    if user is None:
        raise NotFound("user", user_id)
    if user.version != expected_version:
        raise conflict_of(uow, "user", user.username, user, expected_version)
    return user


def _roles(uow: UnitOfWork, codes: Sequence[str]) -> list:
    found = uow.roles.by_codes(list(dict.fromkeys(codes)))
    missing = set(codes) - {r.code for r in found}
    if missing:
        raise ValidationError({"roles": FieldError("unknown_role",
                                                   f"unknown role: {', '.join(sorted(missing))}")})
    return found


def _department(uow: UnitOfWork, department_id: int | None) -> int | None:
    if department_id is None:
        return None
    if uow.departments.get(department_id) is None:
        raise ValidationError({"department_id": FieldError("unknown_department",
                                                           "is not a department")})
    return department_id


def _keep_an_admin(uow: UnitOfWork, user: User) -> None:
    """The last active administrator cannot be disabled, deleted or lose the admin role."""
    admins = uow.roles.active_users_with(ADMIN_ROLE)
    if user.is_active and admins == [user.id]:
        raise ValidationError({"roles": FieldError(
            "last_admin", "is the last active administrator; add another one first")})
