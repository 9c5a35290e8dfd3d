"""Roles: the list on the left, the chosen role's name, sales flag and permission matrix on
the right. Every write is broadcast on the change hub (a new sales role changes who may own
customers); the tab reloads when roles or users change, keeping unsaved edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import RoleDetail
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ConflictError
from app.ui.admin.errors import show_admin_error
from app.ui.admin.labels import AdminLabels, role_label, role_text
from app.ui.admin.one_dialog import OneDialog
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.admin.role_dialog import RoleDialog, RoleInput
from app.ui.admin.role_matrix import RoleMatrix
from app.ui.kit import persist
from app.ui.kit.context import Context

SETTINGS_KEY = "admin/roles"
RELOAD_ON = ("role", "user")  # roles, and their member counts


class RolesTab(OneDialog, QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesTab")
        self.context = context
        self._services, self._actor, self._runner = (context.services, context.actor,
                                                     context.runner)
        self.labels = AdminLabels(self)
        self.roles: list[RoleDetail] = []
        self.current: RoleDetail | None = None
        self.confirm: Confirm = ask_yes_no
        self.dialog: RoleDialog | None = None
        self._after_write: str | None = None  # our own write: select this code, drop edits
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.role_list = QListWidget()
        self.role_list.setObjectName("roleList")
        self.role_list.setStyleSheet("QListWidget#roleList::item { padding: 4px 6px; }")
        self.role_list.currentItemChanged.connect(self.on_role_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.role_list)
        buttons = QHBoxLayout()
        self.new_button = self._button("newRole", self.tr("&New..."), self.on_new)
        self.copy_button = self._button("copyRole", self.tr("&Copy..."), self.on_copy)
        self.delete_button = self._button("deleteRole", self.tr("De&lete"), self.on_delete)
        for button in (self.new_button, self.copy_button, self.delete_button):
            buttons.addWidget(button)
        left_layout.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.setObjectName("rolesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_editor())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def _build_editor(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setObjectName("roleName")
        self.description = QLineEdit()
        self.description.setObjectName("roleDescription")
        for line in (self.name, self.description):
            line.setMaxLength(2000)
        self.sales = QCheckBox(self.tr("Members may own customers"))
        self.sales.setObjectName("roleSales")
        self.members = QLabel()
        self.members.setObjectName("roleMembers")
        form = QFormLayout()
        form.addRow(self.tr("N&ame:"), self.name)
        form.addRow(self.tr("Desc&ription:"), self.description)
        form.addRow(self.tr("Sales role:"), self.sales)
        form.addRow(self.tr("Members:"), self.members)
        self.matrix = RoleMatrix(self.labels)
        scroll = QScrollArea()
        scroll.setWidget(self.matrix)
        scroll.setWidgetResizable(True)
        self.save_button = self._button("saveRole", self.tr("&Save role"), self.on_save)
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.revert_button = self._button("revertRole", self.tr("&Revert"), self.on_revert)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        return editor

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- loading and choosing ---------------------------------------------------------------
    def reload(self, select_code: str | None = None) -> None:
        own = self._after_write
        keep = select_code or own or (self.current.code if self.current else None)
        self._runner.run(lambda: self._services.roles.list_roles(self._actor),
                         lambda roles: self.on_loaded(roles, keep, own is None),
                         self.on_failed, context=self)

    def on_loaded(self, roles: list[RoleDetail], select_code: str | None,
                  keep_edits: bool = True) -> None:
        editing = self.current if keep_edits and self.is_dirty() else None
        self.roles = roles
        self.role_list.blockSignals(True)
        self.role_list.clear()
        for role in roles:
            item = QListWidgetItem(self.list_text(role))
            item.setData(Qt.ItemDataRole.UserRole, role.code)
            item.setToolTip(role_text(role.code, role.description) or role.code)
            self.role_list.addItem(item)
        codes = [r.code for r in roles]
        row = codes.index(select_code) if select_code in codes else (0 if codes else -1)
        self.role_list.setCurrentRow(row)
        self.role_list.blockSignals(False)
        fresh = roles[row] if row >= 0 else None
        if editing is not None and fresh is not None and fresh.code == editing.code:
            # Unsaved edits stay; saving them meets the newer version (a conflict) if the
            # role itself changed meanwhile.
            self.members.setText(str(fresh.members))
            return
        self.show_role(fresh)

    def list_text(self, role: RoleDetail) -> str:
        name = role_label(role.code, role.name)
        return self.tr("%1 · sales role").replace("%1", name) if role.sales else name

    def on_changed(self, changed: Changed) -> None:
        if changed.entity in RELOAD_ON:
            self.reload()

    def on_role_chosen(self, item: QListWidgetItem | None) -> None:
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.show_role(next((r for r in self.roles if r.code == code), None))

    def show_role(self, role: RoleDetail | None) -> None:
        self.current = role
        self.name.setText(role_label(role.code, role.name) if role else "")
        self.description.setText(role_text(role.code, role.description) if role else "")
        self.sales.setChecked(bool(role and role.sales))
        self.members.setText(str(role.members) if role else "")
        self.matrix.set_role(role)
        self.update_controls()

    def update_controls(self) -> None:
        can, chosen = self._actor.can, self.current is not None
        editable = chosen and can("admin", "edit")
        for widget in (self.name, self.description):
            widget.setReadOnly(not editable)
        self.sales.setEnabled(editable)
        self.matrix.set_editable(editable)
        self.save_button.setEnabled(editable)
        self.revert_button.setEnabled(editable)
        self.new_button.setEnabled(can("admin", "create"))
        self.copy_button.setEnabled(chosen and can("admin", "create"))
        self.delete_button.setEnabled(chosen and can("admin", "delete"))

    # --- saving ---------------------------------------------------------------------------
    def edits(self) -> dict[str, Any]:
        """What the editor changes of the current role (names unchanged as shown: None)."""
        role = self.current
        if role is None:
            return {}
        name, description = self.name.text(), self.description.text()
        return {"name": None if name == role_label(role.code, role.name) else name,
                "description": None if description == role_text(role.code, role.description)
                else description,
                "rights": self.matrix.rights(), "scopes": self.matrix.scopes(),
                "sales": self.sales.isChecked()}

    def is_dirty(self) -> bool:
        role, edits = self.current, self.edits()
        if role is None:
            return False
        return (edits["name"] is not None or edits["description"] is not None
                or edits["rights"] != set(role.rights) or edits["sales"] != role.sales
                or edits["scopes"] != {**dict.fromkeys(edits["scopes"], "own"),
                                       **dict(role.scopes)})

    def on_save(self) -> None:
        role = self.current
        if role is None or not self._actor.can("admin", "edit"):
            return
        edits, roles, actor = self.edits(), self._services.roles, self._actor
        self._runner.run(lambda: roles.update_role(actor, role.code, role.version, **edits),
                         lambda changed: self.written(changed, role.code),
                         self.on_save_failed, context=self)

    def written(self, changed: Changed, code: str | None = None) -> None:
        """Tell every screen; this tab reloads from the hub, showing ``code`` as saved."""
        self._after_write = code or ""
        try:
            self.context.hub.broadcast(changed)
        finally:
            self._after_write = None

    def on_failed(self, error: Exception) -> None:
        show_admin_error(self, error)

    def on_save_failed(self, error: Exception) -> None:
        show_admin_error(self, error)
        if isinstance(error, ConflictError):  # changed by another administrator: show theirs
            self.show_role(self.current)
            self.reload()

    def on_revert(self) -> None:
        self.show_role(self.current)

    def on_new(self) -> RoleDialog | None:
        return self._open_dialog(None) if self._actor.can("admin", "create") else None

    def on_copy(self) -> RoleDialog | None:
        if self.current is None or not self._actor.can("admin", "create"):
            return None
        return self._open_dialog(self.current)

    def _open_dialog(self, source: RoleDetail | None) -> RoleDialog:
        dialog = RoleDialog(self.roles, source, self)
        dialog.sig_save.connect(self.on_create)
        return self.open_dialog(dialog)

    def on_create(self, value: RoleInput) -> None:
        dialog = self.dialog
        if dialog is None:
            return

        def created(changed: Changed) -> None:
            dialog.close()
            self.written(changed, str(changed.saved.get("code")))

        def failed(error: Exception) -> None:
            show_admin_error(dialog, error)

        roles, actor = self._services.roles, self._actor
        self._runner.run(
            lambda: roles.create_role(actor, value.code, value.name, value.description,
                                      value.copy_from, value.sales),
            created, failed, context=dialog)

    def on_delete(self) -> None:
        role = self.current
        if role is None or not self._actor.can("admin", "delete"):
            return
        if not self.confirm(self, self.tr("Delete role"), self.tr(
                "Delete the role %1?").replace("%1", role_label(role.code, role.name))):
            return
        self._runner.run(lambda: self._services.roles.delete_role(self._actor, role.code,
                                                                  role.version),
                         self.written, self.on_save_failed, context=self)

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_splitter(settings, SETTINGS_KEY, self.splitter)

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_splitter(settings, SETTINGS_KEY, self.splitter)
