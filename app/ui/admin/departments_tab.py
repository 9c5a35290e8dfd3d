"""Departments (teams): name, manager and member count; add, edit, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Actor
from app.logic.admin import DepartmentRow, UserRow
from app.logic.services import Services
from app.ui.kit import persist
from app.ui.admin.department_dialog import DepartmentDialog
from app.ui.admin.errors import show_admin_error
from app.ui.admin.one_dialog import OneDialog
from app.ui.admin.prompts import Confirm, ask_yes_no
from app.ui.kit.tasks import Runner

SETTINGS_KEY = "admin/departments"


class DepartmentsTab(OneDialog, QWidget):
    def __init__(self, services: Services, actor: Actor, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departmentsTab")
        self._services, self._actor, self._runner = services, actor, runner
        self.departments: list[DepartmentRow] = []
        self.users: list[UserRow] = []
        self.confirm: Confirm = ask_yes_no
        self.dialog: DepartmentDialog | None = None
        self._build()
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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 220)
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

        self._runner.run(load, self.on_loaded, lambda exc: show_admin_error(self, exc),
                         context=self)

    def on_loaded(self, loaded: tuple[list[DepartmentRow], list[UserRow]]) -> None:
        self.departments, self.users = loaded
        self.table.setRowCount(len(self.departments))
        for row, dept in enumerate(self.departments):
            for column, text in enumerate((dept.name, dept.manager, str(dept.members))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, dept.id)
                self.table.setItem(row, column, item)
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
            def work() -> DepartmentRow:
                return services.departments.create_department(actor, name, manager_id)
        else:
            def work() -> DepartmentRow:
                return services.departments.update_department(actor, dept.id, dept.version,
                                                              name, manager_id)

        def saved(_row: DepartmentRow) -> None:
            dialog.close()
            self.reload()

        self._runner.run(work, saved, lambda exc: show_admin_error(dialog, exc), context=dialog)

    def on_delete(self) -> None:
        dept = self.selected()
        if dept is None or not self._actor.can("admin", "delete"):
            return
        if not self.confirm(self, self.tr("Delete department"),
                            self.tr("Delete the department %1?").replace("%1", dept.name)):
            return
        self._runner.run(lambda: self._services.departments.delete_department(
            self._actor, dept.id, dept.version), lambda _changed: self.reload(),
            lambda exc: show_admin_error(self, exc), context=self)

    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
