"""The audit log as a lazy table: newest first, keyset pages fetched in the background."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from app.logic.kit.dto import Actor
from app.logic.audit import AuditFilter, AuditRow
from app.logic.services import Services
from app.ui.audit.labels import AuditLabels
from app.ui.kit.paged_model import Index, PagedTableModel, PageResult
from app.ui.kit.tasks import Runner

PAGE_SIZE = 200
SUMMARY_MAX = 200
COLUMNS = ("id", "at", "username", "action", "entity_type", "entity_id", "changes")
ROW_ROLE = Qt.ItemDataRole.UserRole


class AuditLogModel(PagedTableModel):
    """Only ever holds the pages the view scrolled to, so millions of entries stay cheap."""

    def __init__(self, services: Services, actor: Actor, runner: Runner, labels: AuditLabels,
                 parent: QObject | None = None) -> None:
        super().__init__(runner, parent)
        self._services, self._actor = services, actor
        self._labels = labels
        self._filters = AuditFilter()

    @property
    def filters(self) -> AuditFilter:
        return self._filters

    def set_filters(self, filters: AuditFilter) -> None:
        """Show the entries matching ``filters``, from the newest on."""
        self._filters = filters
        self.restart()

    def reload(self) -> None:
        self.restart()

    def page_task(self, before_id: Any) -> Callable[[], PageResult]:
        audit, actor, filters = self._services.audit, self._actor, self._filters

        def task() -> PageResult:
            page = audit.list_audit_entries(actor, filters, before_id=before_id,
                                            limit=PAGE_SIZE)
            return page, (page[-1].id if len(page) == PAGE_SIZE else None)

        return task

    def count_task(self) -> Callable[[], int]:
        audit, actor, filters = self._services.audit, self._actor, self._filters
        return lambda: audit.count_audit_entries(actor, filters)

    # --- the table ------------------------------------------------------------------------
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
