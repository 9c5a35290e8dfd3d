"""The language of the installed translation, for texts that come from the field
declarations (English and Chinese side by side) rather than from ``tr()``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.logic.kit.fields import Label


def ui_language() -> str:
    """"zh_CN" while the Chinese translation is installed, else "en". The translation file
    translates this marker, so the answer always matches what ``tr()`` shows."""
    return QCoreApplication.translate("Language", "en")


def text(label: Label) -> str:
    return label.text(ui_language())


def in_sentence(label: Label) -> str:
    """A name inside a sentence: English in lower case ("No customers yet"), Chinese as is."""
    words = label.text(ui_language())
    return words if ui_language() != "en" else words[:1].lower() + words[1:]
