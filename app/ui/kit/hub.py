"""What changed reaches every screen: services return a ``Changed``; the screen that made
the change broadcasts it here, and each open list or form decides whether to refresh
(as Anki's ``operation_did_execute``). No screen refreshes another by hand."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.logic.kit.dto import Changed


class ChangeHub(QObject):
    sig_changed = Signal(object)  # Changed

    def broadcast(self, changed: Changed) -> None:
        if changed.action != "unchanged":
            self.sig_changed.emit(changed)
