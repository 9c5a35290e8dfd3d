"""Change one's own password: required after a reset, offered in the menu to everyone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import PASSWORD_MAX_LENGTH as MAX_LENGTH
from app.logic.admin import SecuritySettings
from app.logic.kit.dto import Actor
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.services import Services
from app.ui.kit.errors import show_error
from app.ui.kit.messages import Messages
from app.ui.kit.tasks import Runner

ERROR_STYLE = "color: #c62828;"


class ChangePasswordDialog(QDialog):
    """After ``exec()`` returns Accepted, ``actor`` holds the user with the new password.

    ``forced`` is the sign-in case: the password was reset and Cancel means quit.
    """

    def __init__(self, services: Services, actor: Actor, runner: Runner, *,
                 forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self._services = services
        self._runner = runner
        self._messages = Messages(self)
        self.signed_in = actor
        self.actor: Actor | None = None
        self.min_length: int | None = None
        self.setWindowTitle(self.tr("Change your password"))
        self._build(forced)
        self.current.setFocus()
        runner.run(services.auth.security_settings, self.on_policy_loaded, context=self)

    def _build(self, forced: bool) -> None:
        heading = QLabel(self.tr("Change your password"))
        heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        intro = QLabel(self.tr("An administrator reset your password. Choose a new one to "
                               "continue.") if forced else
                       self.tr("Choose a new password for %1.").replace(
                           "%1", self.signed_in.label))
        intro.setWordWrap(True)
        self.current = self._password_field("currentPassword")
        self.new = self._password_field("newPassword")
        self.repeat = self._password_field("repeatPassword")
        self.hint = QLabel()
        self.hint.setObjectName("policyHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.errors = {name: self._error_label(name)
                       for name in ("old_password", "password", "repeat", "other")}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, self.tr("&Current password:"), self.current,
                      self.errors["old_password"])
        self._add_row(form, self.tr("&New password:"), self.new, self.hint,
                      self.errors["password"])
        self._add_row(form, self.tr("&Repeat new password:"), self.repeat, self.errors["repeat"])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Change password"))
        if forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.buttons.accepted.connect(self.on_change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QLineEdit, *notes: QLabel) -> None:
        """The field with its hint and error right below it, the label as its buddy."""
        label = QLabel(text)
        label.setBuddy(field)
        column = QVBoxLayout()
        column.setSpacing(2)
        for widget in (field, *notes):
            column.addWidget(widget)
        form.addRow(label, column)

    @staticmethod
    def _password_field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    @staticmethod
    def _error_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"{name}Error")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.hide()
        return label

    def on_policy_loaded(self, settings: SecuritySettings) -> None:
        self.min_length = settings.password_min_length
        self.hint.setText(self.tr("At least %1 characters; not a common password or your "
                                  "user name.").replace("%1", str(settings.password_min_length)))

    # --- changing -------------------------------------------------------------------------
    def on_change(self) -> None:
        self.clear_errors()
        old, new, repeat = self.current.text(), self.new.text(), self.repeat.text()
        required = FieldError("required", "is required")
        missing = {name: required for name, text in (("old_password", old), ("password", new))
                   if not text}
        if missing:
            self.show_field_errors(missing)
            return
        if new != repeat:
            self.show_problem("repeat", self.tr("The two new passwords are not the same."))
            self.repeat.selectAll()
            self.repeat.setFocus()
            return
        self.buttons.setEnabled(False)
        actor, auth = self.signed_in, self._services.auth
        self._runner.run(lambda: auth.change_password(actor, old, new),
                         self.on_changed, self.on_failed, context=self)

    def on_changed(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def on_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_field_errors(error.errors)
        else:
            show_error(self, error)

    def show_field_errors(self, errors: dict[str, FieldError]) -> None:
        focus = {"old_password": self.current, "password": self.new}
        for name, problem in errors.items():
            self.show_problem(name if name in self.errors else "other", self.describe(problem))
        first = next((focus[name] for name in ("old_password", "password") if name in errors),
                     None)
        if first is not None:
            first.selectAll()
            first.setFocus()

    def describe(self, problem: FieldError) -> str:
        if problem.code == "too_short" and self.min_length is not None:
            return self.tr("Too short: use at least %1 characters.").replace(
                "%1", str(self.min_length))
        if problem.code == "too_long":
            return self.tr("Too long: use at most %1 characters.").replace(
                "%1", str(MAX_LENGTH))
        return self._messages.field_error(problem)

    def show_problem(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self.errors[name].show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
