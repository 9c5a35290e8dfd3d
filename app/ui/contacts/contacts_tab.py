"""The contacts of one customer or supplier: add, open, edit, remove, set primary, export.

One component for every record with contact people (``kind``: "customer", "supplier").
Before its customer or supplier is first saved the contacts are kept here and saved with
it; a reader may open a contact to read it. The columns are sized for what they hold (the
primary star narrow, phones and e-mail whole).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.contacts import CONTACT, parent_kind
from app.logic.kit.dto import Changed, ListQuery, Record
from app.logic.kit.export import ExportSpec
from app.ui.contacts.contact_dialog import ContactDialog
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.export import ExportRun, announce, ask_export_path, export_outcome
from app.ui.kit.language import ui_language

COLUMNS = ("is_primary", "name", "position", "department", "phone", "mobile", "email")
# The least width of each column; wider when its content needs it.
WIDTHS = {"is_primary": 28, "name": 90, "position": 100, "department": 90,
          "phone": 120, "mobile": 120, "email": 160}
STAR_WIDTH = 28
Index = QModelIndex | QPersistentModelIndex


class ContactsModel(QAbstractTableModel):
    """Saved contacts (Records) or, for a customer or supplier not saved yet, their
    values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._language = ui_language()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = COLUMNS[index.column()]
        value = self._rows[index.row()].get(name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if name == "is_primary":
                return "★" if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "is_primary":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        f = CONTACT.field(COLUMNS[section])
        if role == Qt.ItemDataRole.DisplayRole:
            return "★" if f.name == "is_primary" else f.caption(self._language)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.caption(self._language)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren


class ContactsTab(QWidget):
    sig_contacts_changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None, *,
                 kind: str = "customer") -> None:
        super().__init__(parent)
        self.setObjectName("contactsTab")
        self.context = context
        self.kind = parent_kind(kind)  # whose contacts: a customer's or a supplier's
        self.parent_id: int | None = None
        self.contacts: list[Record] = []
        self.pending: list[dict[str, Any]] = []  # a new record's contacts, not saved yet
        self.model = ContactsModel(self)
        self.export_run: ExportRun | None = None
        self.ask_path: Callable[[], str] = self.choose_export_path  # tests answer it
        self._build()
        context.hub.sig_changed.connect(self.on_changed)

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(STAR_WIDTH)
        for column, name in enumerate(COLUMNS):
            header.resizeSection(column, WIDTHS[name])
        header.setSectionResizeMode(COLUMNS.index("is_primary"), QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COLUMNS.index("is_primary"), STAR_WIDTH)
        self.table.activated.connect(self.on_open)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        buttons = QVBoxLayout()
        self.add_button = self._button(buttons, "addContact", self.tr("&Add..."), self.on_add,
                                       "Ins")
        self.edit_button = self._button(buttons, "editContact", self.tr("&Open..."),
                                        self.on_open, "F2")
        self.remove_button = self._button(buttons, "removeContact", self.tr("&Remove"),
                                          self.on_remove, "Del")
        self.primary_button = self._button(buttons, "setPrimary", self.tr("Set &primary"),
                                           self.on_set_primary, "")
        self.export_button = self._button(buttons, "exportContacts",
                                          self.tr("E&xport..."), self.on_export, "")
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def _button(self, box: QVBoxLayout, name: str, text: str, slot: Any, key: str
                ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
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
    def set_contacts(self, parent_id: int | None, contacts: Sequence[Record]) -> None:
        """Show the contacts of customer (or supplier) ``parent_id``; None: a new one's,
        kept here until it is saved."""
        self.parent_id = parent_id
        self.contacts = list(contacts)
        if parent_id is not None:
            self.pending = []
        self._show()

    def _show(self) -> None:
        rows = ([dict(c.values) for c in self.contacts] if self.parent_id is not None
                else list(self.pending))
        self.model.set_rows(rows)
        self.fit_columns()
        if rows:
            self.table.selectRow(0)
        self.update_buttons()

    def fit_columns(self) -> None:
        """Every column as wide as its content (the star stays narrow), so phone numbers
        and e-mail addresses are never cut; the table scrolls sideways when it must."""
        header = self.table.horizontalHeader()
        for column, name in enumerate(COLUMNS):
            if name != "is_primary":
                header.resizeSection(column, max(WIDTHS[name],
                                                 self.table.sizeHintForColumn(column),
                                                 header.sectionSizeHint(column)))

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def current(self) -> Record | None:
        row = self.current_row()
        if self.parent_id is None or not 0 <= row < len(self.contacts):
            return None
        return self.contacts[row]

    def may(self, action: str) -> bool:
        if self.parent_id is None:
            return self.context.can(self.kind.module, "create") and \
                self.context.can("contacts", "create")
        if not self.kind.owned and not self.context.can(self.kind.module, "edit"):
            return False  # a supplier's contacts are changed by who may edit suppliers
        return self.context.can("contacts", action)

    def may_open(self) -> bool:
        """Open a contact: to read it (a saved one), or to change one not saved yet."""
        if self.parent_id is None:
            return self.may("create")
        return self.context.can("contacts", "view")

    def update_buttons(self, *_args: Any) -> None:
        chosen = self.current_row() >= 0
        self.add_button.setEnabled(self.may("create"))
        self.edit_button.setEnabled(chosen and self.may_open())
        self.edit_button.setText(self.tr("&Edit...") if self.may("edit")
                                 else self.tr("&Open..."))
        self.remove_button.setEnabled(chosen and self.may("delete"))
        primary = chosen and not self.model.row_at(self.current_row()).get("is_primary")
        self.primary_button.setEnabled(primary and self.may("edit"))
        self.export_button.setEnabled(self.may_export() and self.export_run is None)

    def reload(self) -> None:
        if self.parent_id is None:
            return
        parent_id, kind = self.parent_id, self.kind.field
        service, actor = self.context.services.contacts, self.context.actor
        self.context.runner.run(lambda: service.list_contacts(actor, parent_id, kind),
                                lambda found: self.on_reloaded(parent_id, found),
                                self.on_failed, context=self)

    def on_reloaded(self, parent_id: int, contacts: list[Record]) -> None:
        if parent_id == self.parent_id:
            self.set_contacts(parent_id, contacts)
            self.sig_contacts_changed.emit()

    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and changed.entity == "contact" and \
                changed.touches(self.kind.field, self.parent_id):
            self.reload()

    # --- actions --------------------------------------------------------------------------
    def on_add(self) -> ContactDialog | None:
        if not self.may("create"):
            return None
        return self.open_dialog(None)

    def on_open(self, *_args: Any) -> ContactDialog | None:
        row = self.current_row()
        if row < 0 or not self.may_open():
            return None
        return self.open_dialog(row)

    def open_dialog(self, row: int | None) -> ContactDialog:
        kind = self.kind.field
        if self.parent_id is None:
            local = self.pending[row] if row is not None else None
            dialog = ContactDialog(self.context, None, local=local, parent=self, kind=kind)
        else:
            contact_id = self.contacts[row].id if row is not None else None
            dialog = ContactDialog(self.context, self.parent_id, contact_id, parent=self,
                                   kind=kind)
        dialog.restore_state(QSettings())
        dialog.place(self.window().pos())
        if dialog.exec() and self.parent_id is None and dialog.local_values is not None:
            self.keep_pending(row, dialog.local_values)
        dialog.deleteLater()
        return dialog

    def keep_pending(self, row: int | None, values: dict[str, Any]) -> None:
        if values.get("is_primary") or not self.pending:
            for other in self.pending:
                other["is_primary"] = False
            values = {**values, "is_primary": True}
        if row is None:
            self.pending.append(values)
        else:
            self.pending[row] = values
        self._show()

    def on_remove(self) -> None:
        row = self.current_row()
        if row < 0 or not self.may("delete"):
            return
        name = str(self.model.row_at(row).get("name") or "")
        if not self.confirm_remove(name):
            return
        if self.parent_id is None:
            del self.pending[row]
            if self.pending and not any(p.get("is_primary") for p in self.pending):
                self.pending[0]["is_primary"] = True
            self._show()
            return
        contact = self.contacts[row]
        service, actor = self.context.services.contacts, self.context.actor
        self.context.runner.run(lambda: service.remove_contact(actor, contact.id,
                                                               contact.version),
                                self.context.hub.broadcast, self.on_failed, context=self)

    def confirm_remove(self, name: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove contact"), self.tr("Remove the contact %1?").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def on_set_primary(self) -> None:
        row = self.current_row()
        if row < 0 or not self.may("edit"):
            return
        if self.parent_id is None:
            for number, values in enumerate(self.pending):
                values["is_primary"] = number == row
            self._show()
            return
        contact = self.contacts[row]
        service, actor = self.context.services.contacts, self.context.actor
        self.context.runner.run(lambda: service.set_primary_contact(actor, contact.id,
                                                                    contact.version),
                                self.context.hub.broadcast, self.on_failed, context=self)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()

    # --- export ---------------------------------------------------------------------------
    def may_export(self) -> bool:
        return self.parent_id is not None and bool(self.contacts) and \
            self.context.can("contacts", "export")

    def visible_columns(self) -> tuple[str, ...]:
        """The shown columns' fields, in the order the user sees them."""
        header = self.table.horizontalHeader()
        order = sorted((header.visualIndex(c), c) for c in range(header.count())
                       if not header.isSectionHidden(c))
        return tuple(COLUMNS[c] for _, c in order)

    def choose_export_path(self) -> str:
        return ask_export_path(self, self.tr("Export the contacts"), "contacts")

    def on_export(self) -> ExportRun | None:
        """The customer's (or supplier's) contacts as the table shows them, in the
        background."""
        if not self.may_export() or self.export_run is not None:
            return None
        path = self.ask_path()
        if not path:
            return None
        query = ListQuery(filters=((self.kind.field, self.parent_id),))
        spec = ExportSpec(query, self.visible_columns(), ui_language())
        service, actor, total = self.context.services.contacts, self.context.actor, \
            len(self.contacts)
        run = self.export_run = ExportRun(
            self.context.runner, self.tr("Exporting the contacts to %1...").replace("%1", path),
            self)
        run.sig_finished.connect(lambda count: self.on_exported(path, count))
        run.sig_failed.connect(self.on_export_failed)
        self.export_button.setEnabled(False)
        run.start(lambda report: service.export(actor, spec, path,
                                                lambda done: report(done, total)))
        return run

    def on_exported(self, path: str, count: int) -> None:
        self.export_run = None
        self.update_buttons()
        announce(self, export_outcome(path, count))

    def on_export_failed(self, error: Exception) -> None:
        self.export_run = None
        self.update_buttons()
        show_error(self, error)
