"""The Chinese translation is complete, compiled, chosen by locale and switchable; the
Chinese wording follows the house rules (full-width punctuation, names told apart)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QLabel

from app.logic.customers import STATUSES, TIERS
from app.ui.contacts import ContactDialog
from app.ui.kit.language import ui_language
from app.ui.shell.i18n import (
    LANGUAGE_KEY,
    Translation,
    chosen_language,
    resources_dir,
    translation_file,
)
from app.ui.shell.login_dialog import LoginDialog
from app.ui.shell.session import Session

TS = resources_dir() / "i18n" / "kehu_zh_CN.ts"
UI = Path(__file__).resolve().parents[3] / "app" / "ui"
OURS = ("kit", "shell", "customers", "contacts")  # the packages these tests look after


def messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


def catalogue() -> dict[tuple[str, str], str]:
    """(context, source) -> the finished Chinese translation ("" when unfinished)."""
    found = {}
    for context in ET.parse(TS).iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found[(name, message.find("source").text)] = (translation.text or "") if done \
                else ""
    return found


def tr_calls() -> list[tuple[str, str, str]]:
    """(class, source, where) of every ``self.tr("...")`` in our packages. The class is the
    context pyside6-lupdate files the string under (and tr() looks up first)."""
    found = []
    for package in OURS:
        for path in sorted((UI / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
                for node in ast.walk(cls):
                    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr == "tr" and isinstance(node.func.value, ast.Name)
                            and node.func.value.id == "self"):
                        assert isinstance(node.args[0], ast.Constant), \
                            f"{path}:{node.lineno}: tr() of a computed text"
                        found.append((cls.name, node.args[0].value, f"{path}:{node.lineno}"))
    return found


def other_tr_calls() -> list[str]:
    """tr() called on something else than self, or outside a class: lupdate cannot tell
    its context."""
    found = []
    for package in OURS:
        for path in sorted((UI / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            inside = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
                      for n in ast.walk(c)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "tr":
                    receiver = node.func.value
                    if not (isinstance(receiver, ast.Name) and receiver.id == "self") \
                            or id(node) not in inside:
                        found.append(f"{path}:{node.lineno}")
    return found


def test_every_string_is_translated():
    found = messages(TS)
    assert len(found) > 300
    for message in found:
        translation = message.find("translation")
        source = message.find("source").text
        assert translation.get("type") not in ("unfinished",), source
        if translation.get("type") not in ("vanished", "obsolete"):
            assert (translation.text or "").strip(), source


def test_every_tr_of_our_screens_has_chinese_in_its_context():
    calls = tr_calls()
    assert len(calls) > 150
    known = catalogue()
    missing = [f"{where}: {cls} {source!r}" for cls, source, where in calls
               if not known.get((cls, source), "").strip()]
    assert missing == []


def test_our_screens_call_tr_only_on_themselves():
    assert other_tr_calls() == []


FULL_WIDTH = re.compile(r"[:;,?!]|\.\.\.|\((?![&*])")  # (&S) and (*.xlsx) may stay


def test_our_chinese_uses_full_width_punctuation():
    ours = {cls for cls, _, _ in tr_calls()}
    # A time's format (年-月-日 时:分) shows the ASCII colon the user types.
    wrong = [(context, text) for (context, _), text in catalogue().items()
             if context in ours and FULL_WIDTH.search(re.sub(r"Ctrl\+\S|Enter|PySide6|"
                                                             r"Python|Excel|时:分", "", text))]
    assert wrong == []


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
    assert not new, f"translate in resources/i18n/kehu_zh_CN.ts: {sorted(new)[:10]}"


def test_the_compiled_catalogue_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(translation_file("zh_CN")))
    assert translator.translate("Language", "en") == "zh_CN"
    assert translator.translate("RecordForm", "&History...") == "历史记录(&H)…"
    assert translator.translate("SignInWords", "Wrong user name or password.") == \
        "用户名或密码错误。"


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


def test_installing_chinese_switches_what_the_screens_read(translation):
    assert translation.install("zh_CN")
    assert ui_language() == "zh_CN"
    assert QCoreApplication.translate("RecordForm", "&Discard") == "放弃(&D)"
    assert translation.install("en")
    assert ui_language() == "en"
    assert QCoreApplication.translate("RecordForm", "&Discard") == "&Discard"


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
    customers = chinese.page("customers")
    assert customers.filter_combos["status"].itemText(0) == "全部状态"
    assert customers.filter_combos["status"].itemText(1) == "意向客户"
    name = customers.model.column_of("name")
    assert customers.model.headerData(name, Qt.Orientation.Horizontal) == "名称"


# --- the Chinese wording ------------------------------------------------------------------
def test_a_persons_name_is_xingming(qtbot, context, services, actor, translation):
    translation.install("zh_CN")
    customer = services.customers.create_customer(actor, {"name": "某公司"}).saved
    dialog = ContactDialog(context, customer.id)
    qtbot.addWidget(dialog)
    assert dialog.fields.label("name").text() == "姓名*："
    form_labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "名称*：" not in form_labels


def test_sign_in_labels_end_with_a_full_width_colon(qtbot, services, runner, translation):
    translation.install("zh_CN")
    dialog = LoginDialog(services, runner)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"用户名(&U)：", "密码(&P)："} <= labels


def test_tier_and_status_are_named_apart():
    statuses = {zh for _, _, zh in STATUSES}
    tiers = {zh for _, _, zh in TIERS}
    assert "意向客户" in statuses and "潜在" in tiers  # the word (8/10)
    assert not statuses & tiers
    # no tier is a status's word with 客户 dropped (潜在 beside 潜在客户)
    assert not {t for t in tiers if any(s.startswith(t) for s in statuses)}
