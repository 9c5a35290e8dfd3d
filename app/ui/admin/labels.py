"""Translated words of the administration screens: modules, actions, scopes, roles, errors."""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject

from app.logic.kit.errors import FieldError

# The roles the first migration creates, with the English name it gives them.
DEFAULT_ROLE_NAMES = {"admin": "Administrator", "sales_manager": "Sales manager",
                      "salesperson": "Salesperson", "finance": "Finance", "service": "Service",
                      "auditor": "Auditor"}
DEFAULT_ROLE_DESCRIPTIONS = {
    "admin": "Everything, including users, roles and the audit log",
    "sales_manager": "The team's customers, reports, exports, credit override",
    "salesperson": "Own customers only", "finance": "Invoices, payments, credit limits",
    "service": "Feedback tickets",
    "auditor": "Reads everything including the audit log; changes nothing"}


class AdminLabels(QObject):
    """Looked up once per language and cached; unknown values are shown as they are."""

    def module(self, code: str) -> str:
        return self._modules.get(code, code)

    def action(self, code: str) -> str:
        return self._actions.get(code, code)

    def scope(self, code: str) -> str:
        return self._scopes.get(code, code)

    def role(self, code: str, name: str) -> str:
        """A default role keeps a translated name until someone renames it."""
        if DEFAULT_ROLE_NAMES.get(code) == name:
            return self._roles.get(code, name)
        return name

    def role_description(self, code: str, description: str) -> str:
        if DEFAULT_ROLE_DESCRIPTIONS.get(code) == description:
            return self._descriptions.get(code, description)
        return description

    def error(self, problem: FieldError) -> str | None:
        """The translation of an administration error code, or None if it is not ours."""
        return self._errors.get(problem.code)

    def field(self, name: str) -> str | None:
        return self._fields.get(name)

    @cached_property
    def _modules(self) -> dict[str, str]:
        return {"customers": self.tr("Customers"), "contacts": self.tr("Contacts"),
                "projects": self.tr("Projects"), "suppliers": self.tr("Suppliers"),
                "products": self.tr("Products"), "feedback": self.tr("Feedback"),
                "activities": self.tr("Activities"), "sales": self.tr("Sales"),
                "finance": self.tr("Finance"), "reports": self.tr("Reports"),
                "admin": self.tr("Administration"), "audit": self.tr("Audit log")}

    @cached_property
    def _actions(self) -> dict[str, str]:
        return {"view": self.tr("View"), "create": self.tr("Create"), "edit": self.tr("Edit"),
                "delete": self.tr("Delete"), "export": self.tr("Export"),
                "import": self.tr("Import"), "approve": self.tr("Approve")}

    @cached_property
    def _scopes(self) -> dict[str, str]:
        return {"own": self.tr("Own records"), "team": self.tr("Team's records"),
                "all": self.tr("All records")}

    @cached_property
    def _roles(self) -> dict[str, str]:
        return {"admin": self.tr("Administrator"), "sales_manager": self.tr("Sales manager"),
                "salesperson": self.tr("Salesperson"), "finance": self.tr("Finance"),
                "service": self.tr("Service"), "auditor": self.tr("Auditor")}

    @cached_property
    def _descriptions(self) -> dict[str, str]:
        return {"admin": self.tr("Everything, including users, roles and the audit log"),
                "sales_manager": self.tr("The team's customers, reports, exports, credit "
                                         "override"),
                "salesperson": self.tr("Own customers only"),
                "finance": self.tr("Invoices, payments, credit limits"),
                "service": self.tr("Feedback tickets"),
                "auditor": self.tr("Reads everything including the audit log; changes "
                                   "nothing")}

    @cached_property
    def _errors(self) -> dict[str, str]:
        return {
            "self": self.tr("You cannot do this to your own account."),
            "last_admin": self.tr("At least one active administrator with full "
                                  "administration rights must remain."),
            "has_history": self.tr("This user has written records or owns customers, so the "
                                   "account cannot be deleted. Disable it instead."),
            "common_password": self.tr("This password is too common or equals the user "
                                       "name; choose another."),
            "same_password": self.tr("The new password must differ from the current one."),
            "unknown_role": self.tr("One of the chosen roles no longer exists."),
            "unknown_department": self.tr("The chosen department no longer exists."),
            "unknown_right": self.tr("Unknown right."),
            "invalid_scope": self.tr("Unknown record scope."),
            "in_use": self.tr("It is still in use; remove its members first."),
            "duplicate_name": self.tr("This name is already used."),
            "invalid_code": self.tr("Use letters, digits and _ only."),
            "password_mismatch": self.tr("The two passwords are not the same."),
        }

    @cached_property
    def _fields(self) -> dict[str, str]:
        return {"username": self.tr("User name"), "display_name": self.tr("Display name"),
                "password": self.tr("Password"), "roles": self.tr("Roles"),
                "department_id": self.tr("Department"), "user": self.tr("User"),
                "role": self.tr("Role"), "rights": self.tr("Rights"),
                "scopes": self.tr("Record scope"), "description": self.tr("Description"),
                "manager_id": self.tr("Manager"), "department": self.tr("Department"),
                "password_min_length": self.tr("Minimum password length"),
                "lockout_threshold": self.tr("Failed sign-ins before lockout"),
                "lockout_minutes": self.tr("Lockout (minutes)"),
                "idle_lock_minutes": self.tr("Lock when idle (minutes)")}
