"""The report screen: the managers' reports listed on the left (in the user's language); on
the right the parameters the chosen report takes (a period or a custom range, a day for
balances, a salesperson, a team, a province, a breakdown, how many rows of a ranking), Run
(F5, Ctrl+R) and Export to Excel; the result below, a tab per section: the rows in a
sortable table (codes in words, money with thousands separators, shares as percents) and
the section's chart beside or beneath it.

A report runs in the background: the screen stays responsive, says "Running..." and
offers Run again once it is done; an answer to an earlier run is dropped. A refused range
(one that ends before it starts) is said in place of the result, never beside an old one.
The last parameters of each report and the report chosen are remembered (QSettings)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.workbook import Cancelled
from app.logic.reports import PERIODS, Col, Params, Report, ReportDef, Section, Table, period
from app.ui.kit import persist
from app.ui.kit.charts import ChartData, ChartView
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.export import ExportRun, announce, ask_export_path, export_outcome
from app.ui.kit.language import ui_language
from app.ui.kit.messages import Messages

MODULE = "reports"
SETTINGS_KEY = "reports"
CUSTOM = "custom"
NAME_ROLE = Qt.ItemDataRole.UserRole
NUMBERS = ("integer", "money", "percent", "decimal")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
NEGATIVE = QColor("#c62828")
MAX_COLUMN_WIDTH = 220
LIST_WIDTH = 210
# The report's usual period, as the preset the bar starts with.
USUAL = {"year": "this-year", "month": "this-month"}
NARROWING = ("owner", "team", "province", "by", "top")
MAX_TOP = 10_000
Index = QModelIndex | QPersistentModelIndex


# --- what a cell shows -----------------------------------------------------------------------
def cell_text(column: Col, value: Any, language: str) -> str:
    """``value`` of ``column`` as the table shows it: codes in words, money with thousands
    separators and two places, shares as percents (12.5%), nothing for None."""
    if value is None:
        return ""
    kind = column.kind
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    if kind == "percent":
        return f"{Decimal(value) * 100:,.1f}%"
    if kind == "integer":
        return f"{int(value):,}"
    if kind == "decimal":
        return f"{Decimal(value):,}"
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    return str(column.shown(value, language))


def sort_key(column: Col, value: Any, language: str) -> tuple[int, Any]:
    """Numbers by their value, text by what is shown; blanks after everything else."""
    if value is None or value == "":
        return (1, 0)
    if column.kind in NUMBERS:
        return (0, Decimal(value))
    if isinstance(value, date):
        return (0, value.isoformat())
    return (0, str(column.shown(value, language)).casefold())


def chart_data(table: Table, language: str) -> ChartData | None:
    """The section's chart of ``table``: its category column along the axis, a series per
    value column, the first ``limit`` rows."""
    section = table.section
    chart = section.chart
    if chart is None:
        return None
    rows = table.rows[:chart.limit] if chart.limit else table.rows
    category = section.index(chart.category)
    values = [section.index(key) for key in chart.values]
    kinds = {section.columns[n].kind for n in values}
    unit = "percent" if kinds == {"percent"} else "count" if kinds == {"integer"} else "money"
    kind = chart.kind if chart.kind in ("column", "bar", "line", "pie") else "column"
    return ChartData(
        kind, section.title.text(language),
        [cell_text(section.columns[category], row[category], language) for row in rows],
        [(section.columns[n].label.text(language),
          [float(row[n]) if row[n] is not None else 0.0 for row in rows]) for n in values],
        unit)


class ReportTableModel(QAbstractTableModel):
    """The rows of one section as run, read-only; ``sort`` by any column (blanks last),
    column -1 back to the report's own order."""

    def __init__(self, table: Table, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section: Section = table.section
        self.language = language
        self.rows: list[tuple[Any, ...]] = list(table.rows)
        self._original = list(table.rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.section.columns)

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.section.columns[index.column()]
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column, value, self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.kind in NUMBERS else LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.kind in ("money", "percent") and value is not None and value < 0:
                return NEGATIVE
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column.kind not in NUMBERS:
            text = cell_text(column, value, self.language)
            return text if len(text) > 20 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.section.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label.text(self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.kind in NUMBERS else LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        if column < 0 or column >= len(self.section.columns):
            self.rows = list(self._original)
        else:
            col = self.section.columns[column]
            descending = order == Qt.SortOrder.DescendingOrder
            filled = [r for r in self._original if r[column] is not None and r[column] != ""]
            blank = [r for r in self._original if r[column] is None or r[column] == ""]
            filled.sort(key=lambda r: sort_key(col, r[column], self.language),
                        reverse=descending)
            self.rows = filled + blank
        self.layoutChanged.emit()


class SectionView(QWidget):
    """One section of a report as run: its title, its table and its chart (beside the
    table for a narrow table or a chart of bars or slices, else beneath it)."""

    def __init__(self, table: Table, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        section = table.section
        self.setObjectName(f"section_{section.key}")
        self.section = section
        self.title = QLabel(section.title.text(language))
        self.title.setObjectName("sectionTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.count = QLabel()
        self.count.setObjectName("sectionCount")
        self.model = ReportTableModel(table, language, self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)  # column -1: the report's own order
        self.table.resizeColumnsToContents()
        for n in range(self.model.columnCount()):
            header.resizeSection(n, min(header.sectionSize(n) + 12, MAX_COLUMN_WIDTH))
        header.setStretchLastSection(False)
        self.chart: ChartView | None = None
        data = chart_data(table, language)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(heading)
        if data is None:
            layout.addWidget(self.table, 1)
            self.splitter: QSplitter | None = None
            return
        self.chart = ChartView()
        self.chart.setObjectName("reportChart")
        self.chart.show_data(data)
        beside = len(section.columns) <= 4 or data.kind in ("bar", "pie")
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal if beside
                                             else Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        if beside:
            wanted = sum(header.sectionSize(n) for n in range(self.model.columnCount())) + 24
            splitter.setSizes([max(wanted, 300), max(1000 - wanted, 420)])
        else:
            high = (len(table.rows) + 1) * rows.defaultSectionSize() + 12
            splitter.setSizes([min(high, 300), max(600 - min(high, 300), 280)])
        layout.addWidget(splitter, 1)

    def cell(self, row: int, column: int) -> str:
        return str(self.model.index(row, column).data())


class FieldBox(QWidget):
    """A parameter's label and editor, shown and hidden together."""

    def __init__(self, text: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.label = QLabel(text)
        self.label.setBuddy(editor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(editor)

    def mark(self, problem: str | None) -> None:
        """Outline the editor in red with the problem as its tooltip (None: clear)."""
        self.editor.setStyleSheet("" if problem is None else
                                  f"border: 1px solid {NEGATIVE.name()};")
        self.editor.setToolTip(problem or "")


def to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def preset_range(name: str, today: date) -> tuple[date, date]:
    """The days of a period preset, this month's, quarter's and year's up to today (the
    figures so far, against the same days a year before)."""
    start, end = period(name, today)
    return (start, min(end, today)) if name.startswith("this-") else (start, end)


class ReportView(QWidget):
    """The reports (``services.reports``) of the signed-in user, run with the parameters
    chosen, shown as tables and charts, exported to Excel with reports.export."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.context = context
        self._language = ui_language()
        self.service = context.services.reports
        self.definitions: tuple[ReportDef, ...] = tuple(self.service.reports(context.actor))
        self.current: ReportDef | None = None
        self.report: Report | None = None  # the result shown
        self.results: dict[str, Report] = {}  # the last result of each report this session
        self.remembered: dict[str, dict[str, Any]] = {}  # the parameters of each report
        self.sections: list[SectionView] = []
        self.running = False
        self._generation = 0
        self._wanted: dict[str, Any] = {}  # owner/team to choose once the choices are in
        self.export_run: ExportRun | None = None
        self.ask_path: Callable[[], str] = self.choose_export_path
        self._build()
        self.load_choices()
        if self.definitions:
            self.reports.setCurrentRow(0)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.reports = QListWidget()
        self.reports.setObjectName("reportList")
        self.reports.setAccessibleName(self.tr("Reports"))
        for definition in self.definitions:
            item = QListWidgetItem(definition.title.text(self._language))
            item.setData(NAME_ROLE, definition.name)
            item.setToolTip(definition.about.text(self._language))
            self.reports.addItem(item)
        self.reports.setMinimumWidth(150)
        self.reports.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        self.reports.currentRowChanged.connect(self.on_chosen)

        self.heading = QLabel()
        self.heading.setObjectName("reportHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.about = QLabel()
        self.about.setObjectName("reportAbout")
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: palette(placeholder-text);")

        self._build_params()

        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.setObjectName("runReport")
        self.run_button.setToolTip(self.tr("Run the report (F5, Ctrl+R)"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_report)
        self.export_button = QPushButton(self.tr("Export to &Excel..."))
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self.on_export)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")

        first = QHBoxLayout()
        first.setSpacing(4)
        for key in ("period", "from", "to", "as_of"):
            first.addWidget(self.fields[key])
        first.addStretch(1)
        first.addWidget(self.run_button)
        first.addWidget(self.export_button)
        self.narrowing = QWidget()
        second = QHBoxLayout(self.narrowing)
        second.setContentsMargins(0, 0, 0, 0)
        second.setSpacing(4)
        for key in NARROWING:
            second.addWidget(self.fields[key])
        second.addStretch(1)
        second.addWidget(self.status)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)
        self.note = QLabel()
        self.note.setObjectName("reportNote")
        self.note.setStyleSheet("color: palette(placeholder-text);")
        result = QWidget()
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.note)
        result_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(result)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.about)
        layout.addLayout(first)
        layout.addWidget(self.narrowing)
        layout.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reportSplitter")
        self.splitter.addWidget(self.reports)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([LIST_WIDTH, 1280 - LIST_WIDTH])
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.splitter)
        for keys in ("F5", "Ctrl+R"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.run_report)
        self.update_export()

    def _build_params(self) -> None:
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        for name, label in PERIODS:
            self.period.addItem(label.text(self._language), name)
        self.period.addItem(self.tr("Custom"), CUSTOM)
        self.period.currentIndexChanged.connect(self.on_period)
        self.start = self._date_edit("reportFrom", self.tr("From"))
        self.end = self._date_edit("reportTo", self.tr("To"))
        for edit in (self.start, self.end):
            edit.userDateChanged.connect(self.on_range_edited)
        self.as_of = self._date_edit("reportAsOf", self.tr("As of"))
        self.owner = QComboBox()
        self.owner.setObjectName("reportOwner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team = QComboBox()
        self.team.setObjectName("reportTeam")
        self.team.addItem(self.tr("All teams"), None)
        self.team.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.province = QLineEdit()
        self.province.setObjectName("reportProvince")
        self.province.setPlaceholderText(self.tr("Any"))
        self.province.setClearButtonEnabled(True)
        self.province.setMaximumWidth(120)
        self.province.returnPressed.connect(self.run_report)
        self.by = QComboBox()
        self.by.setObjectName("reportBy")
        self.top = QSpinBox()
        self.top.setObjectName("reportTop")
        self.top.setRange(0, MAX_TOP)
        self.top.setSpecialValueText(self.tr("All"))
        self.top.setToolTip(self.tr("How many rows of the ranking (All: every row)"))
        self.fields: dict[str, FieldBox] = {
            "period": FieldBox(self.tr("&Period:"), self.period),
            "from": FieldBox(self.tr("&From:"), self.start),
            "to": FieldBox(self.tr("&To:"), self.end),
            "as_of": FieldBox(self.tr("&As of:"), self.as_of),
            "owner": FieldBox(self.tr("&Salesperson:"), self.owner),
            "team": FieldBox(self.tr("Tea&m:"), self.team),
            "province": FieldBox(self.tr("Pro&vince:"), self.province),
            "by": FieldBox(self.tr("&Breakdown:"), self.by),
            "top": FieldBox(self.tr("T&op:"), self.top),
        }

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(accessible)
        return edit

    # --- choices ----------------------------------------------------------------------------
    def load_choices(self) -> None:
        """The salespeople and teams a report may be narrowed to, read in the background."""
        service, actor = self.service, self.context.actor

        def choices() -> tuple[list[Ref], list[str]]:
            return service.owner_choices(actor), service.team_choices(actor)

        self.context.runner.run(choices, self.on_choices, lambda _error: None, context=self)

    def on_choices(self, found: tuple[Sequence[Ref], Sequence[str]]) -> None:
        owners, teams = found
        for combo, items in ((self.owner, [(owner_text(r), r.key) for r in owners]),
                             (self.team, [(t, t) for t in teams])):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)
        for key, combo in (("owner", self.owner), ("team", self.team)):
            choose(combo, self._wanted.get(key))

    # --- choosing a report ------------------------------------------------------------------
    def definition(self, name: str) -> ReportDef | None:
        return next((d for d in self.definitions if d.name == name), None)

    def choose(self, name: str) -> bool:
        """Show the report ``name`` (False: the user has no such report)."""
        for row in range(self.reports.count()):
            if self.reports.item(row).data(NAME_ROLE) == name:
                self.reports.setCurrentRow(row)
                return True
        return False

    def on_chosen(self, row: int) -> None:
        if self.current is not None:
            self.remembered[self.current.name] = self.bar_values()
        definition = self.definitions[row] if 0 <= row < len(self.definitions) else None
        self.current = definition
        if definition is None:
            return
        self.heading.setText(definition.title.text(self._language))
        self.about.setText(definition.about.text(self._language))
        takes = set(definition.params)
        for key, box in self.fields.items():
            box.setVisible((key == "period" and "from" in takes) or key in takes)
            box.mark(None)
        self.narrowing.setVisible(True)
        self.by.clear()
        self.by.addItem(self.tr("Every section"), None)
        for choice in definition.by:
            self.by.addItem(choice.label.text(self._language), choice.value)
        self.apply(self.remembered.get(definition.name, {}))
        found = self.results.get(definition.name)
        if found is not None:
            self.show_report(found)
        else:
            self.clear_result(self.tr("Choose the parameters and press Run (F5)."))

    def shown_params(self) -> tuple[str, ...]:
        """The parameters of the chosen report, as the bar shows them."""
        return () if self.current is None else self.current.params

    # --- the parameters ---------------------------------------------------------------------
    def on_period(self, _index: int = 0) -> None:
        name = self.period.currentData()
        if name == CUSTOM or name is None:
            return
        start, end = preset_range(str(name), date.today())
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def on_range_edited(self, _day: QDate) -> None:
        """A date typed or picked makes the range a custom one."""
        choose(self.period, CUSTOM)

    def params(self) -> Params:
        """What the bar says, of the parameters the chosen report takes."""
        takes = set(self.shown_params())
        province = self.province.text().strip()
        return Params(
            start=to_date(self.start.date()) if "from" in takes else None,
            end=to_date(self.end.date()) if "to" in takes else None,
            as_of=to_date(self.as_of.date()) if "as_of" in takes else None,
            owner=self.owner.currentData() if "owner" in takes else None,
            team=self.team.currentData() if "team" in takes else None,
            province=province or None if "province" in takes else None,
            by=self.by.currentData() if "by" in takes else None,
            top=self.top.value() or None if "top" in takes else None)

    def bar_values(self) -> dict[str, Any]:
        """The bar's values to remember: a preset by its name (its days follow today), a
        custom range by its days, a day other than today's."""
        chosen = str(self.period.currentData() or "")
        values: dict[str, Any] = {"period": chosen}
        if chosen == CUSTOM:
            values["from"] = to_date(self.start.date()).isoformat()
            values["to"] = to_date(self.end.date()).isoformat()
        as_of = to_date(self.as_of.date())
        if as_of != date.today():
            values["as_of"] = as_of.isoformat()
        values.update(owner=self.owner.currentData() or self._wanted.get("owner"),
                      team=self.team.currentData() or self._wanted.get("team"),
                      province=self.province.text().strip(),
                      by=self.by.currentData(), top=self.top.value())
        return {k: v for k, v in values.items() if v not in (None, "", 0)}

    def apply(self, values: dict[str, Any]) -> None:
        """Set the bar to ``values`` (as ``bar_values`` gave them); the report's usual
        period, today, everyone and every row where they say nothing."""
        usual = USUAL.get(self.current.period, "this-year") if self.current else "this-year"
        chosen = str(values.get("period") or usual)
        if self.period.findData(chosen) < 0:
            chosen = usual
        self.period.blockSignals(True)
        choose(self.period, chosen)
        self.period.blockSignals(False)
        if chosen == CUSTOM:
            start, end = parse_day(values.get("from")), parse_day(values.get("to"))
            for edit, day in ((self.start, start), (self.end, end)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(day or date.today()))
                edit.blockSignals(False)
        else:
            self.on_period()
        self.as_of.setDate(to_qdate(parse_day(values.get("as_of")) or date.today()))
        self._wanted = {"owner": values.get("owner"), "team": values.get("team")}
        choose(self.owner, values.get("owner"))
        choose(self.team, values.get("team"))
        self.province.setText(str(values.get("province") or ""))
        choose(self.by, values.get("by"))
        top = values.get("top")
        self.top.setValue(int(top) if isinstance(top, int | str) and str(top).isdigit()
                          else 0)

    # --- running ----------------------------------------------------------------------------
    def run_report(self) -> None:
        """Run the chosen report with the bar's parameters in the background."""
        definition = self.current
        if definition is None or self.running:
            return
        params = self.params()
        self.remembered[definition.name] = self.bar_values()
        for box in self.fields.values():
            box.mark(None)
        self._generation += 1
        generation = self._generation
        self.running = True
        self.run_button.setEnabled(False)
        self.status.setText(self.tr("Running..."))
        self.update_export()
        service, actor, name = self.service, self.context.actor, definition.name
        self.context.runner.run(lambda: service.run(actor, name, params),
                                lambda report: self.on_ran(generation, report),
                                lambda error: self.on_run_failed(generation, name, error),
                                context=self)

    def _done(self, generation: int) -> bool:
        """The run ``generation`` ended; False when a later one was started since."""
        if generation != self._generation:
            return False
        self.running = False
        self.run_button.setEnabled(True)
        return True

    def on_ran(self, generation: int, report: Report) -> None:
        if not self._done(generation):
            return
        self.results[report.name] = report
        if self.current is not None and self.current.name == report.name:
            self.show_report(report)
        else:
            self.status.clear()
            self.update_export()

    def on_run_failed(self, generation: int, name: str, error: Exception) -> None:
        if not self._done(generation):
            return
        self.results.pop(name, None)
        if self.current is None or self.current.name != name:
            self.status.clear()
            self.update_export()
            return
        if isinstance(error, ValidationError):
            problems = [self.problem(key, found.code, found.message)
                        for key, found in error.errors.items()]
            for key, found in error.errors.items():
                box = self.fields.get(key)
                if box is not None:
                    box.mark(self.problem(key, found.code, found.message))
            self.clear_result("\n".join(problems), error=True)
            self.status.setText(self.tr("Not run: check the parameters."))
            return
        self.clear_result(self.tr("The report could not be run."), error=True)
        self.status.clear()
        show_error(self, error)

    def problem(self, key: str, code: str, message: str) -> str:
        """A parameter's problem in words: which parameter, what is wrong."""
        names = {"from": self.tr("From"), "to": self.tr("To"), "as_of": self.tr("As of"),
                 "owner": self.tr("Salesperson"), "team": self.tr("Team"),
                 "province": self.tr("Province"), "by": self.tr("Breakdown"),
                 "top": self.tr("Top")}
        words = {"range_reversed": self.tr("The range ends before it starts."),
                 "range_too_long": self.tr("The range is longer than 20 years."),
                 "unknown_user": self.tr("There is no such salesperson."),
                 "unknown_team": self.tr("There is no such team."),
                 "invalid_choice": self.tr("Choose one of the listed values."),
                 "too_small": self.tr("Must be at least 1.")}
        text = words.get(code) or Messages(self).field_error(FieldError(code, message))
        return f"{names.get(key, key)}: {text}"

    # --- the result -------------------------------------------------------------------------
    def clear_result(self, message: str, error: bool = False) -> None:
        """No result: ``message`` where it would be (in red for a problem)."""
        self.report = None
        self._drop_sections()
        self.message.setText(message)
        self.message.setStyleSheet(f"color: {NEGATIVE.name()};" if error else
                                   "color: palette(placeholder-text);")
        self.stack.setCurrentIndex(0)
        if not error:
            self.status.clear()
        self.update_export()

    def _drop_sections(self) -> None:
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        self.sections = []

    def show_report(self, report: Report) -> None:
        """Each table of ``report`` in a tab: its title, its rows, its chart."""
        self.report = report
        self._drop_sections()
        for table in report.tables:
            view = SectionView(table, self._language)
            view.count.setText(self.rows_text(len(table.rows)))
            self.sections.append(view)
            self.tabs.addTab(view, table.section.title.text(self._language))
        self.note.setText(self.note_text(report))
        if report.tables:
            self.stack.setCurrentIndex(1)
        else:
            self.message.setText(self.tr("This report has nothing to show."))
            self.message.setStyleSheet("color: palette(placeholder-text);")
            self.stack.setCurrentIndex(0)
        self.status.clear()
        self.update_export()

    def rows_text(self, count: int) -> str:
        return self.tr("%1 rows").replace("%1", f"{count:,}") if count != 1 else \
            self.tr("1 row")

    def note_text(self, report: Report) -> str:
        """What was run: the range (or the day), whose records, by whom, when."""
        params, kind = report.params, report.definition.period
        parts = []
        if kind in ("year", "month"):
            parts.append(self.tr("%1 to %2").replace("%1", str(params.start))
                         .replace("%2", str(params.end)))
        elif kind == "today":
            parts.append(self.tr("As of %1").replace("%1", str(params.as_of)))
        scope = {"own": self.tr("your own records"), "team": self.tr("your team's records"),
                 "all": self.tr("all records")}
        parts.append(scope.get(report.scope, report.scope))
        if params.owner:
            parts.append(self.owner_text(params.owner))
        if params.team:
            parts.append(params.team)
        if params.province:
            parts.append(params.province)
        parts.append(self.tr("run at %1").replace(
            "%1", report.made_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        return " · ".join(parts)

    def owner_text(self, username: str) -> str:
        found = self.owner.findData(username)
        return self.owner.itemText(found) if found >= 0 else username

    def cell(self, section: int, row: int, column: int) -> str:
        """The text shown in a section's table (for tests and scripts)."""
        return self.sections[section].cell(row, column)

    # --- export -----------------------------------------------------------------------------
    def can_export(self) -> bool:
        return self.context.can(MODULE, "export")

    def update_export(self) -> None:
        allowed = self.can_export()
        self.export_button.setEnabled(allowed and self.report is not None and
                                      self.export_run is None)
        self.export_button.setToolTip(
            self.tr("Write the report as shown, with its charts, to an Excel workbook")
            if allowed else self.tr("You do not have the right to export reports."))

    def choose_export_path(self) -> str:
        stem = self.report.name if self.report is not None else "report"
        return ask_export_path(self, self.tr("Export the report"), stem)

    def on_export(self) -> ExportRun | None:
        """Write the result shown to a workbook in the background, with progress and
        cancel; say where it went."""
        report = self.report
        if not self.can_export() or self.export_run is not None or report is None:
            return None
        path = self.ask_path()
        if not path:
            return None
        service, actor, language = self.service, self.context.actor, self._language
        sheets = max(len(report.tables), 1)
        rows = sum(len(t.rows) for t in report.tables)
        run = self.export_run = ExportRun(self.context.runner,
                                          self.tr("Exporting to %1...").replace("%1", path),
                                          self)
        run.sig_finished.connect(lambda count: self.on_exported(path, count))
        run.sig_failed.connect(self.on_export_failed)
        self.update_export()

        def work(report_progress: Callable[[int, int], bool]) -> int:
            try:
                service.export(actor, report, path, language,
                               lambda done: report_progress(done, sheets))
            except Cancelled:
                return -1
            return rows

        run.start(work)
        return run

    def on_exported(self, path: str, count: int) -> None:
        self.export_run = None
        self.update_export()
        text = export_outcome(path, count)
        self.status.setText(text)
        announce(self, text)

    def on_export_failed(self, error: Exception) -> None:
        self.export_run = None
        self.update_export()
        show_error(self, error)

    # --- memory -----------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        """The report chosen and each report's last parameters."""
        if self.current is not None:
            self.remembered[self.current.name] = self.bar_values()
            settings.setValue(f"{SETTINGS_KEY}/report", self.current.name)
        for name, values in self.remembered.items():
            settings.setValue(f"{SETTINGS_KEY}/{name}/params",
                              json.dumps(values, ensure_ascii=False))
        persist.save_splitter(settings, f"{SETTINGS_KEY}/view", self.splitter)

    def restore_state(self, settings: QSettings) -> None:
        for definition in self.definitions:
            raw = settings.value(f"{SETTINGS_KEY}/{definition.name}/params")
            try:
                values = json.loads(str(raw)) if raw else None
            except ValueError:
                values = None
            if isinstance(values, dict):
                self.remembered[definition.name] = values
        persist.restore_splitter(settings, f"{SETTINGS_KEY}/view", self.splitter)
        name = str(settings.value(f"{SETTINGS_KEY}/report", "") or "")
        if self.current is not None and name in ("", self.current.name):
            self.apply(self.remembered.get(self.current.name, {}))
            return
        current = self.current
        self.current = None  # what the bar shows now is not to be remembered over
        if not self.choose(name):
            self.current = current
            if current is not None:
                self.apply(self.remembered.get(current.name, {}))


def owner_text(ref: Ref) -> str:
    return f"{ref.label} ({ref.key})" if ref.label and ref.label != ref.key else ref.key


def choose(combo: QComboBox, value: Any) -> None:
    """Choose the item of ``value`` (the first item when there is none)."""
    found = combo.findData(value)
    combo.setCurrentIndex(found if found >= 0 else 0)


def parse_day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
