"""Signing in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.logic.kit.errors import AuthenticationFailed
from app.ui.shell.login_dialog import USERNAME_KEY, LoginDialog

from ..conftest import PASSWORD


def test_a_wrong_password_shows_a_message_and_keeps_the_dialog(qtbot, services, runner):
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "wrong-password")
    dialog.on_sign_in()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.buttons.isEnabled()


def test_empty_fields_are_refused_without_asking_the_database(qtbot, services, runner):
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.on_sign_in()
    assert dialog.error.text() == "Enter your user name and password."


def test_the_right_password_signs_in_and_remembers_the_user_name(qtbot, services, runner):
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.sign_in_as("admin", PASSWORD)
    assert dialog.actor.username == "admin"
    assert QSettings().value(USERNAME_KEY) == "admin"
    again = LoginDialog(services, runner)
    qtbot.addWidget(again)
    assert again.username.text() == "admin"



def lock_out(services, username: str) -> str:
    """Too many wrong passwords: the account locks. Until when, as the dialogs show it."""
    for _ in range(services.auth.security_settings().lockout_threshold):
        with pytest.raises(AuthenticationFailed):
            services.auth.login(username, "wrong-password")
    with pytest.raises(AuthenticationFailed) as locked:
        services.auth.login(username, PASSWORD)
    assert locked.value.reason == "locked"
    return locked.value.until.astimezone().strftime("%Y-%m-%d %H:%M")


def test_a_locked_account_is_told_so_and_until_when(qtbot, services, runner):
    until = lock_out(services, "admin")
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sign_in_as("admin", PASSWORD)
    assert dialog.error.isVisible()
    assert dialog.error.text() == (
        f"This account is locked after too many failed sign-ins, until {until}. "
        "An administrator can unlock it sooner.")
    assert dialog.actor is None
    assert dialog.isVisible()


def test_a_locked_account_with_a_wrong_password_learns_nothing(qtbot, services, runner):
    lock_out(services, "admin")
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.sign_in_as("admin", "still-wrong")
    assert dialog.error.text() == "Wrong user name or password."
