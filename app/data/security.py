"""Repositories for users' security state, roles, departments and settings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from app.data.models import (
    AuditEntry,
    Department,
    Role,
    RolePermission,
    RoleScope,
    Setting,
    User,
    UserRole,
)

NON_WRITE_ACTIONS = ("login", "login_failed", "lockout", "logout", "password_change")


class LoginAttempts:
    """The failure counter, changed only by single atomic UPDATE statements, so parallel
    guesses cannot get past the limit."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def reserve(self, user_id: int, limit: int, now: datetime) -> bool:
        """Count one attempt before the password is checked; False when locked out.

        An expired lock starts a fresh count. At most ``limit`` attempts per lock window
        get a reservation, however many clients try at once.
        """
        expired = and_(User.locked_until.is_not(None), User.locked_until <= now)
        result = self.session.execute(
            update(User)
            .where(User.id == user_id,
                   or_(expired, and_(User.locked_until.is_(None), User.failed_logins < limit)))
            .values(failed_logins=_case(expired, 1, User.failed_logins + 1),
                    locked_until=_case(expired, None, User.locked_until))
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def lock_if_limit(self, user_id: int, limit: int, until: datetime) -> bool:
        result = self.session.execute(
            update(User).where(User.id == user_id, User.failed_logins >= limit,
                               User.locked_until.is_(None))
            .values(locked_until=until).execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def succeed(self, user_id: int, now: datetime) -> None:
        self.session.execute(
            update(User).where(User.id == user_id)
            .values(failed_logins=0, locked_until=None, last_login_at=now)
            .execution_options(synchronize_session=False)
        )

    def unlock(self, user_id: int) -> None:
        self.session.execute(
            update(User).where(User.id == user_id).values(failed_logins=0, locked_until=None)
            .execution_options(synchronize_session=False)
        )


def _case(condition: Any, then: Any, otherwise: Any) -> Any:
    from sqlalchemy import case

    return case((condition, then), else_=otherwise)


class RoleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> Sequence[Role]:
        return self.session.execute(
            select(Role).options(selectinload(Role.permissions), selectinload(Role.scopes))
            .order_by(Role.id)).scalars().all()

    def get(self, role_id: int) -> Role | None:
        return self.session.get(Role, role_id)

    def by_code(self, code: str) -> Role | None:
        return self.session.execute(select(Role).where(Role.code == code)).scalar_one_or_none()

    def by_codes(self, codes: Sequence[str]) -> list[Role]:
        return list(self.session.execute(select(Role).where(Role.code.in_(codes))).scalars())

    def add(self, role: Role) -> Role:
        self.session.add(role)
        return role

    def delete(self, role: Role) -> None:
        self.session.delete(role)

    def member_count(self, role_id: int) -> int:
        return int(self.session.execute(
            select(func.count()).select_from(UserRole).where(UserRole.role_id == role_id)
        ).scalar_one())

    def rights_of(self, user_id: int) -> tuple[set[tuple[str, str]], dict[str, str], set[str]]:
        """The union of the rights of a user's roles, the widest scope per module, and
        the codes of the roles."""
        roles = self.session.execute(
            select(Role.id, Role.code).join(UserRole, UserRole.role_id == Role.id)
            .where(UserRole.user_id == user_id)).all()
        ids = [r.id for r in roles]
        rights = {(p.module, p.action) for p in self.session.execute(
            select(RolePermission.module, RolePermission.action)
            .where(RolePermission.role_id.in_(ids)))}
        order = {"own": 0, "team": 1, "all": 2}
        scopes: dict[str, str] = {}
        for s in self.session.execute(select(RoleScope.module, RoleScope.scope)
                                      .where(RoleScope.role_id.in_(ids))):
            if order.get(s.scope, 0) >= order.get(scopes.get(s.module, "own"), 0):
                scopes[s.module] = s.scope
        return rights, scopes, {r.code for r in roles}

    def active_users_with(self, code: str) -> list[int]:
        return list(self.session.execute(
            select(User.id).join(UserRole, UserRole.user_id == User.id)
            .join(Role, Role.id == UserRole.role_id)
            .where(Role.code == code, User.is_active.is_(True))
            .with_for_update(of=User)).scalars())  # serialises "last admin" checks


class DepartmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> Sequence[Department]:
        return self.session.execute(select(Department).order_by(Department.name)).scalars().all()

    def get(self, department_id: int) -> Department | None:
        return self.session.get(Department, department_id)

    def by_name(self, name: str) -> Department | None:
        return self.session.execute(
            select(Department).where(Department.name == name)).scalar_one_or_none()

    def add(self, department: Department) -> Department:
        self.session.add(department)
        return department

    def delete(self, department: Department) -> None:
        self.session.delete(department)

    def member_count(self, department_id: int) -> int:
        return int(self.session.execute(
            select(func.count()).select_from(User).where(User.department_id == department_id)
        ).scalar_one())

    def team_of(self, user_id: int) -> set[int]:
        """Users in the departments the user belongs to or manages."""
        user_dept = select(User.department_id).where(User.id == user_id).scalar_subquery()
        managed = select(Department.id).where(Department.manager_id == user_id)
        rows = self.session.execute(
            select(User.id).where(or_(User.department_id == user_dept,
                                      User.department_id.in_(managed)))).scalars()
        return set(rows)


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, str]:
        return {s.key: s.value for s in self.session.execute(select(Setting)).scalars()}

    def put(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value


def has_history(session: Session, user_id: int) -> bool:
    """True when the user wrote anything (the audit log says so) or owns customers."""
    from app.data.models import Customer

    wrote = session.execute(
        select(AuditEntry.id).where(AuditEntry.user_id == user_id,
                                    AuditEntry.action.not_in(NON_WRITE_ACTIONS)).limit(1)
    ).first()
    owns = session.execute(select(Customer.id).where(Customer.owner_id == user_id).limit(1)
                           ).first()
    return wrote is not None or owns is not None


def delete_user(session: Session, user: User) -> None:
    session.delete(user)  # the ORM removes the user_roles rows with it
