"""Administration: signing in, users, roles, departments, security settings. The module's
public API."""

from app.logic.admin.auth import AuthService, check_username
from app.logic.admin.departments import DepartmentService
from app.logic.admin.dto import DepartmentRow, RoleDetail, SecuritySettings, UserRow
from app.logic.admin.fields import (
    ADMIN_ROLE,
    DEFAULT_ROLES,
    DEPARTMENT,
    ROLE,
    SECURITY,
    USER,
    role_description,
    role_name,
)
from app.logic.admin.passwords import MAX_LENGTH as PASSWORD_MAX_LENGTH
from app.logic.admin.passwords import hash_password
from app.logic.admin.roles import RoleService
from app.logic.admin.settings import SettingsService
from app.logic.admin.users import UserService
from app.logic.kit.registry import LogicModule

__all__ = [
    "ADMIN_ROLE",
    "DEFAULT_ROLES",
    "DEPARTMENT",
    "MODULE",
    "PASSWORD_MAX_LENGTH",
    "ROLE",
    "SECURITY",
    "USER",
    "AuthService",
    "DepartmentRow",
    "DepartmentService",
    "RoleDetail",
    "RoleService",
    "SecuritySettings",
    "SettingsService",
    "UserRow",
    "UserService",
    "check_username",
    "hash_password",
    "role_description",
    "role_name",
]

MODULE = LogicModule(
    "admin",
    services={"auth": AuthService, "users": UserService, "roles": RoleService,
              "departments": DepartmentService, "settings": SettingsService},
    entities=(USER, ROLE, DEPARTMENT, SECURITY),
)
