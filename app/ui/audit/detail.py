"""One audit entry: who did what to which record, and each field's value before and after,
read through the field declarations in the UI language."""

from __future__ import annotations

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

from app.logic.audit import AuditNames, AuditRow, action_label, entity_label, field_changes
from app.ui.audit.labels import fill
from app.ui.audit.model import subject_text
from app.ui.kit.language import ui_language

VALUE_MAX = 2000


class AuditDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDetail")
        self._language = ui_language()
        self.entry: AuditRow | None = None
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
        """Show ``entry`` (None: nothing); ``names``: what the ids and role codes in its
        changes name, "销售一部 (#3)"."""
        self.entry = entry
        if entry is None:
            self.heading.setText(self.tr("Choose an entry to see what it changed."))
            self.table.setRowCount(0)
            return
        language = self._language
        self.heading.setText(fill(
            self.tr("No. %1 · %2 · %3 · %4 · %5 %6"), entry.id,
            entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), entry.username,
            action_label(entry.action, language), entity_label(entry.entity_type, language),
            subject_text(entry, language)).strip())
        rows = field_changes(entry, language, names)
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                item = QTableWidgetItem(text[:VALUE_MAX])
                item.setToolTip(text[:VALUE_MAX])
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def values(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (field label, before, after)."""
        return [(self._text(r, 0), self._text(r, 1), self._text(r, 2))
                for r in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
