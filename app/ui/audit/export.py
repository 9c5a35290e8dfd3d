"""Export the filtered audit log to Excel in the background, behind a cancellable progress."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.logic.dto import Actor, AuditFilter
from app.logic.services import Services
from app.ui.progress import ProgressDialog
from app.ui.tasks import Runner


class AuditExport(QObject):
    """One export run. ``sig_finished(count)`` gives -1 when the user cancelled."""

    sig_progress = Signal(int, int)
    sig_finished = Signal(int)
    sig_failed = Signal(object)

    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._services, self._actor, self._runner = services, actor, runner
        self._cancel = threading.Event()
        dialog = ProgressDialog(self.tr("Exporting the audit log..."), parent)
        dialog.setObjectName("exportProgress")
        dialog.canceled.connect(self.cancel)
        self.dialog: ProgressDialog | None = dialog
        self.sig_progress.connect(self.on_progress)

    def start(self, filters: AuditFilter, path: str) -> None:
        services, actor = self._services, self._actor
        self._runner.run(
            lambda: services.audit.export_audit_entries(actor, filters, path, self.progress),
            self.on_done, self.on_failed, context=self)

    def progress(self, done: int, total: int) -> bool:
        """Called on the worker thread: report, and say whether to go on."""
        self.sig_progress.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        """The progress dialog closes itself; the worker stops at its next page."""
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
