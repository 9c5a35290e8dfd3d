"""Add or edit one user account: names, roles, department and (new users) a first password."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import DepartmentRow, RoleDetail, UserRow
from app.ui.admin.labels import role_label, role_text


@dataclass(frozen=True)
class UserInput:
    username: str
    display_name: str
    password: str
    repeat: str
    roles: tuple[str, ...]
    department_id: int | None


class UserDialog(QDialog):
    """Save does not close the dialog: the owner closes it once the service accepted."""

    sig_save = Signal(object)  # UserInput

    def __init__(self, roles: list[RoleDetail], departments: list[DepartmentRow],
                 user: UserRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.user = user
        self.setWindowTitle(self.tr("New user") if user is None else
                            self.tr("Edit user %1").replace("%1", user.username))
        self._build(roles, departments)
        if user is not None:
            self._fill(user)
        self.setMinimumWidth(420)

    def _build(self, roles: list[RoleDetail], departments: list[DepartmentRow]) -> None:
        form = QFormLayout()
        self.username = self._line("username", 64)
        self.display_name = self._line("displayName", 128)
        self.password = self._line("password", 128, secret=True)
        self.repeat = self._line("repeatPassword", 128, secret=True)
        self.roles = QListWidget()
        self.roles.setObjectName("roles")
        for role in roles:
            item = QListWidgetItem(role_label(role.code, role.name))
            item.setData(Qt.ItemDataRole.UserRole, role.code)
            item.setToolTip(role_text(role.code, role.description))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.roles.addItem(item)
        self.roles.setMaximumHeight(150)
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItem(self.tr("(no department)"), None)
        for dept in departments:
            self.department.addItem(dept.name, dept.id)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Display name:"), self.display_name)
        if self.user is None:
            form.addRow(self.tr("&Password:"), self.password)
            form.addRow(self.tr("&Repeat password:"), self.repeat)
        form.addRow(self.tr("R&oles:"), self.roles)
        form.addRow(self.tr("D&epartment:"), self.department)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _line(self, name: str, max_length: int, secret: bool = False) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setMaxLength(max_length * 4)  # longer text reaches the service and is refused
        if secret:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        return line

    def _fill(self, user: UserRow) -> None:
        self.username.setText(user.username)
        self.username.setReadOnly(True)
        self.display_name.setText(user.display_name)
        for n in range(self.roles.count()):
            item = self.roles.item(n)
            if item.data(Qt.ItemDataRole.UserRole) in user.roles:
                item.setCheckState(Qt.CheckState.Checked)
        found = self.department.findData(user.department_id)
        self.department.setCurrentIndex(max(found, 0))

    def set_roles_checked(self, codes: set[str]) -> None:
        for n in range(self.roles.count()):
            item = self.roles.item(n)
            checked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def value(self) -> UserInput:
        codes = tuple(self.roles.item(n).data(Qt.ItemDataRole.UserRole)
                      for n in range(self.roles.count())
                      if self.roles.item(n).checkState() == Qt.CheckState.Checked)
        return UserInput(self.username.text(), self.display_name.text(), self.password.text(),
                         self.repeat.text(), codes, self.department.currentData())

    def on_save(self) -> None:
        self.sig_save.emit(self.value())
