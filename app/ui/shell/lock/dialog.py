"""Locked after a time without input: the same user's password continues the session."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from app.ui.kit.errors import show_error, sign_in_problem
from app.ui.kit.tasks import Runner


class LockDialog(QDialog):
    """Application-modal. ``sig_unlocked`` carries the freshly signed-in actor; Esc and the
    window's close button do nothing; "Sign out" emits ``sig_sign_out``."""

    sig_unlocked = Signal(object)
    sig_sign_out = Signal()

    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self._services = services
        self._runner = runner
        self._username = actor.username
        self.setWindowTitle(self.tr("Kehu - Locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._build(actor)
        self.password.setFocus()

    def _build(self, actor: Actor) -> None:
        heading = QLabel(self.tr("Locked"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(self.tr("Kehu was locked because it was not used for a while. "
                               "Enter your password to continue."))
        intro.setWordWrap(True)
        user = QLabel(actor.label if actor.label == actor.username
                      else f"{actor.label} ({actor.username})")
        user.setObjectName("lockUser")
        user.setTextFormat(Qt.TextFormat.PlainText)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        label = QLabel(self.tr("&Password:"))
        label.setBuddy(self.password)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.password)
        column.addWidget(self.error)
        form = QFormLayout()
        form.addRow(self.tr("User:"), user)
        form.addRow(label, column)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(self.tr("&Unlock"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_out_button = QPushButton(self.tr("Sign &out"))
        self.buttons.addButton(self.sign_out_button,
                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.on_unlock)
        self.sign_out_button.clicked.connect(self.on_sign_out)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def reject(self) -> None:
        """Esc and the close button must neither unlock nor sign out."""

    def on_unlock(self) -> None:
        password = self.password.text()
        if not password:
            self.show_problem(self.tr("Enter your password."))
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        auth, username = self._services.auth, self._username
        self._runner.run(lambda: auth.login(username, password),
                         self.on_unlocked, self.on_failed, context=self)

    def on_unlocked(self, actor: Actor) -> None:
        self.password.clear()
        self.done(QDialog.DialogCode.Accepted)
        self.sig_unlocked.emit(actor)

    def on_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, AuthenticationFailed):
            self.show_problem(sign_in_problem(error))
            self.password.selectAll()
            self.password.setFocus()
        else:
            show_error(self, error)

    def on_sign_out(self) -> None:
        self.password.clear()
        self.done(QDialog.DialogCode.Rejected)
        self.sig_sign_out.emit()

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
