"""Export the users list to Excel through the kit: the user's declared list columns, in the
UI language, in the background behind a progress dialog that can be cancelled. Only for
users with the right admin.export (the service checks again and audits the export)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.logic.admin import USER
from app.logic.kit.dto import ListQuery
from app.logic.kit.export import ExportSpec
from app.ui.admin.errors import show_admin_error
from app.ui.admin.users_model import UsersModel
from app.ui.kit.context import Context
from app.ui.kit.export import ExportRun, ask_export_path
from app.ui.kit.language import ui_language


class UsersExport(QObject):
    def __init__(self, context: Context, model: UsersModel, button: QPushButton,
                 status: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._model, self._button, self._status, self._parent = model, button, status, parent
        self.run: ExportRun | None = None
        self.path = ""
        self.ask_path: Callable[[], str] = self.choose_path
        self.allowed = context.can("admin", "export")
        button.setEnabled(self.allowed)
        if not self.allowed:
            button.setToolTip(self.tr("You do not have the right to export the users list."))

    def choose_path(self) -> str:
        return ask_export_path(self._parent, self.tr("Export the users"), "users")

    def start(self) -> ExportRun | None:
        if not self.allowed or self.run is not None:
            return None
        path = self.ask_path()
        if not path:
            return None
        self.path = path
        spec = ExportSpec(ListQuery(), USER.list_columns, ui_language())
        users, actor, total = (self.context.services.users, self.context.actor,
                               self._model.rowCount())
        run = self.run = ExportRun(self.context.runner,
                                   self.tr("Exporting to %1...").replace("%1", path),
                                   self._parent)
        run.sig_finished.connect(self.on_finished)
        run.sig_failed.connect(self.on_failed)
        self._button.setEnabled(False)
        run.start(lambda report: users.export(actor, spec, path,
                                              lambda done: report(done, total)))
        return run

    def on_finished(self, count: int) -> None:
        self.run = None
        self._button.setEnabled(True)
        self._status.setText(
            self.tr("Export cancelled; no file was written.") if count < 0 else
            self.tr("Exported %1 users to %2.").replace("%1", f"{count:,}")
            .replace("%2", self.path))

    def on_failed(self, error: Exception) -> None:
        self.run = None
        self._button.setEnabled(True)
        show_admin_error(self._parent, error)
