"""Ask for a temporary password (entered twice) for another user's account."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import UserRow


class ResetPasswordDialog(QDialog):
    """Save emits sig_save(password, repeat); the owner closes the dialog on success."""

    sig_save = Signal(str, str)

    def __init__(self, user: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.user = user
        self.setWindowTitle(self.tr("Reset password of %1").replace("%1", user.username))
        note = QLabel(self.tr("The user must choose a new password at the next sign-in."))
        note.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeatPassword")
        for line in (self.password, self.repeat):
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setMaxLength(512)
        form = QFormLayout()
        form.addRow(self.tr("&Temporary password:"), self.password)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def on_save(self) -> None:
        self.sig_save.emit(self.password.text(), self.repeat.text())
