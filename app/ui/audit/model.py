"""The audit log as a lazy table: newest first, keyset pages fetched in the background."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.logic.dto import Actor, AuditFilter, AuditRow
from app.logic.services import Services
from app.ui.audit.labels import AuditLabels
from app.ui.tasks import Runner

PAGE_SIZE = 200
SUMMARY_MAX = 200
COLUMNS = ("id", "at", "username", "action", "entity_type", "entity_id", "changes")
ROW_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class AuditLogModel(QAbstractTableModel):
    """Only ever holds the pages the view scrolled to, so millions of entries stay cheap."""

    sig_total_changed = Signal(int)
    sig_failed = Signal(object)

    def __init__(self, services: Services, actor: Actor, runner: Runner, labels: AuditLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._runner = services, actor, runner
        self._labels = labels
        self._filters = AuditFilter()
        self._rows: list[AuditRow] = []
        self._at_end = True
        self._loading = False
        self._generation = 0
        self.total: int | None = None

    @property
    def filters(self) -> AuditFilter:
        return self._filters

    def set_filters(self, filters: AuditFilter) -> None:
        """Show the entries matching ``filters``, from the newest on."""
        self.beginResetModel()
        self._filters = filters
        self._rows = []
        self._at_end = False
        self._loading = False
        self._generation += 1
        self.total = None
        self.endResetModel()
        self._count()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_filters(self._filters)

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    # --- lazy loading ---------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._at_end and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, filters = self._generation, self._filters
        before = self._rows[-1].id if self._rows else None
        services, actor = self._services, self._actor
        self._runner.run(
            lambda: services.audit.list_audit_entries(actor, filters, before_id=before,
                                                      limit=PAGE_SIZE),
            lambda page: self.on_page(generation, page),
            lambda exc: self.on_failed(generation, exc), context=self)

    def on_page(self, generation: int, page: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._at_end = len(page) < PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def on_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._loading = False
            self._at_end = True
            self.sig_failed.emit(error)

    def _count(self) -> None:
        generation, filters = self._generation, self._filters
        self._runner.run(lambda: self._services.audit.count_audit_entries(self._actor, filters),
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
            return self.display(row, COLUMNS[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def display(self, row: AuditRow, column: str) -> str:
        if column == "at":
            return row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == "action":
            return self._labels.action(row.action)
        if column == "entity_type":
            return self._labels.entity(row.entity_type)
        if column == "changes":
            return self.summary(row.changes)
        return str(getattr(row, column))

    def summary(self, changes: dict) -> str:
        """One line: the changed fields' names (the detail pane shows the values)."""
        if not isinstance(changes, dict):
            return json.dumps(changes, ensure_ascii=False)[:SUMMARY_MAX]
        text = ", ".join(self._labels.field(str(name)) for name in changes)
        return text[:SUMMARY_MAX]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(COLUMNS)):
            return None
        return (self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Action"),
                self.tr("Entity"), self.tr("Entity ID"), self.tr("Changed fields"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)
