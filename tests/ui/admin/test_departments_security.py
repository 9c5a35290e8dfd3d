"""Departments with a manager, the security settings, and the page as a whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from app.ui.admin.departments_tab import DepartmentsTab
from app.ui.admin.page import AdminPage
from app.ui.admin.security_tab import SecurityTab
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.hub import ChangeHub

from ..helpers import type_text
from .kit import Env, add_signed_in, close_errors


@pytest.fixture
def hub(qapp) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def heard(hub: ChangeHub) -> list:
    seen: list = []
    hub.sig_changed.connect(seen.append)
    return seen


def select_row(tab: DepartmentsTab, row: int) -> None:
    tab.table.selectionModel().setCurrentIndex(
        tab.table.model().index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_add_a_department_with_a_manager(qtbot, env: Env, sync_runner, hub: ChangeHub,
                                         heard: list) -> None:
    manager = env.services.users.add_user(env.admin, "boss", "boss-password-1", "老板").saved
    tab = DepartmentsTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(tab)
    dialog = tab.on_add()
    type_text(dialog.name, "华东销售部")
    dialog.manager.setCurrentIndex(dialog.manager.findData(manager.id))
    dialog.on_save()
    [dept] = env.services.departments.list_departments(env.admin)
    assert (dept.name, dept.manager_id) == ("华东销售部", manager.id)
    assert [tab.table.item(0, c).text() for c in range(3)] == ["华东销售部", "老板", "0"]
    assert not dialog.isVisible()
    assert [(c.entity, c.action, c.ids) for c in heard] == [("department", "create",
                                                            (dept.id,))]


def test_edit_a_department_and_change_its_manager(qtbot, env: Env, sync_runner,
                                                  hub: ChangeHub, heard: list) -> None:
    first = env.services.users.add_user(env.admin, "first", "first-password-1", "First").saved
    second = env.services.users.add_user(env.admin, "second", "second-password-1",
                                         "Second").saved
    env.services.departments.create_department(env.admin, "Team A", first.id)
    tab = DepartmentsTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(tab)
    select_row(tab, 0)
    dialog = tab.on_edit()
    assert dialog.manager.currentData() == first.id
    dialog.name.setText("Team B")
    dialog.manager.setCurrentIndex(dialog.manager.findData(second.id))
    dialog.on_save()
    [dept] = env.services.departments.list_departments(env.admin)
    assert (dept.name, dept.manager) == ("Team B", "Second")
    assert [tab.table.item(0, c).text() for c in range(2)] == ["Team B", "Second"]
    assert [(c.entity, c.action) for c in heard] == [("department", "update")]


def test_a_department_with_members_cannot_be_deleted(qtbot, env: Env, sync_runner,
                                                     hub: ChangeHub, heard: list) -> None:
    dept = env.services.departments.create_department(env.admin, "Busy").saved
    env.services.users.add_user(env.admin, "member", "member-password-1", "M", [], dept.id)
    tab = DepartmentsTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(tab)
    tab.confirm = lambda *_args: True
    select_row(tab, 0)
    tab.delete_button.click()
    texts = close_errors(tab)
    assert texts and "members" in texts[0]
    assert len(env.services.departments.list_departments(env.admin)) == 1
    assert heard == []


def test_delete_an_empty_department(qtbot, env: Env, sync_runner, hub: ChangeHub,
                                    heard: list) -> None:
    env.services.departments.create_department(env.admin, "Empty")
    tab = DepartmentsTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(tab)
    tab.confirm = lambda *_args: True
    select_row(tab, 0)
    tab.delete_button.click()
    assert env.services.departments.list_departments(env.admin) == []
    assert tab.table.rowCount() == 0
    assert [(c.entity, c.action) for c in heard] == [("department", "delete")]


def test_member_counts_follow_users_added_on_the_users_tab(qtbot, env: Env, sync_runner
                                                           ) -> None:
    """The departments tab listens to the hub; the users tab does not tell it."""
    dept = env.services.departments.create_department(env.admin, "Team").saved
    page = AdminPage(env.context(sync_runner))
    qtbot.addWidget(page)
    assert page.departments.table.item(0, 2).text() == "0"
    dialog = page.users.on_add()
    dialog.username.setText("new.member")
    dialog.password.setText("a-long-enough-pw")
    dialog.repeat.setText("a-long-enough-pw")
    dialog.department.setCurrentIndex(dialog.department.findData(dept.id))
    dialog.save_button.click()
    assert page.departments.table.item(0, 2).text() == "1"
    dialog = page.departments.on_add()  # the new user may be chosen as a manager
    assert dialog.manager.findText("new.member (new.member)") >= 0
    dialog.close()


# --- security settings -------------------------------------------------------------------------
@pytest.fixture
def security(qtbot, env: Env, sync_runner, hub: ChangeHub) -> SecurityTab:
    tab = SecurityTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(tab)
    return tab


def test_security_settings_are_saved_after_confirming(security: SecurityTab, env: Env,
                                                      heard: list) -> None:
    asked: list[str] = []
    security.confirm = lambda _parent, _title, text: asked.append(text) or True
    assert security.values() == {"password_min_length": 8, "lockout_threshold": 5,
                                 "lockout_minutes": 15, "idle_lock_minutes": 15}
    security.spins["password_min_length"].setValue(12)
    security.spins["lockout_threshold"].setValue(3)
    security.save_button.click()
    saved = env.services.settings.get_security_settings(env.admin)
    assert (saved.password_min_length, saved.lockout_threshold) == (12, 3)
    [question] = asked
    assert "Minimum password length: 8 → 12" in question
    assert "Failed sign-ins before lockout: 5 → 3" in question
    assert "Lockout (minutes)" not in question  # unchanged settings are not listed
    assert security.status.text().startswith("Saved at ")
    assert security.current.version == saved.version
    assert [(c.entity, c.action) for c in heard] == [("settings", "update")]


def test_security_settings_are_not_saved_when_the_question_is_declined(
        security: SecurityTab, env: Env, heard: list) -> None:
    security.confirm = lambda *_args: False
    security.spins["lockout_minutes"].setValue(30)
    security.save_button.click()
    assert env.services.settings.get_security_settings(env.admin).lockout_minutes == 15
    assert heard == [] and not security.status.text().startswith("Saved")
    assert security.values()["lockout_minutes"] == 30  # the edit stays to try again


def test_saving_unchanged_settings_asks_nothing(security: SecurityTab, heard: list) -> None:
    security.confirm = lambda *_args: pytest.fail("nothing changed: nothing to confirm")
    security.save_button.click()
    assert "Nothing to save" in security.status.text() and heard == []


def test_the_second_of_two_administrators_saving_settings_is_told(
        qtbot, env: Env, sync_runner, security: SecurityTab) -> None:
    _row, second_admin = add_signed_in(env.services, env.admin, "admin2", ["admin"])
    other = SecurityTab(env.context(sync_runner, second_admin))  # another desktop
    qtbot.addWidget(other)
    for tab in (security, other):
        tab.confirm = lambda *_args: True
    security.spins["lockout_minutes"].setValue(30)
    security.save_button.click()
    other.spins["idle_lock_minutes"].setValue(5)
    other.save_button.click()
    [dialog] = [d for d in other.findChildren(ErrorDialog)]
    assert "changed this record in the meantime" in dialog.text()
    close_errors(other)
    saved = env.services.settings.get_security_settings(env.admin)
    assert (saved.lockout_minutes, saved.idle_lock_minutes) == (30, 15)
    assert other.values()["lockout_minutes"] == 30  # reloaded: the first one's values
    assert other.values()["idle_lock_minutes"] == 15
    assert other.current.version == saved.version and "Not saved" in other.status.text()


def test_settings_saved_elsewhere_in_the_window_are_shown(qtbot, env: Env, sync_runner,
                                                          hub: ChangeHub,
                                                          security: SecurityTab) -> None:
    other = SecurityTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(other)
    other.confirm = lambda *_args: True
    other.spins["password_min_length"].setValue(10)
    other.save_button.click()
    assert security.values()["password_min_length"] == 10


def test_security_spin_boxes_keep_to_the_allowed_range(security: SecurityTab,
                                                       env: Env) -> None:
    security.confirm = lambda *_args: True
    spin = security.spins["password_min_length"]
    spin.setValue(3)
    assert spin.value() == 8
    spin.setValue(10_000)
    security.save_button.click()
    assert env.services.settings.get_security_settings(env.admin).password_min_length == 64


def test_an_auditor_reads_the_settings_but_cannot_save(qtbot, env: Env, sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = SecurityTab(env.context(sync_runner, auditor))
    qtbot.addWidget(tab)
    assert tab.values()["lockout_minutes"] == 15
    assert all(spin.isReadOnly() for spin in tab.spins.values())
    assert not tab.save_button.isEnabled()


# --- the page ----------------------------------------------------------------------------------
def test_the_page_has_four_tabs_for_an_admin(qtbot, env: Env, sync_runner) -> None:
    page = AdminPage(env.context(sync_runner))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(n).replace("&", "") for n in range(page.tabs.count())]
    assert titles == ["Users", "Roles", "Departments", "Security"]
    page.tabs.setCurrentIndex(2)
    assert page.departments.add_button.isEnabled()


def test_refresh_reads_the_tab_on_show_again(qtbot, env: Env, sync_runner) -> None:
    """Another desktop's change (no hub here) shows after Refresh (F5)."""
    page = AdminPage(env.context(sync_runner))
    qtbot.addWidget(page)
    env.services.users.add_user(env.admin, "elsewhere", "elsewhere-pw-1", "Elsewhere")
    assert page.users.model.rowCount() == 1
    page.reload()
    assert page.users.model.rowCount() == 2


def test_a_salesperson_gets_no_administration(qtbot, env: Env, sync_runner) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sales1", ["salesperson"])
    page = AdminPage(env.context(sync_runner, sales))
    qtbot.addWidget(page)
    assert page.tabs is None
    assert page.findChild(type(page.layout().itemAt(0).widget()), "noAccess") is not None
    assert close_errors(page) == []


def test_an_auditor_sees_every_tab_with_editing_switched_off(qtbot, env: Env,
                                                            sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    page = AdminPage(env.context(sync_runner, auditor))
    qtbot.addWidget(page)
    assert page.tabs.count() == 4
    assert not page.users.add_button.isEnabled()
    assert not page.departments.add_button.isEnabled()
    assert not page.security.save_button.isEnabled()
    assert close_errors(page) == []


def test_a_department_changed_meanwhile_is_not_overwritten(qtbot, env: Env, sync_runner
                                                           ) -> None:
    dept = env.services.departments.create_department(env.admin, "Team A").saved
    tab = DepartmentsTab(env.context(sync_runner))
    qtbot.addWidget(tab)
    select_row(tab, 0)
    dialog = tab.on_edit()
    env.services.departments.update_department(env.admin, dept.id, dept.version, "Team B")
    dialog.name.setText("Team C")
    dialog.on_save()
    texts = close_errors(tab)
    assert texts and "changed this record in the meantime" in texts[0]
    assert [d.name for d in env.services.departments.list_departments(env.admin)] == ["Team B"]
    assert tab.table.item(0, 0).text() == "Team B" and not dialog.isVisible()
