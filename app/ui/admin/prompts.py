"""Yes/no questions, injectable so tests (and scripts) can answer them without a modal loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Confirm = Callable[[QWidget, str, str], bool]


def question(parent: QWidget, title: str, text: str) -> QMessageBox:
    """The question, not yet shown; No is the default button so Enter does not confirm by
    accident."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Ask and wait for the answer."""
    return question(parent, title, text).exec() == QMessageBox.StandardButton.Yes
