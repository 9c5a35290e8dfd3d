"""What the administration screens and commands receive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    is_active: bool
    version: int = 1
    department_id: int | None = None
    department: str = ""
    roles: tuple[str, ...] = ()
    locked: bool = False
    must_change_password: bool = False
    last_login_at: datetime | None = None
    locked_until: datetime | None = None  # while locked


@dataclass(frozen=True)
class RoleDetail:
    id: int
    code: str
    name: str
    description: str
    rights: frozenset[tuple[str, str]]
    scopes: tuple[tuple[str, str], ...]
    members: int
    version: int
    sales: bool = False


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    name: str
    manager_id: int | None
    manager: str
    members: int
    version: int


@dataclass(frozen=True)
class SecuritySettings:
    password_min_length: int = 8
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 15
    version: int = 1
