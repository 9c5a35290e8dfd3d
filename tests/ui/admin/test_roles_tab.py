"""The Roles tab: the permission matrix, record scopes, the sales flag, new and copied
roles; writes reach the change hub and the tab follows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.logic.kit.permissions import ACTIONS, MODULES
from app.ui.admin.roles_tab import RolesTab
from app.ui.customers.list_view import CustomerListView
from app.ui.kit.hub import ChangeHub

from .kit import Env, add_signed_in, close_errors


@pytest.fixture
def hub(qapp) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def heard(hub: ChangeHub) -> list:
    seen: list = []
    hub.sig_changed.connect(seen.append)
    return seen


@pytest.fixture
def tab(qtbot, env: Env, sync_runner, hub: ChangeHub) -> RolesTab:
    widget = RolesTab(env.context(sync_runner, hub=hub))
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    return widget


def choose(tab: RolesTab, code: str) -> None:
    for n in range(tab.role_list.count()):
        if tab.role_list.item(n).data(Qt.ItemDataRole.UserRole) == code:
            tab.role_list.setCurrentRow(n)
            return
    raise AssertionError(f"no role {code}")


def item_text(tab: RolesTab, code: str) -> str:
    return next(tab.role_list.item(n).text() for n in range(tab.role_list.count())
                if tab.role_list.item(n).data(Qt.ItemDataRole.UserRole) == code)


def test_the_matrix_shows_a_roles_rights(tab: RolesTab, env: Env) -> None:
    choose(tab, "salesperson")
    role = env.services.roles.get_role(env.admin, "salesperson")
    assert len(tab.matrix.boxes) == len(MODULES) * len(ACTIONS)
    assert tab.matrix.rights() == set(role.rights)
    assert tab.matrix.scopes()["customers"] == "own"
    assert tab.name.text() == "Salesperson"
    assert not tab.is_dirty()


def test_the_tab_shows_which_roles_are_sales_roles(tab: RolesTab) -> None:
    choose(tab, "salesperson")
    assert tab.sales.isChecked() and tab.sales.isEnabled()
    choose(tab, "finance")
    assert not tab.sales.isChecked()
    assert item_text(tab, "salesperson") == "Salesperson · sales role"
    assert item_text(tab, "finance") == "Finance"


def test_ticking_a_box_saves_the_right(qtbot, tab: RolesTab, env: Env, heard: list) -> None:
    choose(tab, "salesperson")
    box = tab.matrix.boxes[("reports", "export")]
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked() and tab.is_dirty()
    tab.save_button.click()
    saved = env.services.roles.get_role(env.admin, "salesperson")
    assert ("reports", "export") in saved.rights
    assert tab.current.version == saved.version
    assert tab.matrix.boxes[("reports", "export")].isChecked() and not tab.is_dirty()
    assert [(c.entity, c.action) for c in heard] == [("role", "update")]


def test_scope_combo_saves_the_record_scope(tab: RolesTab, env: Env) -> None:
    choose(tab, "salesperson")
    combo = tab.matrix.scope_combos["customers"]
    combo.setCurrentIndex(combo.findData("team"))
    tab.save_button.click()
    saved = env.services.roles.get_role(env.admin, "salesperson")
    assert dict(saved.scopes)["customers"] == "team"
    assert tab.matrix.scopes()["customers"] == "team"


def test_making_a_role_a_sales_role_offers_its_members_as_owners(
        qtbot, tab: RolesTab, env: Env, sync_runner, hub: ChangeHub) -> None:
    add_signed_in(env.services, env.admin, "chen", ["finance"])
    customers = CustomerListView(env.context(sync_runner, hub=hub))
    qtbot.addWidget(customers)
    owners = customers.filter_combos["owner"]
    assert owners.findText("Chen") < 0
    choose(tab, "finance")
    tab.sales.setChecked(True)
    tab.save_button.click()
    assert env.services.roles.get_role(env.admin, "finance").sales
    assert item_text(tab, "finance") == "Finance · sales role" and tab.sales.isChecked()
    assert owners.findText("Chen") >= 0


def test_copy_a_role(tab: RolesTab, env: Env, heard: list) -> None:
    choose(tab, "sales_manager")
    dialog = tab.on_copy()
    assert dialog.code.text() == "sales_manager_copy"
    assert dialog.sales.isChecked()  # a copy of a sales role starts as one
    dialog.name.setText("区域经理")
    dialog.on_save()
    copy = env.services.roles.get_role(env.admin, "sales_manager_copy")
    source = env.services.roles.get_role(env.admin, "sales_manager")
    assert copy.rights == source.rights and copy.scopes == source.scopes
    assert copy.name == "区域经理" and copy.sales
    assert tab.current.code == "sales_manager_copy" and not dialog.isVisible()
    assert [(c.entity, c.action) for c in heard] == [("role", "create")]


def test_a_copy_of_a_sales_role_can_be_made_without_the_sales_flag(tab: RolesTab,
                                                                    env: Env) -> None:
    choose(tab, "salesperson")
    dialog = tab.on_copy()
    dialog.sales.setChecked(False)
    dialog.on_save()
    copy = env.services.roles.get_role(env.admin, "salesperson_copy")
    assert copy.rights == env.services.roles.get_role(env.admin, "salesperson").rights
    assert not copy.sales and not tab.sales.isChecked()


def test_a_new_role_may_be_a_sales_role(tab: RolesTab, env: Env) -> None:
    dialog = tab.on_new()
    assert not dialog.sales.isChecked()
    dialog.code.setText("key_account")
    dialog.name.setText("Key accounts")
    dialog.copy_from.setCurrentIndex(dialog.copy_from.findData("salesperson"))
    assert dialog.sales.isChecked()  # follows the role it copies
    dialog.copy_from.setCurrentIndex(0)
    assert not dialog.sales.isChecked()
    dialog.sales.setChecked(True)
    dialog.on_save()
    role = env.services.roles.get_role(env.admin, "key_account")
    assert role.sales and not role.rights
    assert tab.current.code == "key_account" and tab.sales.isChecked()


def test_new_role_with_a_bad_code_is_refused(tab: RolesTab, env: Env, heard: list) -> None:
    dialog = tab.on_new()
    dialog.code.setText("bad code!")
    dialog.name.setText("Bad")
    dialog.on_save()
    texts = close_errors(dialog)
    assert texts and "letters, digits and _" in texts[0]
    assert dialog.isVisible() and heard == []


def test_the_administrator_role_keeps_its_admin_rights(tab: RolesTab, env: Env) -> None:
    choose(tab, "admin")
    tab.matrix.boxes[("admin", "edit")].setChecked(False)
    tab.save_button.click()
    texts = close_errors(tab)
    assert texts and "administrator" in texts[0].lower()
    assert ("admin", "edit") in env.services.roles.get_role(env.admin, "admin").rights


def test_revert_drops_unsaved_ticks(tab: RolesTab) -> None:
    choose(tab, "finance")
    before = tab.matrix.rights()
    tab.matrix.boxes[("audit", "view")].setChecked(True)
    tab.sales.setChecked(True)
    tab.revert_button.click()
    assert tab.matrix.rights() == before and not tab.sales.isChecked()


def test_delete_an_unused_role(tab: RolesTab, env: Env, heard: list) -> None:
    env.services.roles.create_role(env.admin, "temp", "Temp")
    tab.reload("temp")
    assert tab.current.code == "temp"
    tab.delete_button.click()
    assert "temp" not in [r.code for r in env.services.roles.list_roles(env.admin)]
    assert "temp" not in [tab.role_list.item(n).data(Qt.ItemDataRole.UserRole)
                          for n in range(tab.role_list.count())]
    assert [(c.entity, c.action) for c in heard] == [("role", "delete")]


def test_member_counts_follow_user_changes_made_elsewhere(tab: RolesTab, env: Env,
                                                          hub: ChangeHub) -> None:
    choose(tab, "auditor")
    assert tab.members.text() == "0"
    hub.broadcast(env.services.users.add_user(env.admin, "sun", "sun-password-1", "Sun",
                                              ["auditor"]))
    assert tab.current.code == "auditor" and tab.members.text() == "1"


def test_a_reload_keeps_unsaved_edits(tab: RolesTab, env: Env, hub: ChangeHub) -> None:
    choose(tab, "finance")
    tab.matrix.boxes[("audit", "view")].setChecked(True)
    hub.broadcast(env.services.users.add_user(env.admin, "sun", "sun-password-1", "Sun",
                                              ["finance"]))
    assert tab.matrix.boxes[("audit", "view")].isChecked() and tab.members.text() == "1"
    tab.save_button.click()
    assert ("audit", "view") in env.services.roles.get_role(env.admin, "finance").rights


def test_the_second_of_two_administrators_saving_a_role_is_told(qtbot, tab: RolesTab,
                                                                 env: Env,
                                                                 sync_runner) -> None:
    other = RolesTab(env.context(sync_runner))  # another desktop: its own hub
    qtbot.addWidget(other)
    choose(tab, "finance")
    choose(other, "finance")
    tab.sales.setChecked(True)
    tab.save_button.click()
    other.matrix.boxes[("audit", "view")].setChecked(True)
    other.save_button.click()
    texts = close_errors(other)
    assert texts and "changed this record in the meantime" in texts[0]
    saved = env.services.roles.get_role(env.admin, "finance")
    assert saved.sales and ("audit", "view") not in saved.rights
    assert other.sales.isChecked() and not other.matrix.boxes[("audit", "view")].isChecked()


def test_an_auditor_sees_the_matrix_but_cannot_change_it(qtbot, env: Env,
                                                         sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = RolesTab(env.context(sync_runner, auditor))
    qtbot.addWidget(tab)
    assert tab.current is not None and tab.matrix.rights()
    assert not any(box.isEnabled() for box in tab.matrix.boxes.values())
    assert not any(c.isEnabled() for c in tab.matrix.scope_combos.values())
    assert tab.name.isReadOnly() and not tab.sales.isEnabled()
    assert not any(b.isEnabled() for b in (tab.save_button, tab.new_button,
                                           tab.copy_button, tab.delete_button))
    assert tab.on_new() is None and tab.on_copy() is None
