"""Editors for a record's fields, each with its error message right beneath it.

A ``FieldSet`` builds the editors, reads and writes their values in one format, knows
which fields the user changed since the last load, and shows per-field validation errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.logic.errors import FieldError
from app.ui.messages import Messages

ERROR_STYLE = "color: #c62828; font-size: 90%;"


class FieldSet(QObject):
    """Owns no layout of its own: the form places ``row(name)`` and ``label(name)``."""

    def __init__(self, messages: Messages, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages = messages
        self._editors: dict[str, QWidget] = {}
        self._rows: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._money: set[str] = set()
        self._snapshot: dict[str, Any] = {}

    # --- building -------------------------------------------------------------------------
    def add_text(self, name: str, max_length: int = 0, placeholder: str = "",
                 money: bool = False) -> QLineEdit:
        editor = QLineEdit()
        if max_length:
            editor.setMaxLength(max_length)
        editor.setPlaceholderText(placeholder)
        if money:
            self._money.add(name)
        return self._add(name, editor)

    def add_choice(self, name: str, values: Iterable[str], allow_empty: bool = False
                   ) -> QComboBox:
        items = [("", "")] if allow_empty else []
        items += [(self._messages.choice(value), value) for value in values]
        return self.add_items(name, items)

    def add_items(self, name: str, items: Iterable[tuple[str, Any]]) -> QComboBox:
        editor = QComboBox()
        for text, data in items:
            editor.addItem(text, data)
        return self._add(name, editor)

    def add_check(self, name: str, text: str) -> QCheckBox:
        return self._add(name, QCheckBox(text))

    def add_number(self, name: str, low: int, high: int, suffix: str = "") -> QSpinBox:
        editor = QSpinBox()
        editor.setRange(low, high)
        editor.setSuffix(suffix)
        return self._add(name, editor)

    def add_notes(self, name: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        return self._add(name, editor)

    def _add(self, name: str, editor: Any) -> Any:
        editor.setObjectName(name)
        error = QLabel()
        error.setObjectName(f"{name}Error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        self._editors[name], self._errors[name], self._rows[name] = editor, error, row
        return editor

    # --- access ---------------------------------------------------------------------------
    def editor(self, name: str) -> Any:
        return self._editors[name]

    def row(self, name: str) -> QWidget:
        return self._rows[name]

    def caption(self, name: str) -> str:
        return self._messages.field_label(name)

    def label(self, name: str, text: str | None = None) -> QLabel:
        label = QLabel(text or self.caption(name))
        label.setBuddy(self._editors[name])
        return label

    def names(self) -> list[str]:
        return list(self._editors)

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    # --- values ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self._editors}

    def value(self, name: str) -> Any:
        editor = self._editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        return editor.toPlainText()

    def set_values(self, values: Mapping[str, Any], snapshot: bool = True) -> None:
        """Show ``values``; with ``snapshot`` they become the unchanged state."""
        for name, value in values.items():
            if name in self._editors:
                self.set_value(name, value)
        if snapshot:
            self._snapshot = self.values()

    def set_value(self, name: str, value: Any) -> None:
        editor = self._editors[name]
        if isinstance(editor, QLineEdit):
            editor.setText(self.as_text(name, value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        else:
            editor.setPlainText(str(value or ""))

    def as_text(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        if name in self._money:
            try:
                return f"{Decimal(str(value)):.2f}"
            except InvalidOperation:
                return str(value)
        return str(value)

    def display(self, name: str, value: Any) -> str:
        """How ``value`` (stored or edited) reads to the user, for comparisons."""
        editor = self._editors.get(name)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            return editor.itemText(found) if found >= 0 else str(value or "")
        if isinstance(editor, QCheckBox):
            return self.tr("Yes") if value else self.tr("No")
        return self.as_text(name, value)

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.values().items()
                if value != self._snapshot.get(name)}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def mark_clean(self) -> None:
        self._snapshot = self.values()

    # --- errors ---------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, FieldError]) -> dict[str, FieldError]:
        """Show each error beneath its field; return those for fields not in this set."""
        self.clear_errors()
        for name, problem in errors.items():
            if name in self._errors:
                self._errors[name].setText(self._messages.field_error(problem))
                self._errors[name].show()
        return {name: problem for name, problem in errors.items() if name not in self._errors}

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def first_error(self) -> str | None:
        return next((name for name, label in self._errors.items() if not label.isHidden()),
                    None)
