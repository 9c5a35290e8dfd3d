"""Add or edit a department (a sales team): its name and its manager."""

from __future__ import annotations

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

from app.logic.admin import DepartmentRow, UserRow


class DepartmentDialog(QDialog):
    """Save emits sig_save(name, manager_id or None); the owner closes the dialog."""

    sig_save = Signal(str, object)

    def __init__(self, users: list[UserRow], department: DepartmentRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departmentDialog")
        self.department = department
        self.setWindowTitle(self.tr("New department") if department is None
                            else self.tr("Edit department"))
        self.name = QLineEdit()
        self.name.setObjectName("departmentName")
        self.name.setMaxLength(2000)
        self.manager = QComboBox()
        self.manager.setObjectName("manager")
        self.manager.addItem(self.tr("(no manager)"), None)
        for user in users:
            if user.is_active or (department and user.id == department.manager_id):
                self.manager.addItem(f"{user.display_name} ({user.username})", user.id)
        if department is not None:
            self.name.setText(department.name)
            self.manager.setCurrentIndex(max(self.manager.findData(department.manager_id), 0))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Manager:"), self.manager)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def on_save(self) -> None:
        self.sig_save.emit(self.name.text(), self.manager.currentData())
