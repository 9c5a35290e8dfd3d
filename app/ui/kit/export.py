"""Export a list to Excel: ask where (the Documents folder first), then write it in the
background behind a progress dialog that can be cancelled (a cancelled export leaves no
file). The service checks the export right and audits the export."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.kit.progress import ProgressDialog
from app.ui.kit.tasks import Runner

# The work: given "report progress (rows done, rows in all) and say whether to go on",
# write the file and return the rows written (-1 when cancelled).
Work = Callable[[Callable[[int, int], bool]], int]


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_export_path(parent: QWidget, title: str, stem: str) -> str:
    """A file name from the save dialog, opened in the Documents folder; "" if cancelled.
    ``.xlsx`` is added when missing."""
    suggested = documents_folder() / f"{stem}-{date.today().isoformat()}.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested),
                                          parent.tr("Excel workbook (*.xlsx)"))
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


class ExportRun(QObject):
    """One export. ``sig_finished(count)`` gives -1 when the user cancelled."""

    sig_progress = Signal(int, int)
    sig_finished = Signal(int)
    sig_failed = Signal(object)

    def __init__(self, runner: Runner, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._cancel = threading.Event()
        dialog = ProgressDialog(label, parent)
        dialog.setObjectName("exportProgress")
        dialog.canceled.connect(self.cancel)
        self.dialog: ProgressDialog | None = dialog
        self.sig_progress.connect(self.on_progress)

    def start(self, work: Work) -> None:
        self._runner.run(lambda: work(self.progress), self.on_done, self.on_failed,
                         context=self)

    def progress(self, done: int, total: int) -> bool:
        """Called on the worker thread: report, and say whether to go on."""
        self.sig_progress.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        """The progress dialog closes itself; the worker stops at its next report."""
        self._cancel.set()
        self.dialog = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.cancelled:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.finish()
            self.dialog = None

    def on_done(self, count: int) -> None:
        self._close_dialog()
        self.sig_finished.emit(-1 if self.cancelled else count)
        self.deleteLater()

    def on_failed(self, error: Exception) -> None:
        self._close_dialog()
        self.sig_failed.emit(error)
        self.deleteLater()
