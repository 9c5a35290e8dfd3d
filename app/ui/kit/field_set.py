"""Editors for a record's fields, built from the field declarations, each with its error
message right beneath it.

A ``FieldSet`` makes the editor a field's kind calls for (a line, a list of choices, a
number, a check box, notes), labels it in the UI language, reads and writes values in one
format (references by id), knows which fields the user changed since the last load, shows
per-field validation errors, and locks every editor for a reader who may not change them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
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

from app.logic.kit.entity import Entity
from app.logic.kit.errors import FieldError
from app.logic.kit.fields import Field, Ref
from app.ui.kit.language import ui_language
from app.ui.kit.messages import Messages

ERROR_STYLE = "color: #c62828; font-size: 90%;"
LINE_KINDS = frozenset({"text", "code", "phone", "email", "postal_code", "website", "tax_id",
                        "money", "date", "datetime"})


class FieldSet(QObject):
    """Owns no layout of its own: the form places ``row(name)`` and ``label(name)``."""

    sig_dirty_changed = Signal(bool)
    sig_edited = Signal()  # any value shown changed (typed, or set by the form)

    def __init__(self, entity: Entity, messages: Messages, parent: QObject | None = None,
                 overrides: Mapping[str, Field] | None = None) -> None:
        """``overrides``: declarations used instead of the entity's for some fields (a
        workflow move's dialog makes a read-only field editable and a required one
        starred)."""
        super().__init__(parent)
        self.entity = entity
        self._overrides = dict(overrides or {})
        self._messages = messages
        self._language = ui_language()
        self._editors: dict[str, QWidget] = {}
        self._rows: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._placeholders: dict[str, str] = {}
        self._snapshot: dict[str, Any] = {}
        self._read_only = False
        self._dirty = False

    # --- building -------------------------------------------------------------------------
    def build(self, names: Iterable[str]) -> None:
        for name in names:
            if name not in self._editors:
                self.add(self.field(name))

    def add(self, f: Field) -> QWidget:
        editor = self._editor_for(f)
        editor.setObjectName(f.name)
        error = QLabel()
        error.setObjectName(f"{f.name}Error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        self._editors[f.name], self._errors[f.name], self._rows[f.name] = editor, error, row
        self._watch(editor)
        return editor

    def field(self, name: str) -> Field:
        """The declaration this set works with: the override, else the entity's."""
        return self._overrides.get(name) or self.entity.field(name)

    def _editor_for(self, f: Field) -> QWidget:
        if f.kind in ("notes", "lines"):
            notes = QPlainTextEdit()
            notes.setTabChangesFocus(True)
            if f.kind == "lines":  # a few lines among the other fields (an address)
                margins = notes.contentsMargins()
                notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 3 + 2 * round(
                    notes.document().documentMargin()) + margins.top() + margins.bottom())
            return notes
        if f.kind == "choice":
            combo = QComboBox()
            if not f.required:
                combo.addItem("", "")
            for choice in f.choices:
                combo.addItem(choice.label.text(self._language), choice.value)
            return combo
        if f.kind == "reference":
            return QComboBox()
        if f.kind == "boolean":
            return QCheckBox(f.caption(self._language))
        if f.kind == "integer":
            spin = QSpinBox()
            spin.setRange(f.low, f.high)
            if _may_be_blank(f):  # one below the range stands for no number, shown blank
                spin.setRange(f.low - 1, f.high)
                spin.setSpecialValueText(" ")
                spin.setValue(spin.minimum())
            return spin
        line = QLineEdit()
        if f.length:
            line.setMaxLength(f.length)
        if f.kind == "money":
            line.setMaxLength(20)
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            line.setPlaceholderText("0.00")
        if f.kind == "date":
            line.setMaxLength(10)
        if f.kind == "datetime":
            line.setMaxLength(16)
        hint = f.placeholder.text(self._language) if f.placeholder is not None else \
            self._time_hint(f.kind) if f.editable else ""
        if hint:
            self._placeholders[f.name] = hint
            line.setPlaceholderText(hint)
        if f.kind in ("date", "datetime"):  # 2026-5-31 9:00 reads as 2026-05-31 09:00
            line.editingFinished.connect(self.on_time_typed)
        if not f.editable:
            line.setReadOnly(True)
        return line

    def _time_hint(self, kind: str) -> str:
        """How a date or a time is typed, in the user's language."""
        if kind == "datetime":
            return self.tr("YYYY-MM-DD HH:MM")
        if kind == "date":
            return self.tr("YYYY-MM-DD")
        return ""

    def on_time_typed(self) -> None:
        """A date or time typed loosely (one digit, slashes, a T) shown as it is stored."""
        line = self.sender()
        if not isinstance(line, QLineEdit) or line.isReadOnly():
            return
        tidy = tidy_time(line.text(), self.field(line.objectName()).kind)
        if tidy is not None and tidy != line.text():
            line.setText(tidy)

    def _watch(self, editor: QWidget) -> None:
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            editor.textChanged.connect(self.on_edited)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(self.on_edited)
        elif isinstance(editor, QCheckBox):
            editor.toggled.connect(self.on_edited)
        elif isinstance(editor, QSpinBox):
            editor.valueChanged.connect(self.on_edited)

    def on_edited(self, *_args: Any) -> None:
        dirty = self.is_dirty()
        if dirty != self._dirty:
            self._dirty = dirty
            self.sig_dirty_changed.emit(dirty)
        self.sig_edited.emit()

    def set_choices(self, name: str, items: Iterable[tuple[str, Any]]) -> None:
        """The choices of a reference field, as (label, id); the current value is kept."""
        combo = self._editors[name]
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for label, data in items:
            combo.addItem(label, data)
        found = combo.findData(current)
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    def add_choice(self, name: str, label: str, data: Any) -> None:
        """One more choice of a reference field (the record's owner, no longer offered)."""
        combo = self._editors[name]
        assert isinstance(combo, QComboBox)
        if combo.findData(data) < 0:
            combo.addItem(label, data)

    # --- access ---------------------------------------------------------------------------
    def editor(self, name: str) -> Any:
        return self._editors[name]

    def row(self, name: str) -> QWidget:
        return self._rows[name]

    def caption(self, name: str) -> str:
        return self.field(name).caption(self._language)

    def label(self, name: str) -> QLabel:
        """The field's label, its editor's buddy."""
        label = self._labels.get(name)
        if label is None:
            label = self._labels[name] = QLabel(self.label_text(name))
            label.setBuddy(self._editors[name])
        return label

    def label_text(self, name: str) -> str:
        """"Name*:", "名称*：" (full-width in Chinese): required fields are starred where
        they can be filled in. A tick box carries its caption itself."""
        f = self.field(name)
        if f.kind == "boolean":
            return ""
        text = self.caption(name)
        if f.required and f.editable and not self._read_only:
            text += "*"
        return text + ("：" if self._language.startswith("zh") else ":")

    def names(self) -> list[str]:
        return list(self._editors)

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""

    # --- values ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name, e in self._editors.items()
                if self.field(name).editable}

    def value(self, name: str) -> Any:
        editor = self._editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            blank = editor.specialValueText() and editor.value() == editor.minimum()
            return None if blank else editor.value()
        assert isinstance(editor, QPlainTextEdit)
        return editor.toPlainText()

    def set_values(self, values: Mapping[str, Any], snapshot: bool = True) -> None:
        """Show ``values``; with ``snapshot`` they become the unchanged state."""
        for name, value in values.items():
            if name in self._editors:
                self.set_value(name, value)
        if snapshot:
            self.mark_clean()
        else:
            self.on_edited()

    def set_value(self, name: str, value: Any) -> None:
        editor = self._editors[name]
        if isinstance(value, Ref):
            if isinstance(editor, QComboBox):
                self.add_choice(name, value.label or value.key, value.id)
            value = value.id
        if isinstance(editor, QLineEdit):
            editor.setText(self.as_text(name, value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            blank = value is None or value == ""
            editor.setValue(editor.minimum() if blank and editor.specialValueText()
                            else int(value or 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))

    def as_text(self, name: str, value: Any) -> str:
        if value is None:
            return ""
        kind = self.field(name).kind
        if kind == "money":
            try:
                return f"{Decimal(str(value)):.2f}"
            except InvalidOperation:
                return str(value)
        if kind in ("date", "datetime") and hasattr(value, "isoformat"):
            return str(self.field(name).display(value, self._language))
        return str(value)

    def display(self, name: str, value: Any) -> str:
        """How ``value`` (stored or edited) reads to the user, for comparisons."""
        editor = self._editors.get(name)
        if isinstance(value, Ref):
            return value.label or value.key
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            return editor.itemText(found) if found >= 0 else str(value or "")
        if isinstance(editor, QCheckBox):
            return self.tr("Yes") if value else self.tr("No")
        return self.as_text(name, value)

    def changes(self) -> dict[str, Any]:
        if self._read_only:
            return {}
        return {name: value for name, value in self.values().items()
                if value != self._snapshot.get(name)}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def mark_clean(self) -> None:
        self._snapshot = self.values()
        self.on_edited()

    # --- read-only ------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        """Lock every editor (a reader may select and copy text, not change it)."""
        self._read_only = read_only
        for name, editor in self._editors.items():
            locked = read_only or not self.field(name).editable
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(locked)
                editor.style().unpolish(editor)  # the form's style sheet reads readOnly
                editor.style().polish(editor)
            else:
                editor.setEnabled(not locked)
            if isinstance(editor, QLineEdit) and name in self._placeholders:
                # "Generated when saved" and the like are hints for filling in, not values.
                editor.setPlaceholderText("" if read_only else self._placeholders[name])
        for name, label in self._labels.items():
            label.setText(self.label_text(name))
        self.on_edited()

    @property
    def read_only(self) -> bool:
        return self._read_only

    # --- errors ---------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, FieldError]) -> dict[str, FieldError]:
        """Show each error beneath its field; return those for fields not in this set."""
        self.clear_errors()
        for name, problem in errors.items():
            if name in self._errors:
                self._errors[name].setText(self.error_words(name, problem))
                self._errors[name].show()
        return {name: problem for name, problem in errors.items() if name not in self._errors}

    def error_words(self, name: str, problem: FieldError) -> str:
        """The message for ``problem`` beneath field ``name``: a time's own example."""
        if problem.code == "invalid_date" and self.field(name).kind == "datetime":
            return self.tr("Enter a date and time like %1.").replace("%1", "2026-05-31 14:00")
        return self._messages.field_error(problem)

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def first_error(self) -> str | None:
        return next((name for name, label in self._errors.items() if not label.isHidden()),
                    None)


def _may_be_blank(f: Field) -> bool:
    """An integer that may stay empty: neither required nor given a default (a
    satisfaction score)."""
    return not f.required and f.default is None


_TIME = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?\s*$")


def tidy_time(text: str, kind: str) -> str | None:
    """``text`` as a date (2026-05-31) or a time (2026-05-31 09:00) reads when stored, or
    None when it is no such thing (the service then says what is wrong)."""
    found = _TIME.match(unicodedata.normalize("NFKC", text))  # full-width as typed by an IME
    if found is None:
        return None
    year, month, day, hour, minute = found.groups()
    try:
        if kind == "datetime":
            if hour is None:
                return None
            when = datetime(int(year), int(month), int(day), int(hour), int(minute))
            return when.strftime("%Y-%m-%d %H:%M")
        if hour is not None:
            return None
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
