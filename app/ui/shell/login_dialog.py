"""Sign in: user name and password; the check runs in the background."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed
from app.logic.services import Services
from app.ui.kit.errors import show_error, sign_in_problem
from app.ui.kit.tasks import Runner

USERNAME_KEY = "login/username"


class LoginDialog(QDialog):
    """After ``exec()`` returns Accepted, ``actor`` holds the signed-in user."""

    sig_attempt_done = Signal()

    def __init__(self, services: Services, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._services = services
        self._runner = runner
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Kehu - Sign in"))
        self._build()
        self.username.setText(str(QSettings().value(USERNAME_KEY, "") or ""))
        (self.password if self.username.text() else self.username).setFocus()

    def _build(self) -> None:
        heading = QLabel(self.tr("Kehu customer information"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        database = QLabel(self.tr("Database: %1").replace("%1", self._services.database_label))
        database.setStyleSheet("color: palette(placeholder-text);")
        database.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Sign in"))
        self.buttons.accepted.connect(self.on_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (heading, form, self.error, database, self.buttons):
            layout.addLayout(part) if isinstance(part, QFormLayout) else layout.addWidget(part)
        self.setMinimumWidth(380)

    def sign_in_as(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.on_sign_in()

    def on_sign_in(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_problem(self.tr("Enter your user name and password."))
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        self._runner.run(lambda: self._services.auth.login(username, password),
                         self.on_signed_in, self.on_failed, context=self)

    def on_signed_in(self, actor: Actor) -> None:
        QSettings().setValue(USERNAME_KEY, actor.username)
        self.actor = actor
        self.accept()
        self.sig_attempt_done.emit()

    def on_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.sig_attempt_done.emit()
        if isinstance(error, AuthenticationFailed):
            self.show_problem(sign_in_problem(error))
            self.password.selectAll()
            self.password.setFocus()
        else:
            show_error(self, error)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
