""""My day": what the signed-in user has to do, on the page they start on. Overdue
activities, today's, the overdue tickets assigned to them, and the coming week's follow-ups;
a salesperson sees their own, a manager their team's. Enter opens the chosen record, Ctrl+D
marks the chosen activity done (with its outcome and follow-up), Ctrl+N starts a new
activity, F5 reads everything again; it follows what is saved anywhere (the change hub)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.activities import ACTIVITY, WORKFLOW
from app.logic.feedback import FEEDBACK
from app.logic.kit.dto import Changed, Record
from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language
from app.ui.kit.opener import open_record
from app.ui.kit.table_model import LATE_COLOUR
from app.ui.kit.workflow import MoveDialog

SECTIONS = (
    ("overdue", Label("Overdue", "已逾期"), True),
    ("today", Label("Today", "今天"), False),
    ("tickets", Label("My overdue tickets", "我的逾期工单"), True),
    ("week", Label("Follow-ups this week", "本周跟进"), False),
)
ENTITY_OF = {"overdue": "activity", "today": "activity", "week": "activity",
             "tickets": "feedback"}
ID_ROLE = Qt.ItemDataRole.UserRole


def local_time(value: Any, with_date: bool = True) -> str:
    if value is None or not hasattr(value, "astimezone"):
        return ""
    moment = value.astimezone()
    return str(moment.strftime("%m-%d %H:%M" if with_date else "%H:%M"))


class MyDayPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myDayPage")
        self.context = context
        self.language = ui_language()
        self.tickets_shown = context.can("feedback", "view")
        self.lists: dict[str, QTreeWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.box_layouts: dict[str, QVBoxLayout] = {}
        self.loaded: dict[str, list[Record]] = {}
        self.done_dialog: MoveDialog | None = None
        self._chosen: tuple[str, int] | None = None
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.load()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("myDayHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.new_button = self._button("newActivity", self.tr("&New activity..."),
                                       self.on_new, "Ctrl+N")
        self.new_button.setEnabled(self.context.can("activities", "create"))
        self.done_button = self._button("markDoneToday", self.tr("Mark &done..."),
                                        self.on_mark_done, "Ctrl+D")
        self.open_button = self._button("openChosen", self.tr("&Open"), self.on_open, "")
        self.refresh_button = self._button("refreshDay", self.tr("&Refresh"), self.load,
                                           "F5")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in (self.new_button, self.done_button, self.open_button,
                       self.refresh_button):
            top.addWidget(button)
        body = QWidget()
        grid = QVBoxLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        for key, label, late in SECTIONS:
            if key == "tickets" and not self.tickets_shown:
                continue
            box = self.boxes[key] = QGroupBox(label.text(self.language))
            box.setObjectName(f"myDay_{key}")
            tree = self.lists[key] = self._list(key, late)
            inner = self.box_layouts[key] = QVBoxLayout(box)
            inner.addWidget(tree)
            grid.addWidget(box)
        grid.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.update_buttons()

    def _button(self, name: str, text: str, slot: Any, key: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if key:
            button.setToolTip(key)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return button

    def _list(self, key: str, late: bool) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(f"myDayList_{key}")
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if key == "tickets":
            headers = [self.tr("Due"), self.tr("Ticket"), self.tr("Customer"),
                       self.tr("Subject"), self.tr("Priority")]
        else:
            headers = [self.tr("When"), self.tr("Kind"), self.tr("Customer"),
                       self.tr("Subject"), self.tr("Owner")]
        tree.setHeaderLabels(headers)
        header = tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate((100, 80, 220)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        tree.itemActivated.connect(lambda item, _column: self.open_item(key, item))
        tree.currentItemChanged.connect(lambda current, _before: self.on_chosen(key, current))
        tree.setProperty("late", late)
        return tree

    # --- content --------------------------------------------------------------------------
    def load(self) -> None:
        services, actor = self.context.services, self.context.actor
        with_tickets = self.tickets_shown

        def fetch() -> tuple[Any, list[Record]]:
            day = services.activities.my_day(actor)
            tickets = services.feedback.overdue_for(actor) if with_tickets else []
            return day, tickets

        self.context.runner.run(fetch, self.on_loaded, self.on_failed, context=self)

    def on_loaded(self, loaded: tuple[Any, list[Record]]) -> None:
        day, tickets = loaded
        self.loaded = {"overdue": list(day.overdue), "today": list(day.due_today),
                       "week": list(day.week), "tickets": list(tickets)}
        today = date.today()
        counts = {k: len(v) for k, v in self.loaded.items()}
        counts["overdue"] = max(counts["overdue"], day.overdue_total)  # the list shows 200
        self.heading.setText(self.tr("My day, %1: %2 due today, %3 overdue").replace(
            "%1", today.isoformat()).replace("%2", str(counts["today"])).replace(
            "%3", str(counts["overdue"])))
        for key, label, late in SECTIONS:
            if key not in self.lists:
                continue
            self.boxes[key].setTitle(f"{label.text(self.language)} ({counts[key]})")
            self.fill(key, self.loaded[key], late)
        self.update_buttons()

    def fill(self, key: str, records: list[Record], late: bool) -> None:
        tree = self.lists[key]
        tree.clear()
        kind = ACTIVITY.field("kind")
        for record in records:
            customer = record.get("customer")
            customer_text = getattr(customer, "label", "") or getattr(customer, "key", "")
            if key == "tickets":
                priority = record.get("priority")
                texts = [local_time(record.get("due_at")), str(record.get("number") or ""),
                         customer_text, str(record.get("subject") or ""),
                         FEEDBACK.field("priority").choice_label(priority, self.language)]
            else:
                owner = record.get("owner")
                texts = [local_time(record.get("scheduled_at"), key != "today"),
                         kind.choice_label(record.get("kind"), self.language),
                         customer_text, str(record.get("subject") or ""),
                         getattr(owner, "label", "") or getattr(owner, "key", "")]
            item = QTreeWidgetItem(texts)
            item.setData(0, ID_ROLE, record.id)
            if late:
                bold = QFont()
                bold.setBold(True)
                for column in range(len(texts)):
                    item.setForeground(column, QBrush(QColor(LATE_COLOUR)))
                    item.setFont(column, bold)
            tree.addTopLevelItem(item)
        empty = not records
        tree.setVisible(not empty)
        box = self.boxes[key]
        placeholder = box.findChild(QLabel, "empty")
        if placeholder is None:
            placeholder = QLabel(self.tr("Nothing here."))
            placeholder.setObjectName("empty")
            placeholder.setStyleSheet("color: palette(placeholder-text);")
            self.box_layouts[key].addWidget(placeholder)
        placeholder.setVisible(empty)
        rows = max(1, min(len(records), 8))
        tree.setFixedHeight(tree.header().height() + rows * (tree.fontMetrics().height() + 8)
                            + 4)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    # --- choosing and acting --------------------------------------------------------------
    def chosen(self) -> tuple[str, int] | None:
        """(section, id) of the row chosen last."""
        return self._chosen

    def on_chosen(self, key: str, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self._chosen = (key, int(item.data(0, ID_ROLE)))
            for other, tree in self.lists.items():
                if other != key:
                    tree.blockSignals(True)
                    tree.setCurrentIndex(QModelIndex())
                    tree.clearSelection()
                    tree.blockSignals(False)
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self.chosen()
        self.open_button.setEnabled(chosen is not None)
        self.done_button.setEnabled(chosen is not None and ENTITY_OF[chosen[0]] == "activity"
                                    and self.context.can("activities", "complete"))

    def open_item(self, key: str, item: QTreeWidgetItem) -> QDialog | None:
        return open_record(self.context, ENTITY_OF[key], int(item.data(0, ID_ROLE)), self)

    def on_open(self) -> QDialog | None:
        chosen = self.chosen()
        if chosen is None:
            return None
        return open_record(self.context, ENTITY_OF[chosen[0]], chosen[1], self)

    def on_new(self) -> QDialog | None:
        if not self.context.can("activities", "create"):
            return None
        return open_record(self.context, "activity", None, self)

    def on_mark_done(self) -> MoveDialog | None:
        """Mark the chosen activity done: the workflow's move, asking for the outcome and
        the follow-up (the kit's move dialog); what it saves is broadcast."""
        chosen = self.chosen()
        if chosen is None or ENTITY_OF[chosen[0]] != "activity":
            return None
        record = next((r for r in self.loaded.get(chosen[0], []) if r.id == chosen[1]), None)
        if record is None or not self.context.can("activities", "complete"):
            return None
        dialog = self.done_dialog = MoveDialog(self.context, "activities", ACTIVITY, record,
                                               WORKFLOW.transition("complete"), self)
        dialog.sig_moved.connect(self.context.hub.broadcast)
        dialog.sig_conflict.connect(lambda error: show_error(self, error))
        dialog.open()
        return dialog

    def on_changed(self, changed: Changed) -> None:
        if changed.entity in ("activity", "feedback"):
            self._chosen = None
            self.load()
