"""Receivables (应收账款) as of a date: per customer what is open, what is overdue and how
long past due (current, 1-30, 31-60, 61-90, over 90 days), largest open first, sortable by
any column, with the total beneath. Read in the background whenever the date or the
customer changes (the window never waits), and exported to Excel in the background with
progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.finance import AGING_WORDS, BUCKETS, Aging, Receivables
from app.logic.kit.dto import Changed
from app.ui.kit import persist
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.export import ExportRun, announce, ask_export_path, export_outcome
from app.ui.kit.language import ui_language

COLUMNS = ("code", "name", "open", "overdue", *(b for b, _, _ in BUCKETS))
MONEY_FROM = 2  # the columns from here on are money
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SETTINGS_KEY = "finance/receivables"
WIDTHS = {"code": 100, "name": 280}
MONEY_WIDTH = 120


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def figures(row: Aging) -> tuple[Any, ...]:
    return (row.code, row.name, row.open, row.overdue,
            *(row.buckets[b] for b, _, _ in BUCKETS))


TOTAL_ROLE = Qt.ItemDataRole.UserRole + 3


class TotalLastProxy(QSortFilterProxyModel):
    """Sorts by the sort role, the total row always last."""

    def lessThan(self, left: Any, right: Any) -> bool:
        left_total = bool(left.data(TOTAL_ROLE))
        right_total = bool(right.data(TOTAL_ROLE))
        if left_total or right_total:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            return right_total != descending if left_total != right_total else False
        return bool(super().lessThan(left, right))


class ReceivablesPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receivablesPage")
        self.context = context
        self._language = ui_language()
        self.result: Receivables | None = None
        self._generation = 0
        self.export_run: ExportRun | None = None
        self.ask_path: Callable[[], str] = self.choose_export_path
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setObjectName("asOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setAccessibleName(self.tr("As of"))
        self.as_of.dateChanged.connect(self.reload)
        as_of_label = QLabel(self.tr("&As of:"))
        as_of_label.setBuddy(self.as_of)
        self.customer = QComboBox()
        self.customer.setObjectName("receivablesCustomer")
        self.customer.setAccessibleName(self.tr("Customer"))
        self.customer.addItem(self.tr("All customers"), None)
        self.customer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.customer.setMinimumContentsLength(24)
        self.customer.currentIndexChanged.connect(self.reload)
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setObjectName("receivablesToday")
        self.today_button.clicked.connect(self.on_today)
        self.export_button = QPushButton(self.tr("Export to &Excel..."))
        self.export_button.setObjectName("exportReceivables")
        can_export = self.context.can("finance", "export")
        self.export_button.setEnabled(can_export)
        if not can_export:
            self.export_button.setToolTip(self.tr("You do not have the right to export "
                                                  "the receivables."))
        self.export_button.clicked.connect(self.on_export)
        self.status = QLabel()
        self.status.setObjectName("receivablesStatus")
        bar = QHBoxLayout()
        bar.addWidget(as_of_label)
        bar.addWidget(self.as_of)
        bar.addWidget(self.today_button)
        bar.addSpacing(12)
        bar.addWidget(self.customer)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(
            [AGING_WORDS[c].text(self._language) for c in COLUMNS])
        for column in range(MONEY_FROM, len(COLUMNS)):
            self.model.horizontalHeaderItem(column).setTextAlignment(RIGHT)
        self.proxy = TotalLastProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._table("receivablesTable", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        for column, name in enumerate(COLUMNS):
            header.resizeSection(column, WIDTHS.get(name, MONEY_WIDTH))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setObjectName("receivablesEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def _table(self, name: str, model: Any) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    # --- loading --------------------------------------------------------------------------
    def as_of_date(self) -> date:
        day = self.as_of.date()
        return date(day.year(), day.month(), day.day())

    def on_today(self) -> None:
        self.as_of.setDate(QDate.currentDate())

    def reload(self) -> None:
        """Read the receivables as of the date shown, for the customer chosen, in the
        background; an answer to an earlier question is dropped."""
        self._generation += 1
        generation = self._generation
        day, customer = self.as_of_date(), self.customer.currentData()
        service, actor = self.context.services.receivables, self.context.actor
        self.status.setText(self.tr("Loading..."))
        self.context.runner.run(lambda: service.receivables(actor, day, customer),
                                lambda found: self.on_loaded(generation, customer, found),
                                self.on_failed, context=self)

    def on_loaded(self, generation: int, customer: int | None, found: Receivables) -> None:
        if generation != self._generation:
            return
        self.result = found
        self.show_rows(found)
        if customer is None:
            self.fill_customers(found)
        count = len(found.rows)
        total = found.total
        self.status.setText(self.tr("%1 customers with open receivables").replace(
            "%1", f"{count:,}") + f" · {AGING_WORDS['open'].text(self._language)} "
            f"{money(total.open)} · {AGING_WORDS['overdue'].text(self._language)} "
            f"{money(total.overdue)}")

    def on_failed(self, error: Exception) -> None:
        self.status.clear()
        show_error(self, error)

    def fill_customers(self, found: Receivables) -> None:
        """The customer filter offers the customers with anything open, by code."""
        combo = self.customer
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for row in sorted(found.rows, key=lambda r: r.code):
            combo.addItem(f"{row.name} ({row.code})", row.customer_id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    def show_rows(self, found: Receivables) -> None:
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for row in found.rows:
            items = []
            for column, value in enumerate(figures(row)):
                item = QStandardItem(money(value) if column >= MONEY_FROM else str(value))
                item.setData(float(value) if column >= MONEY_FROM else str(value), SORT_ROLE)
                item.setData(row.customer_id, ID_ROLE)
                if column >= MONEY_FROM:
                    item.setTextAlignment(RIGHT)
                    if column == 3 and value > 0:  # overdue
                        item.setForeground(Qt.GlobalColor.darkRed)
                items.append(item)
            self.model.appendRow(items)
        total, bold = found.total, QFont(self.table.font())
        bold.setBold(True)
        items = []
        for column, value in enumerate(figures(total)):
            text = AGING_WORDS["total"].text(self._language) if column == 1 else \
                money(value) if column >= MONEY_FROM else ""
            item = QStandardItem(text)
            item.setData(True, TOTAL_ROLE)
            item.setFont(bold)
            if column >= MONEY_FROM:
                item.setTextAlignment(RIGHT)
            items.append(item)
        if found.rows:
            self.model.appendRow(items)
        self.table.setSortingEnabled(True)
        self.empty.setText(self.tr("Nothing is open as of %1.").replace(
            "%1", found.as_of.isoformat()))
        self.empty.setVisible(not found.rows)
        self.table.setVisible(bool(found.rows))

    def cell(self, row: int, name: str) -> str:
        """The text shown in the sorted table's ``row`` under ``name``."""
        return str(self.proxy.index(row, COLUMNS.index(name)).data())

    def rows_shown(self) -> int:
        """The customers' rows (the total's not counted)."""
        return max(0, self.proxy.rowCount() - 1)

    def total_text(self, name: str) -> str:
        return self.cell(self.proxy.rowCount() - 1, name)

    def on_changed(self, changed: Changed) -> None:
        """Invoices and payments change what is open: read again."""
        if changed.entity in ("invoice", "payment"):
            self.reload()

    # --- export ---------------------------------------------------------------------------
    def choose_export_path(self) -> str:
        return ask_export_path(self, self.tr("Export the receivables"), "receivables")

    def on_export(self) -> ExportRun | None:
        if not self.context.can("finance", "export") or self.export_run is not None:
            return None
        path = self.ask_path()
        if not path:
            return None
        service, actor, day = self.context.services.receivables, self.context.actor, \
            self.as_of_date()
        language = self._language
        total = len(self.result.rows) + 1 if self.result is not None else 0
        run = self.export_run = ExportRun(self.context.runner,
                                          self.tr("Exporting to %1...").replace("%1", path),
                                          self)
        run.sig_finished.connect(lambda count: self.on_exported(path, count))
        run.sig_failed.connect(self.on_export_failed)
        self.export_button.setEnabled(False)
        run.start(lambda report: service.export(actor, path, day, language,
                                                lambda done: report(done, total)))
        return run

    def on_exported(self, path: str, count: int) -> None:
        self.export_run = None
        self.export_button.setEnabled(True)
        text = export_outcome(path, count)
        self.status.setText(text)
        announce(self, text)

    def on_export_failed(self, error: Exception) -> None:
        self.export_run = None
        self.export_button.setEnabled(True)
        show_error(self, error)

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
