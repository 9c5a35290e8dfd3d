"""A reference field's combo box that searches as the user types: the typed text is matched
anywhere in the choices, and after a short pause ``search`` is called to add more choices
(records found by name, code or pinyin)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter

PAUSE_MS = 250  # typing this long without a key press starts a search


def search_as_typed(combo: QComboBox, placeholder: str, search: Callable[[], None],
                    owner: QObject) -> QTimer:
    """Make ``combo`` editable with ``placeholder``, completing from its choices, and call
    ``search`` once typing pauses; returns the pause's timer (owned by ``owner``)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line, completer = combo.lineEdit(), combo.completer()
    assert line is not None and completer is not None  # an editable combo has both
    line.setPlaceholderText(placeholder)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(PAUSE_MS)
    timer.timeout.connect(search)
    line.textEdited.connect(timer.start)
    return timer
