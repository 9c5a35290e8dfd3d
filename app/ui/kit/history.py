"""A record's history: its audit entries (and its children's), one row per changed field,
newest first, values as a person reads them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import AuditRow, Record
from app.logic.kit.entity import Entity
from app.logic.kit.trail import action_label, entity_label, field_changes
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language

HEADERS = 6


class HistoryDialog(QDialog):
    def __init__(self, context: Context, service: str, entity: Entity, record: Record,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self._language = ui_language()
        name = str(record.get(entity.key) or "") if entity.key else ""
        title = str(record.get(entity.title) or "")
        self.setWindowTitle(self.tr("History: %1").replace("%1", f"{name} {title}".strip()))
        self.intro = QLabel(self.tr("Loading..."))
        self.intro.setObjectName("historyIntro")
        self.table = QTableWidget(0, HEADERS)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Field"),
            self.tr("Before"), self.tr("After")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((130, 90, 90, 120, 160)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)
        svc, actor = context.service(service), context.actor
        context.runner.run(lambda: svc.history(actor, record.id), self.on_loaded,
                           self.on_failed, context=self)

    def on_loaded(self, entries: list[AuditRow]) -> None:
        rows: list[tuple[str, ...]] = []
        for entry in entries:
            when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
            action = action_label(entry.action, self._language)
            if entry.entity_type != self._entity_type(entries):
                action = f"{action} · {entity_label(entry.entity_type, self._language)}"
            changes = field_changes(entry, self._language) or [("", "", "")]
            for field, before, after in changes:
                rows.append((when, entry.username, action, field, before, after))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.intro.setText(self.tr("%1 changes, newest first.").replace("%1", str(len(entries)))
                           if entries else self.tr("No history recorded."))

    @staticmethod
    def _entity_type(entries: list[AuditRow]) -> str:
        return entries[-1].entity_type if entries else ""

    def on_failed(self, error: Exception) -> None:
        self.intro.setText(self.tr("The history could not be read."))
        show_error(self, error)

    def values(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row."""
        return [tuple(item.text() if (item := self.table.item(r, c)) is not None else ""
                      for c in range(HEADERS))
                for r in range(self.table.rowCount())]


__all__ = ["HistoryDialog", "Qt"]
