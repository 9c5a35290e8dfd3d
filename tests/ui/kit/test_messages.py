"""The words for the logic layer's field error codes."""

from __future__ import annotations

from app.logic.customers import CUSTOMER
from app.logic.kit.errors import ValidationError
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.messages import Messages


def refusal(values: dict[str, str]) -> ValidationError:
    try:
        CUSTOMER.normalise(values, creating=True)
    except ValidationError as error:
        return error
    raise AssertionError(f"{values} was accepted")


def test_invisible_characters_in_a_name_are_named_in_words(qtbot, messages: Messages) -> None:
    error = refusal({"name": "Acme\u202egnp.exe"})
    assert messages.field_error(error.errors["name"]) == \
        "Remove the invisible or direction-changing characters."
    dialog = ErrorDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.text() == "Name: Remove the invisible or direction-changing characters."


def test_a_phone_without_digits_and_a_number_with_underscores_are_named(
        qtbot, messages: Messages) -> None:
    error = refusal({"name": "Digits Ltd", "phone": "-----", "credit_limit": "1_000"})
    assert messages.field_error(error.errors["phone"]) == "Not a valid phone number."
    assert messages.field_error(error.errors["credit_limit"]) == \
        "Enter an amount like 50000.00."
