"""Work the user waits on shows a cancellable progress dialog once it takes a while."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.kit.progress import ProgressDialog, run_with_progress
from app.ui.kit.tasks import TaskRunner


def test_a_slow_task_shows_the_dialog_and_cancel_drops_the_result(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner = TaskRunner()
    release = threading.Event()
    results: list[int] = []
    run_with_progress(runner, parent, "Working...", lambda: release.wait(5) and 1,
                      results.append)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(ProgressDialog)))
    dialog = parent.findChild(ProgressDialog)
    assert dialog.labelText() == "Working..."
    dialog.findChild(QPushButton).click()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == []
    runner.shutdown()


def test_a_quick_task_never_shows_the_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    results: list[int] = []
    run_with_progress(runner, parent, "Quick", lambda: 5, results.append)
    qtbot.waitUntil(lambda: results == [5])
    assert not any(d.isVisible() for d in parent.findChildren(ProgressDialog))
    runner.shutdown()
