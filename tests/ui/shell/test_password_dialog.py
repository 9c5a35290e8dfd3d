"""Changing one's own password: forced after a reset, and from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from app.ui.shell.main_window import MainWindow
from app.ui.shell.password_dialog import ChangePasswordDialog

from ..conftest import PASSWORD

TEMPORARY = "temporary-pw-1"
CHOSEN = "chosen-password-77"


@pytest.fixture
def reset_user(services: Services, actor: Actor, quick_hashing: None) -> Actor:
    """li.lei, signed in with the temporary password an administrator gave her."""
    services.users.add_user(actor, "li.lei", TEMPORARY, "李雷", ["salesperson"])
    return services.auth.login("li.lei", TEMPORARY)


def fill(dialog: ChangePasswordDialog, current: str, new: str, repeat: str | None = None) -> None:
    dialog.current.setText(current)
    dialog.new.setText(new)
    dialog.repeat.setText(new if repeat is None else repeat)
    dialog.on_change()


def shown_errors(dialog: ChangePasswordDialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}


@pytest.fixture
def dialog(qtbot, services: Services, reset_user: Actor, runner) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(services, reset_user, runner, forced=True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_reset_password_is_flagged_and_the_dialog_shows_the_policy(dialog, reset_user):
    assert reset_user.must_change_password
    assert dialog.hint.text() == ("At least 8 characters; not a common password or your "
                                  "user name.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "&Quit"


@pytest.mark.parametrize(("current", "new", "field", "message"), [
    (TEMPORARY, "short", "password", "Too short: use at least 8 characters."),
    (TEMPORARY, "x" * 129, "password", "Too long: use at most 128 characters."),
    (TEMPORARY, "password123", "password", "This password is too common; choose another."),
    (TEMPORARY, TEMPORARY, "password", "The new password must differ from the current one."),
    ("not-my-password", CHOSEN, "old_password", "This is not your current password."),
])
def test_a_refused_password_shows_the_translated_reason_beside_its_field(
        dialog, current, new, field, message):
    fill(dialog, current, new)
    assert shown_errors(dialog) == {field: message}
    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.buttons.isEnabled()


def test_the_repeat_must_match_and_nothing_is_asked_of_the_database(dialog, services):
    fill(dialog, TEMPORARY, CHOSEN, repeat=CHOSEN + "x")
    assert shown_errors(dialog) == {"repeat": "The two new passwords are not the same."}
    assert services.auth.login("li.lei", TEMPORARY).must_change_password


def test_empty_fields_are_required(dialog):
    fill(dialog, "", "")
    assert shown_errors(dialog) == {"old_password": "This field is required.",
                                    "password": "This field is required."}


def test_a_good_password_continues_with_the_new_actor(qtbot, dialog, services):
    with qtbot.waitSignal(dialog.accepted):
        fill(dialog, TEMPORARY, CHOSEN)
    assert dialog.actor is not None
    assert dialog.actor.username == "li.lei"
    assert not dialog.actor.must_change_password
    assert not services.auth.login("li.lei", CHOSEN).must_change_password
    with pytest.raises(AuthenticationFailed):
        services.auth.login("li.lei", TEMPORARY)


def test_any_user_can_change_the_password_from_the_menu(qtbot, services, actor, runner):
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window)
    window.show()
    assert window.password_action.text() == "Change &password..."
    dialog = window.change_password()
    assert dialog.isVisible()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    with qtbot.waitSignal(dialog.accepted):
        fill(dialog, PASSWORD, CHOSEN)
    assert window.statusBar().currentMessage() == "Your password was changed."
    assert services.auth.login("admin", CHOSEN).username == "admin"
