"""A list's range filter of a date (or an amount): "from" and "to", either left empty.

Each end is read as the field reads a value when the user finishes typing (Enter, or
leaving the box); an end that is no date is marked and said in its tool tip, and the list
keeps its last good range until it is mended. A range whose start comes after its end is
refused the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.logic.kit.entity import Entity
from app.logic.kit.errors import InvalidQuery

BAD_STYLE = "QLineEdit { border: 1px solid #c62828; }"


class RangeFilter(QWidget):
    sig_changed = Signal()

    def __init__(self, entity: Entity, name: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = entity
        self.name = name
        self.setObjectName(f"{name}Range")
        f = entity.field(name)
        caption = f.caption(language)
        self._range: tuple[Any, Any] = (None, None)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        label = QLabel(caption)
        box.addWidget(label)
        hint = f.placeholder.text(language) if f.placeholder is not None else ""
        self.low = self._end(f"{name}From", self.tr("from"), hint,
                             self.tr("%1 from (included)").replace("%1", caption))
        self.high = self._end(f"{name}To", self.tr("to"), hint,
                              self.tr("%1 up to (included)").replace("%1", caption))
        label.setBuddy(self.low)
        box.addWidget(self.low)
        box.addWidget(QLabel("–"))
        box.addWidget(self.high)

    def _end(self, name: str, word: str, hint: str, tip: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(f"{word} {hint}".strip())
        line.setClearButtonEnabled(True)
        line.setMaxLength(20)
        line.setMinimumWidth(line.fontMetrics().horizontalAdvance(
            line.placeholderText() or "0000-00-00") + 34)  # and the clear button
        line.setMaximumWidth(line.minimumWidth() + 40)
        line.setToolTip(tip)
        line.setAccessibleName(tip)
        line.editingFinished.connect(self.on_edited)
        line.textChanged.connect(self.on_typing)
        return line

    # --- the range --------------------------------------------------------------------------
    def value(self) -> tuple[Any, Any]:
        """The last good (from, to), each None when open."""
        return self._range

    def set_value(self, low: Any, high: Any) -> None:
        for line, value in ((self.low, low), (self.high, high)):
            line.blockSignals(True)
            line.setText("" if value is None else str(value))
            line.blockSignals(False)
        self.on_edited()

    def clear(self) -> None:
        self.set_value(None, None)

    @property
    def problem(self) -> str:
        return self.low.property("problem") or ""

    def on_typing(self, text: str) -> None:
        if not text:  # the clear button: apply at once
            self.on_edited()

    def on_edited(self) -> None:
        texts = (self.low.text().strip(), self.high.text().strip())
        try:
            ends = self.entity.range_value(self.name, *texts)
        except InvalidQuery as error:
            self._mark(self._words(str(error)))
            return
        self._mark("")
        if ends != self._range:
            self._range = ends
            self.sig_changed.emit()

    def _words(self, error: str) -> str:
        if "after it ends" in error:
            return self.tr("The range starts after it ends.")
        if self.entity.field(self.name).kind in ("date", "datetime"):
            return self.tr("Enter a date like 2026-05-31.")
        return self.tr("Enter an amount like 50000.00.")

    def _mark(self, problem: str) -> None:
        for line in (self.low, self.high):
            line.setProperty("problem", problem)
            line.setStyleSheet(BAD_STYLE if problem else "")
            line.setToolTip(problem or line.accessibleName())
