"""Translated names of audit actions, entity types and changed fields."""

from __future__ import annotations

import re
from functools import cached_property

from PySide6.QtCore import QObject

from app.ui.admin.labels import AdminLabels
from app.ui.kit.messages import Messages

ACTIONS = ("create", "update", "delete", "archive", "restore", "disable", "enable",
           "reset_password", "unlock", "login", "login_failed", "lockout", "password_change",
           "export", "demo")
ENTITY_TYPES = ("customer", "contact", "user", "role", "department", "settings", "audit_log",
                "database")


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated template's %1, %2 ... in one pass (values may hold %)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


class AuditLabels(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages = Messages(self)

    def action(self, code: str) -> str:
        return self._actions.get(code, code)

    def role(self, code: str, name: str) -> str:
        """A role's name, translated while it is still a default role's default name."""
        return self._admin.role(code, name)

    @cached_property
    def _admin(self) -> AdminLabels:
        return AdminLabels(self)

    def entity(self, code: str) -> str:
        return self._entities.get(code, code)

    def field(self, name: str) -> str:
        """A changed field's label: ours, then the customer screens' shared labels."""
        return self._fields.get(name) or self._messages.field_label(name)

    @cached_property
    def _actions(self) -> dict[str, str]:
        return {"create": self.tr("Create"), "update": self.tr("Update"),
                "delete": self.tr("Delete"), "archive": self.tr("Archive"),
                "restore": self.tr("Restore"), "disable": self.tr("Disable"),
                "enable": self.tr("Enable"), "reset_password": self.tr("Reset password"),
                "unlock": self.tr("Unlock"), "login": self.tr("Sign in"),
                "login_failed": self.tr("Failed sign-in"), "lockout": self.tr("Lockout"),
                "password_change": self.tr("Password change"), "export": self.tr("Export"),
                "demo": self.tr("Demo data")}

    @cached_property
    def _entities(self) -> dict[str, str]:
        return {"customer": self.tr("Customer"), "contact": self.tr("Contact"),
                "user": self.tr("User"), "role": self.tr("Role"),
                "department": self.tr("Department"), "settings": self.tr("Settings"),
                "audit_log": self.tr("Audit log"), "database": self.tr("Database")}

    @cached_property
    def _fields(self) -> dict[str, str]:
        return {"username": self.tr("User name"), "display_name": self.tr("Display name"),
                "roles": self.tr("Roles"), "department_id": self.tr("Department"),
                "is_active": self.tr("Active"), "locked_until": self.tr("Locked until"),
                "must_change_password": self.tr("Must change password"),
                "rights": self.tr("Rights (removed / added)"),
                "scopes": self.tr("Record scope"), "description": self.tr("Description"),
                "copy_from": self.tr("Copied from"), "manager_id": self.tr("Manager"),
                "reason": self.tr("Reason"), "rows": self.tr("Rows"), "file": self.tr("File"),
                "filter": self.tr("Filter"), "archived": self.tr("Archived"),
                "customer_id": self.tr("Customer"),
                "password_min_length": self.tr("Minimum password length"),
                "lockout_threshold": self.tr("Failed sign-ins before lockout"),
                "lockout_minutes": self.tr("Lockout (minutes)"),
                "idle_lock_minutes": self.tr("Lock when idle (minutes)")}
