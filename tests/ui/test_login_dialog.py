"""Signing in."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.ui.shell.login_dialog import USERNAME_KEY, LoginDialog

from .conftest import PASSWORD


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
