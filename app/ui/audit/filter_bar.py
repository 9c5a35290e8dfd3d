"""The audit log's filters: user, record type, action, date range and free text (a
customer's code finds every entry about that customer and its contacts)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.logic.admin import UserRow
from app.logic.audit import AuditFilter, action_label, entity_label
from app.logic.kit.registry import entities
from app.logic.kit.trail import ACTIONS, OTHER_ENTITIES
from app.logic.kit.validation import SEARCH_MAX_CHARS, has_control_chars
from app.ui.kit.language import ui_language

TEXT_DELAY_MS = 300
TEXT_MAX = SEARCH_MAX_CHARS  # the audit log refuses longer searches


def local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def day_of(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class AuditFilterBar(QWidget):
    sig_filters_changed = Signal(object)  # AuditFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditFilterBar")
        language = ui_language()
        kinds = [*entities(), *OTHER_ENTITIES]
        self.user = self._combo("userFilter", self.tr("All users"), [])
        self.entity = self._combo("entityFilter", self.tr("All record types"),
                                  [(entity_label(e, language), e) for e in kinds])
        self.action = self._combo("actionFilter", self.tr("All actions"),
                                  [(action_label(a, language), a) for a in ACTIONS])
        self.use_since, self.since = self._date("since", self.tr("&From"), -30)
        self.use_until, self.until = self._date("until", self.tr("&To"), 0)
        self.text = QLineEdit()
        self.text.setObjectName("textFilter")
        self.text.setClearButtonEnabled(True)
        self.text.setMaxLength(TEXT_MAX)
        self.text.setPlaceholderText(self.tr("A record's code (C000123), a user name or "
                                             "text in the changes"))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TEXT_DELAY_MS)
        self.timer.timeout.connect(self.on_changed)
        self.text.textChanged.connect(self.timer.start)
        self.text.returnPressed.connect(self.on_changed)
        self.clear_button = QPushButton(self.tr("C&lear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.on_clear)
        self._layout()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (text, widget) in enumerate(((self.tr("&User"), self.user),
                                                 (self.tr("&Record type"), self.entity),
                                                 (self.tr("&Action"), self.action))):
            caption = QLabel(text)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        grid.addWidget(self.use_since, 0, 6)
        grid.addWidget(self.since, 0, 7)
        grid.addWidget(self.use_until, 0, 8)
        grid.addWidget(self.until, 0, 9)
        caption = QLabel(self.tr("Te&xt"))
        caption.setBuddy(self.text)
        grid.addWidget(caption, 1, 0)
        grid.addWidget(self.text, 1, 1, 1, 9)
        grid.addWidget(self.clear_button, 1, 10)
        grid.setColumnStretch(11, 1)

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.on_changed)
        return combo

    def _date(self, name: str, text: str, days: int) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text)
        check.setObjectName(f"use_{name}")
        edit = QDateEdit(QDate.currentDate().addDays(days))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(self.on_changed)
        edit.dateChanged.connect(self.on_changed)
        return check, edit

    def set_users(self, users: list[UserRow]) -> None:
        current = self.user.currentData()
        self.user.blockSignals(True)
        while self.user.count() > 1:
            self.user.removeItem(1)
        for user in users:
            self.user.addItem(f"{user.display_name} ({user.username})", user.id)
        self.user.setCurrentIndex(max(self.user.findData(current), 0))
        self.user.blockSignals(False)

    def filters(self) -> AuditFilter:
        since = local_midnight_utc(day_of(self.since.date())) \
            if self.use_since.isChecked() else None
        until = local_midnight_utc(day_of(self.until.date()) + timedelta(days=1)) \
            if self.use_until.isChecked() else None
        return AuditFilter(user_id=self.user.currentData(),
                           entity_type=self.entity.currentData() or "",
                           action=self.action.currentData() or "", since=since, until=until,
                           text=searchable(self.text.text()))

    def on_changed(self) -> None:
        self.timer.stop()
        self.sig_filters_changed.emit(self.filters())

    def on_clear(self) -> None:
        for widget in (self, self.user, self.entity, self.action, self.use_since,
                       self.use_until, self.text):
            widget.blockSignals(True)
        for combo in (self.user, self.entity, self.action):
            combo.setCurrentIndex(0)
        for check, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            check.setChecked(False)
            edit.setEnabled(False)
        self.text.clear()
        for widget in (self, self.user, self.entity, self.action, self.use_since,
                       self.use_until, self.text):
            widget.blockSignals(False)
        self.on_changed()


def searchable(text: str) -> str:
    """The text without control characters: no one types them, a paste may carry them, and
    the audit log refuses a search that holds one."""
    return "".join(ch for ch in text if not has_control_chars(ch)).strip()

