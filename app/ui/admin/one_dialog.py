"""The admin tabs open one window-modal dialog at a time and keep a reference to it."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class OneDialog:
    """Mixed into a tab: ``self.dialog`` is the open dialog, or None once it closed.

    Connections go to bound methods, never lambdas: a lambda capturing the tab, connected
    to a dialog deleted on close, crashes PySide6 6.11."""

    dialog: Any = None

    def open_dialog(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self.on_dialog_finished)
        dialog.open()
        return dialog

    def on_dialog_finished(self) -> None:
        self.dialog = None
