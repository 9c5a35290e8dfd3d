"""One signed-in session: the main window, rebuilt when the language changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings

from app.logic.dto import Actor
from app.logic.services import Services
from app.ui.i18n import Translation, chosen_language
from app.ui.main_window import MainWindow
from app.ui.messages import Messages
from app.ui.tasks import Runner


class Session(QObject):
    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 translation: Translation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._translation = translation
        self.window: MainWindow | None = None

    def show_main_window(self) -> MainWindow:
        window = MainWindow(self._services, self._actor, self._runner, Messages())
        window.restore_state(QSettings())
        window.sig_language_changed.connect(self.on_language_changed)
        window.show()
        self.window = window
        return window

    def on_language_changed(self, _choice: str) -> None:
        """Install the newly chosen language and rebuild the window in it."""
        language = chosen_language(QSettings())
        if language == self._translation.language or self.window is None:
            return
        old = self.window
        if not old.close():
            return
        old.deleteLater()
        self._translation.install(language)
        self.show_main_window()
