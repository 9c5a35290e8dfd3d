"""The desktop app on a database that cannot be used: a dialog saying why and what to do
(and one line on stderr), then exit 1 — not a traceback."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.logic.kit.errors import DatabaseBusy
from app.ui.kit.errors import ErrorDialog
from app.ui.shell.app import wait_for


@pytest.fixture
def keep_names(qapp):
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    yield
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


def answer_error_dialog(qapp, seen: list[tuple[str, str]]) -> None:
    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ErrorDialog):
            QTimer.singleShot(20, qapp, check)
            return
        seen.append((dialog.windowTitle(), dialog.text()))
        dialog.accept()

    QTimer.singleShot(20, qapp, check)


def test_a_file_that_is_no_database_is_a_dialog_not_a_traceback(
        qapp, keep_names, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHU_DATABASE_URL", raising=False)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 40, encoding="utf-8")
    seen: list[tuple[str, str]] = []
    answer_error_dialog(qapp, seen)
    assert main(["--db", f"sqlite:///{notes.as_posix()}"]) == 1
    [(title, text)] = seen
    assert title == "Database unavailable"
    assert text.startswith("The file is not a Kehu database.")
    assert f"sqlite:///{notes.as_posix()}" in text
    err = capsys.readouterr().err
    assert err.startswith("kehu: sqlite:///") and err.count("\n") == 1


def test_an_unreachable_server_is_named_without_its_password(
        qapp, keep_names, capsys) -> None:
    pytest.importorskip("psycopg")
    seen: list[tuple[str, str]] = []
    answer_error_dialog(qapp, seen)
    # port 1: nothing listens, so this is the unreachable case (exit 1); the password
    # never shows in the dialog nor on stderr.
    assert main(["--db", "postgresql+psycopg://kehu:hunter22@127.0.0.1:1/kehu"]) == 1
    [(_, text)] = seen
    assert "hunter22" not in text and "kehu:***@127.0.0.1:1" in text
    assert "hunter22" not in capsys.readouterr().err


def test_an_early_sign_in_the_database_refused_falls_back_to_the_login(qapp) -> None:
    pending: Future = Future()
    pending.set_exception(DatabaseBusy("busy", "sqlite:///x.db", "database is locked"))
    assert wait_for(pending) is None
