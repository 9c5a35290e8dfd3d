"""The Users tab: add, edit, disable, delete, reset password, unlock, export, on real
services; every write reaches the change hub, and the list follows the hub."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, QSettings

from app.logic.admin import USER
from app.logic.audit import AuditFilter
from app.logic.kit.errors import AuthenticationFailed
from app.ui.admin.errors import AdminErrorDialog
from app.ui.admin.users_tab import UsersTab
from app.ui.customers.list_view import CustomerListView
from app.ui.kit.hub import ChangeHub

from ..helpers import type_text
from .kit import Env, add_signed_in, close_errors


@pytest.fixture
def hub(qapp) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def heard(hub: ChangeHub) -> list:
    """What was broadcast on the hub, in order."""
    seen: list = []
    hub.sig_changed.connect(seen.append)
    return seen


@pytest.fixture
def tab(qtbot, env: Env, sync_runner, hub: ChangeHub) -> UsersTab:
    widget = UsersTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    return widget


def select(tab: UsersTab, username: str) -> None:
    row = next(n for n in range(tab.model.rowCount()) if tab.model.row_at(n).username == username)
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def shown(tab: UsersTab, username: str, column: int) -> str:
    row = next(n for n in range(tab.model.rowCount()) if tab.model.row_at(n).username == username)
    return tab.model.index(row, column).data()


def test_lists_the_users_and_passes_the_model_tester(tab: UsersTab, qtmodeltester) -> None:
    assert [tab.model.row_at(n).username for n in range(tab.model.rowCount())] == ["admin"]
    assert "admin" in tab.model.index(0, 0).data()
    qtmodeltester.check(tab.model)


def test_add_user_shows_the_password_policy_then_saves(tab: UsersTab, env: Env,
                                                       heard: list) -> None:
    dialog = tab.on_add()
    dialog.username.setText("li.lei")
    type_text(dialog.display_name, "李雷")
    dialog.password.setText("short")
    dialog.repeat.setText("short")
    dialog.set_roles_checked({"salesperson"})
    dialog.save_button.click()
    texts = close_errors(dialog)
    assert texts and "8" in texts[0] and "Password" in texts[0]
    assert env.user("li.lei") is None and dialog.isVisible()
    dialog.password.setText("a-long-enough-pw")
    dialog.repeat.setText("a-long-enough-pw-typo")
    dialog.save_button.click()
    assert "not the same" in close_errors(dialog)[0]
    assert heard == []  # nothing was written, nothing broadcast
    dialog.repeat.setText("a-long-enough-pw")
    dialog.save_button.click()
    added = env.user("li.lei")
    assert added.display_name == "李雷" and added.roles == ("salesperson",)
    assert added.must_change_password and not dialog.isVisible()
    assert tab.selected().username == "li.lei"
    assert [(c.entity, c.action, c.ids) for c in heard] == [("user", "create", (added.id,))]


def test_a_new_salesperson_appears_in_the_customer_lists_owner_filter(
        qtbot, tab: UsersTab, env: Env, sync_runner, hub: ChangeHub) -> None:
    """The customer list listens to the same hub: no restart needed."""
    customers = CustomerListView(env.context(sync_runner, hub=hub))
    qtbot.addWidget(customers)
    owners = customers.filter_combos["owner"]
    assert owners.findText("Han Meimei") < 0
    dialog = tab.on_add()
    dialog.username.setText("han")
    dialog.display_name.setText("Han Meimei")
    dialog.password.setText("a-long-enough-pw")
    dialog.repeat.setText("a-long-enough-pw")
    dialog.set_roles_checked({"salesperson"})
    dialog.save_button.click()
    assert owners.findText("Han Meimei") >= 0


def test_edit_roles_and_department(tab: UsersTab, env: Env, heard: list) -> None:
    dept = env.services.departments.create_department(env.admin, "华北销售部").saved
    env.services.users.add_user(env.admin, "wang", "wang-password-1", "Wang", ["salesperson"])
    tab.reload()
    select(tab, "wang")
    dialog = tab.on_edit()
    assert dialog.username.isReadOnly()
    dialog.set_roles_checked({"sales_manager", "finance"})
    dialog.department.setCurrentIndex(dialog.department.findData(dept.id))
    dialog.save_button.click()
    changed = env.user("wang")
    assert set(changed.roles) == {"sales_manager", "finance"}
    assert changed.department == "华北销售部"
    assert shown(tab, "wang", 3) == "华北销售部"
    assert set(shown(tab, "wang", 2).split(", ")) == {"Sales manager", "Finance"}
    assert [(c.entity, c.action) for c in heard] == [("user", "update")]
    assert tab.selected().username == "wang"


def test_disable_and_enable_again(tab: UsersTab, env: Env, heard: list) -> None:
    add_signed_in(env.services, env.admin, "zhao", ["salesperson"])
    tab.reload()
    select(tab, "zhao")
    assert tab.disable_button.text().replace("&", "") == "Disable"
    tab.disable_button.click()
    assert not env.user("zhao").is_active
    with pytest.raises(AuthenticationFailed):
        env.services.auth.login("zhao", "chosen-pw-22")
    assert "Disabled" in shown(tab, "zhao", 4)
    assert tab.disable_button.text().replace("&", "") == "Enable"
    tab.disable_button.click()
    assert env.user("zhao").is_active
    assert [(c.entity, c.action) for c in heard] == [("user", "disable"), ("user", "enable")]


def test_disable_asks_first_and_no_keeps_the_user(tab: UsersTab, env: Env,
                                                  heard: list) -> None:
    env.services.users.add_user(env.admin, "qian", "qian-password-1", "Qian")
    tab.reload()
    select(tab, "qian")
    asked = []
    tab.confirm = lambda _parent, title, text: asked.append(text) or False
    tab.disable_button.click()
    assert "qian" in asked[0] and env.user("qian").is_active
    assert heard == []


def test_delete_is_refused_for_a_user_with_history(tab: UsersTab, env: Env,
                                                   heard: list) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sun", ["salesperson"])
    env.services.customers.create_customer(sales, {"name": "孙氏贸易"})
    tab.reload()
    select(tab, "sun")
    tab.delete_button.click()
    texts = close_errors(tab)
    assert texts and "Disable it instead" in texts[0]
    assert env.user("sun") is not None and heard == []


def test_delete_a_user_who_never_wrote_anything(tab: UsersTab, env: Env,
                                                heard: list) -> None:
    env.services.users.add_user(env.admin, "fresh", "fresh-password-1", "Fresh")
    tab.reload()
    select(tab, "fresh")
    tab.delete_button.click()
    assert env.user("fresh") is None and tab.model.rowCount() == 1
    assert close_errors(tab) == []
    assert [(c.entity, c.action) for c in heard] == [("user", "delete")]


def test_cannot_disable_oneself(tab: UsersTab, env: Env) -> None:
    select(tab, "admin")
    tab.disable_button.click()
    texts = close_errors(tab)
    assert texts and "your own account" in texts[0]
    assert env.user("admin").is_active


def test_reset_password(tab: UsersTab, env: Env, heard: list) -> None:
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
    assert env.user("zhou").must_change_password
    assert "must change password" in shown(tab, "zhou", 4)
    assert env.services.auth.login("zhou", "temporary-22").must_change_password
    assert [(c.entity, c.action) for c in heard] == [("user", "reset_password")]


def lock(env: Env, username: str) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            env.services.auth.login(username, "wrong password")


def test_unlock(tab: UsersTab, env: Env, heard: list) -> None:
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    lock(env, "wu")
    tab.reload()
    select(tab, "wu")
    assert tab.selected().locked and tab.unlock_button.isEnabled()
    assert "locked" in shown(tab, "wu", 4)
    tab.unlock_button.click()
    assert not env.user("wu").locked and not tab.unlock_button.isEnabled()
    assert "locked" not in shown(tab, "wu", 4)
    env.services.auth.login("wu", "chosen-pw-22")
    assert [(c.entity, c.action) for c in heard] == [("user", "unlock")]


def test_a_locked_user_shows_until_when_in_local_time(tab: UsersTab, env: Env) -> None:
    """Item 8: the list says until when, not only that the account is locked."""
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    lock(env, "wu")
    tab.reload()
    until = env.user("wu").locked_until
    assert until is not None and until > datetime.now(until.tzinfo)
    local = until.astimezone().strftime("%Y-%m-%d %H:%M")
    assert shown(tab, "wu", 4) == f"Active, locked until {local}"


def test_the_list_follows_changes_made_elsewhere(qtbot, tab: UsersTab, env: Env,
                                                 sync_runner, hub: ChangeHub) -> None:
    """A role renamed on another screen (another tab, the same hub): the user list shows
    the new name without being told by that screen."""
    add_signed_in(env.services, env.admin, "ma", ["finance"])
    tab.reload()
    assert shown(tab, "ma", 2) == "Finance"
    role = env.services.roles.get_role(env.admin, "finance")
    hub.broadcast(env.services.roles.update_role(env.admin, "finance", role.version,
                                                 name="Accounts"))
    assert shown(tab, "ma", 2) == "Accounts"


def test_buttons_follow_the_rights(qtbot, env: Env, sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = UsersTab(env.context(sync_runner, auditor))
    qtbot.addWidget(tab)
    select(tab, "admin")
    assert tab.model.rowCount() == 2
    buttons = (tab.add_button, tab.edit_button, tab.reset_button, tab.unlock_button,
               tab.disable_button, tab.delete_button, tab.export_button)
    assert not any(b.isEnabled() for b in buttons)
    assert tab.on_add() is None and tab.on_edit() is None
    tab.export.ask_path = lambda: pytest.fail("no right to export: no file dialog")
    assert tab.on_export() is None


def test_export_writes_the_users_list_and_is_audited(tab: UsersTab, env: Env,
                                                     tmp_path) -> None:
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    lock(env, "wu")
    add_signed_in(env.services, env.admin, "zhao", ["salesperson"])
    with sqlite3.connect(env.db_path) as raw:  # a lock that ended long ago
        raw.execute("UPDATE users SET locked_until = '2001-01-01 08:00:00.000000' "
                    "WHERE username = 'zhao'")
    tab.reload()
    target = tmp_path / "users.xlsx"
    tab.export.ask_path = lambda: str(target)
    assert tab.on_export() is not None
    sheet = load_workbook(target, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    shown = len(USER.list_columns)  # then the round trip's hidden columns
    assert rows[0][:shown] == tuple(USER.field(n).caption("en") for n in USER.list_columns)
    assert rows[0][shown:shown + 2] == ("kehu:id", "kehu:version")
    by_name = {r[0]: dict(zip(USER.list_columns, r[:shown], strict=True)) for r in rows[1:]}
    assert set(by_name) == {"admin", "wu", "zhao"}
    assert by_name["wu"]["roles"] == "Salesperson" and by_name["wu"]["locked_until"]
    assert by_name["admin"]["locked_until"] is None
    assert by_name["zhao"]["locked_until"] is None  # no longer locked
    assert "Exported 3 users" in tab.status.text()
    assert tab.export_button.isEnabled() and tab.export.run is None
    [entry] = [e for e in env.services.audit.list_audit_entries(env.admin, AuditFilter())
               if e.action == "export"]
    assert entry.entity_type == "user"


def test_column_widths_are_remembered(qtbot, tab: UsersTab, env: Env, sync_runner) -> None:
    tab.table.setColumnWidth(1, 333)
    tab.save_state(QSettings())
    again = UsersTab(env.context(sync_runner))
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    assert again.table.columnWidth(1) == 333


def test_errors_name_the_field_in_words(tab: UsersTab) -> None:
    dialog = tab.on_add()
    dialog.save_button.click()
    shown_errors = dialog.findChildren(AdminErrorDialog)
    assert shown_errors and "User name" in shown_errors[0].text()
    assert shown_errors[0].icon() == shown_errors[0].Icon.Warning
    assert dialog.isVisible()
    close_errors(dialog)


def test_a_user_changed_meanwhile_is_not_overwritten(tab: UsersTab, env: Env,
                                                     heard: list) -> None:
    env.services.users.add_user(env.admin, "wang", "wang-password-1", "Wang", ["salesperson"])
    tab.reload()
    select(tab, "wang")
    dialog = tab.on_edit()
    wang = env.user("wang")  # another administrator renames him first
    env.services.users.update_user(env.admin, wang.id, wang.version, "Wang Wei")
    dialog.display_name.setText("Wang Fang")
    dialog.save_button.click()
    texts = close_errors(tab)
    assert texts and "changed this record in the meantime" in texts[0]
    assert env.user("wang").display_name == "Wang Wei" and not dialog.isVisible()
    assert shown(tab, "wang", 1) == "Wang Wei" and heard == []
