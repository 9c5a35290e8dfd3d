"""The table of user accounts (all of them: a company has tens or hundreds, not millions).
Column names come from the user's field declarations; a locked account says until when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.logic.admin import USER, RoleDetail, UserRow
from app.ui.admin.labels import role_label
from app.ui.kit.language import ui_language

ROW_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("username", "display_name", "roles", "department", "status", "last_login_at")
Index = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = ui_language()
        self._rows: list[UserRow] = []
        self._role_names: dict[str, str] = {}

    def set_users(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_roles(self, roles: list[RoleDetail]) -> None:
        self._role_names = {r.code: role_label(r.code, r.name) for r in roles}
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    def row_at(self, row: int) -> UserRow:
        return self._rows[row]

    def row_of(self, user_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == user_id), -1)

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
        if role == Qt.ItemDataRole.ForegroundRole and not row.is_active:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                       QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.ForegroundRole and row.locked and \
                COLUMNS[index.column()] == "status":
            return QBrush(QColor("darkred"))
        if role == ROW_ROLE:
            return row
        return None

    def display(self, row: UserRow, column: str) -> str:
        if column == "roles":
            separator = "、" if self._language.startswith("zh") else ", "
            return separator.join(self._role_names.get(code, code) for code in row.roles)
        if column == "status":
            return self.status(row)
        value = getattr(row, column)
        if isinstance(value, datetime):
            return local_time(value)
        return str(value or "")

    def status(self, row: UserRow) -> str:
        words = [self.tr("Active") if row.is_active else self.tr("Disabled")]
        if row.locked:
            words.append(self.tr("locked until %1").replace("%1", local_time(row.locked_until))
                         if row.locked_until is not None else self.tr("locked"))
        if row.must_change_password:
            words.append(self.tr("must change password"))
        return self.tr(", ").join(words)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(COLUMNS)):
            return None
        column = COLUMNS[section]
        if column == "status":
            return self.tr("Status")
        return USER.field(column).caption(self._language)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
