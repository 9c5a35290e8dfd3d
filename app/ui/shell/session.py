"""One signed-in session: the main window (rebuilt when the language changes), the idle lock,
and the end of the session when the account can no longer be used."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from app.ui.kit.tasks import Failure, Runner, Success, Task
from app.ui.shell.i18n import Translation, chosen_language
from app.ui.shell.lock import IdleWatcher, LockDialog
from app.ui.shell.lock.cover import Cover
from app.ui.shell.main_window import MainWindow
from app.ui.shell.password_dialog import ChangePasswordDialog

log = logging.getLogger(__name__)
MINUTE_MS = 60_000


class SessionGuard(QObject):
    """The runner the screens get: an ``AuthenticationFailed`` from a signed-in action (the
    account was disabled, removed or reset meanwhile) goes to ``sig_session_failed`` instead
    of the screen, which would only show a misleading "wrong password"."""

    sig_session_failed = Signal(object)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def run(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None = None,
            context: QObject | None = None) -> Task:
        def failed(error: Exception) -> None:
            if isinstance(error, AuthenticationFailed):
                self.sig_session_failed.emit(error)
            elif on_failure is not None:
                on_failure(error)
            else:
                log.error("background task failed", exc_info=error)

        return self._runner.run(fn, on_success, failed, context)


class Session(QObject):
    sig_signed_out = Signal()

    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 translation: Translation, parent: QObject | None = None, *,
                 idle_timeout_ms: int | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.actor = actor
        self._runner = runner
        self._translation = translation
        self.guard = SessionGuard(runner, self)
        self.guard.sig_session_failed.connect(self.on_session_failed)
        self._idle_timeout_ms = idle_timeout_ms
        self.idle = IdleWatcher(self.idle_timeout(actor), self)
        self.idle.sig_idle.connect(self.lock)
        self.window: MainWindow | None = None
        self.window_actor = actor  # whom the window's screens were built for
        self.lock_dialog: LockDialog | None = None
        self.ended_dialog: QMessageBox | None = None
        self.signed_out = False
        self._covers: list[Cover] = []

    def show_main_window(self) -> MainWindow:
        self.window_actor = self.actor
        window = MainWindow(self._services, self.actor, self.guard)
        window.restore_state(QSettings())
        window.sig_language_changed.connect(self.on_language_changed)
        window.sig_sign_out.connect(self.sign_out)
        window.show()
        self.window = window
        self.idle.start()
        return window

    def on_language_changed(self, _choice: str) -> None:
        """Install the newly chosen language and rebuild the window in it."""
        language = chosen_language(QSettings())
        if language == self._translation.language or self.window is None:
            return
        self._rebuild_window(lambda: self._translation.install(language))

    def _rebuild_window(self, before: Callable[[], object] | None = None) -> bool:
        """Close the window (which asks about unsaved edits) and open a new one for
        ``self.actor``; False when the user kept the old one open."""
        old = self.window
        if old is None or not old.close():
            return False
        old.deleteLater()
        if before is not None:
            before()
        self.show_main_window()
        return True

    # --- the idle lock --------------------------------------------------------------------
    def idle_timeout(self, actor: Actor) -> int:
        """The injected timeout, else the administrator's setting as of the last sign-in."""
        if self._idle_timeout_ms is not None:
            return self._idle_timeout_ms
        return actor.idle_lock_minutes * MINUTE_MS

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Cover every window and ask for the password again."""
        if self.locked or self.signed_out or self.window is None:
            return
        self.idle.stop()
        self._covers = [Cover(w) for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w.isWindow()]
        dialog = LockDialog(self._services, self.actor, self._runner, self.window)
        dialog.sig_unlocked.connect(self.on_unlocked)
        dialog.sig_sign_out.connect(self.sign_out)
        self.lock_dialog = dialog
        dialog.show()  # open() would make it window-modal only

    def on_unlocked(self, actor: Actor) -> None:
        self._close_lock_dialog()
        if actor.must_change_password:
            self.change_password_first(actor)
            return
        self.actor = actor
        self.unlock()

    def change_password_first(self, actor: Actor) -> None:
        """The password was reset while the window was locked: a new one, or sign out."""
        dialog = ChangePasswordDialog(self._services, actor, self._runner, forced=True,
                                      parent=self.window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.on_forced_change_finished)
        dialog.show()

    def on_forced_change_finished(self, _result: int) -> None:
        dialog = self.sender()
        actor = dialog.actor if isinstance(dialog, ChangePasswordDialog) else None
        if actor is None:
            self.sign_out()
            return
        self.actor = actor
        self.unlock()

    def unlock(self) -> None:
        self.idle.timer.setInterval(self.idle_timeout(self.actor))
        for cover in self._covers:
            cover.deleteLater()
        self._covers.clear()
        if not self.window_actor.same_access(self.actor):
            # An administrator changed this user's roles or rights while the window was
            # locked: its screens were built for the old ones, so build them again.
            self._rebuild_window()
        self.idle.start()

    def _close_lock_dialog(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    # --- the end --------------------------------------------------------------------------
    def on_session_failed(self, error: Exception) -> None:
        """The account was disabled, removed or reset: say so, then sign out."""
        if self.ended_dialog is not None or self.signed_out:
            return
        self.idle.stop()
        parent: QWidget | None = self.window
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Signed out"), self.tr(
            "Your account was disabled or removed, or an administrator reset your password. "
            "Kehu cannot continue with this session; sign in again."),
            QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("sessionEndedDialog")
        box.setInformativeText(self.tr("Unsaved changes are lost."))
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.finished.connect(self.sign_out)
        self.ended_dialog = box
        log.info("session ended: %s", error)
        box.show()

    def sign_out(self) -> None:
        """Close everything without asking and tell whoever waits (``run_gui``)."""
        if self.signed_out:
            return
        self.signed_out = True
        self.idle.stop()
        self._close_lock_dialog()
        if self.window is not None:
            self.window.discard_and_close()
        self.sig_signed_out.emit()
