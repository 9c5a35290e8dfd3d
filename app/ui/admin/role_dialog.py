"""A new role: code, name, description, whether its members may own customers, and
optionally the role whose rights it copies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import RoleDetail
from app.ui.admin.labels import role_label, role_text


@dataclass(frozen=True)
class RoleInput:
    code: str
    name: str
    description: str
    copy_from: str | None
    sales: bool = False


class RoleDialog(QDialog):
    """Save emits sig_save(RoleInput); the owner closes the dialog once the role exists."""

    sig_save = Signal(object)

    def __init__(self, roles: list[RoleDetail], copy_from: RoleDetail | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self._roles = {r.code: r for r in roles}
        self.setWindowTitle(self.tr("New role") if copy_from is None else
                            self.tr("Copy role %1").replace(
                                "%1", role_label(copy_from.code, copy_from.name)))
        self.code = QLineEdit()
        self.code.setObjectName("roleCode")
        self.code.setPlaceholderText(self.tr("letters, digits and _"))
        self.name = QLineEdit()
        self.name.setObjectName("roleName")
        self.description = QLineEdit()
        self.description.setObjectName("roleDescription")
        for line in (self.code, self.name, self.description):
            line.setMaxLength(2000)
        self.sales = QCheckBox(self.tr("Members may own customers"))
        self.sales.setObjectName("roleSales")
        self.copy_from = QComboBox()
        self.copy_from.setObjectName("copyFrom")
        self.copy_from.addItem(self.tr("(no rights)"), None)
        for role in roles:
            self.copy_from.addItem(role_label(role.code, role.name), role.code)
        if copy_from is not None:
            self.copy_from.setCurrentIndex(self.copy_from.findData(copy_from.code))
            self.code.setText(f"{copy_from.code}_copy")
            self.name.setText(self.tr("%1 (copy)").replace(
                "%1", role_label(copy_from.code, copy_from.name)))
            self.description.setText(role_text(copy_from.code, copy_from.description))
            self.sales.setChecked(copy_from.sales)
        self.copy_from.currentIndexChanged.connect(self.on_source_chosen)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("Copy rights &from:"), self.copy_from)
        form.addRow(self.tr("Sales role:"), self.sales)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def on_source_chosen(self) -> None:
        """A copy starts as its source: a salesperson's copy may own customers too."""
        source = self._roles.get(self.copy_from.currentData())
        self.sales.setChecked(bool(source and source.sales))

    def value(self) -> RoleInput:
        return RoleInput(self.code.text(), self.name.text(), self.description.text(),
                         self.copy_from.currentData(), self.sales.isChecked())

    def on_save(self) -> None:
        self.sig_save.emit(self.value())
