"""The audit log as a lazy table: newest first, keyset pages fetched in the background.

Each row names its record by code and name (``subject``) and sums up what changed, values
read through the field declarations in the UI language; what ids in the changes name is
looked up with the page, one query per kind of record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from app.logic.admin import DEFAULT_ROLES, role_name
from app.logic.audit import (
    AuditFilter,
    AuditNames,
    AuditRow,
    action_label,
    entity_label,
    field_changes,
)
from app.logic.kit.registry import entities
from app.ui.audit.labels import fill
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.paged_model import Index, PagedTableModel, PageResult

PAGE_SIZE = 200
SUMMARY_MAX = 300
COLUMNS = ("id", "at", "username", "action", "entity_type", "subject", "changes")
ROW_ROLE = Qt.ItemDataRole.UserRole


def translated_roles(names: AuditNames, language: str) -> AuditNames:
    """Role codes named in the UI language while a role keeps its default name (and the
    default roles' names for codes no longer in the database)."""
    found = names.fields.get("roles", {})
    roles = {code: label.text(language) for code, (label, _) in DEFAULT_ROLES.items()}
    roles.update({code: role_name(code, name, language) for code, name in found.items()})
    return AuditNames({**names.fields, "roles": roles})


def subject_text(row: AuditRow, language: str) -> str:
    """The record an entry is about as a person knows it: "C000123 北京某某科技有限公司",
    "salesperson 销售员" (a default role's name in the UI language); nothing for a record
    without a key (the security settings), "#id" for one no longer found."""
    subject = row.subject
    if row.entity_type == "role" and subject.startswith(f"{row.entity_id} "):
        name = subject[len(row.entity_id) + 1:]
        return f"{row.entity_id} {role_name(row.entity_id, name, language)}"
    if subject:
        return subject
    entity = entities().get(row.entity_type)
    if entity is not None and not entity.key:
        return ""
    return f"#{row.entity_id}" if row.entity_id.isdigit() else row.entity_id


class AuditLogModel(PagedTableModel):
    """Only ever holds the pages the view scrolled to, so millions of entries stay cheap."""

    def __init__(self, context: Context, parent: QObject | None = None) -> None:
        super().__init__(context.runner, parent)
        self._context = context
        self._language = ui_language()
        self._filters = AuditFilter()
        self._names: dict[int, AuditNames] = {}

    @property
    def filters(self) -> AuditFilter:
        return self._filters

    def set_filters(self, filters: AuditFilter) -> None:
        """Show the entries matching ``filters``, from the newest on."""
        self._filters = filters
        self.restart()

    def reload(self) -> None:
        self.restart()

    def restart(self) -> None:
        self._names = {}
        super().restart()

    def names(self, entry: AuditRow) -> AuditNames:
        """What the ids and role codes in ``entry`` name (read with its page)."""
        return self._names.get(entry.id) or translated_roles(AuditNames(), self._language)

    def page_task(self, before_id: Any) -> Callable[[], PageResult]:
        audit, actor, filters = self._context.services.audit, self._context.actor, \
            self._filters
        language = self._language

        def task() -> PageResult:
            page = audit.list_audit_entries(actor, filters, before_id=before_id,
                                            limit=PAGE_SIZE)
            names = audit.names_in_entries(actor, page)
            rows = [(entry, translated_roles(n, language)) for entry, n in zip(page, names,
                                                                                strict=True)]
            return rows, (page[-1].id if len(page) == PAGE_SIZE else None)

        return task

    def on_page(self, generation: int, page: PageResult) -> None:
        rows, cursor = page
        if generation == self._generation:
            self._names.update((entry.id, names) for entry, names in rows)
        super().on_page(generation, ([entry for entry, _ in rows], cursor))

    def count_task(self) -> Callable[[], int]:
        audit, actor, filters = self._context.services.audit, self._context.actor, \
            self._filters
        return lambda: audit.count_audit_entries(actor, filters)

    def row_of(self, entry_id: int) -> int:
        return next((n for n, e in enumerate(self._rows) if e.id == entry_id), -1)

    # --- the table ------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.display(row, COLUMNS[index.column()])
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()] == "changes":
                return self.summary(row, "\n")
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def display(self, row: AuditRow, column: str) -> str:
        if column == "at":
            return row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == "action":
            return action_label(row.action, self._language)
        if column == "entity_type":
            return entity_label(row.entity_type, self._language)
        if column == "subject":
            return subject_text(row, self._language)
        if column == "changes":
            return self.summary(row)[:SUMMARY_MAX]
        return str(getattr(row, column))

    def summary(self, row: AuditRow, separator: str | None = None) -> str:
        """What changed, one field after the other: "Status: Prospect → Active"."""
        parts = []
        for label, before, after in field_changes(row, self._language, self.names(row)):
            if before:
                parts.append(fill(self.tr("%1: %2 → %3"), label, before, after or "—"))
            else:
                parts.append(fill(self.tr("%1: %2"), label, after))
        return (self.tr("; ") if separator is None else separator).join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(COLUMNS)):
            return None
        return (self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Action"),
                self.tr("Record type"), self.tr("Record"), self.tr("Changes"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)
