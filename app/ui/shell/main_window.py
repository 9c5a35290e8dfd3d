"""The main window: the modules the user may open (from the registry), the global search,
the change hub every screen listens to, menus and the status bar."""

from __future__ import annotations

import sys
from typing import Any

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.kit.validation import SEARCH_MAX_CHARS
from app.logic.services import Services
from app.ui.kit import persist
from app.ui.kit.context import Context
from app.ui.kit.drill import DrillTarget, open_drill
from app.ui.kit.hub import ChangeHub
from app.ui.kit.language import text
from app.ui.kit.record_form import RecordForm
from app.ui.kit.registry import start_index
from app.ui.kit.tasks import Runner
from app.ui.shell.password_dialog import ChangePasswordDialog
from app.ui.shell.registry import UiModule, load_ui_modules
from app.ui.shell.settings_dialog import SettingsDialog

SETTINGS_KEY = "main"
SEARCH_DELAY_MS = 250


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kehu")
    except PackageNotFoundError:
        return "0.1.0"


class MainWindow(QMainWindow):
    sig_language_changed = Signal(str)
    sig_sign_out = Signal()
    DEFAULT_SIZE = QSize(1280, 800)

    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget | None = None,
                 modules: tuple[UiModule, ...] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._services = services
        self._actor = actor
        self.hub = ChangeHub(self)
        self.context = Context(services, actor, runner, self.hub, navigate=self.navigate)
        all_modules = load_ui_modules() if modules is None else modules
        # Only what the user may open: a salesperson sees no administration.
        self.modules = tuple(m for m in all_modules if actor.can(*m.right))
        self.setWindowTitle(self.tr("Kehu customer information"))
        self.page_widgets: dict[int, QWidget] = {}
        self._build_search()
        self._build_central()
        self._build_actions()
        self._build_status_bar()
        self.show_page(start_index(self.modules, self.context))

    # --- layout ---------------------------------------------------------------------------
    def _build_search(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(SEARCH_MAX_CHARS)  # the lists refuse longer searches
        self.search.setPlaceholderText(
            self.tr("Search name, code, pinyin, phone, contact... (Ctrl+F)"))
        self.search.setMinimumWidth(300)
        self.search.setMaximumWidth(640)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.on_search)
        self.search.textChanged.connect(self.search_timer.start)
        self.search.returnPressed.connect(self.on_search_done)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.on_search_done,
                  Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear,
                  Qt.ShortcutContext.WidgetShortcut)
        self.search.setEnabled(self.search_row() is not None)

    def _build_actions(self) -> None:
        creates = self.creating_row()
        label = self.modules[creates].creates if creates is not None else None
        new_text = text(label) if label is not None else self.tr("New")
        self.new_action = self._action(new_text, QKeySequence.StandardKey.New, self.on_new)
        self.find_action = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find,
                                        self.focus_search)
        self.refresh_action = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh,
                                           self.on_refresh)
        self.settings_action = self._action(self.tr("&Settings..."),
                                            QKeySequence.StandardKey.Preferences,
                                            self.open_settings)
        self.password_action = self._action(self.tr("Change &password..."), None,
                                            self.change_password)
        self.sign_out_action = self._action(self.tr("Sign &out"), None, self.on_sign_out)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        self.new_action.setEnabled(creates is not None and self._actor.can(
            self.modules[creates].right[0], "create"))
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.settings_action])
        file_menu.addSeparator()
        file_menu.addActions([self.password_action, self.sign_out_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        menus.addMenu(self.tr("&Edit")).addActions([self.find_action, self.refresh_action])
        menus.addMenu(self.tr("&Help")).addAction(
            self._action(self.tr("&About Kehu"), None, self.on_about))
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

    def _action(self, label: str, key: QKeySequence.StandardKey | None, slot: Any) -> QAction:
        action = QAction(label, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{label.replace('&', '')} ({action.shortcut().toString()})")
        action.triggered.connect(slot)
        return action

    def _build_central(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 5px 8px; }")
        for number, module in enumerate(self.modules):
            item = QListWidgetItem(text(module.title))
            item.setData(Qt.ItemDataRole.UserRole, module.key)
            if number < 10:  # Ctrl+1 ... Ctrl+9, then Ctrl+0 for the tenth
                item.setToolTip(f"Ctrl+{(number + 1) % 10}")
            self.navigation.addItem(item)
        self.pages = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.show_page)
        self._page_shortcuts: dict[QShortcut, int] = {}
        for row in range(min(10, len(self.modules))):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{(row + 1) % 10}"), self)
            shortcut.activated.connect(self.on_page_shortcut)
            self._page_shortcuts[shortcut] = row
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1100])
        # One module (a salesperson's customers): nothing to choose between.
        self.navigation.setVisible(len(self.modules) > 1)
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self.tr("User: %1").replace("%1", self._actor.label))
        self.user_label.setObjectName("userLabel")
        self.database_label = QLabel(
            self.tr("Database: %1").replace("%1", self._services.database_label))
        self.database_label.setObjectName("databaseLabel")
        for label in (self.user_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
        bar = self.statusBar()
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.database_label)

    # --- modules --------------------------------------------------------------------------
    def row_of(self, key: str) -> int | None:
        return next((n for n, m in enumerate(self.modules) if m.key == key), None)

    def search_row(self) -> int | None:
        return next((n for n, m in enumerate(self.modules) if m.searchable), None)

    def creating_row(self) -> int | None:
        return next((n for n, m in enumerate(self.modules) if m.creates is not None), None)

    def on_page_shortcut(self) -> None:
        row = self._page_shortcuts.get(self.sender())  # type: ignore[call-overload]  # a shortcut
        if row is not None:
            self.navigation.setCurrentRow(row)

    def show_page(self, row: int) -> QWidget | None:
        """Show module ``row`` (Ctrl+1, Ctrl+2 ...), building it the first time."""
        if not 0 <= row < len(self.modules):
            return None
        page = self.page_widgets.get(row)
        if page is None:
            page = self.page_widgets[row] = self.modules[row].page(self.context)
            restore = getattr(page, "restore_state", None)
            if callable(restore):
                restore(QSettings())
            if self.modules[row].searchable and hasattr(page, "sig_search_cleared"):
                page.sig_search_cleared.connect(self.on_search_cleared)
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        return page

    def page(self, key: str) -> Any:
        row = self.row_of(key)
        return None if row is None else self.show_page(row)

    def navigate(self, drill: DrillTarget) -> bool:
        """Show the list ``drill`` names, filtered as it says (the dashboard's
        click-through); False when the user may not open it."""
        return open_drill(self, drill) is not None

    # --- search, new, refresh -------------------------------------------------------------
    def focus_search(self) -> None:
        row = self.search_row()
        if row is None:
            return
        self.show_page(row)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_search(self) -> None:
        row = self.search_row()
        if row is None:
            return
        page: Any = self.show_page(row) if self.search.text() else self.page_widgets.get(row)
        if page is not None:
            page.set_search(self.search.text())

    def on_search_cleared(self) -> None:
        """The page dropped the search (its Clear filters): empty the search box too."""
        self.search_timer.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)

    def on_search_done(self) -> None:
        self.search_timer.stop()
        self.on_search()
        row = self.search_row()
        page: Any = self.page_widgets.get(row) if row is not None else None
        if page is not None and hasattr(page, "focus_table"):
            page.focus_table()

    def on_new(self) -> Any:
        row = self.creating_row()
        if row is None:
            return None
        page: Any = self.show_page(row)
        return page.new_record()

    def on_refresh(self) -> None:
        page: Any = self.pages.currentWidget()
        if page is not None and hasattr(page, "reload"):
            page.reload()

    # --- settings and about ---------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self)
        dialog.sig_language_changed.connect(self.sig_language_changed)
        dialog.open()
        return dialog

    def on_about(self) -> None:
        QMessageBox.about(self, self.tr("About Kehu"), self.about_text())

    def about_text(self) -> str:
        python = ".".join(str(p) for p in sys.version_info[:3])
        return self.tr("Kehu customer information manager, version %1.\n"
                       "Signed in as %2.\nDatabase: %3\nPython %4, PySide6 %5.") \
            .replace("%1", app_version()).replace("%2", self._actor.label) \
            .replace("%3", self._services.database_label).replace("%4", python) \
            .replace("%5", PYSIDE_VERSION)

    # --- the account ----------------------------------------------------------------------
    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self._services, self._actor, self.context.runner,
                                      parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.on_password_changed)
        dialog.open()
        return dialog

    def on_password_changed(self) -> None:
        self.statusBar().showMessage(self.tr("Your password was changed."), 10_000)

    def on_sign_out(self) -> None:
        if self.close_forms():
            self.sig_sign_out.emit()

    # --- forms and memory -----------------------------------------------------------------
    def forms(self) -> list[RecordForm]:
        return [f for f in self.findChildren(RecordForm) if f.isVisible()]

    def restore_state(self, settings: QSettings) -> None:
        if not persist.restore_window(settings, SETTINGS_KEY, self):
            self.resize(self.DEFAULT_SIZE)
        persist.restore_splitter(settings, SETTINGS_KEY, self.splitter)

    def save_state(self, settings: QSettings) -> None:
        persist.save_window(settings, SETTINGS_KEY, self)
        persist.save_splitter(settings, SETTINGS_KEY, self.splitter)
        for page in self.page_widgets.values():
            save = getattr(page, "save_state", None)
            if callable(save):
                save(settings)

    def close_forms(self) -> bool:
        """Close every open form; False if the user kept one open."""
        return all(form.close() for form in self.forms())

    def discard_and_close(self) -> None:
        """Close the forms without asking about unsaved changes, then the window."""
        for form in self.forms():
            form.fields.mark_clean()
            form.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_forms():
            event.ignore()
            return
        self.save_state(QSettings())
        event.accept()
