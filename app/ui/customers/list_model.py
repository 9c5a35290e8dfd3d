"""A lazy table of customers: keyset pages fetched in the background as the view scrolls."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.logic.dto import Actor, CustomerQuery, CustomerRow, Page
from app.logic.services import Services
from app.ui.messages import Messages
from app.ui.tasks import Runner

PAGE_SIZE = 200
# (attribute on CustomerRow, sort key understood by list_customers or "" if not sortable)
COLUMNS = (("code", "code"), ("name", "name"), ("status", "status"), ("tier", "tier"),
           ("city", "city"), ("phone", ""), ("owner", "owner"), ("updated_at", "updated"))
TRANSLATED = {"status", "tier"}
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class CustomerListModel(QAbstractTableModel):
    sig_total_changed = Signal(int)
    sig_failed = Signal(object)

    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._messages = messages
        self._query = CustomerQuery()
        self._rows: list[CustomerRow] = []
        self._next_key: tuple | None = None
        self._at_end = True
        self._loading = False
        self._generation = 0
        self.total: int | None = None

    # --- what to show ---------------------------------------------------------------------
    @property
    def query(self) -> CustomerQuery:
        return self._query

    def set_query(self, query: CustomerQuery) -> None:
        """Show the customers matching ``query`` from the first page on."""
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._next_key = None
        self._at_end = False
        self._loading = False
        self._generation += 1
        self.total = None
        self.endResetModel()
        self._count()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_query(self._query)

    def row_at(self, row: int) -> CustomerRow:
        return self._rows[row]

    # --- lazy loading ---------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, query, after = self._generation, self._query, self._next_key
        self._runner.run(
            lambda: self._services.customers.list_customers(self._actor, query, after=after,
                                                            limit=PAGE_SIZE),
            lambda page: self.on_page(generation, page),
            lambda exc: self.on_failed(generation, exc), context=self)

    def on_page(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._next_key = page.next_key
        self._at_end = page.next_key is None
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()

    def on_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self._at_end = True
            self.sig_failed.emit(error)

    def _count(self) -> None:
        generation, query = self._generation, self._query
        self._runner.run(lambda: self._services.customers.count_customers(self._actor, query),
                         lambda total: self.on_counted(generation, total),
                         lambda exc: self.on_failed(generation, exc), context=self)

    def on_counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.sig_total_changed.emit(total)

    # --- the table ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, COLUMNS[index.column()][0])
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def display(self, row: CustomerRow, attribute: str) -> str:
        value = getattr(row, attribute)
        if attribute in TRANSLATED:
            return self._messages.choice(value)
        if isinstance(value, datetime):
            local = value.astimezone() if value.tzinfo else value
            return local.strftime("%Y-%m-%d %H:%M")
        return str(value or "")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(COLUMNS)):
            return None
        return self._messages.field_label(COLUMNS[section][1] or COLUMNS[section][0])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or not COLUMNS[column][1]:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = COLUMNS[column][1]
        if (key, descending) != (self._query.sort, self._query.descending):
            self.set_query(replace(self._query, sort=key, descending=descending))

