"""Departments with a manager, the security settings, and the page as a whole."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from app.ui.admin.departments_tab import DepartmentsTab
from app.ui.admin.page import AdminPage
from app.ui.admin.security_tab import SecurityTab

from ..helpers import type_text
from .kit import Env, add_signed_in, close_errors


def select_row(tab: DepartmentsTab, row: int) -> None:
    tab.table.selectionModel().setCurrentIndex(
        tab.table.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_add_a_department_with_a_manager(qtbot, env: Env, sync_runner) -> None:
    manager = env.services.users.add_user(env.admin, "boss", "boss-password-1", "老板")
    tab = DepartmentsTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(tab)
    dialog = tab.on_add()
    type_text(dialog.name, "华东销售部")
    dialog.manager.setCurrentIndex(dialog.manager.findData(manager.id))
    dialog.on_save()
    [dept] = env.services.departments.list_departments(env.admin)
    assert (dept.name, dept.manager_id) == ("华东销售部", manager.id)
    assert [tab.table.item(0, c).text() for c in range(3)] == ["华东销售部", "老板", "0"]
    assert not dialog.isVisible()


def test_edit_a_department_and_change_its_manager(qtbot, env: Env, sync_runner) -> None:
    first = env.services.users.add_user(env.admin, "first", "first-password-1", "First")
    second = env.services.users.add_user(env.admin, "second", "second-password-1", "Second")
    env.services.departments.create_department(env.admin, "Team A", first.id)
    tab = DepartmentsTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(tab)
    select_row(tab, 0)
    dialog = tab.on_edit()
    assert dialog.manager.currentData() == first.id
    dialog.name.setText("Team B")
    dialog.manager.setCurrentIndex(dialog.manager.findData(second.id))
    dialog.on_save()
    [dept] = env.services.departments.list_departments(env.admin)
    assert (dept.name, dept.manager) == ("Team B", "Second")


def test_a_department_with_members_cannot_be_deleted(qtbot, env: Env, sync_runner) -> None:
    dept = env.services.departments.create_department(env.admin, "Busy")
    env.services.users.add_user(env.admin, "member", "member-password-1", "M", [], dept.id)
    tab = DepartmentsTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(tab)
    tab.confirm = lambda *_args: True
    select_row(tab, 0)
    tab.delete_button.click()
    texts = close_errors(tab)
    assert texts and "members" in texts[0]
    assert len(env.services.departments.list_departments(env.admin)) == 1


def test_security_settings_are_saved(qtbot, env: Env, sync_runner) -> None:
    tab = SecurityTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(tab)
    assert tab.values() == {"password_min_length": 8, "lockout_threshold": 5,
                            "lockout_minutes": 15, "idle_lock_minutes": 15}
    tab.spins["password_min_length"].setValue(12)
    tab.spins["lockout_threshold"].setValue(3)
    tab.save_button.click()
    saved = env.services.settings.get_security_settings(env.admin)
    assert (saved.password_min_length, saved.lockout_threshold) == (12, 3)


def test_security_spin_boxes_keep_to_the_allowed_range(qtbot, env: Env, sync_runner) -> None:
    tab = SecurityTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(tab)
    spin = tab.spins["password_min_length"]
    spin.setValue(3)
    assert spin.value() == 8
    spin.setValue(10_000)
    tab.save_button.click()
    assert env.services.settings.get_security_settings(env.admin).password_min_length == 64


def test_an_auditor_reads_the_settings_but_cannot_save(qtbot, env: Env, sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = SecurityTab(env.services, auditor, sync_runner)
    qtbot.addWidget(tab)
    assert tab.values()["lockout_minutes"] == 15
    assert all(spin.isReadOnly() for spin in tab.spins.values())
    assert not tab.save_button.isEnabled()


def test_the_page_has_four_tabs_for_an_admin(qtbot, env: Env, sync_runner) -> None:
    page = AdminPage(env.services, env.admin, sync_runner)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(n).replace("&", "") for n in range(page.tabs.count())]
    assert titles == ["Users", "Roles", "Departments", "Security"]
    page.tabs.setCurrentIndex(2)
    assert page.departments.add_button.isEnabled()


def test_a_salesperson_gets_no_administration(qtbot, env: Env, sync_runner) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sales1", ["salesperson"])
    page = AdminPage(env.services, sales, sync_runner)
    qtbot.addWidget(page)
    assert page.tabs is None
    assert page.findChild(type(page.layout().itemAt(0).widget()), "noAccess") is not None
    assert close_errors(page) == []


def test_an_auditor_sees_every_tab_with_editing_switched_off(qtbot, env: Env,
                                                            sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    page = AdminPage(env.services, auditor, sync_runner)
    qtbot.addWidget(page)
    assert page.tabs.count() == 4
    assert not page.users.add_button.isEnabled()
    assert not page.departments.add_button.isEnabled()
    assert not page.security.save_button.isEnabled()
    assert close_errors(page) == []
