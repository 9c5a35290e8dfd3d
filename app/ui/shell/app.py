"""The GUI entry point the composition root calls."""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.kit.dto import Actor
from app.logic.kit.errors import DatabaseUnavailable, KehuError
from app.logic.services import Services
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.tasks import TaskRunner
from app.ui.shell.first_admin_dialog import FirstAdminDialog
from app.ui.shell.i18n import Translation, chosen_language
from app.ui.shell.login_dialog import LoginDialog
from app.ui.shell.password_dialog import ChangePasswordDialog
from app.ui.shell.session import Session


def run_gui(services: Services, *, demo_login: tuple[str, str] | None = None,
            argv: list[str] | None = None, idle_timeout_ms: int | None = None,
            pending_login: Future[Actor] | None = None, first_start: bool = False,
            on_started: Callable[[], None] | None = None) -> int:
    """Sign in (skipped with ``demo_login``), then the main window until it closes; signing
    out goes back to the login. The exit code. ``idle_timeout_ms`` overrides the idle lock.
    ``pending_login``: a sign-in the caller already started in the background (its result
    is used; if it failed, the login dialog is shown). ``first_start``: the database has no
    users yet, so the first administrator is created instead of signing in. ``on_started``
    is called once the first main window is shown, or before a dialog waits for the user."""
    application, translation = start_application(argv)
    runner = TaskRunner(application)
    try:
        while True:
            early = wait_for(pending_login) if pending_login is not None else None
            pending_login = None
            if on_started is not None and early is None:
                on_started()  # a dialog waits for the user next
            if first_start:
                first_start, early = False, create_first_admin(services, runner)
                if early is None:
                    return 1
            actor = sign_in(services, runner, None if early else demo_login, early)
            demo_login = None
            if actor is None:
                return 1
            session = Session(services, actor, runner, translation, application,
                              idle_timeout_ms=idle_timeout_ms)
            session.sig_signed_out.connect(application.quit)
            session.show_main_window()
            if on_started is not None:
                on_started()
            code = application.exec()
            if not session.signed_out:
                return code
            if session.window is not None:
                session.window.deleteLater()
            session.deleteLater()
    finally:
        runner.shutdown()


def start_application(argv: list[str] | None) -> tuple[QCoreApplication, Translation]:
    """The QApplication (made once), named for its settings, in the chosen language."""
    application = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    application.setOrganizationName("Kehu")
    application.setApplicationName("Kehu")
    translation = Translation()
    translation.install(chosen_language(QSettings()))
    return application, translation


def show_database_error(error: DatabaseUnavailable, argv: list[str] | None = None) -> int:
    """The database could not be opened: say so in a dialog, in the user's language, until
    the user closes it. The exit code (3 when the server refused the database login)."""
    start_application(argv)
    ErrorDialog(error).exec()
    return error.exit_code


def wait_for(pending: Future[Actor]) -> Actor | None:
    """The result of a sign-in running on another thread, with Qt's events still served;
    None if it failed (the login dialog then asks)."""
    loop = QEventLoop()
    timer = QTimer()
    def check() -> None:
        if pending.done():
            loop.quit()

    timer.timeout.connect(check)
    timer.start(5)
    if not pending.done():
        loop.exec()
    timer.stop()
    try:
        return pending.result()
    except (KehuError, DatabaseUnavailable):
        return None


def sign_in(services: Services, runner: TaskRunner,
            demo_login: tuple[str, str] | None, early: Actor | None = None) -> Actor | None:
    """The signed-in user, or None if the user gave up. A reset password is changed first."""
    actor = early or ask_login(services, runner, demo_login)
    if actor is not None and actor.must_change_password:
        dialog = ChangePasswordDialog(services, actor, runner, forced=True)
        actor = dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
    return actor


def create_first_admin(services: Services, runner: TaskRunner) -> Actor | None:
    """The administrator created on an empty database, signed in; None if cancelled."""
    dialog = FirstAdminDialog(services, runner)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_login(services: Services, runner: TaskRunner,
              demo_login: tuple[str, str] | None) -> Actor | None:
    """The login dialog's user, or None. A failed demo login shows the dialog."""
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
