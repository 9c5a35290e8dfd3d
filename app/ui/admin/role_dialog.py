"""A new role: code, name, description, and optionally the role whose rights it copies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import RoleDetail
from app.ui.admin.labels import AdminLabels


@dataclass(frozen=True)
class RoleInput:
    code: str
    name: str
    description: str
    copy_from: str | None


class RoleDialog(QDialog):
    """Save emits sig_save(RoleInput); the owner closes the dialog once the role exists."""

    sig_save = Signal(object)

    def __init__(self, labels: AdminLabels, roles: list[RoleDetail],
                 copy_from: RoleDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self.setWindowTitle(self.tr("New role") if copy_from is None else
                            self.tr("Copy role %1").replace(
                                "%1", labels.role(copy_from.code, copy_from.name)))
        self.code = QLineEdit()
        self.code.setObjectName("roleCode")
        self.code.setPlaceholderText(self.tr("letters, digits and _"))
        self.name = QLineEdit()
        self.name.setObjectName("roleName")
        self.description = QLineEdit()
        self.description.setObjectName("roleDescription")
        for line in (self.code, self.name, self.description):
            line.setMaxLength(2000)
        self.copy_from = QComboBox()
        self.copy_from.setObjectName("copyFrom")
        self.copy_from.addItem(self.tr("(no rights)"), None)
        for role in roles:
            self.copy_from.addItem(labels.role(role.code, role.name), role.code)
        if copy_from is not None:
            self.copy_from.setCurrentIndex(self.copy_from.findData(copy_from.code))
            self.code.setText(f"{copy_from.code}_copy")
            self.name.setText(self.tr("%1 (copy)").replace(
                "%1", labels.role(copy_from.code, copy_from.name)))
            self.description.setText(copy_from.description)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("Copy rights &from:"), self.copy_from)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def value(self) -> RoleInput:
        return RoleInput(self.code.text(), self.name.text(), self.description.text(),
                         self.copy_from.currentData())

    def on_save(self) -> None:
        self.sig_save.emit(self.value())
