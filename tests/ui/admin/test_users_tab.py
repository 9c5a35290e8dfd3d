"""The Users tab: add, edit, disable, delete, reset password, unlock, on real services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings

from app.logic.errors import AuthenticationFailed
from app.ui.admin.errors import AdminErrorDialog
from app.ui.admin.users_tab import UsersTab

from ..helpers import type_text
from .kit import Env, add_signed_in, close_errors


@pytest.fixture
def tab(qtbot, env: Env, sync_runner) -> UsersTab:
    widget = UsersTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    return widget


def select(tab: UsersTab, username: str) -> None:
    row = next(n for n in range(tab.model.rowCount()) if tab.model.row_at(n).username == username)
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def user(env: Env, username: str):
    return next((u for u in env.services.users.list_all_users(env.admin)
                 if u.username == username), None)


def test_lists_the_users_and_passes_the_model_tester(tab: UsersTab, qtmodeltester) -> None:
    assert [tab.model.row_at(n).username for n in range(tab.model.rowCount())] == ["admin"]
    assert "admin" in tab.model.index(0, 0).data()
    qtmodeltester.check(tab.model)


def test_add_user_shows_the_password_policy_then_saves(tab: UsersTab, env: Env) -> None:
    dialog = tab.on_add()
    dialog.username.setText("li.lei")
    type_text(dialog.display_name, "李雷")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.set_roles_checked({"salesperson"})
    dialog.save_button.click()
    texts = close_errors(dialog)
    assert texts and "8" in texts[0] and "Password" in texts[0]
    assert user(env, "li.lei") is None and dialog.isVisible()
    dialog.password.setText("a-long-enough-pw")
    dialog.repeat.setText("a-long-enough-pw-typo")
    dialog.save_button.click()
    assert "not the same" in close_errors(dialog)[0]
    dialog.repeat.setText("a-long-enough-pw")
    dialog.save_button.click()
    added = user(env, "li.lei")
    assert added.display_name == "李雷" and added.roles == ("salesperson",)
    assert added.must_change_password and not dialog.isVisible()
    assert tab.selected().username == "li.lei"


def test_edit_roles_and_department(tab: UsersTab, env: Env) -> None:
    dept = env.services.departments.create_department(env.admin, "华北销售部")
    env.services.users.add_user(env.admin, "wang", "wang-password-1", "Wang", ["salesperson"])
    tab.reload()
    select(tab, "wang")
    dialog = tab.on_edit()
    assert dialog.username.isReadOnly()
    dialog.set_roles_checked({"sales_manager", "finance"})
    dialog.department.setCurrentIndex(dialog.department.findData(dept.id))
    dialog.save_button.click()
    changed = user(env, "wang")
    assert set(changed.roles) == {"sales_manager", "finance"}
    assert changed.department == "华北销售部"
    row = tab.model.row_of(changed.id)
    assert tab.model.index(row, 3).data() == "华北销售部"


def test_disable_and_enable_again(tab: UsersTab, env: Env) -> None:
    add_signed_in(env.services, env.admin, "zhao", ["salesperson"])
    tab.reload()
    select(tab, "zhao")
    assert tab.disable_button.text().replace("&", "") == "Disable"
    tab.disable_button.click()
    assert not user(env, "zhao").is_active
    with pytest.raises(AuthenticationFailed):
        env.services.auth.login("zhao", "chosen-pw-22")
    assert tab.disable_button.text().replace("&", "") == "Enable"
    tab.disable_button.click()
    assert user(env, "zhao").is_active


def test_disable_asks_first_and_no_keeps_the_user(tab: UsersTab, env: Env) -> None:
    env.services.users.add_user(env.admin, "qian", "qian-password-1", "Qian")
    tab.reload()
    select(tab, "qian")
    asked = []
    tab.confirm = lambda _parent, title, text: asked.append(text) or False
    tab.disable_button.click()
    assert "qian" in asked[0] and user(env, "qian").is_active


def test_delete_is_refused_for_a_user_with_history(tab: UsersTab, env: Env) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sun", ["salesperson"])
    env.services.customers.create_customer(sales, {"name": "孙氏贸易"})
    tab.reload()
    select(tab, "sun")
    tab.delete_button.click()
    texts = close_errors(tab)
    assert texts and "Disable it instead" in texts[0]
    assert user(env, "sun") is not None


def test_delete_a_user_who_never_wrote_anything(tab: UsersTab, env: Env) -> None:
    env.services.users.add_user(env.admin, "fresh", "fresh-password-1", "Fresh")
    tab.reload()
    select(tab, "fresh")
    tab.delete_button.click()
    assert user(env, "fresh") is None and tab.model.rowCount() == 1
    assert close_errors(tab) == []


def test_cannot_disable_oneself(tab: UsersTab, env: Env) -> None:
    select(tab, "admin")
    tab.disable_button.click()
    texts = close_errors(tab)
    assert texts and "your own account" in texts[0]
    assert user(env, "admin").is_active


def test_reset_password(tab: UsersTab, env: Env) -> None:
    add_signed_in(env.services, env.admin, "zhou", ["salesperson"])
    tab.reload()
    select(tab, "zhou")
    dialog = tab.on_reset_password()
    dialog.password.setText("temporary-22")
    dialog.repeat.setText("temporary-23")
    dialog.on_save()
    assert "not the same" in close_errors(dialog)[0]
    dialog.repeat.setText("temporary-22")
    dialog.on_save()
    assert not dialog.isVisible()
    assert user(env, "zhou").must_change_password
    assert env.services.auth.login("zhou", "temporary-22").must_change_password


def test_unlock(tab: UsersTab, env: Env) -> None:
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            env.services.auth.login("wu", "wrong password")
    tab.reload()
    select(tab, "wu")
    assert tab.selected().locked and tab.unlock_button.isEnabled()
    assert "locked" in tab.model.index(tab.model.row_of(tab.selected().id), 4).data()
    tab.unlock_button.click()
    assert not user(env, "wu").locked and not tab.unlock_button.isEnabled()
    env.services.auth.login("wu", "chosen-pw-22")


def test_buttons_follow_the_rights(qtbot, env: Env, sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = UsersTab(env.services, auditor, sync_runner)
    qtbot.addWidget(tab)
    select(tab, "admin")
    assert tab.model.rowCount() == 2
    buttons = (tab.add_button, tab.edit_button, tab.reset_button, tab.unlock_button,
               tab.disable_button, tab.delete_button)
    assert not any(b.isEnabled() for b in buttons)
    assert tab.on_add() is None and tab.on_edit() is None


def test_column_widths_are_remembered(qtbot, tab: UsersTab, env: Env, sync_runner) -> None:
    tab.table.setColumnWidth(1, 333)
    tab.save_state(QSettings())
    again = UsersTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    assert again.table.columnWidth(1) == 333


def test_errors_name_the_field_in_words(tab: UsersTab) -> None:
    dialog = tab.on_add()
    dialog.save_button.click()
    shown = dialog.findChildren(AdminErrorDialog)
    assert shown and "User name" in shown[0].text()
    assert shown[0].icon() == shown[0].Icon.Warning
    assert dialog.isVisible()
    close_errors(dialog)
