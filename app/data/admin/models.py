"""Accounts: users, their roles (rights per module and record scope) and departments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Unicode
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.kit.base import Base, Tracked
from app.data.types import UtcDateTime


class User(Tracked, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(Unicode(64), unique=True)
    display_name: Mapped[str] = mapped_column(Unicode(128), default="")
    password_hash: Mapped[str] = mapped_column(Unicode(256))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    roles: Mapped[list[Role]] = relationship(secondary="user_roles", order_by="Role.id")

    @property
    def role_names(self) -> str:
        return ", ".join(r.name for r in self.roles)

    @property
    def role_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.roles)


class Department(Tracked, Base):
    """A sales team: a manager and its members (users.department_id)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(100), unique=True)
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, name="fk_departments_manager_id_users"))


class Role(Tracked, Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(32), unique=True)
    name: Mapped[str] = mapped_column(Unicode(100))
    description: Mapped[str] = mapped_column(Unicode(500), default="")
    # Its members may own customers (and later other sales records): offered as owners.
    sales: Mapped[bool] = mapped_column(Boolean, default=False)

    permissions: Mapped[list[RolePermission]] = relationship(cascade="all, delete-orphan")
    scopes: Mapped[list[RoleScope]] = relationship(cascade="all, delete-orphan")


class RolePermission(Base):
    """One right of a role: module x action."""

    __tablename__ = "role_permissions"

    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    module: Mapped[str] = mapped_column(Unicode(32), primary_key=True)
    action: Mapped[str] = mapped_column(Unicode(16), primary_key=True)


class RoleScope(Base):
    """Which records a role reaches in a module: own, team or all."""

    __tablename__ = "role_scopes"

    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    module: Mapped[str] = mapped_column(Unicode(32), primary_key=True)
    scope: Mapped[str] = mapped_column(Unicode(8), default="own")


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    __table_args__ = (Index("ix_user_roles_role", "role_id", "user_id"),)
