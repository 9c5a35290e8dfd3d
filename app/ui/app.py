"""The GUI entry point the composition root calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.dto import Actor
from app.logic.services import Services
from app.ui.i18n import Translation, chosen_language
from app.ui.login_dialog import LoginDialog
from app.ui.session import Session
from app.ui.tasks import TaskRunner


def run_gui(services: Services, *, demo_login: tuple[str, str] | None = None,
            argv: list[str] | None = None) -> int:
    """Show the login (skipped with ``demo_login``), then the main window; the exit code."""
    application = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    application.setOrganizationName("Kehu")
    application.setApplicationName("Kehu")
    translation = Translation()
    translation.install(chosen_language(QSettings()))
    runner = TaskRunner(application)
    try:
        actor = sign_in(services, runner, demo_login)
        if actor is None:
            return 1
        session = Session(services, actor, runner, translation, application)
        session.show_main_window()
        return application.exec()
    finally:
        runner.shutdown()


def sign_in(services: Services, runner: TaskRunner,
            demo_login: tuple[str, str] | None) -> Actor | None:
    """The signed-in user, or None if the user gave up. A failed demo login shows the dialog."""
    dialog = LoginDialog(services, runner)
    if demo_login is not None:
        loop = QEventLoop()
        dialog.sig_attempt_done.connect(loop.quit)
        dialog.sign_in_as(*demo_login)
        if runner.busy:
            loop.exec()
        if dialog.actor is not None:
            return dialog.actor
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
