"""Translated words of the administration screens: errors here; modules, actions and scopes
from the logic kit (``app.logic.kit.permissions``), role and field names from the
declarations (``role_name``, the entities' fields)."""

from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QObject

from app.logic.admin import role_description, role_name
from app.logic.kit.errors import FieldError
from app.logic.kit.fields import Label
from app.logic.kit.permissions import ACTION_LABELS, MODULE_LABELS, SCOPE_LABELS
from app.ui.kit.language import ui_language


def _word(labels: dict[str, Label], code: str) -> str:
    """A module's, action's or scope's word, as the logic kit declares it (the rights
    matrix, the audit log and the exports say the same)."""
    label = labels.get(code)
    return label.text(ui_language()) if label is not None else code


def role_label(code: str, name: str) -> str:
    """A role's name in the UI language while it is a default role's default name."""
    return role_name(code, name, ui_language())


def role_text(code: str, description: str) -> str:
    return role_description(code, description, ui_language())


class AdminLabels(QObject):
    """Looked up once per language and cached; unknown values are shown as they are."""

    def module(self, code: str) -> str:
        return _word(MODULE_LABELS, code)

    def action(self, code: str) -> str:
        return _word(ACTION_LABELS, code)

    def scope(self, code: str) -> str:
        return _word(SCOPE_LABELS, code)

    def error(self, problem: FieldError) -> str | None:
        """The translation of an administration error code, or None if it is not ours."""
        return self._errors.get(problem.code)

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
