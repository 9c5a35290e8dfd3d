"""Create or edit one customer: details, notes and contacts; keyboard first."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.logic.customers import DEFAULTS
from app.logic.dto import Actor, CustomerDetail, UserRow
from app.logic.errors import ConflictError, PossibleDuplicate, ValidationError
from app.logic.services import Services
from app.ui import persist
from app.ui.customers.conflict_dialog import ConflictDialog, Difference
from app.ui.customers.contacts_tab import ContactsTab
from app.ui.customers.details_page import DetailsPage
from app.ui.customers.duplicate_prompt import DuplicatePrompt
from app.ui.errors import show_error
from app.ui.field_set import FieldSet
from app.ui.messages import Messages
from app.ui.progress import run_with_progress
from app.ui.tasks import Runner

SETTINGS_KEY = "customers/form"
DETAILS, NOTES, CONTACTS = range(3)


class CustomerForm(QDialog):
    sig_customer_saved = Signal(int)

    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 customer_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerForm")
        self._services = services
        self._actor = actor
        self._runner = runner
        self._messages = messages
        self.detail: CustomerDetail | None = None
        self.customer_id = customer_id
        self._allow_duplicate = False
        self.fields = FieldSet(messages, self)
        self._build()
        self._add_shortcuts()
        self.load(customer_id)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.meta = QLabel()
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.details = DetailsPage(self.fields)
        self.contacts = ContactsTab(self._services, self._actor, self._runner, self._messages)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, self.tr("&Details"))
        self.tabs.addTab(self.fields.row("notes"), self.tr("&Notes"))
        self.tabs.addTab(self.contacts, self.tr("C&ontacts"))
        self.status = QLabel()
        self.status.setObjectName("formStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+S or Enter)"))
        save.setDefault(True)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.meta, self.tabs, self.status, self.buttons):
            layout.addWidget(widget)
        editors = [*self.details.tab_order(), save]
        for first, second in itertools.pairwise(editors):
            QWidget.setTabOrder(first, second)

    def _add_shortcuts(self) -> None:
        for key, slot in ((QKeySequence.StandardKey.Save, self.on_save),
                          (QKeySequence.StandardKey.New, self.on_new)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)

    # --- loading --------------------------------------------------------------------------
    def load(self, customer_id: int | None) -> None:
        services, actor = self._services, self._actor

        def fetch() -> tuple[list[UserRow], CustomerDetail | None]:
            users = services.auth.list_users(actor)
            detail = None if customer_id is None else services.customers.get_customer(
                actor, customer_id)
            return users, detail

        run_with_progress(self._runner, self, self.tr("Opening the customer..."), fetch,
                          self.on_loaded, self.on_load_failed, context=self)

    def on_loaded(self, loaded: tuple[list[UserRow], CustomerDetail | None]) -> None:
        users, detail = loaded
        owner = self.fields.editor("owner_id")
        while owner.count() > 1:
            owner.removeItem(1)
        for user in users:
            if user.is_active or (detail is not None and detail.owner_id == user.id):
                owner.addItem(user.display_name or user.username, user.id)
        self.show_detail(detail)

    def on_load_failed(self, error: Exception) -> None:
        show_error(self.parentWidget(), error)
        self.fields.mark_clean()
        self.close()

    def show_detail(self, detail: CustomerDetail | None) -> None:
        self.detail = detail
        self.customer_id = detail.id if detail else None
        self._allow_duplicate = False
        self.fields.clear_errors()
        if detail is None:
            blank = dict.fromkeys(self.fields.names(), "")
            self.fields.set_values({**blank, **DEFAULTS, "owner_id": self._actor.user_id})
        else:
            self.fields.set_values(detail.values())
        self.contacts.set_contacts(detail and detail.id, detail.contacts if detail else ())
        self.tabs.setTabEnabled(CONTACTS, detail is not None)
        self._show_heading()
        self._apply_rights()
        self.tabs.setCurrentIndex(DETAILS)
        self.fields.editor("name").setFocus()

    def may_save(self) -> bool:
        """Whether the signed-in user may save this customer (the service checks again)."""
        return self._actor.can("customers", "create" if self.detail is None else "edit")

    def _apply_rights(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self.may_save())
        if not self.may_save():
            self.status.setText(self.tr("You may look at this customer but not change it."))

    def _show_heading(self) -> None:
        d = self.detail
        if d is None:
            self.setWindowTitle(self.tr("New customer"))
            self.title.setText(self.tr("New customer"))
            self.meta.setText(self.tr("Fields marked * are required. Ctrl+S saves."))
            return
        self.setWindowTitle(self.tr("Customer %1").replace("%1", d.code))
        self.title.setText(f"{d.code}  {d.name}")
        when = d.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        self.meta.setText(self.tr("Last changed by %1 at %2 (version %3)")
                          .replace("%1", d.updated_by).replace("%2", when)
                          .replace("%3", str(d.version)))

    # --- saving ---------------------------------------------------------------------------
    def on_save(self) -> None:
        if not self.may_save():
            return
        customers, actor, detail = self._services.customers, self._actor, self.detail
        allow = self._allow_duplicate
        if detail is None:
            values = self.fields.values()
            task: Any = lambda: customers.create_customer(actor, values, allow_duplicate=allow)  # noqa: E731
        else:
            changes = self.fields.changes()
            if not changes:
                self.status.setText(self.tr("No changes to save."))
                return
            task = lambda: customers.update_customer(  # noqa: E731
                actor, detail.id, detail.version, changes, allow_duplicate=allow)
        self.status.setText(self.tr("Saving..."))
        self._runner.run(task, self.on_saved, self.on_save_failed, context=self)

    def on_saved(self, detail: CustomerDetail) -> None:
        contacts_tab = self.tabs.currentIndex() == CONTACTS
        self.show_detail(detail)
        if contacts_tab:
            self.tabs.setCurrentIndex(CONTACTS)
        self.status.setText(self.tr("Saved %1.").replace("%1", detail.code))
        self.sig_customer_saved.emit(detail.id)

    def on_save_failed(self, error: Exception) -> None:
        self.status.clear()
        if isinstance(error, ValidationError):
            self.show_validation(error)
        elif isinstance(error, PossibleDuplicate):
            if self.confirm_duplicate(error):
                self._allow_duplicate = True
                self.on_save()
        elif isinstance(error, ConflictError):
            self.resolve_conflict(error)
        else:
            show_error(self, error)

    def show_validation(self, error: ValidationError) -> None:
        rest = self.fields.show_errors(error.errors)
        first = self.fields.first_error()
        if first is not None:
            self.tabs.setCurrentIndex(NOTES if first == "notes" else DETAILS)
            self.fields.editor(first).setFocus()
        self.status.setText(self.tr("Please correct the marked fields. Nothing was saved."))
        if rest:
            show_error(self, ValidationError(rest))

    def confirm_duplicate(self, error: PossibleDuplicate) -> bool:
        return DuplicatePrompt(error.matches, self).confirmed()

    # --- conflicts ------------------------------------------------------------------------
    def resolve_conflict(self, error: ConflictError) -> None:
        mine = self.fields.changes()
        dialog = ConflictDialog(error.changed_by, error.changed_at,
                                self.differences(mine, error.theirs), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self.detail is not None:
            self._runner.run(
                lambda: self._services.customers.get_customer(self._actor, self.detail.id),
                lambda fresh: self.reapply(fresh, mine), self.on_load_failed, context=self)
        else:
            self.status.setText(self.tr("Not saved: another user changed this customer."))

    def differences(self, mine: dict[str, Any], theirs: dict[str, Any]) -> list[Difference]:
        base = self.detail.values() if self.detail else {}
        rows = []
        for name in self.fields.names():
            if name not in theirs:
                continue
            they_changed = self.fields.display(name, theirs[name]) != \
                self.fields.display(name, base.get(name))
            if name in mine or they_changed:
                yours = mine.get(name, base.get(name))
                rows.append((self.fields.caption(name), self.fields.display(name, yours),
                             self.fields.display(name, theirs[name]),
                             name in mine and they_changed))
        return rows

    def reapply(self, fresh: CustomerDetail, mine: dict[str, Any]) -> None:
        self.show_detail(fresh)
        self.fields.set_values(mine, snapshot=False)
        self.status.setText(self.tr("Reloaded. Your edits are re-applied: check them and save."))

    # --- new, cancel, close ---------------------------------------------------------------
    def on_new(self) -> None:
        if self.confirm_discard():
            self.show_detail(None)
            self.status.clear()

    def reject(self) -> None:
        if self.confirm_discard():
            self.fields.mark_clean()
            super().reject()

    def done(self, result: int) -> None:
        self.save_state(QSettings())
        super().done(result)

    def confirm_discard(self) -> bool:
        if not self.fields.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Discard your unsaved changes?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def save_state(self, settings: QSettings) -> None:
        persist.save_window(settings, SETTINGS_KEY, self)

    def restore_state(self, settings: QSettings) -> None:
        if not persist.restore_window(settings, SETTINGS_KEY, self):
            self.resize(940, 660)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
