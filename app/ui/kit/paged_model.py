"""The lazy-table machinery every list shares (records, the audit log).

A model holds only the pages the view has scrolled to. ``fetchMore`` asks for the next
page on the task runner (never on the GUI thread); a reset bumps a generation number so a
page or count that arrives for an old query is dropped. Rows are inserted with
``beginInsertRows(parent, first, last)`` where ``last`` is inclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Signal

from app.ui.kit.tasks import Runner

Index = QModelIndex | QPersistentModelIndex
# What a page task returns: the rows, and the cursor of the next page (None at the end).
PageResult = tuple[Sequence[Any], Any]


class PagedTableModel(QAbstractTableModel):
    sig_total_changed = Signal(int)
    sig_failed = Signal(object)
    sig_first_page = Signal(int)  # rows on the first page of a query (0: nothing matches)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._rows: list[Any] = []
        self._cursor: Any = None
        self._at_end = True
        self._loading = False
        self._generation = 0
        self.total: int | None = None

    # --- what subclasses provide ----------------------------------------------------------
    def page_task(self, cursor: Any) -> Callable[[], PageResult]:
        """A callable (run on a worker thread) fetching the page after ``cursor``."""
        raise NotImplementedError

    def count_task(self) -> Callable[[], int]:
        """A callable (run on a worker thread) counting all rows of the current query."""
        raise NotImplementedError

    # --- shared ---------------------------------------------------------------------------
    def restart(self) -> None:
        """Forget the rows; count and fetch the first page of the current query again."""
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._at_end = False
        self._loading = False
        self._generation += 1
        self.total = None
        self.endResetModel()
        generation = self._generation
        self._runner.run(self.count_task(), lambda total: self.on_counted(generation, total),
                         lambda exc: self.on_failed(generation, exc), context=self)
        self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):  # also guards against re-entry while loading
            return
        self._loading = True
        generation = self._generation
        self._runner.run(self.page_task(self._cursor),
                         lambda page: self.on_page(generation, page),
                         lambda exc: self.on_failed(generation, exc), context=self)

    def on_page(self, generation: int, page: PageResult) -> None:
        if generation != self._generation:
            return
        rows, cursor = page
        first_page = not self._rows and self._cursor is None
        self._loading = False
        self._cursor = cursor
        self._at_end = cursor is None
        if first_page:
            self.sig_first_page.emit(len(rows))
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def on_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self._at_end = True
            self.sig_failed.emit(error)

    def on_counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.sig_total_changed.emit(total)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)
