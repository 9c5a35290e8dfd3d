"""Users: the list and its actions (add, edit, reset password, unlock, disable, delete)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.admin import DepartmentRow, RoleDetail, UserRow
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.services import Services
from app.ui.kit import persist
from app.ui.admin.errors import show_admin_error
from app.ui.admin.labels import AdminLabels
from app.ui.admin.one_dialog import OneDialog
from app.ui.admin.password_dialog import ResetPasswordDialog
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.admin.user_dialog import UserDialog, UserInput
from app.ui.admin.users_model import UsersModel
from app.ui.kit.tasks import Runner

SETTINGS_KEY = "admin/users"
WIDTHS = (130, 170, 200, 160, 230, 130)


class UsersTab(OneDialog, QWidget):
    sig_users_changed = Signal()

    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersTab")
        self._services, self._actor, self._runner = services, actor, runner
        self.labels = AdminLabels(self)
        self.model = UsersModel(self.labels, self)
        self.roles: list[RoleDetail] = []
        self.departments: list[DepartmentRow] = []
        self.confirm: Confirm = ask_yes_no
        self.dialog: QWidget | None = None
        self._build()
        self.reload()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.on_edit)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.table)

    def _build_buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button("addUser", self.tr("&Add user..."), self.on_add,
                                       QKeySequence.StandardKey.New)
        self.edit_button = self._button("editUser", self.tr("&Edit..."), self.on_edit)
        self.reset_button = self._button("resetPassword", self.tr("Reset &password..."),
                                         self.on_reset_password)
        self.unlock_button = self._button("unlockUser", self.tr("&Unlock"), self.on_unlock)
        self.disable_button = self._button("disableUser", self.tr("D&isable"),
                                           self.on_toggle_active)
        self.delete_button = self._button("deleteUser", self.tr("De&lete"), self.on_delete,
                                          QKeySequence.StandardKey.Delete)
        for button in (self.add_button, self.edit_button, self.reset_button,
                       self.unlock_button, self.disable_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _button(self, name: str, text: str, slot: Callable[[], Any],
                key: QKeySequence.StandardKey | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        if key is not None:
            button.setShortcut(QKeySequence(key))
        return button

    # --- loading --------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        services, actor = self._services, self._actor

        def load() -> tuple[list[UserRow], list[RoleDetail], list[DepartmentRow]]:
            return (services.users.list_all_users(actor), services.roles.list_roles(actor),
                    services.departments.list_departments(actor))

        self._runner.run(load, lambda loaded: self.on_loaded(loaded, select_id),
                         self.on_failed, context=self)

    def on_loaded(self, loaded: tuple[list[UserRow], list[RoleDetail], list[DepartmentRow]],
                  select_id: int | None) -> None:
        users, self.roles, self.departments = loaded
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        self.model.set_roles(self.roles)
        self.model.set_users(users)
        if keep is not None and self.model.row_of(keep) >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(self.model.row_of(keep), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.update_buttons()

    def on_failed(self, error: Exception) -> None:
        show_admin_error(self.dialog if self.dialog is not None else self, error)

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def update_buttons(self) -> None:
        user, can = self.selected(), self._actor.can
        self.add_button.setEnabled(can("admin", "create"))
        for button in (self.edit_button, self.reset_button, self.disable_button):
            button.setEnabled(user is not None and can("admin", "edit"))
        self.unlock_button.setEnabled(user is not None and user.locked and can("admin", "edit"))
        self.delete_button.setEnabled(user is not None and can("admin", "delete"))
        self.disable_button.setText(self.tr("En&able") if user is not None and not
                                    user.is_active else self.tr("D&isable"))

    # --- add and edit ---------------------------------------------------------------------
    def on_add(self) -> UserDialog | None:
        if not self._actor.can("admin", "create"):
            return None
        return self._open_dialog(None)

    def on_edit(self) -> UserDialog | None:
        user = self.selected()
        if user is None or not self._actor.can("admin", "edit"):
            return None
        return self._open_dialog(user)

    def _open_dialog(self, user: UserRow | None) -> UserDialog:
        dialog = UserDialog(self.labels, self.roles, self.departments, user, self)
        dialog.sig_save.connect(self.on_save_user)
        return self.open_dialog(dialog)

    def on_save_user(self, value: UserInput) -> None:
        dialog = self.dialog
        if not isinstance(dialog, UserDialog):
            return
        services, actor, user = self._services, self._actor, dialog.user
        if user is None and value.password != value.repeat:
            show_admin_error(dialog, _mismatch())
            return
        if user is None:
            def work() -> UserRow:
                return services.users.add_user(actor, value.username, value.password,
                                               value.display_name, value.roles,
                                               value.department_id)
        else:
            def work() -> UserRow:
                return services.users.update_user(actor, user.id, user.version,
                                                  value.display_name, value.roles,
                                                  value.department_id)
        self._runner.run(work, lambda row: self.on_saved(dialog, row),
                         lambda exc: show_admin_error(dialog, exc), context=dialog)

    def on_saved(self, dialog: QWidget, row: UserRow) -> None:
        dialog.close()
        self.reload(row.id)
        self.sig_users_changed.emit()

    # --- password, lock, active -------------------------------------------------------------
    def on_reset_password(self) -> ResetPasswordDialog | None:
        user = self.selected()
        if user is None or not self._actor.can("admin", "edit"):
            return None
        dialog = ResetPasswordDialog(user, self)
        dialog.sig_save.connect(self.on_save_password)
        return self.open_dialog(dialog)

    def on_save_password(self, password: str, repeat: str) -> None:
        dialog = self.dialog
        if not isinstance(dialog, ResetPasswordDialog):
            return
        if password != repeat:
            show_admin_error(dialog, _mismatch())
            return
        services, actor, user = self._services, self._actor, dialog.user
        self._runner.run(
            lambda: services.users.reset_password(actor, user.id, user.version, password),
            lambda row: self.on_saved(dialog, row),
            lambda exc: show_admin_error(dialog, exc), context=dialog)

    def on_unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._write(lambda: self._services.users.unlock_user(self._actor, user.id))

    def on_toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        users = self._services.users
        if user.is_active:
            if not self.confirm(self, self.tr("Disable user"), self.tr(
                    "Disable %1? The account can no longer sign in.").replace(
                        "%1", user.username)):
                return
            self._write(lambda: users.disable_user(self._actor, user.id, user.version))
        else:
            self._write(lambda: users.enable_user(self._actor, user.id, user.version))

    def on_delete(self) -> None:
        user = self.selected()
        if user is None or not self._actor.can("admin", "delete"):
            return
        if not self.confirm(self, self.tr("Delete user"), self.tr(
                "Delete %1 for good? Only an account that never wrote anything can be "
                "deleted.").replace("%1", user.username)):
            return
        self._write(lambda: self._services.users.delete_user(self._actor, user.id,
                                                             user.version))

    def _write(self, work: Callable[[], Any]) -> None:
        def done(_result: Any) -> None:
            self.reload()
            self.sig_users_changed.emit()

        self._runner.run(work, done, self.on_write_failed, context=self)

    def on_write_failed(self, error: Exception) -> None:
        show_admin_error(self, error)
        self.reload()

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())


def _mismatch() -> ValidationError:
    return ValidationError({"password": FieldError("password_mismatch",
                                                   "the two passwords differ")})
