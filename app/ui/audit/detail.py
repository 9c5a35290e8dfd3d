"""One audit entry: who did what to which record, and each field's value before and after."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.audit import AuditNames, AuditRow
from app.ui.audit.labels import AuditLabels, fill

VALUE_MAX = 2000


Describe = Callable[[Any], str | None]  # a value's name, if it names a record


def format_value(value: Any, describe: Describe | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
        return ", ".join(format_value(v, describe) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)[:VALUE_MAX]
    named = describe(value) if describe is not None else None
    return (named if named is not None else str(value))[:VALUE_MAX]


def field_changes(changes: Any, describe: Callable[[str], Describe | None] | None = None
                  ) -> list[tuple[str, str, str]]:
    """(field, before, after) per field; a value that is no [before, after] pair is 'after'.
    ``describe(field)``: how to name that field's values (ids of users, departments...)."""
    if not isinstance(changes, dict):
        return [("", "", format_value(changes))]
    rows = []
    for name, value in changes.items():
        named = describe(str(name)) if describe is not None else None
        if isinstance(value, list) and len(value) == 2:
            rows.append((str(name), format_value(value[0], named),
                         format_value(value[1], named)))
        else:
            rows.append((str(name), "", format_value(value, named)))
    return rows


class AuditDetail(QWidget):
    def __init__(self, labels: AuditLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDetail")
        self._labels = labels
        self.heading = QLabel()
        self.heading.setObjectName("auditHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("auditChanges")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"),
                                              self.tr("After")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.show_entry(None)

    def show_entry(self, entry: AuditRow | None, names: AuditNames | None = None) -> None:
        """Show ``entry``; with ``names`` (loaded after it), ids and role codes in its
        changes are shown by what they name: "销售一部 (#3)"."""
        self.entry = entry
        if entry is None:
            self.heading.setText(self.tr("Choose an entry to see what it changed."))
            self.table.setRowCount(0)
            return
        self.heading.setText(fill(
            self.tr("No. %1 · %2 · %3 · %4 %5 %6"), entry.id,
            entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), entry.username,
            self._labels.action(entry.action), self._labels.entity(entry.entity_type),
            entry.entity_id))
        rows = field_changes(entry.changes, self._describer(names))
        self.table.setRowCount(len(rows))
        for row, (name, before, after) in enumerate(rows):
            for column, text in enumerate((self._labels.field(name), before, after)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _describer(self, names: AuditNames | None) -> Callable[[str], Describe | None]:
        def describe(field: str) -> Describe | None:
            if names is None or field not in names.fields:
                return None
            if field == "roles":  # codes: the role's name, translated while still default
                return lambda code: self._labels.role(str(code), names.name(field, code)
                                                      or str(code))
            return lambda value: (fill("%1 (#%2)", named, value)
                                  if (named := names.name(field, value)) else None)
        return describe

    def values(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (field label, before, after)."""
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]
