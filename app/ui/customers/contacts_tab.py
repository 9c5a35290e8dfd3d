"""The contacts of one customer: add, edit, remove, set primary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.dto import Actor, ContactDetail
from app.logic.services import Services
from app.ui.customers.contact_dialog import ContactDialog
from app.ui.errors import show_error
from app.ui.messages import Messages
from app.ui.tasks import Runner

COLUMNS = ("name", "position", "department", "phone", "mobile", "email")


class ContactsTab(QWidget):
    sig_contacts_changed = Signal()

    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._messages = messages
        self.customer_id: int | None = None
        self.contacts: list[ContactDetail] = []
        self._build()

    def _build(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.setObjectName("contactsTable")
        self.table.setHorizontalHeaderLabels(
            [self._messages.field_label(c) for c in COLUMNS] + [self.tr("Primary")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self.on_edit)
        buttons = QVBoxLayout()
        self.add_button = self._button(buttons, self.tr("&Add..."), self.on_add, "Ins")
        self.edit_button = self._button(buttons, self.tr("&Edit..."), self.on_edit, "F2")
        self.remove_button = self._button(buttons, self.tr("&Remove"), self.on_remove, "Del")
        self.primary_button = self._button(buttons, self.tr("Set &primary"),
                                           self.on_set_primary, "")
        buttons.addStretch(1)
        for button, action in ((self.add_button, "create"), (self.edit_button, "edit"),
                               (self.primary_button, "edit"), (self.remove_button, "delete")):
            button.setEnabled(self._actor.can("contacts", action))
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _button(self, box: QVBoxLayout, text: str, slot: Any, key: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if key:
            button.setToolTip(key)
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        box.addWidget(button)
        return button

    # --- content --------------------------------------------------------------------------
    def set_contacts(self, customer_id: int | None, contacts: Sequence[ContactDetail]) -> None:
        self.customer_id = customer_id
        self.contacts = list(contacts)
        self.table.setRowCount(len(self.contacts))
        for row, contact in enumerate(self.contacts):
            for column, name in enumerate(COLUMNS):
                self.table.setItem(row, column, QTableWidgetItem(str(getattr(contact, name))))
            mark = QTableWidgetItem("★" if contact.is_primary else "")
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, len(COLUMNS), mark)
        if self.contacts:
            self.table.selectRow(0)

    def reload(self) -> None:
        if self.customer_id is None:
            return
        customer_id = self.customer_id
        self._runner.run(lambda: self._services.contacts.list_contacts(self._actor, customer_id),
                         lambda found: self.on_reloaded(customer_id, found), self.on_failed,
                         context=self)

    def on_reloaded(self, customer_id: int, contacts: list[ContactDetail]) -> None:
        self.set_contacts(customer_id, contacts)
        self.sig_contacts_changed.emit()

    def current(self) -> ContactDetail | None:
        row = self.table.currentRow()
        return self.contacts[row] if 0 <= row < len(self.contacts) else None

    # --- actions --------------------------------------------------------------------------
    def on_add(self) -> None:
        if not self._actor.can("contacts", "create"):
            return
        if self.customer_id is None:
            return
        customer_id, contacts = self.customer_id, self._services.contacts
        self.run_dialog(None, lambda v: contacts.add_contact(self._actor, customer_id, v))

    def on_edit(self) -> None:
        if not self._actor.can("contacts", "edit"):
            return
        contact = self.current()
        if contact is not None:
            contacts = self._services.contacts
            self.run_dialog(contact, lambda v: contacts.update_contact(
                self._actor, contact.id, contact.version, v))

    def run_dialog(self, contact: ContactDetail | None, save: Any) -> None:
        dialog = ContactDialog(self._runner, self._messages, save, contact, self)
        dialog.exec()
        dialog.deleteLater()
        self.reload()  # also after a conflict, so the list shows what is stored now

    def on_remove(self) -> None:
        if not self._actor.can("contacts", "delete"):
            return
        contact = self.current()
        if contact is None or not self.confirm_remove(contact):
            return
        self._runner.run(lambda: self._services.contacts.remove_contact(
            self._actor, contact.id, contact.version), lambda _: self.reload(),
            self.on_failed, context=self)

    def confirm_remove(self, contact: ContactDetail) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove contact"),
            self.tr("Remove the contact %1?").replace("%1", contact.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def on_set_primary(self) -> None:
        if not self._actor.can("contacts", "edit"):
            return
        contact = self.current()
        if contact is None or contact.is_primary:
            return
        self._runner.run(lambda: self._services.contacts.set_primary_contact(
            self._actor, contact.id, contact.version), lambda _: self.reload(),
            self.on_failed, context=self)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()
