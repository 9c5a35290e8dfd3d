"""The app's error dialog, knowing the administration screens' own error codes as well."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.logic.kit.errors import FieldError, ValidationError
from app.ui.admin.labels import AdminLabels
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.messages import Messages


class AdminErrorDialog(ErrorDialog):
    """Validation problems are worded by AdminLabels first, then by the shared Messages."""

    def validation_text(self, error: ValidationError) -> str:
        labels, messages = AdminLabels(self), Messages(self)
        lines = []
        for name, problem in error.errors.items():
            field = messages.field_label(name)
            lines.append(self.tr("%1: %2").replace("%2", self.problem_text(
                name, problem, labels, messages)).replace("%1", field))
        return "\n".join(lines) or super().validation_text(error)

    def problem_text(self, name: str, problem: FieldError, labels: AdminLabels,
                     messages: Messages) -> str:
        if name == "password" and problem.code == "too_short":
            digits = re.search(r"\d+", problem.message)
            return self.tr("At least %1 characters are needed.").replace(
                "%1", digits.group(0) if digits else "?")
        return labels.error(problem) or messages.field_error(problem)


def show_admin_error(parent: QWidget | None, error: Exception) -> AdminErrorDialog:
    """Show ``error`` without blocking, window-modal over ``parent``."""
    dialog = AdminErrorDialog(error, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
