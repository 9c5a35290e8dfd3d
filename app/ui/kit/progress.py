"""A cancellable progress dialog for work the user waits on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ui.kit.tasks import Failure, Runner, Task

SHOW_AFTER_MS = 400


class ProgressDialog(QProgressDialog):
    """Appears only when the work takes longer than a moment; Cancel drops the outcome."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Please wait"))
        self.setLabelText(label)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 0)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoReset(False)
        self.task: Task | None = None
        self.canceled.connect(self.on_canceled)

    def on_canceled(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.finish()

    def finish(self) -> None:
        self.reset()
        self.hide()
        self.deleteLater()


def run_with_progress(runner: Runner, parent: QWidget, label: str, fn: Callable[[], Any],
                      on_success: Callable[[Any], None], on_failure: Failure | None = None,
                      context: QObject | None = None) -> Task:
    """Run ``fn`` in the background behind a cancellable progress dialog."""
    dialog = ProgressDialog(label, parent)

    def succeeded(value: Any) -> None:
        dialog.finish()
        on_success(value)

    def failed(exc: Exception) -> None:
        dialog.finish()
        if on_failure is not None:
            on_failure(exc)

    task = runner.run(fn, succeeded, failed, context=context or parent)
    dialog.task = task
    return task
