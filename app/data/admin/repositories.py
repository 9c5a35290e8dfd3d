"""Repositories of accounts: users (and their sign-in state), roles, departments."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Dialect, and_, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from app.data.admin.models import Department, Role, RolePermission, RoleScope, User, UserRole
from app.data.kit.audit import AuditEntry
from app.data.kit.base import Base
from app.data.kit.repository import RecordRepository

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
        return _rows_changed(result) == 1

    def lock_if_limit(self, user_id: int, limit: int, until: datetime) -> bool:
        result = self.session.execute(
            update(User).where(User.id == user_id, User.failed_logins >= limit,
                               User.locked_until.is_(None))
            .values(locked_until=until).execution_options(synchronize_session=False)
        )
        return _rows_changed(result) == 1

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


def _rows_changed(result: Any) -> int:
    """How many rows an UPDATE changed (its CursorResult's rowcount)."""
    return int(result.rowcount)


def _case(condition: Any, then: Any, otherwise: Any) -> Any:
    from sqlalchemy import case

    return case((condition, then), else_=otherwise)


class RoleRepository(RecordRepository[Role]):
    model = Role

    def load_options(self) -> list[Any]:
        return [selectinload(Role.permissions), selectinload(Role.scopes)]

    def all(self) -> Sequence[Role]:
        return self.session.execute(
            select(Role).options(selectinload(Role.permissions), selectinload(Role.scopes))
            .order_by(Role.id)).scalars().all()

    def by_code(self, code: str) -> Role | None:
        return self.by_key(code)

    def by_codes(self, codes: Sequence[str]) -> list[Role]:
        return list(self.session.execute(select(Role).where(Role.code.in_(codes))).scalars())

    def set_matrix(self, role: Role, rights: Collection[tuple[str, str]],
                   scopes: dict[str, str], modules: Sequence[str]) -> None:
        """Give ``role`` exactly ``rights`` (module, action) and a scope per module."""
        current = {(p.module, p.action): p for p in role.permissions}
        role.permissions = [current.get(r) or RolePermission(module=r[0], action=r[1])
                            for r in sorted(rights)]
        existing = {s.module: s for s in role.scopes}
        rows = []
        for module in modules:
            row = existing.get(module) or RoleScope(module=module)
            row.scope = scopes.get(module, "own")
            rows.append(row)
        role.scopes = rows

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


class DepartmentRepository(RecordRepository[Department]):
    model = Department
    key_attr = "name"

    def all(self) -> Sequence[Department]:
        return self.session.execute(select(Department).order_by(Department.name)).scalars().all()

    def by_name(self, name: str) -> Department | None:
        return self.by_key(name)

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


def _has_history(session: Session, user_id: int) -> bool:
    """True when the user wrote anything (the audit log says so) or any record of any
    module refers to the user (owns customers, manages a department...)."""
    wrote = session.execute(
        select(AuditEntry.id).where(AuditEntry.user_id == user_id,
                                    AuditEntry.action.not_in(NON_WRITE_ACTIONS)).limit(1)
    ).first()
    return wrote is not None or any(
        session.execute(select(column).where(column == user_id).limit(1)).first() is not None
        for column in _columns_referring_to_users())


def _columns_referring_to_users() -> list[Any]:
    """Every column with a foreign key to users.id, but the user's own role rows."""
    return [fk.parent for table in Base.metadata.tables.values() if table.name != "user_roles"
            for fk in table.foreign_keys if fk.column.table.name == "users"]


# --- users ------------------------------------------------------------------------------------
# Built once: this runs before every service call.
_SESSION_STATE = select(User.is_active, User.must_change_password).where(
    User.id == bindparam("user_id"))
_SESSION_STATE_SQL: dict[str, tuple[str, bool]] = {}


class SessionState(NamedTuple):
    is_active: bool
    must_change_password: bool


def _session_state_sql(dialect: Dialect) -> tuple[str, bool]:
    """``_SESSION_STATE`` as the driver takes it: (SQL, whether parameters are positional)."""
    found = _SESSION_STATE_SQL.get(dialect.name)
    if found is None:
        compiled = _SESSION_STATE.compile(dialect=dialect)
        if compiled.positional and compiled.positiontup != ["user_id"]:
            raise RuntimeError(f"unexpected parameters for {dialect.name}: "
                               f"{compiled.positiontup}")
        found = _SESSION_STATE_SQL[dialect.name] = (compiled.string, compiled.positional)
    return found


class UserRepository(RecordRepository[User]):
    model = User
    key_attr = "username"
    key_case_insensitive = True

    def load_options(self) -> list[Any]:
        return [selectinload(User.roles)]

    def by_username(self, username: str) -> User | None:
        return self.by_key(username)

    def names(self, ids: Sequence[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self.session.execute(
            select(User.id, User.display_name, User.username).where(User.id.in_(wanted))
        ).all()
        return {r.id: r.display_name or r.username for r in rows}

    def session_state(self, user_id: int) -> SessionState | None:
        """(is_active, must_change_password) of a user, read on every action: straight
        through the driver, with the SQL compiled once per database (SQLAlchemy's
        statement execution costs about 45 µs here, four times the look-up itself)."""
        connection = self.session.connection()
        sql, positional = _session_state_sql(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # a pooled connection is always open here
        try:
            cursor.execute(sql, (user_id,) if positional else {"user_id": user_id})
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else SessionState(bool(row[0]), bool(row[1]))

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(User)).scalar_one())

    def list_all(self) -> Sequence[User]:
        return self.session.execute(
            select(User).options(*self.load_options()).order_by(User.username)).scalars().all()

    def members_of(self, department_id: int) -> Sequence[User]:
        """The users of a department (a team), by user name."""
        return self.session.execute(select(User).where(User.department_id == department_id)
                                    .order_by(User.username)).scalars().all()

    def sales_users(self, within: Collection[int] | None) -> Sequence[User]:
        """Active users holding a sales role (they may own customers), among ``within``
        (None: all), by user name."""
        stmt = (select(User).join(UserRole, UserRole.user_id == User.id)
                .join(Role, Role.id == UserRole.role_id)
                .where(User.is_active.is_(True), Role.sales.is_(True))
                .order_by(User.username).distinct())
        if within is not None:
            stmt = stmt.where(User.id.in_(list(within) or [-1]))
        return self.session.execute(stmt).scalars().all()

    def is_sales_user(self, user_id: int) -> bool:
        """Whether the user is active with a sales role (asked once per user in a use
        case: a chunk of an import asks for every row)."""
        known = self.__dict__.setdefault("_sales", {})
        if user_id not in known:
            stmt = (select(User.id).join(UserRole, UserRole.user_id == User.id)
                    .join(Role, Role.id == UserRole.role_id)
                    .where(User.id == user_id, User.is_active.is_(True),
                           Role.sales.is_(True))
                    .limit(1))
            known[user_id] = self.session.execute(stmt).first() is not None
        return bool(known[user_id])

    def has_history(self, user_id: int) -> bool:
        return _has_history(self.session, user_id)

    def refresh(self, user: User) -> None:
        self.session.refresh(user)
