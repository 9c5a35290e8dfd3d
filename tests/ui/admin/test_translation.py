"""The administration and audit screens speak Chinese: their own words from the catalogue
kehu_zh_CN, and role names, field names and values from the declarations in the UI language.

Completeness of that catalogue (every string in app/ui translated, placeholders kept) is
checked once for all screens in tests/ui/test_i18n.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.logic.audit import AuditFilter
from app.logic.kit.errors import AuthenticationFailed
from app.ui.admin.page import AdminPage
from app.ui.audit.page import AuditLogPage
from app.ui.kit.language import ui_language
from app.ui.shell.i18n import Translation

from .kit import Env, add_signed_in


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translation = Translation()
    assert translation.install("zh_CN")
    assert ui_language() == "zh_CN"
    yield
    translation.install("en")


def test_the_admin_page_speaks_chinese(qtbot, env: Env, sync_runner, chinese: None) -> None:
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):  # five times: locked
            env.services.auth.login("wu", "wrong password")
    admin = AdminPage(env.context(sync_runner))
    qtbot.addWidget(admin)
    assert [admin.tabs.tabText(n) for n in range(admin.tabs.count())] == [
        "用户(&U)", "角色(&R)", "部门(&D)", "安全(&S)"]
    users = admin.users.model
    assert [users.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "用户名", "姓名", "角色"]
    assert users.index(0, 4).data() == "在用"
    wu = users.row_of(env.user("wu").id)
    assert users.index(wu, 2).data() == "销售员"
    assert users.index(wu, 4).data().startswith("在用，锁定至 ")
    roles = admin.roles
    names = [roles.role_list.item(n).text() for n in range(roles.role_list.count())]
    assert "销售员 · 销售角色" in names and "审计员" in names
    security = admin.security
    asked: list[str] = []
    security.confirm = lambda _parent, _title, text: asked.append(text) or False
    security.spins["lockout_minutes"].setValue(30)
    security.save_button.click()
    assert "锁定时长（分钟）：15 → 30" in asked[0]


def test_the_audit_log_speaks_chinese(qtbot, env: Env, sync_runner, chinese: None,
                                      tmp_path) -> None:
    made = env.services.customers.create_customer(env.admin, {"name": "北京某某科技有限公司"}
                                                  ).saved
    env.services.customers.update(env.admin, made.id, made.version, {"status": "active"})
    add_signed_in(env.services, env.admin, "lina", ["salesperson"])
    lina = env.user("lina")
    env.services.users.update_user(env.admin, lina.id, lina.version,
                                   roles=["salesperson", "service"])
    with pytest.raises(AuthenticationFailed):
        env.services.auth.login("lina", "wrong password")
    role = env.services.roles.get_role(env.admin, "salesperson")
    env.services.roles.update_role(env.admin, "salesperson", role.version, sales=False)
    audit = AuditLogPage(env.context(sync_runner))
    qtbot.addWidget(audit)
    assert audit.verify_button.text() == "校验日志链(&V)"
    model = audit.model
    login = next(n for n in range(model.rowCount()) if model.row_at(n).action == "login")
    assert model.display(model.row_at(login), "action") == "登录"
    update = next(n for n in range(model.rowCount())
                  if (model.row_at(n).entity_type, model.row_at(n).action)
                  == ("customer", "update"))
    assert model.index(update, 4).data() == "客户"
    assert model.index(update, 5).data() == f"{made.code} 北京某某科技有限公司"
    assert model.index(update, 6).data() == "状态：意向客户 → 活跃客户"
    created_user = next(n for n in range(model.rowCount())
                        if (model.row_at(n).entity_type, model.row_at(n).action)
                        == ("user", "create"))
    audit.table.selectRow(created_user)
    assert ("角色", "", "销售员") in audit.detail.values()
    assert ("姓名", "", "Lina") in audit.detail.values()
    texts = {(model.row_at(n).action, model.row_at(n).entity_type):
             (model.index(n, 5).data(), model.index(n, 6).data())
             for n in reversed(range(model.rowCount()))}  # the newest of each kind
    assert texts[("update", "user")][1] == "角色：销售员 → 销售员、客服"
    assert texts[("login_failed", "user")][1] == "原因：密码错误"
    assert texts[("update", "role")] == ("salesperson 销售员", "销售角色（可负责客户）：是 → 否")
    audit.filter_bar.text.setText(made.code)
    audit.filter_bar.on_changed()
    audit.ask_export_path = lambda: str(tmp_path / "审计.xlsx")
    audit.on_export()
    rows = list(load_workbook(tmp_path / "审计.xlsx", read_only=True).worksheets[0]
                .iter_rows(values_only=True))
    assert rows[0] == ("序号", "时间", "用户", "操作", "记录类型", "记录", "字段", "修改前",
                       "修改后")
    assert ("修改", "客户", "状态", "意向客户", "活跃客户") in [
        (r[3], r[4], r[6], r[7], r[8]) for r in rows[1:]]
    assert env.services.audit.count_audit_entries(env.admin, AuditFilter(action="export")) == 1
