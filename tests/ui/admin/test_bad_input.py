"""Hostile or odd text in every field: stored exactly as typed, or refused in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.ui.admin.departments_tab import DepartmentsTab
from app.ui.admin.errors import AdminErrorDialog
from app.ui.admin.roles_tab import RolesTab
from app.ui.admin.users_tab import UsersTab

from .kit import BAD_INPUTS, Env

CASES = pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())


def outcome(widget, stored: str | None, typed: str) -> str:
    """'stored' if the service kept exactly what was typed, 'refused' if a clear message
    (a known validation problem, not 'unexpected error') was shown instead."""
    dialogs = widget.findChildren(AdminErrorDialog)
    for dialog in dialogs:
        assert not dialog.is_unexpected(dialog.error), dialog.text()
        assert dialog.text() and "Something went wrong" not in dialog.text()
        dialog.close()
    if dialogs:
        assert stored != typed or stored is None
        return "refused"
    assert stored == typed
    return "stored"


@CASES
def test_new_user_fields(qtbot, env: Env, sync_runner, text: str) -> None:
    tab = UsersTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    dialog = tab.on_add()
    dialog.username.setText(text)
    dialog.display_name.setText(text)
    dialog.password.setText("fine-password-1")
    dialog.repeat.setText("fine-password-1")
    dialog.save_button.click()
    users = env.services.users.list_all_users(env.admin)
    stored = next((u.display_name for u in users if u.username == text), None)
    assert outcome(dialog, stored, dialog.display_name.text()) in ("stored", "refused")
    assert len(users) in (1, 2)


@CASES
def test_display_name_of_an_existing_user(qtbot, env: Env, sync_runner, text: str) -> None:
    row = env.services.users.add_user(env.admin, "plain", "plain-password-1", "Plain").saved
    tab = UsersTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(tab.model.row_of(row.id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    dialog = tab.on_edit()
    dialog.display_name.setText(text)
    dialog.save_button.click()
    stored = next(u.display_name for u in env.services.users.list_all_users(env.admin)
                  if u.id == row.id)
    typed = dialog.display_name.text()
    result = outcome(dialog, stored, typed)
    assert result == "refused" or tab.model.index(tab.model.row_of(row.id), 1).data() == text


@CASES
def test_reset_password_field(qtbot, env: Env, sync_runner, text: str) -> None:
    row = env.services.users.add_user(env.admin, "plain", "plain-password-1", "Plain").saved
    tab = UsersTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(tab.model.row_of(row.id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    dialog = tab.on_reset_password()
    dialog.password.setText(text)
    dialog.repeat.setText(text)
    dialog.on_save()
    refused = dialog.findChildren(AdminErrorDialog)
    for shown in refused:
        assert not shown.is_unexpected(shown.error)
        shown.close()
    if not refused:
        env.services.auth.login("plain", dialog.password.text())
    assert bool(refused) == dialog.isVisible()


@CASES
def test_new_role_fields(qtbot, env: Env, sync_runner, text: str) -> None:
    tab = RolesTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    dialog = tab.on_new()
    dialog.code.setText(text)
    dialog.name.setText(text)
    dialog.description.setText(text)
    dialog.on_save()
    roles = env.services.roles.list_roles(env.admin)
    stored = next((r.name for r in roles if r.code not in
                   ("admin", "sales_manager", "salesperson", "finance", "service",
                    "auditor")), None)
    outcome(dialog, stored, dialog.name.text())


@CASES
def test_role_name_and_description(qtbot, env: Env, sync_runner, text: str) -> None:
    env.services.roles.create_role(env.admin, "plain", "Plain")
    tab = RolesTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    tab.reload("plain")
    tab.name.setText(text)
    tab.description.setText(text)
    tab.save_button.click()
    role = env.services.roles.get_role(env.admin, "plain")
    if outcome(tab, role.name, tab.name.text()) == "stored":
        assert role.description == text and tab.name.text() == text


@CASES
def test_department_name(qtbot, env: Env, sync_runner, text: str) -> None:
    tab = DepartmentsTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    dialog = tab.on_add()
    dialog.name.setText(text)
    dialog.on_save()
    names = [d.name for d in env.services.departments.list_departments(env.admin)]
    result = outcome(dialog, names[0] if names else None, dialog.name.text())
    if result == "stored":
        assert tab.table.item(0, 0).text() == text
        assert tab.table.item(0, 0).data(Qt.ItemDataRole.UserRole) is not None

