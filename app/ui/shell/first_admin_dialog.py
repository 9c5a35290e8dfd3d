"""First start on an empty database: create the administrator, then sign in as them."""

from __future__ import annotations

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
from app.logic.kit.errors import ValidationError
from app.logic.services import Services
from app.ui.kit.errors import show_error
from app.ui.kit.messages import Messages
from app.ui.kit.tasks import Runner

ERROR_STYLE = "color: #c62828;"


class FirstAdminDialog(QDialog):
    """After ``exec()`` returns Accepted, ``actor`` is the new administrator, signed in."""

    def __init__(self, services: Services, runner: Runner, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self._services = services
        self._runner = runner
        self._messages = Messages(self)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Kehu - First start"))
        self._build()
        self.username.setFocus()

    def _build(self) -> None:
        heading = QLabel(self.tr("Welcome to Kehu"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(self.tr("This database has no users yet. Create the administrator "
                               "account; it can then add everyone else."))
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Display name:"), self.display_name)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.repeat)
        self.error = QLabel()
        self.error.setObjectName("firstAdminError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        database = QLabel(self.tr("Database: %1").replace("%1", self._services.database_label))
        database.setStyleSheet("color: palette(placeholder-text);")
        database.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Create and sign in"))
        self.buttons.accepted.connect(self.on_create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (heading, intro, form, self.error, database, self.buttons):
            layout.addLayout(part) if isinstance(part, QFormLayout) else layout.addWidget(part)
        self.setMinimumWidth(420)

    def on_create(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        display = self.display_name.text().strip()
        if password != self.repeat.text():
            self.show_problem(self.tr("The two passwords differ."))
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        auth = self._services.auth

        def create() -> Actor:
            auth.create_admin(username, password, display)
            actor: Actor = auth.login(username, password)
            return actor

        self._runner.run(create, self.on_created, self.on_failed, context=self)

    def on_created(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def on_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problem("\n".join(
                f"{self._messages.field_label(field)}: {self._messages.field_error(problem)}"
                for field, problem in error.errors.items()))
        else:
            show_error(self, error)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
