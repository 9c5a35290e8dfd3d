"""One consistent dialog for every error the logic layer raises (and for surprises)."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.logic.kit.errors import (
    AuthenticationFailed,
    ConflictError,
    DatabaseUnavailable,
    InvalidQuery,
    InvalidSearch,
    NotFound,
    PermissionDenied,
    PossibleDuplicate,
    ValidationError,
)
from app.ui.kit.database_words import database_problem
from app.ui.kit.messages import Messages

log = logging.getLogger(__name__)


class ErrorDialog(QMessageBox):
    """A warning box whose title and text depend on the kind of error."""

    def __init__(self, error: Exception, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.error = error
        title, text = self.describe(error)
        self.setWindowTitle(title)
        self.setText(text)
        self.setIcon(QMessageBox.Icon.Critical if self.is_unexpected(error)
                     else QMessageBox.Icon.Warning)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        if self.is_unexpected(error):
            log.error("unexpected error", exc_info=error)
            self.setDetailedText("".join(traceback.format_exception(error)))

    @staticmethod
    def is_unexpected(error: Exception) -> bool:
        known = (ValidationError, PermissionDenied, NotFound, ConflictError,
                 AuthenticationFailed, PossibleDuplicate, DatabaseUnavailable, InvalidQuery)
        return not isinstance(error, known)

    def describe(self, error: Exception) -> tuple[str, str]:
        if isinstance(error, ValidationError):
            return self.tr("Please check your input"), self.validation_text(error)
        if isinstance(error, PermissionDenied):
            return self.tr("Not allowed"), self.tr(
                "You do not have the right to do this (%1.%2). Ask an administrator."
            ).replace("%1", error.module).replace("%2", error.action)
        if isinstance(error, NotFound):
            return self.tr("Not found"), self.tr(
                "This record no longer exists; another user may have removed it.")
        if isinstance(error, ConflictError):
            return self.tr("Changed by another user"), self.tr(
                "%1 changed this record in the meantime. Nothing was saved; reload it and "
                "make your change again.").replace("%1", error.changed_by)
        if isinstance(error, AuthenticationFailed):
            return self.tr("Sign-in failed"), sign_in_problem(error)
        if isinstance(error, DatabaseUnavailable):
            return database_problem(error)
        if isinstance(error, InvalidSearch):
            return self.tr("Please check your input"), search_problem(error)
        if isinstance(error, InvalidQuery):
            return self.tr("Please check your input"), str(error)
        if isinstance(error, PossibleDuplicate):
            return self.tr("Possible duplicate"), self.tr(
                "A similar record already exists.")
        return self.tr("Unexpected error"), self.tr(
            "Something went wrong: %1").replace("%1", str(error) or type(error).__name__)

    def validation_text(self, error: ValidationError) -> str:
        messages = Messages(self)
        lines = [f"{messages.field_label(name)}: {messages.field_error(problem)}"
                 for name, problem in error.errors.items()]
        return "\n".join(lines) or self.tr("The input is not valid.")


def show_error(parent: QWidget | None, error: Exception) -> ErrorDialog:
    """Show ``error`` without blocking; the dialog is window-modal over ``parent``."""
    dialog = ErrorDialog(error, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class SignInWords(QObject):
    """What the sign-in screens and the error dialog say when signing in failed."""

    def problem(self, error: AuthenticationFailed) -> str:
        """A locked account (its password was right) is told so, and until when; anything
        else only that the name or password is wrong."""
        if error.reason == "locked":
            when = error.until.astimezone().strftime("%Y-%m-%d %H:%M") if error.until \
                else "?"
            return self.tr("This account is locked after too many failed sign-ins, until "
                           "%1. An administrator can unlock it sooner.").replace("%1", when)
        return self.tr("Wrong user name or password.")


def sign_in_problem(error: AuthenticationFailed) -> str:
    return SignInWords().problem(error)


class SearchWords(QObject):
    """What the lists say about a search they refuse (the logic layer's InvalidSearch)."""

    def problem(self, error: InvalidSearch) -> str:
        if error.code == "control_chars":
            return self.tr("Remove the control characters from the search.")
        return self.tr("A search may have at most %1 characters and %2 words.").replace(
            "%1", str(error.max_chars)).replace("%2", str(error.max_terms))


def search_problem(error: InvalidSearch) -> str:
    return SearchWords().problem(error)
