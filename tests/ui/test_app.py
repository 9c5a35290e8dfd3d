"""run_gui, the entry point the composition root calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.app import run_gui
from app.ui.login_dialog import LoginDialog
from app.ui.main_window import MainWindow

from .conftest import PASSWORD


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
