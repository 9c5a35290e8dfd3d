"""Accounts' data: users, roles, departments, sign-in state. The module's public API."""

from app.data.admin.models import Department, Role, RolePermission, RoleScope, User, UserRole
from app.data.admin.repositories import (
    DepartmentRepository,
    LoginAttempts,
    RoleRepository,
    SessionState,
    UserRepository,
)
from app.data.kit.keyset import owner_label
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["DATA", "Department", "DepartmentRepository", "LoginAttempts", "Role",
           "RolePermission", "RoleRepository", "RoleScope", "SessionState", "User",
           "UserRepository", "UserRole"]

DATA = DataModule(
    "admin",
    refs={"user": RefTarget(User, User.username, owner_label(User), case_insensitive=True,
                            active=User.is_active),
          "department": RefTarget(Department, Department.name, Department.name),
          "role": RefTarget(Role, Role.code, Role.name)},
    ports={"accounts": UserRepository},
)
