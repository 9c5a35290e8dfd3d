"""run_gui, the entry point the composition root calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.ui.shell.app import run_gui
from app.ui.shell.login_dialog import LoginDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.password_dialog import ChangePasswordDialog

from ..conftest import PASSWORD


@pytest.fixture
def keep_names(qapp):
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    yield
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


def close_when_shown(kind: type, seen: list) -> None:
    """Poll for a visible top-level ``kind`` and close it (ends run_gui's event loop)."""
    app = QApplication.instance()

    def check() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)
                 and w.isVisible()]
        if not found:
            QTimer.singleShot(20, app, check)
            return
        seen.append(found[0])
        found[0].close()

    QTimer.singleShot(20, app, check)


def test_demo_login_opens_the_main_window_and_closing_it_ends_the_run(qapp, services,
                                                                       keep_names):
    seen: list[MainWindow] = []
    close_when_shown(MainWindow, seen)
    assert run_gui(services, demo_login=("admin", PASSWORD), argv=[]) == 0
    assert QCoreApplication.organizationName() == "Kehu"
    assert seen[0].user_label.text() == "User: admin"


def test_a_failed_demo_login_shows_the_dialog_with_the_reason(qapp, services, keep_names):
    seen: list[LoginDialog] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, qapp, check)
            return
        seen.append(dialog)
        assert dialog.error.text() == "Wrong user name or password."
        dialog.reject()

    QTimer.singleShot(20, qapp, check)
    assert run_gui(services, demo_login=("admin", "not-the-password"), argv=[]) == 1
    assert len(seen) == 1


@pytest.fixture
def reset_user(services, quick_hashing):
    """li.lei, whose password an administrator has just set: it must be changed."""
    admin = services.auth.login("admin", PASSWORD)
    services.users.add_user(admin, "li.lei", "temporary-pw-1", "李雷", ["salesperson"])
    return "li.lei", "temporary-pw-1"


def answer_change(new_password: str | None, seen: list) -> None:
    """Once the change-password dialog is up: choose ``new_password``, or cancel (None)."""
    app = QApplication.instance()

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChangePasswordDialog):
            QTimer.singleShot(20, app, check)
            return
        seen.append(dialog.windowTitle())
        if new_password is None:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        dialog.current.setText("temporary-pw-1")
        dialog.new.setText(new_password)
        dialog.repeat.setText(new_password)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(20, app, check)


def test_a_reset_password_must_be_changed_before_the_main_window(qapp, services, reset_user,
                                                                  keep_names):
    asked: list[str] = []
    windows: list[MainWindow] = []
    answer_change("chosen-password-77", asked)
    close_when_shown(MainWindow, windows)
    assert run_gui(services, demo_login=reset_user, argv=[]) == 0
    assert asked == ["Change your password"]
    assert windows[0].user_label.text() == "User: 李雷"
    assert not services.auth.login("li.lei", "chosen-password-77").must_change_password


def test_cancelling_the_forced_change_quits(qapp, services, reset_user, keep_names):
    asked: list[str] = []
    answer_change(None, asked)
    assert run_gui(services, demo_login=reset_user, argv=[]) == 1
    assert asked == ["Change your password"]
    assert services.auth.login(*reset_user).must_change_password


def test_signing_out_returns_to_the_login(qapp, services, keep_names):
    logins: list[LoginDialog] = []

    def check() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None:
            window.sign_out_action.trigger()
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog):
            logins.append(dialog)
            dialog.reject()
            return
        QTimer.singleShot(20, qapp, check)

    QTimer.singleShot(20, qapp, check)
    assert run_gui(services, demo_login=("admin", PASSWORD), argv=[]) == 1
    assert len(logins) == 1
    assert logins[0].username.text() == "admin"


def test_a_sign_in_started_early_on_another_thread_is_used(qapp, services, keep_names):
    """The composition root signs the demo user in while Qt loads (cold start)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(services.auth.login, "admin", PASSWORD)
        seen: list[MainWindow] = []
        close_when_shown(MainWindow, seen)
        assert run_gui(services, demo_login=("admin", PASSWORD), argv=[],
                       pending_login=pending) == 0
    assert seen[0].user_label.text() == "User: admin"


def test_an_early_sign_in_that_failed_falls_back_to_the_login(qapp, services, keep_names):
    from concurrent.futures import ThreadPoolExecutor

    seen: list[LoginDialog] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, qapp, check)
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(20, qapp, check)
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(services.auth.login, "admin", "wrong-password")
        assert run_gui(services, demo_login=("admin", "wrong-password"), argv=[],
                       pending_login=pending) == 1
    assert seen and seen[0].error.text() == "Wrong user name or password."


@pytest.fixture
def empty_services(tmp_path):
    from ..conftest import make_services

    db, services = make_services(str(tmp_path / "empty.db"))
    yield services
    db.dispose()


def answer_first_start(qapp, fill) -> list:
    from app.ui.shell.first_admin_dialog import FirstAdminDialog

    seen: list = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FirstAdminDialog):
            QTimer.singleShot(20, qapp, check)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(20, qapp, check)
    return seen


def test_first_start_creates_the_administrator_and_signs_in(qapp, empty_services, keep_names):
    def fill(dialog) -> None:
        dialog.username.setText("boss")
        dialog.display_name.setText("老板")
        dialog.password.setText("first-admin-pw")
        dialog.repeat.setText("first-admin-pw")
        dialog.on_create()

    seen = answer_first_start(qapp, fill)
    windows: list[MainWindow] = []
    close_when_shown(MainWindow, windows)
    assert run_gui(empty_services, argv=[], first_start=True) == 0
    assert seen and windows[0].user_label.text() == "User: 老板"
    assert empty_services.auth.login("boss", "first-admin-pw").is_admin


def test_first_start_refuses_a_weak_password_and_writes_nothing(qapp, empty_services,
                                                                keep_names):
    problems: list[str] = []

    def fill(dialog) -> None:
        dialog.username.setText("boss")
        dialog.password.setText("12345678")
        dialog.repeat.setText("12345678")
        dialog.on_create()

        def when_refused() -> None:  # the check runs on a worker thread: wait for its answer
            if dialog.error.isHidden():
                QTimer.singleShot(20, dialog, when_refused)
                return
            problems.append(dialog.error.text())
            dialog.reject()

        when_refused()

    answer_first_start(qapp, fill)
    assert run_gui(empty_services, argv=[], first_start=True) == 1
    assert problems and "Password" in problems[0] and "common" in problems[0].lower()
    assert not empty_services.auth.has_users()
