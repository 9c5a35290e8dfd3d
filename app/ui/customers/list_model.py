"""A lazy table of customers: keyset pages fetched in the background as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from app.logic.dto import Actor, CustomerQuery, CustomerRow
from app.logic.services import Services
from app.ui.messages import Messages
from app.ui.paged_model import Index, PagedTableModel, PageResult
from app.ui.tasks import Runner

PAGE_SIZE = 200
# (attribute on CustomerRow, sort key understood by list_customers or "" if not sortable)
COLUMNS = (("code", "code"), ("name", "name"), ("status", "status"), ("tier", "tier"),
           ("city", "city"), ("phone", ""), ("owner", "owner"), ("updated_at", "updated"))
TRANSLATED = {"status", "tier"}
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class CustomerListModel(PagedTableModel):
    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 parent: QObject | None = None) -> None:
        super().__init__(runner, parent)
        self._services = services
        self._actor = actor
        self._messages = messages
        self._query = CustomerQuery()

    # --- what to show ---------------------------------------------------------------------
    @property
    def query(self) -> CustomerQuery:
        return self._query

    def set_query(self, query: CustomerQuery) -> None:
        """Show the customers matching ``query`` from the first page on."""
        self._query = query
        self.restart()

    def reload(self) -> None:
        self.restart()

    def refresh_customer(self, customer_id: int) -> None:
        """A customer was saved: redraw its line where it is, so the list keeps its place
        (a renamed customer moves to its sorted place at the next reload). A customer not
        shown yet (a new one) reloads the list."""
        if not any(row.id == customer_id for row in self._rows):
            self.restart()
            return
        customers, actor = self._services.customers, self._actor
        generation = self._generation
        self._runner.run(lambda: customers.get_customer_row(actor, customer_id),
                         lambda row: self.on_customer_row(generation, row),
                         # Gone from view (reassigned away, removed): read the list again.
                         lambda _exc: generation == self._generation and self.restart(),
                         context=self)

    def on_customer_row(self, generation: int, fresh: CustomerRow) -> None:
        if generation != self._generation:
            return
        for number, row in enumerate(self._rows):
            if row.id == fresh.id:
                self._rows[number] = fresh
                self.dataChanged.emit(self.index(number, 0),
                                      self.index(number, len(COLUMNS) - 1))
                return

    def page_task(self, cursor: Any) -> Callable[[], PageResult]:
        customers, actor, query = self._services.customers, self._actor, self._query

        def task() -> PageResult:
            page = customers.list_customers(actor, query, after=cursor, limit=PAGE_SIZE)
            return page.rows, page.next_key

        return task

    def count_task(self) -> Callable[[], int]:
        customers, actor, query = self._services.customers, self._actor, self._query
        return lambda: customers.count_customers(actor, query)

    # --- the table ------------------------------------------------------------------------
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

