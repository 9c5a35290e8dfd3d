"""Export a list to Excel: ask where (the Documents folder first), then write it in the
background behind a progress dialog that can be cancelled (a cancelled export leaves no
file). The service checks the export right and audits the export."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

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
                                          ExportWords().file_filter())
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


class ExportWords(QObject):
    """What the screens say about exports: the file type, how one ended."""

    def file_filter(self) -> str:
        return self.tr("Excel workbook (*.xlsx)")

    def outcome(self, path: str, count: int) -> str:
        if count < 0:
            return self.tr("Export cancelled; no file was written.")
        return self.tr("Exported %1 rows to %2.").replace("%1", f"{count:,}").replace(
            "%2", path)


def export_outcome(path: str, count: int) -> str:
    """How an export ended (``count`` -1: cancelled), in the UI language."""
    return ExportWords().outcome(path, count)


def announce(widget: QWidget, text: str) -> None:
    """Show ``text`` where ``widget``'s window says how things went: the main window's
    status bar, a form's status line."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)
        return
    show = getattr(window, "show_status", None)
    if callable(show):
        show(text)


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
        """``count`` -1: the work stopped when asked to (no file). A cancel that came after
        the last rows were written is too late: the file is there and is reported."""
        self._close_dialog()
        self.sig_finished.emit(count)
        self.deleteLater()

    def on_failed(self, error: Exception) -> None:
        self._close_dialog()
        self.sig_failed.emit(error)
        self.deleteLater()
