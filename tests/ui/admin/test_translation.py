"""The administration and audit screens speak Chinese from the one catalogue, kehu_zh_CN.

Completeness of that catalogue (every string in app/ui translated, placeholders kept) is
checked once for all screens in tests/ui/test_i18n.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.ui.admin.page import AdminPage
from app.ui.audit.page import AuditLogPage
from app.ui.shell.i18n import translation_file

from .kit import Env


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(translation_file("zh_CN")))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_pages_speak_chinese(qtbot, env: Env, sync_runner, chinese: None) -> None:
    admin = AdminPage(env.services, env.admin, sync_runner)
    qtbot.addWidget(admin)
    assert [admin.tabs.tabText(n) for n in range(admin.tabs.count())] == [
        "用户(&U)", "角色(&R)", "部门(&D)", "安全(&S)"]
    assert admin.users.model.headerData(0, Qt.Orientation.Horizontal) == "用户名"
    assert admin.users.model.index(0, 4).data() == "在用"
    audit = AuditLogPage(env.services, env.admin, sync_runner)
    qtbot.addWidget(audit)
    assert audit.verify_button.text() == "校验日志链(&V)"
    assert audit.model.display(audit.model.row_at(0), "action") == "登录"
