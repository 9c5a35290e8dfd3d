"""Departments (teams): name, manager and member count; add, edit, delete. Writes are
broadcast on the change hub; the list reloads when departments or users change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.admin import DepartmentRow, UserRow
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ConflictError
from app.ui.admin.department_dialog import DepartmentDialog
from app.ui.admin.errors import show_admin_error
from app.ui.admin.one_dialog import OneDialog
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.kit import persist
from app.ui.kit.context import Context

SETTINGS_KEY = "admin/departments"
RELOAD_ON = ("department", "user")  # departments, their managers' names, member counts


class DepartmentsTab(OneDialog, QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departmentsTab")
        self.context = context
        self._services, self._actor, self._runner = (context.services, context.actor,
                                                     context.runner)
        self.departments: list[DepartmentRow] = []
        self.users: list[UserRow] = []
        self.confirm: Confirm = ask_yes_no
        self.dialog: DepartmentDialog | None = None
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    def _build(self) -> None:
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("departmentsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Department"), self.tr("Manager"),
                                              self.tr("Members")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        self.table.setColumnWidth(0, 300)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, 90)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.itemDoubleClicked.connect(self.on_edit)
        bar = QHBoxLayout()
        self.add_button = self._button("addDepartment", self.tr("&Add..."), self.on_add)
        self.edit_button = self._button("editDepartment", self.tr("&Edit..."), self.on_edit)
        self.delete_button = self._button("deleteDepartment", self.tr("De&lete"),
                                          self.on_delete)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _button(self, name: str, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def reload(self) -> None:
        services, actor = self._services, self._actor

        def load() -> tuple[list[DepartmentRow], list[UserRow]]:
            return (services.departments.list_departments(actor),
                    services.users.list_all_users(actor))

        self._runner.run(load, self.on_loaded, self.on_failed,
                         context=self)

    def on_changed(self, changed: Changed) -> None:
        if changed.entity in RELOAD_ON:
            self.reload()

    def on_loaded(self, loaded: tuple[list[DepartmentRow], list[UserRow]]) -> None:
        keep = getattr(self.selected(), "id", None)
        self.departments, self.users = loaded
        self.table.setRowCount(len(self.departments))
        for row, dept in enumerate(self.departments):
            for column, text in enumerate((dept.name, dept.manager, str(dept.members))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, dept.id)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            if dept.id == keep:
                self.table.selectRow(row)
        self.update_buttons()

    def selected(self) -> DepartmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.departments[rows[0].row()] if rows else None

    def update_buttons(self) -> None:
        chosen, can = self.selected() is not None, self._actor.can
        self.add_button.setEnabled(can("admin", "create"))
        self.edit_button.setEnabled(chosen and can("admin", "edit"))
        self.delete_button.setEnabled(chosen and can("admin", "delete"))

    def on_add(self) -> DepartmentDialog | None:
        return self._open_dialog(None) if self._actor.can("admin", "create") else None

    def on_edit(self) -> DepartmentDialog | None:
        dept = self.selected()
        if dept is None or not self._actor.can("admin", "edit"):
            return None
        return self._open_dialog(dept)

    def _open_dialog(self, dept: DepartmentRow | None) -> DepartmentDialog:
        dialog = DepartmentDialog(self.users, dept, self)
        dialog.sig_save.connect(self.on_save)
        return self.open_dialog(dialog)

    def on_save(self, name: str, manager_id: int | None) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        services, actor, dept = self._services, self._actor, dialog.department
        if dept is None:
            def work() -> Changed:
                changed: Changed = services.departments.create_department(actor, name,
                                                                          manager_id)
                return changed
        else:
            def work() -> Changed:
                changed: Changed = services.departments.update_department(
                    actor, dept.id, dept.version, name, manager_id)
                return changed

        def saved(changed: Changed) -> None:
            dialog.close()
            self.context.hub.broadcast(changed)

        def failed(error: Exception) -> None:
            conflict = isinstance(error, ConflictError)
            show_admin_error(self if conflict else dialog, error)
            if conflict:  # changed by another administrator meanwhile: show theirs
                dialog.close()
                self.reload()

        self._runner.run(work, saved, failed, context=dialog)

    def on_delete(self) -> None:
        dept = self.selected()
        if dept is None or not self._actor.can("admin", "delete"):
            return
        if not self.confirm(self, self.tr("Delete department"),
                            self.tr("Delete the department %1?").replace("%1", dept.name)):
            return
        self._runner.run(lambda: self._services.departments.delete_department(
            self._actor, dept.id, dept.version), self.context.hub.broadcast,
            self.on_failed, context=self)

    def on_failed(self, error: Exception) -> None:
        show_admin_error(self, error)
        if isinstance(error, ConflictError):
            self.reload()

    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
