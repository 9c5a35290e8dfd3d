"""One consistent dialog for the logic layer's errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from app.logic.kit.errors import (
    AuthenticationFailed,
    ConflictError,
    FieldError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.ui.kit.errors import ErrorDialog, show_error

CASES = [
    (ValidationError({"email": FieldError("invalid_email", "x")}), "Please check your input",
     "E-mail: Not a valid e-mail address."),
    (PermissionDenied("customers", "edit"), "Not allowed", "customers.edit"),
    (NotFound("customer", 7), "Not found", "no longer exists"),
    (ConflictError("customer", "C1", 1, 2, "lina", datetime(2026, 1, 1, tzinfo=UTC)),
     "Changed by another user", "lina changed this record"),
    (AuthenticationFailed(), "Sign-in failed", "Wrong user name or password."),
    (AuthenticationFailed("locked", reason="locked",
                          until=datetime(2026, 3, 1, 9, 30, tzinfo=UTC)),
     "Sign-in failed", "This account is locked after too many failed sign-ins, until "
     + datetime(2026, 3, 1, 9, 30, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")),
    (RuntimeError("disk full"), "Unexpected error", "disk full"),
]


@pytest.mark.parametrize(("error", "title", "text"), CASES)
def test_each_error_gets_its_title_and_text(qtbot, error, title, text):
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == title
    assert text in dialog.text()


def test_an_unknown_field_code_falls_back_to_the_english_message(qtbot):
    dialog = ErrorDialog(ValidationError({"name": FieldError("brand_new_code", "is odd")}))
    qtbot.addWidget(dialog)
    assert dialog.text() == "Name: is odd"


def test_unexpected_errors_carry_the_traceback(qtbot, caplog):
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.icon() == QMessageBox.Icon.Critical
    assert "RuntimeError: boom" in dialog.detailedText()


def test_show_error_does_not_block(qtbot):
    dialog = show_error(None, NotFound("customer", 1))
    assert dialog.isVisible()
    dialog.accept()
