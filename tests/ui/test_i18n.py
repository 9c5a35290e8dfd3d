"""The Chinese translation is complete, compiled, chosen by locale and switchable."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator

from app.ui.shell.i18n import LANGUAGE_KEY, Translation, chosen_language, resources_dir, translation_file
from app.ui.shell.session import Session

TS = resources_dir() / "i18n" / "kehu_zh_CN.ts"
UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


def test_every_string_is_translated():
    found = messages(TS)
    assert len(found) > 300
    for message in found:
        translation = message.find("translation")
        source = message.find("source").text
        assert translation.get("type") not in ("unfinished",), source
        if translation.get("type") not in ("vanished", "obsolete"):
            assert (translation.text or "").strip(), source


def test_placeholders_survive_translation():
    for message in messages(TS):
        source, text = message.find("source").text, message.find("translation").text or ""
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", text)), source


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
                    is None, reason="pyside6-lupdate is not installed")
def test_the_catalogue_covers_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    tool = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([tool, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    ours = {m.find("source").text for m in messages(TS)
            if m.find("translation").get("type") is None}
    new = {m.find("source").text for m in messages(fresh)} - ours
    assert not new, f"run pyside6-lupdate and translate: {sorted(new)[:10]}"


def test_the_compiled_catalogue_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(translation_file("zh_CN")))
    assert translator.translate("Messages", "Prospect") == "潜在客户"
    assert translator.translate("Messages", "Premium") == "优质"
    assert translator.translate("MainWindow", "&New customer") == "新建客户(&N)"


def test_the_language_follows_the_saved_choice_then_the_system_locale(qapp):
    settings = QSettings()
    assert chosen_language(settings, QLocale("zh_CN")) == "zh_CN"
    assert chosen_language(settings, QLocale("en_US")) == "en"
    settings.setValue(LANGUAGE_KEY, "en")
    assert chosen_language(settings, QLocale("zh_CN")) == "en"
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    assert chosen_language(settings, QLocale("en_GB")) == "zh_CN"


@pytest.fixture
def translation(qapp):
    translation = Translation()
    yield translation
    translation.install("en")


def test_installing_chinese_translates_the_messages(translation):
    assert translation.install("zh_CN")
    assert QCoreApplication.translate("Messages", "Active") == "活跃"
    assert translation.install("en")
    assert QCoreApplication.translate("Messages", "Active") == "Active"


def test_switching_language_in_the_settings_dialog_rebuilds_the_window(
        qtbot, services, actor, runner, translation):
    session = Session(services, actor, runner, translation)
    english = session.show_main_window()
    qtbot.addWidget(english)
    assert english.navigation.item(0).text() == "Customers"
    dialog = english.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    chinese = session.window
    qtbot.addWidget(chinese)
    assert chinese is not english
    assert QSettings().value(LANGUAGE_KEY) == "zh_CN"
    assert chinese.windowTitle() == "客户信息管理系统"
    assert chinese.navigation.item(0).text() == "客户"
    assert chinese.customers.status_filter.itemText(1) == "潜在客户"
    assert chinese.customers.model.headerData(1, Qt.Orientation.Horizontal) == "名称"
