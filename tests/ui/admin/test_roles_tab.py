"""The Roles tab: the permission matrix, record scopes, new and copied roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.logic.permissions import ACTIONS, MODULES
from app.ui.admin.roles_tab import RolesTab

from .kit import Env, add_signed_in, close_errors


@pytest.fixture
def tab(qtbot, env: Env, sync_runner) -> RolesTab:
    widget = RolesTab(env.services, env.admin, sync_runner)
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    return widget


def choose(tab: RolesTab, code: str) -> None:
    for n in range(tab.role_list.count()):
        if tab.role_list.item(n).data(Qt.ItemDataRole.UserRole) == code:
            tab.role_list.setCurrentRow(n)
            return
    raise AssertionError(f"no role {code}")


def test_the_matrix_shows_a_roles_rights(tab: RolesTab, env: Env) -> None:
    choose(tab, "salesperson")
    role = env.services.roles.get_role(env.admin, "salesperson")
    assert len(tab.matrix.boxes) == len(MODULES) * len(ACTIONS)
    assert tab.matrix.rights() == set(role.rights)
    assert tab.matrix.scopes()["customers"] == "own"
    assert tab.name.text() == "Salesperson"


def test_ticking_a_box_saves_the_right(qtbot, tab: RolesTab, env: Env) -> None:
    choose(tab, "salesperson")
    box = tab.matrix.boxes[("reports", "view")]
    assert not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    tab.save_button.click()
    saved = env.services.roles.get_role(env.admin, "salesperson")
    assert ("reports", "view") in saved.rights
    assert tab.current.version == saved.version
    assert tab.matrix.boxes[("reports", "view")].isChecked()


def test_scope_combo_saves_the_record_scope(tab: RolesTab, env: Env) -> None:
    choose(tab, "salesperson")
    combo = tab.matrix.scope_combos["customers"]
    combo.setCurrentIndex(combo.findData("team"))
    tab.save_button.click()
    saved = env.services.roles.get_role(env.admin, "salesperson")
    assert dict(saved.scopes)["customers"] == "team"
    assert tab.matrix.scopes()["customers"] == "team"


def test_copy_a_role(tab: RolesTab, env: Env) -> None:
    choose(tab, "sales_manager")
    dialog = tab.on_copy()
    assert dialog.code.text() == "sales_manager_copy"
    dialog.name.setText("区域经理")
    dialog.on_save()
    copy = env.services.roles.get_role(env.admin, "sales_manager_copy")
    source = env.services.roles.get_role(env.admin, "sales_manager")
    assert copy.rights == source.rights and copy.scopes == source.scopes
    assert copy.name == "区域经理" and tab.current.code == "sales_manager_copy"


def test_new_role_with_a_bad_code_is_refused(tab: RolesTab, env: Env) -> None:
    dialog = tab.on_new()
    dialog.code.setText("bad code!")
    dialog.name.setText("Bad")
    dialog.on_save()
    texts = close_errors(dialog)
    assert texts and "letters, digits and _" in texts[0]
    assert dialog.isVisible()


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
    tab.revert_button.click()
    assert tab.matrix.rights() == before


def test_delete_an_unused_role(tab: RolesTab, env: Env) -> None:
    env.services.roles.create_role(env.admin, "temp", "Temp")
    tab.reload("temp")
    assert tab.current.code == "temp"
    tab.delete_button.click()
    assert "temp" not in [r.code for r in env.services.roles.list_roles(env.admin)]


def test_an_auditor_sees_the_matrix_but_cannot_change_it(qtbot, env: Env,
                                                         sync_runner) -> None:
    _row, auditor = add_signed_in(env.services, env.admin, "auditor1", ["auditor"])
    tab = RolesTab(env.services, auditor, sync_runner)
    qtbot.addWidget(tab)
    assert tab.current is not None and tab.matrix.rights()
    assert not any(box.isEnabled() for box in tab.matrix.boxes.values())
    assert not any(c.isEnabled() for c in tab.matrix.scope_combos.values())
    assert tab.name.isReadOnly()
    assert not any(b.isEnabled() for b in (tab.save_button, tab.new_button,
                                           tab.copy_button, tab.delete_button))
    assert tab.on_new() is None and tab.on_copy() is None
