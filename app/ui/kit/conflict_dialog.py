"""Another user saved the record first: show their changes next to yours."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QFont
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

# (field label, your value, their value, both of you changed it)
Difference = tuple[str, str, str, bool]


class ConflictDialog(QDialog):
    """Accepted means: reload the record and re-apply my edits on top."""

    def __init__(self, noun: str, changed_by: str, changed_at: datetime | None,
                 differences: list[Difference], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by another user"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._intro(noun, changed_by, changed_at)))
        self.table = self._table(differences)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(self.tr("&Reload and re-apply my edits"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reload_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _intro(self, noun: str, changed_by: str, changed_at: datetime | None) -> str:
        """``noun``: what was changed, inside a sentence ("customer")."""
        when = changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if changed_at else "?"
        return self.tr("%1 saved this %3 at %2, after you opened it. Nothing of yours "
                       "was saved yet.\nRows in bold were changed by both of you.") \
            .replace("%1", changed_by).replace("%2", when).replace("%3", noun)

    def _table(self, differences: list[Difference]) -> QTableWidget:
        table = QTableWidget(len(differences), 3)
        table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Your value"),
                                         self.tr("Their value")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (label, mine, theirs, both) in enumerate(differences):
            for column, text in enumerate((label, mine, theirs)):
                item = QTableWidgetItem(text)
                if both:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        return table
