"""The Chinese translation of the administration and audit screens is complete and loads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.ui.admin.page import AdminPage
from app.ui.audit.page import AuditLogPage

from .kit import Env

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "kehu_admin_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted(str(p) for folder in ("admin", "audit")
                 for p in (ROOT / "app" / "ui" / folder).glob("*.py"))


def unfinished(path: Path) -> list[str]:
    return [m.findtext("source") or "" for m in ET.parse(path).iter("message")
            if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
            or not (m.findtext("translation") or "").strip()]


def test_the_ts_file_has_no_unfinished_entries() -> None:
    assert ET.parse(TS).getroot().get("language") == "zh_CN"
    assert len(list(ET.parse(TS).iter("message"))) > 200
    assert unfinished(TS) == []


def test_every_string_in_the_code_is_in_the_ts_file(tmp_path: Path) -> None:
    """lupdate over today's code finds nothing new (a new self.tr() needs a translation)."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run([lupdate, *SOURCES, "-ts", str(copy)], check=True, capture_output=True)
    assert unfinished(copy) == []


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM))
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
    assert audit.verify_button.text() == "校验哈希链(&V)"
    assert audit.model.display(audit.model.row_at(0), "action") == "登录"
