"""Users: the list and its actions (add, edit, reset password, unlock, disable, delete,
export). Every write is broadcast on the change hub; the list reloads when users, roles or
departments change, whoever changed them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import DepartmentRow, RoleDetail, UserRow
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ConflictError, FieldError, ValidationError
from app.ui.admin.errors import show_admin_error
from app.ui.admin.labels import AdminLabels
from app.ui.admin.one_dialog import OneDialog
from app.ui.admin.password_dialog import ResetPasswordDialog
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.admin.user_dialog import UserDialog, UserInput
from app.ui.admin.users_export import UsersExport
from app.ui.admin.users_model import UsersModel
from app.ui.kit import persist
from app.ui.kit.context import Context

SETTINGS_KEY = "admin/users"
WIDTHS = (120, 150, 190, 150, 270, 130)
RELOAD_ON = ("user", "role", "department")  # what the list or its dialogs show


class UsersTab(OneDialog, QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersTab")
        self.context = context
        self._services, self._actor, self._runner = (context.services, context.actor,
                                                     context.runner)
        self.labels = AdminLabels(self)
        self.model = UsersModel(self)
        self.roles: list[RoleDetail] = []
        self.departments: list[DepartmentRow] = []
        self.confirm: Confirm = ask_yes_no
        self.dialog: QWidget | None = None
        self._select_next: int | None = None  # the user just written, to select after reload
        self._build()
        self.export = UsersExport(context, self.model, self.export_button, self.status, self)
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self.on_edit)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.status = QLabel()
        self.status.setObjectName("usersStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.table)
        layout.addWidget(self.status)

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
        self.export_button = self._button("exportUsers", self.tr("E&xport to Excel..."),
                                          self.on_export)
        for button in (self.add_button, self.edit_button, self.reset_button,
                       self.unlock_button, self.disable_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
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
        keep = select_id if select_id is not None else self._select_next
        if keep is None:
            keep = getattr(self.selected(), "id", None)
        self._select_next = None

        def load() -> tuple[list[UserRow], list[RoleDetail], list[DepartmentRow]]:
            return (services.users.list_all_users(actor), services.roles.list_roles(actor),
                    services.departments.list_departments(actor))

        self._runner.run(load, lambda loaded: self.on_loaded(loaded, keep),
                         self.on_failed, context=self)

    def on_loaded(self, loaded: tuple[list[UserRow], list[RoleDetail], list[DepartmentRow]],
                  select_id: int | None) -> None:
        users, self.roles, self.departments = loaded
        self.model.set_roles(self.roles)
        self.model.set_users(users)
        if select_id is not None and self.model.row_of(select_id) >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(self.model.row_of(select_id), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.update_buttons()

    def on_changed(self, changed: Changed) -> None:
        """Whoever wrote it: users, their roles' names and their departments are shown."""
        if changed.entity in RELOAD_ON:
            self.reload()

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

    # --- writes: each is broadcast, and the list follows the hub --------------------------
    def written(self, changed: Changed) -> None:
        if changed.ids and changed.action != "delete":
            self._select_next = changed.ids[0]
        self.context.hub.broadcast(changed)
        self._select_next = None

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
        dialog = UserDialog(self.roles, self.departments, user, self)
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
            def work() -> Changed:
                changed: Changed = services.users.add_user(
                    actor, value.username, value.password, value.display_name, value.roles,
                    value.department_id)
                return changed
        else:
            def work() -> Changed:
                changed: Changed = services.users.update_user(
                    actor, user.id, user.version, value.display_name, value.roles,
                    value.department_id)
                return changed
        self._runner.run(work, lambda changed: self.on_saved(dialog, changed),
                         lambda exc: self.on_dialog_failed(dialog, exc), context=dialog)

    def on_saved(self, dialog: QWidget, changed: Changed) -> None:
        dialog.close()
        self.written(changed)

    def on_dialog_failed(self, dialog: QWidget, error: Exception) -> None:
        """Shown over the dialog; a user changed meanwhile closes it and reloads."""
        show_admin_error(dialog if not isinstance(error, ConflictError) else self, error)
        if isinstance(error, ConflictError):
            dialog.close()
            self.reload()

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
            lambda changed: self.on_saved(dialog, changed),
            lambda exc: self.on_dialog_failed(dialog, exc), context=dialog)

    def on_unlock(self) -> None:
        user = self.selected()
        if user is not None:
            # Unlocking is harmless whatever changed meanwhile: as the account is now.
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

    def _write(self, work: Callable[[], Changed]) -> None:
        self._runner.run(work, self.written, self.on_write_failed, context=self)

    def on_write_failed(self, error: Exception) -> None:
        show_admin_error(self, error)
        self.reload()

    # --- export ---------------------------------------------------------------------------
    def on_export(self) -> Any:
        return self.export.start()

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())


def _mismatch() -> ValidationError:
    return ValidationError({"password": FieldError("password_mismatch",
                                                   "the two passwords differ")})
