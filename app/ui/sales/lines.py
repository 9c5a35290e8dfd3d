"""An order's lines, edited as a table from the keyboard: Tab goes through the cells, Enter
on the last line starts a new one, the product is picked by typing its code, name or pinyin
(what it takes from the product fills in: description, unit, price, tax rate), Ctrl+Delete
removes a line. Each line's net, tax and gross and the order's totals follow as the user
types, by the one rule of app/logic/sales/totals.py; the service computes them again when
saving."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.fields import Label
from app.logic.sales import ORDER_LINE, ProductPick, line_amounts
from app.ui.kit.language import ui_language

COLUMNS = ("product", "description", "quantity", "unit", "unit_price", "discount",
           "tax_rate", "net", "tax", "gross")
COMPUTED = frozenset({"net", "tax", "gross"})
NUMERIC = frozenset({"quantity", "unit_price", "discount", "tax_rate", "net", "tax", "gross"})
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
TOTALS = Label("Net %1   Tax %2   Gross %3", "净额 %1   税额 %2   含税总额 %3")


def rate_text(rate: Decimal | str | None) -> str:
    """0.1 as "10%" (how a discount or a tax rate reads in a cell)."""
    if rate in (None, ""):
        return ""
    return ORDER_LINE.field("discount").display(Decimal(str(rate)), "en")


def rate_value(text: str) -> str:
    """A cell's "10%" or "0.1" as the rate's text ("0.1"); other text as typed (the
    service names the problem)."""
    text = text.strip().replace("％", "%")
    if text.endswith("%"):
        try:
            number = Decimal(text[:-1].strip()) / 100
        except InvalidOperation:
            return text
        return f"{number.normalize():f}"
    return text


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "")) if text.strip() else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


class ProductDelegate(QStyledItemDelegate):
    """The product cell's editor: a line edit whose pop-up offers the products whose code,
    name or pinyin holds what is typed."""

    def __init__(self, editor: LinesEditor) -> None:
        super().__init__(editor)
        self.lines = editor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        line = QLineEdit(parent)
        line.setObjectName("productEditor")
        proxy = QSortFilterProxyModel(line)
        proxy.setSourceModel(self.lines.products)
        proxy.setFilterRole(SEARCH_ROLE)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(proxy, line)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        line.setCompleter(completer)
        line.textEdited.connect(lambda text: proxy.setFilterFixedString(text.strip().casefold()))
        completer.activated.connect(lambda picked: line.setText(str(picked).split()[0]))
        return line

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        code = text.split()[0] if text else ""
        model.setData(index, code.upper() if self.lines.pick(code) else code)


class LinesTable(QTableWidget):
    """The lines' table; Enter that ends an edit is told (the editor moves on)."""

    sig_entered = Signal()

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.sig_entered.emit()


EDITING = (QAbstractItemView.EditTrigger.AnyKeyPressed |
           QAbstractItemView.EditTrigger.DoubleClicked |
           QAbstractItemView.EditTrigger.EditKeyPressed |
           QAbstractItemView.EditTrigger.SelectedClicked)


class LinesEditor(QWidget):
    sig_changed = Signal()  # a line was edited, added or removed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderLines")
        self._language = ui_language()
        self._filling = False
        self._picks: dict[str, ProductPick] = {}
        self.products = QStandardItemModel(self)
        self.table = LinesTable(0, len(COLUMNS))
        self.table.setObjectName("linesTable")
        self.table.setHorizontalHeaderLabels(
            [ORDER_LINE.field(n).caption(self._language) for n in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(EDITING)
        self.table.setTabKeyNavigation(True)
        self.table.sig_entered.connect(self.on_enter)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 110), (2, 80), (3, 60), (4, 95), (5, 70), (6, 65),
                              (7, 95), (8, 85), (9, 100)):
            self.table.setColumnWidth(column, width)
        self.table.setItemDelegateForColumn(0, ProductDelegate(self))
        self.table.itemChanged.connect(self.on_item_changed)
        self.table.installEventFilter(self)
        self.add_button = QPushButton(self.tr("Add &line"))
        self.add_button.setObjectName("addLine")
        self.add_button.setToolTip(self.tr("A new line (Enter on the last line)"))
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.setObjectName("removeLine")
        self.remove_button.setToolTip(self.tr("Remove the chosen line (Ctrl+Delete)"))
        self.remove_button.clicked.connect(self.remove_line)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+Delete"), self.table).activated.connect(self.remove_line)
        self.totals = QLabel()
        self.totals.setObjectName("orderTotals")
        self.totals.setStyleSheet("font-weight: 600;")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)
        bar.addWidget(self.totals)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.show_totals()

    # --- products ---------------------------------------------------------------------
    def set_products(self, picks: Sequence[ProductPick]) -> None:
        self._picks = {p.code.upper(): p for p in picks}
        self.products.clear()
        for p in picks:
            item = QStandardItem(f"{p.code}  {p.name}")
            item.setData(p.search or f"{p.code} {p.name}".casefold(), SEARCH_ROLE)
            item.setData(p.id, ID_ROLE)
            self.products.appendRow(item)

    def pick(self, code: str) -> ProductPick | None:
        return self._picks.get(code.strip().upper()) if code.strip() else None

    # --- lines ------------------------------------------------------------------------
    def set_lines(self, lines: Sequence[Any], read_only: bool = False) -> None:
        """Show an order's lines (records of ORDER_LINE)."""
        self._filling = True
        self.table.setRowCount(0)
        for line in lines:
            self._append({
                "product": str(line.get("product") or ""),
                "description": line.get("description") or "",
                "quantity": ORDER_LINE.field("quantity").plain(line.get("quantity")),
                "unit": line.get("unit") or "",
                "unit_price": f"{line.get('unit_price'):.2f}",
                "discount": rate_text(line.get("discount")),
                "tax_rate": rate_text(line.get("tax_rate")),
            })
        self._filling = False
        self.set_read_only(read_only)
        self.refresh_amounts()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else EDITING)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)

    def _append(self, values: dict[str, str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, name in enumerate(COLUMNS):
            item = QTableWidgetItem(values.get(name, ""))
            if name in NUMERIC:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name in COMPUTED:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        return row

    def add_line(self) -> int:
        """A new empty line, its product cell being edited."""
        if getattr(self, "read_only", False):
            return -1
        self._filling = True
        row = self._append({"quantity": "1", "discount": "0%"})
        self._filling = False
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None and self.table.isVisible():
            self.table.editItem(item)
        self.sig_changed.emit()
        return row

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if getattr(self, "read_only", False) or row < 0:
            return
        self.table.removeRow(row)
        self.refresh_amounts()
        self.sig_changed.emit()

    def text(self, row: int, name: str) -> str:
        item = self.table.item(row, COLUMNS.index(name))
        return item.text().strip() if item is not None else ""

    def set_text(self, row: int, name: str, text: str) -> None:
        item = self.table.item(row, COLUMNS.index(name))
        if item is not None:
            item.setText(text)

    def lines(self) -> list[dict[str, Any]]:
        """The lines as the service takes them; a line left empty is no line."""
        found = []
        for row in range(self.table.rowCount()):
            values = {n: self.text(row, n) for n in COLUMNS if n not in COMPUTED}
            if not any(values[n] for n in ("product", "description", "unit_price")):
                continue
            values["discount"] = rate_value(values["discount"]) or "0"
            values["tax_rate"] = rate_value(values["tax_rate"])
            found.append({k: v for k, v in values.items() if v != ""})
        return found

    # --- editing ----------------------------------------------------------------------
    def on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        name = COLUMNS[item.column()]
        if name in COMPUTED:
            return
        item.setBackground(QBrush())
        item.setToolTip("")
        if name == "product":
            self._take_product(item.row())
        self.refresh_amounts()
        self.sig_changed.emit()

    def _take_product(self, row: int) -> None:
        """What the chosen product gives a line: its name, unit, list price, tax rate."""
        picked = self.pick(self.text(row, "product"))
        if picked is None:
            return
        self._filling = True
        self.set_text(row, "description", picked.name)
        self.set_text(row, "unit", picked.unit)
        self.set_text(row, "unit_price", f"{picked.list_price:.2f}")
        self.set_text(row, "tax_rate", rate_text(picked.tax_rate))
        self._filling = False

    def refresh_amounts(self) -> None:
        """Each line's net, tax and gross, and the totals, by the one rule."""
        self._filling = True
        net = tax = Decimal("0.00")
        for row in range(self.table.rowCount()):
            quantity = _number(self.text(row, "quantity"))
            price = _number(self.text(row, "unit_price"))
            discount = _number(rate_value(self.text(row, "discount")) or "0")
            rate = _number(rate_value(self.text(row, "tax_rate")) or "0")
            amounts = None
            if quantity is not None and price is not None and discount is not None and \
                    rate is not None:
                try:
                    amounts = line_amounts(quantity, price, discount, rate)
                except ValueError:  # a discount over 100%: no amounts until corrected
                    amounts = None
            for name in COMPUTED:
                self.set_text(row, name, "" if amounts is None else
                              f"{getattr(amounts, name):,.2f}")
            if amounts is not None:
                net, tax = net + amounts.net, tax + amounts.tax
        self._filling = False
        self.net, self.tax, self.gross = net, tax, net + tax
        self.show_totals()

    def show_totals(self) -> None:
        net, tax = getattr(self, "net", Decimal("0.00")), getattr(self, "tax", Decimal("0.00"))
        self.totals.setText(TOTALS.text(self._language).replace("%1", f"{net:,.2f}")
                            .replace("%2", f"{tax:,.2f}").replace("%3", f"{net + tax:,.2f}"))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Mark the cells of ``errors`` (``lines[2].quantity`` -> message)."""
        kept = [r for r in range(self.table.rowCount()) if self._kept(r)]
        for key, message in errors.items():
            head, _, name = key.partition(".")
            try:
                number = int(head.removeprefix("lines[").removesuffix("]"))
            except ValueError:
                continue
            if not 1 <= number <= len(kept) or name not in COLUMNS:
                continue
            item = self.table.item(kept[number - 1], COLUMNS.index(name))
            if item is not None:
                self._filling = True
                item.setBackground(ERROR_BRUSH)
                item.setToolTip(message)
                self._filling = False

    def _kept(self, row: int) -> bool:
        return any(self.text(row, n) for n in ("product", "description", "unit_price"))

    def on_enter(self) -> None:
        """Enter: a new line after the last one, else the next line's first cell."""
        row = self.table.currentRow()
        if row == self.table.rowCount() - 1 or row < 0:
            self.add_line()
        else:
            self.table.setCurrentCell(row + 1, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the last line (not editing) starts a new one."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.table.state() != QAbstractItemView.State.EditingState:
                self.on_enter()
                return True
        return super().eventFilter(watched, event)
