"""The visit plan of a month: per salesperson the visits planned (scheduled in the month,
done or not), those done and the completion rate, with the team's total for a manager; and
a calendar of the month with the chosen person's visits day by day (✓ done, ○ planned, a
past one not done in dark red). PgUp and PgDown go a month back and forth; Enter on a
visit in the calendar opens it."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language
from app.ui.kit.opener import open_record
from app.ui.kit.table_model import LATE_COLOUR

ID_ROLE = Qt.ItemDataRole.UserRole
TEAM = -1  # the rates table's total row: every visit in the user's scope


def month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def rate_text(rate: Any) -> str:
    return "" if rate is None else f"{Decimal(str(rate)):.1f}%"


def team_rate(planned: int, done: int) -> Decimal | None:
    """The same rule as the service's: done of planned in percent, half up to a tenth."""
    if planned == 0:
        return None
    return (Decimal(done) * 100 / Decimal(planned)).quantize(Decimal("0.1"), ROUND_HALF_UP)


class VisitPlanPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitPlanPage")
        self.context = context
        self.language = ui_language()
        self.rows: list[Any] = []
        self.visits: list[Record] = []
        self._build()
        context.hub.sig_changed.connect(self.on_changed)
        self.load()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.month = QDateEdit(QDate.currentDate())
        self.month.setObjectName("planMonth")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setAccessibleName(self.tr("Month"))
        self.month.dateChanged.connect(self.load)
        back = self._button("planBack", "◀", lambda: self.step(-1), "PgUp",
                            self.tr("The month before"))
        forth = self._button("planForth", "▶", lambda: self.step(1), "PgDown",
                             self.tr("The month after"))
        now = self._button("planNow", self.tr("&This month"), self.this_month, "")
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Month:")), back, self.month, forth, now):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.summary, 1)
        self.rates = QTableWidget(0, 4)
        self.rates.setObjectName("planRates")
        self.rates.setHorizontalHeaderLabels([self.tr("Salesperson"), self.tr("Planned"),
                                              self.tr("Done"), self.tr("Rate")])
        self.rates.verticalHeader().hide()
        self.rates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rates.setWordWrap(False)
        header = self.rates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.rates.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.rates.verticalHeader().setDefaultSectionSize(
            self.rates.fontMetrics().height() + 10)
        self.rates.currentCellChanged.connect(self.on_person)
        self.calendar = QTableWidget(6, 7)
        self.calendar.setObjectName("planCalendar")
        self.calendar.setHorizontalHeaderLabels(self.weekday_names())
        self.calendar.verticalHeader().hide()
        self.calendar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calendar.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.calendar.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar.setWordWrap(True)
        self.calendar.cellActivated.connect(self.on_day)
        self.calendar.currentCellChanged.connect(
            lambda row, column, _row, _column: self.show_day(row, column))
        self.day_list = QListWidget()
        self.day_list.setObjectName("planDay")
        self.day_list.itemActivated.connect(self.open_visit)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.calendar)
        right.addWidget(self.day_list)
        right.setSizes([460, 120])
        split = QSplitter()
        split.addWidget(self.rates)
        split.addWidget(right)
        split.setSizes([360, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def _button(self, name: str, text: str, slot: Any, key: str, tip: str = ""
                ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        if key:
            button.setToolTip(f"{tip} ({key})" if tip else key)
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        return button

    def weekday_names(self) -> list[str]:
        if self.language.startswith("zh"):
            return ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    # --- the month ------------------------------------------------------------------------
    def chosen_month(self) -> date:
        chosen = self.month.date()
        return date(chosen.year(), chosen.month(), 1)

    def step(self, months: int) -> None:
        self.month.setDate(self.month.date().addMonths(months))

    def this_month(self) -> None:
        self.month.setDate(QDate.currentDate())

    def load(self) -> None:
        service, actor = self.context.services.activities, self.context.actor
        month = month_text(self.chosen_month())
        self.context.runner.run(lambda: service.plan(actor, month),
                                lambda rows: self.on_plan(month, rows), self.on_failed,
                                context=self)

    def on_plan(self, month: str, rows: list[Any]) -> None:
        if month != month_text(self.chosen_month()):
            return
        chosen = self.chosen_user()
        self.rows = list(rows)
        shown = list(self.rows)
        planned = sum(r.planned for r in shown)
        done = sum(r.done for r in shown)
        self.rates.blockSignals(True)
        self.rates.setRowCount(0)
        lines = [(r.name or r.username, r.planned, r.done, r.rate, r.user_id) for r in shown]
        if len(shown) > 1:
            lines.append((self.tr("Team"), planned, done, team_rate(planned, done), TEAM))
        for number, (name, p, d, rate, user_id) in enumerate(lines):
            self.rates.insertRow(number)
            cells = [QTableWidgetItem(str(name)), QTableWidgetItem(str(p)),
                     QTableWidgetItem(str(d)), QTableWidgetItem(rate_text(rate))]
            cells[0].setData(ID_ROLE, user_id)
            for column, cell in enumerate(cells):
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                if user_id == TEAM:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.rates.setItem(number, column, cell)
        self.rates.blockSignals(False)
        self.summary.setText(self.tr("%1: %2 visits planned, %3 done (%4)")
                             .replace("%1", month).replace("%2", str(planned))
                             .replace("%3", str(done))
                             .replace("%4", rate_text(team_rate(planned, done)) or "–"))
        # The person chosen before; at first the team (a manager) or oneself.
        wanted = chosen if chosen is not None else \
            (TEAM if len(shown) > 1 else self.context.actor.user_id)
        again = next((n for n, line in enumerate(lines) if line[4] == wanted), None)
        self.rates.selectRow(again if again is not None else 0)
        self.on_person(self.rates.currentRow())

    def chosen_user(self) -> int | None:
        row = self.rates.currentRow()
        item = self.rates.item(row, 0) if row >= 0 else None
        return None if item is None else item.data(ID_ROLE)

    def on_person(self, *_args: Any) -> None:
        user_id = self.chosen_user()
        if user_id is None:
            self.show_visits([])
            return
        service, actor = self.context.services.activities, self.context.actor
        month = month_text(self.chosen_month())
        who = None if user_id == TEAM else user_id
        self.context.runner.run(lambda: service.month_visits(actor, who, month),
                                lambda found: self.on_visits(month, user_id, found),
                                self.on_failed, context=self)

    def on_visits(self, month: str, user_id: int, visits: list[Record]) -> None:
        if month != month_text(self.chosen_month()) or user_id != self.chosen_user():
            return
        self.show_visits(visits)

    def show_visits(self, visits: list[Record]) -> None:
        self.visits = list(visits)
        first = self.chosen_month()
        weeks = calendar.Calendar().monthdatescalendar(first.year, first.month)
        by_day: dict[date, list[Record]] = {}
        for visit in self.visits:
            moment = visit.get("scheduled_at")
            if isinstance(moment, datetime):
                by_day.setdefault(moment.astimezone().date(), []).append(visit)
        self.calendar.clearContents()
        self.calendar.setRowCount(len(weeks))
        today = date.today()
        for row, week in enumerate(weeks):
            for column, day in enumerate(week):
                cell = QTableWidgetItem()
                cell.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                cell.setData(ID_ROLE, day.isoformat())
                if day.month != first.month:
                    cell.setForeground(QBrush(QColor("#9a9a9a")))
                    cell.setText(str(day.day))
                else:
                    found = sorted(by_day.get(day, []),
                                   key=lambda r: r.get("scheduled_at"))
                    lines = [str(day.day) + (" ●" if day == today else "")]
                    lines += [self.visit_line(v) for v in found[:4]]
                    if len(found) > 4:
                        lines.append(self.tr("and %1 more").replace("%1",
                                                                    str(len(found) - 4)))
                    cell.setText("\n".join(lines))
                    if any(self.is_late(v) for v in found):
                        cell.setForeground(QBrush(QColor(LATE_COLOUR)))
                self.calendar.setItem(row, column, cell)
        self.day_list.clear()

    def visit_line(self, visit: Record) -> str:
        moment = visit.get("scheduled_at")
        time = moment.astimezone().strftime("%H:%M") if isinstance(moment, datetime) else ""
        mark = "✓" if visit.get("done_at") is not None else "○"
        customer = visit.get("customer")
        name = getattr(customer, "label", "") or getattr(customer, "key", "") or ""
        return f"{mark} {time} {name}"[:28]

    @staticmethod
    def is_late(visit: Record) -> bool:
        return bool(visit.get("overdue"))

    def on_day(self, row: int, column: int) -> None:
        """Enter on a day: its visits below the calendar, the first chosen, to open with
        Enter."""
        self.show_day(row, column)
        if self.day_list.count():
            self.day_list.setCurrentRow(0)
            self.day_list.setFocus()

    def show_day(self, row: int, column: int) -> None:
        """The chosen day's visits below the calendar."""
        cell = self.calendar.item(row, column)
        if cell is None:
            return
        day = cell.data(ID_ROLE)
        self.day_list.clear()
        for visit in self.visits:
            moment = visit.get("scheduled_at")
            if isinstance(moment, datetime) and moment.astimezone().date().isoformat() == day:
                item = QListWidgetItem(f"{self.visit_line(visit)}  {visit.get('subject')}")
                item.setData(ID_ROLE, visit.id)
                if self.is_late(visit):
                    item.setForeground(QBrush(QColor(LATE_COLOUR)))
                self.day_list.addItem(item)

    def open_visit(self, item: QListWidgetItem) -> Any:
        return open_record(self.context, "activity", int(item.data(ID_ROLE)), self)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    def on_changed(self, changed: Changed) -> None:
        if changed.entity == "activity":
            self.load()
