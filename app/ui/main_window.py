"""The main window: navigation, global search, the current module, status bar."""

from __future__ import annotations

from collections.abc import Callable

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

from app.logic.dto import Actor
from app.logic.services import Services
from app.ui import persist
from app.ui.customers.form import CustomerForm
from app.ui.customers.list_view import CustomerListView
from app.ui.messages import Messages
from app.ui.password_dialog import ChangePasswordDialog
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import Runner

SETTINGS_KEY = "main"
SEARCH_DELAY_MS = 250


class MainWindow(QMainWindow):
    sig_language_changed = Signal(str)
    sig_sign_out = Signal()
    DEFAULT_SIZE = QSize(1280, 800)

    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._services = services
        self._actor = actor
        self._runner = runner
        self._messages = messages
        self.forms: list[CustomerForm] = []
        self.setWindowTitle(self.tr("Kehu customer information"))
        self.customers = CustomerListView(services, actor, runner, messages)
        self.customers.sig_open_customer.connect(self.open_customer)
        self.customers.sig_total_changed.connect(self.on_total_changed)
        self._build_search()
        self._build_actions()
        self._build_central()
        self._build_status_bar()

    # --- layout ---------------------------------------------------------------------------
    def _build_search(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setClearButtonEnabled(True)
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
        for key in (Qt.Key.Key_Down,):
            QShortcut(QKeySequence(key), self.search, self.on_search_done,
                      Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear,
                  Qt.ShortcutContext.WidgetShortcut)

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("&New customer"), QKeySequence.StandardKey.New,
                                       self.new_customer)
        self.find_action = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find,
                                        self.focus_search)
        self.refresh_action = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh,
                                           self.customers.reload)
        self.settings_action = self._action(self.tr("&Settings..."),
                                            QKeySequence.StandardKey.Preferences,
                                            self.open_settings)
        self.password_action = self._action(self.tr("Change &password..."), None,
                                            self.change_password)
        self.sign_out_action = self._action(self.tr("Sign &out"), None, self.on_sign_out)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        self.new_action.setEnabled(self._actor.can("customers", "create"))
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

    def _action(self, text: str, key: QKeySequence.StandardKey | None, slot) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{text.replace('&', '')} ({action.shortcut().toString()})")
        action.triggered.connect(slot)
        return action

    def _build_central(self) -> None:
        services, actor, runner = self._services, self._actor, self._runner
        self._factories: list[Callable[[], QWidget]] = [
            lambda: self.customers,
            lambda: _admin_page(services, actor, runner),
            lambda: _audit_page(services, actor, runner),
        ]
        self.page_widgets: dict[int, QWidget] = {}
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 5px 8px; }")
        for text in (self.tr("Customers"), self.tr("Administration"), self.tr("Audit log")):
            self.navigation.addItem(QListWidgetItem(text))
        for text in (self.tr("Projects"), self.tr("Service"), self.tr("Sales"),
                     self.tr("Finance"), self.tr("Reports")):
            item = QListWidgetItem(self.tr("%1 (coming)").replace("%1", text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.navigation.addItem(item)
        self.pages = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.show_page)
        self.navigation.setCurrentRow(0)
        self._page_shortcuts: dict[QShortcut, int] = {}
        for row in range(len(self._factories)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(self.on_page_shortcut)
            self._page_shortcuts[shortcut] = row
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1100])
        self.setCentralWidget(self.splitter)

    def on_page_shortcut(self) -> None:
        row = self._page_shortcuts.get(self.sender())
        if row is not None:
            self.navigation.setCurrentRow(row)

    def show_page(self, row: int) -> QWidget | None:
        """Show module ``row`` (Ctrl+1, Ctrl+2 ...), building it the first time."""
        if not 0 <= row < len(self._factories):
            return None
        page = self.page_widgets.get(row)
        if page is None:
            page = self.page_widgets[row] = self._factories[row]()
            if row:
                page.restore_state(QSettings())
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        return page

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self.tr("User: %1").replace("%1", self._actor.label))
        self.user_label.setObjectName("userLabel")
        self.database_label = QLabel(
            self.tr("Database: %1").replace("%1", self._services.database_label))
        self.database_label.setObjectName("databaseLabel")
        self.total_label = QLabel()
        self.total_label.setObjectName("statusTotal")
        bar = self.statusBar()
        bar.addWidget(self.total_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.database_label)
        if self.customers.model.total is not None:
            self.on_total_changed(self.customers.model.total)

    # --- search ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.navigation.setCurrentRow(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_search(self) -> None:
        if self.search.text():
            self.navigation.setCurrentRow(0)
        self.customers.set_search(self.search.text())

    def on_search_done(self) -> None:
        self.search_timer.stop()
        self.on_search()
        self.customers.focus_table()

    def on_total_changed(self, total: int) -> None:
        self.total_label.setText(self.tr("%1 customers").replace("%1", f"{total:,}"))

    # --- customers ------------------------------------------------------------------------
    def new_customer(self) -> CustomerForm:
        return self._show_form(None)

    def open_customer(self, customer_id: int) -> CustomerForm:
        return self._show_form(customer_id)

    def _show_form(self, customer_id: int | None) -> CustomerForm:
        form = next((f for f in self.forms
                     if customer_id is not None and f.customer_id == customer_id), None)
        if form is None:
            form = CustomerForm(self._services, self._actor, self._runner, self._messages,
                                customer_id, self)
            form.setWindowModality(Qt.WindowModality.NonModal)
            form.restore_state(QSettings())
            form.sig_customer_saved.connect(self.on_customer_saved)
            # A bound method, not a lambda holding the form: PySide6 6.11 crashes in
            # ~QObject when a lambda capturing a QObject is connected to a deleted widget.
            form.finished.connect(self.on_form_finished)
            self.forms.append(form)
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def on_form_finished(self, _result: int) -> None:
        form = self.sender()
        if isinstance(form, CustomerForm):
            self.forget_form(form)

    def forget_form(self, form: CustomerForm) -> None:
        if form in self.forms:
            self.forms.remove(form)
        form.deleteLater()

    def on_customer_saved(self, customer_id: int) -> None:
        self.customers.customer_saved(customer_id)

    # --- settings and about ---------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self)
        dialog.sig_language_changed.connect(self.sig_language_changed)
        dialog.open()
        return dialog

    # --- the account ----------------------------------------------------------------------
    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self._services, self._actor, self._runner, parent=self)
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

    def on_about(self) -> None:
        QMessageBox.about(self, self.tr("About Kehu"), self.tr(
            "Kehu customer information manager.\nSigned in as %1.").replace(
                "%1", self._actor.label))

    # --- memory ---------------------------------------------------------------------------
    def restore_state(self, settings: QSettings) -> None:
        if not persist.restore_window(settings, SETTINGS_KEY, self):
            self.resize(self.DEFAULT_SIZE)
        persist.restore_splitter(settings, SETTINGS_KEY, self.splitter)
        self.customers.restore_state(settings)

    def save_state(self, settings: QSettings) -> None:
        persist.save_window(settings, SETTINGS_KEY, self)
        persist.save_splitter(settings, SETTINGS_KEY, self.splitter)
        for page in self.page_widgets.values():
            page.save_state(settings)

    def close_forms(self) -> bool:
        """Close every open customer form; False if the user kept one open."""
        return all(form.close() for form in list(self.forms))

    def discard_and_close(self) -> None:
        """Close the forms without asking about unsaved changes, then the window."""
        for form in list(self.forms):
            form.fields.mark_clean()
            form.close()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_forms():
            event.ignore()
            return
        self.save_state(QSettings())
        event.accept()


# The administration and audit screens are imported when first opened, not at start-up.
def _admin_page(services: Services, actor: Actor, runner: Runner) -> QWidget:
    from app.ui.admin import AdminPage

    return AdminPage(services, actor, runner)


def _audit_page(services: Services, actor: Actor, runner: Runner) -> QWidget:
    from app.ui.audit import AuditLogPage

    return AuditLogPage(services, actor, runner)
