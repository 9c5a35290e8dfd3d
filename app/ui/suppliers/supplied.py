"""The products a supplier supplies: the supplier form's "Products supplied" tab (add,
change, remove; each line in a ``SupplyDialog``), and the table the product form's
Suppliers tab shares with it.

Each line is saved on its own, one audit entry each; changing them needs the right to edit
suppliers. A supplier not saved yet has none: save it first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.fields import Label
from app.logic.suppliers import SUPPLIED
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language
from app.ui.suppliers.supply_dialog import SupplyDialog, product_text

Index = QModelIndex | QPersistentModelIndex
# (field, what of it: a reference's "key" or "label", else ""; its heading, else the
# field's caption).
Column = tuple[str, str, Label | None]
PRODUCT_COLUMNS: tuple[Column, ...] = (
    ("product", "key", Label("Product code", "产品编号")), ("product", "label", None),
    ("supplier_code", "", None), ("purchase_price", "", None), ("lead_time_days", "", None))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SuppliedModel(QAbstractTableModel):
    """Supplied-product records, one per row; ``columns`` say what each column shows (a
    supplier's tab: the product; a product's tab: the supplier)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Record] = []
        self._language = ui_language()

    def set_rows(self, rows: Sequence[Record]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Record:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name, part, _ = self.columns[index.column()]
        value = self._rows[index.row()].get(name)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if part and value is not None:
                return str(getattr(value, part))
            return SUPPLIED.field(name).display(value, self._language)
        if role == Qt.ItemDataRole.TextAlignmentRole and \
                SUPPLIED.field(name).kind in ("money", "integer"):
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns) \
                or role != Qt.ItemDataRole.DisplayRole:
            return None
        name, _, heading = self.columns[section]
        return heading.text(self._language) if heading is not None \
            else SUPPLIED.field(name).caption(self._language)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren


def supplied_table(model: SuppliedModel, name: str, stretch: int = 1) -> QTableView:
    """A read-only table of whole rows, one chosen at a time, columns sized to content but
    ``stretch`` (a name), which takes the room left."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setMinimumSectionSize(80)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fit_columns(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(column, max(90, table.sizeHintForColumn(column),
                                             header.sectionSizeHint(column)))


class SuppliedProductsTab(QWidget):
    """The supplier's products: Add (Ins), Edit or Open (F2, Enter), Remove (Del)."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suppliedProductsTab")
        self.context = context
        self.supplier_id: int | None = None
        self.model = SuppliedModel(PRODUCT_COLUMNS, self)
        self._build()
        context.hub.sig_changed.connect(self.on_changed)

    def _build(self) -> None:
        self.table = supplied_table(self.model, "suppliedTable")
        self.table.activated.connect(self.on_open)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.hint = QLabel()
        self.hint.setObjectName("suppliedHint")
        self.hint.setWordWrap(True)
        buttons = QVBoxLayout()
        self.add_button = self._button(buttons, "addSupplied", self.tr("&Add..."), self.on_add,
                                       "Ins")
        self.edit_button = self._button(buttons, "editSupplied", self.tr("&Edit..."),
                                        self.on_open, "F2")
        self.remove_button = self._button(buttons, "removeSupplied", self.tr("&Remove"),
                                          self.on_remove, "Del")
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def _button(self, box: QVBoxLayout, name: str, text: str, slot: Any, key: str
                ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        button.setToolTip(key)
        shortcut = QShortcut(QKeySequence(key), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        box.addWidget(button)
        return button

    # --- content --------------------------------------------------------------------------
    def set_supplier(self, record: Record | None) -> None:
        """Show what ``record`` supplies (None: a supplier not saved yet)."""
        self.supplier_id = None if record is None else record.id
        self.hint.setVisible(record is None)
        self.hint.setText(self.tr("Save the supplier first; then add the products it "
                                  "supplies here."))
        self.show_rows(record.children.get("products", ()) if record is not None else ())

    def show_rows(self, rows: Sequence[Record]) -> None:
        chosen = self.current()
        self.model.set_rows(rows)
        fit_columns(self.table)
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(chosen.id) if chosen is not None and
                                 chosen.id in ids else 0)
        self.update_buttons()

    def current(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def may_change(self) -> bool:
        return self.supplier_id is not None and self.context.can("suppliers", "edit")

    def update_buttons(self, *_args: Any) -> None:
        chosen = self.current() is not None
        self.add_button.setEnabled(self.may_change())
        self.edit_button.setEnabled(chosen)
        self.edit_button.setText(self.tr("&Edit...") if self.may_change()
                                 else self.tr("&Open..."))
        self.remove_button.setEnabled(chosen and self.may_change())

    def reload(self) -> None:
        if self.supplier_id is None:
            return
        supplier_id = self.supplier_id
        service, actor = self.context.services.supplied_products, self.context.actor
        self.context.runner.run(lambda: service.products_of(actor, supplier_id),
                                lambda found: self.on_reloaded(supplier_id, found),
                                self.on_failed, context=self)

    def on_reloaded(self, supplier_id: int, rows: list[Record]) -> None:
        if supplier_id == self.supplier_id:
            self.show_rows(rows)

    def on_changed(self, changed: Changed) -> None:
        if self.supplier_id is not None and changed.entity == SUPPLIED.name and \
                changed.touches("supplier", self.supplier_id):
            self.reload()

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    # --- actions --------------------------------------------------------------------------
    def on_add(self) -> SupplyDialog | None:
        if not self.may_change() or self.supplier_id is None:
            return None
        return self.open_dialog(None)

    def on_open(self, *_args: Any) -> SupplyDialog | None:
        chosen = self.current()
        if chosen is None or self.supplier_id is None:
            return None
        return self.open_dialog(chosen.id)

    def open_dialog(self, supplied_id: int | None) -> SupplyDialog:
        assert self.supplier_id is not None
        dialog = SupplyDialog(self.context, self.supplier_id, supplied_id, self)
        dialog.restore_state(QSettings())
        dialog.place(self.window().pos())
        dialog.exec()
        dialog.deleteLater()
        return dialog

    def on_remove(self) -> None:
        chosen = self.current()
        if chosen is None or not self.may_change():
            return
        product = chosen.product
        if not self.confirm_remove(product_text(product.key, product.label)):
            return
        service, actor = self.context.services.supplied_products, self.context.actor
        self.context.runner.run(lambda: service.unsupply(actor, chosen.id, chosen.version),
                                self.context.hub.broadcast, self.on_remove_failed,
                                context=self)

    def confirm_remove(self, product: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove supplied product"),
            self.tr("The supplier no longer supplies %1?").replace("%1", product),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def on_remove_failed(self, error: Exception) -> None:
        show_error(self, error)
        self.reload()
