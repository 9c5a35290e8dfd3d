"""Translated words of the administration screens: modules, actions, scopes, errors. Role
names and field names come from the declarations (``role_name``, the entities' fields)."""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject

from app.logic.admin import role_description, role_name
from app.logic.kit.errors import FieldError
from app.ui.kit.language import ui_language


def role_label(code: str, name: str) -> str:
    """A role's name in the UI language while it is a default role's default name."""
    return role_name(code, name, ui_language())


def role_text(code: str, description: str) -> str:
    return role_description(code, description, ui_language())


class AdminLabels(QObject):
    """Looked up once per language and cached; unknown values are shown as they are."""

    def module(self, code: str) -> str:
        return self._modules.get(code, code)

    def action(self, code: str) -> str:
        return self._actions.get(code, code)

    def scope(self, code: str) -> str:
        return self._scopes.get(code, code)

    def error(self, problem: FieldError) -> str | None:
        """The translation of an administration error code, or None if it is not ours."""
        return self._errors.get(problem.code)

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
