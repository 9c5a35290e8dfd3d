"""The managers' start page: the key figures as tiles (this month's and this year's revenue
against the same period of last year, the weighted pipeline, overdue receivables, open
complaints, overdue tickets, new customers) and four charts (revenue by month this year
against last, the open pipeline by stage, receivables by days past due, customers per
tier), from ``services.reports.dashboard``.

A tile (by mouse, or Enter or Space when focused) and a chart's bar or slice open the list
behind it, filtered as the figure counts (``context.navigate``: the kit's drill). The
figures load in the background; the page says when they were updated, refreshes on F5 (the
window's Refresh) and by itself shortly after a change to what it counts, one load at a
time, and only while it is shown (a hidden page catches up when shown again)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCharts import QBarCategoryAxis, QPieSeries
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed
from app.logic.reports import Dashboard, DashChart, Drill, Figure
from app.ui.kit.charts import ChartData, ChartView
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language

# What the figures count: a change to any of these may change them.
DEPENDS_ON = ("order", "opportunity", "invoice", "payment", "feedback", "customer")
REFRESH_DELAY_MS = 1500  # after the last change broadcast, so a burst loads once
UP, DOWN, SAME = "#2e7d32", "#c62828", "palette(placeholder-text)"
TILE_STYLE = """
QFrame#figureTile { background: palette(base); border: 1px solid palette(midlight);
                    border-radius: 6px; }
QFrame#figureTile[clickable="true"]:hover { border: 1px solid palette(highlight); }
QFrame#figureTile:focus { border: 2px solid palette(highlight); }
"""


def figure_value(figure: Figure) -> str:
    """A figure's value as the tile shows it, read at a glance: money to the whole unit
    and counts, with thousands separators (the tile's tool tip has the cents)."""
    return value_text(figure.kind, figure.value)


def value_text(kind: str, value: Decimal | int, cents: bool = False) -> str:
    if kind == "money":
        return f"{Decimal(value):,.2f}" if cents else f"{Decimal(value):,.0f}"
    return f"{int(value):,}"


def change_text(change: Decimal) -> str:
    """A change as a share, signed: +12.5%, -3.0%."""
    return f"{change * 100:+,.1f}%"


class FigureTile(QFrame):
    """One key figure: what it is, its value large, the comparison with last year; a click
    or Enter or Space on it (when ``clickable``) says ``sig_activated``."""

    sig_activated = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.key = key
        self.clickable = False
        self.setStyleSheet(TILE_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(110)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(2)
        self.caption = QLabel()
        self.caption.setObjectName("figureCaption")
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        small = QFont(self.caption.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.caption.setFont(small)
        self.value = QLabel()
        self.value.setObjectName("figureValue")
        font = QFont(self.value.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.45)
        self.value.setFont(font)
        self.change = QLabel()
        self.change.setObjectName("figureChange")
        self.change.setWordWrap(True)  # within the tile's width, not widening it
        self.change.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.change.setFont(small)
        self.note = QLabel()
        self.note.setObjectName("figureNote")
        self.note.setFont(small)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.caption, self.value, self.change, self.note):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(label)
        box.addStretch(1)

    def show_figure(self, caption: str, value: str, change: str, colour: str, note: str,
                    tip: str, clickable: bool) -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.change.setText(change)
        self.change.setVisible(bool(change))
        self.change.setStyleSheet(f"color: {colour};")
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setToolTip(tip)
        self.setAccessibleName(f"{caption}: {value}")
        self.setAccessibleDescription(" ".join(t for t in (change, note, tip) if t))
        self.clickable = clickable
        self.setProperty("clickable", "true" if clickable else "false")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable
                            else Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable
                       else Qt.CursorShape.ArrowCursor)
        self.style().unpolish(self)
        self.style().polish(self)

    def activate(self) -> None:
        if self.clickable:
            self.sig_activated.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activate()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                              Qt.Key.Key_Space):
            self.activate()
            event.accept()
            return
        super().keyPressEvent(event)


class DashboardView(QWidget):
    """The key figures and charts of ``services.reports.dashboard`` for the signed-in
    user, each leading to the list behind it."""

    sig_loaded = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.context = context
        self._language = ui_language()
        self.service = context.services.reports
        self.dashboard: Dashboard | None = None
        self.loading = False
        self.loads = 0  # loads finished: a test waits for the next
        self._again = False  # asked to load while loading: once more when done
        self._stale = False  # changed while hidden: load when shown
        self.tiles: dict[str, FigureTile] = {}
        self.charts: dict[str, ChartView] = {}
        self._build()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.on_timer)
        context.hub.sig_changed.connect(self.on_changed)
        self.refresh()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.scope_label = QLabel()
        self.scope_label.setObjectName("dashboardScope")
        bold = QFont(self.scope_label.font())
        bold.setBold(True)
        self.scope_label.setFont(bold)
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.setToolTip(self.tr("Load the figures again (F5)"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.scope_label)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)

        self.tile_row = QHBoxLayout()
        self.tile_row.setContentsMargins(0, 0, 0, 0)
        self.tile_row.setSpacing(8)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        # The revenue by month and the days past due (many categories along the axis)
        # on the wider left; the stages (bars) and the tiers (a pie) on the right.
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(self.tile_row)
        layout.addLayout(self.grid, 1)

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """F5, the window's Refresh."""
        self.refresh()

    def refresh(self) -> bool:
        """Load the figures in the background; while a load runs, once more after it
        (never two at a time). False when it only asked for the next."""
        self.timer.stop()
        self._stale = False
        if self.loading:
            self._again = True
            return False
        self.loading = True
        self._again = False
        self.status.setText(self.tr("Loading..."))
        self.refresh_button.setEnabled(False)
        service, actor = self.service, self.context.actor
        self.context.runner.run(lambda: service.dashboard(actor), self.on_loaded,
                                self.on_failed, context=self)
        return True

    def on_loaded(self, dashboard: Dashboard) -> None:
        self.loading = False
        self.loads += 1
        self.refresh_button.setEnabled(True)
        self.show_dashboard(dashboard)
        made = dashboard.made_at
        local = made.astimezone() if made.tzinfo is not None else made
        self.status.setText(self.tr("Updated %1").replace("%1", local.strftime("%H:%M")))
        self.status.setToolTip(local.strftime("%Y-%m-%d %H:%M:%S"))
        self.sig_loaded.emit()
        if self._again:
            self.refresh()

    def on_failed(self, error: Exception) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)
        if self.dashboard is None:  # nothing to show: say why
            self.status.setText(self.tr("Could not load the figures."))
            show_error(self, error)
        else:  # the figures shown stay; a quiet word that they are not the newest
            self.status.setText(self.tr("Not updated at %1").replace(
                "%1", datetime.now().strftime("%H:%M")))
            self.status.setToolTip(str(error) or type(error).__name__)
        if self._again:
            self.refresh()

    # --- what changed elsewhere -----------------------------------------------------------
    def on_changed(self, changed: Changed) -> None:
        """A change to what the figures count: load again shortly (a burst of changes
        loads once)."""
        if any(changed.touches(entity) for entity in DEPENDS_ON):
            self.timer.start()

    def on_timer(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- showing --------------------------------------------------------------------------
    def scope_text(self, scope: str) -> str:
        if scope == "own":
            return self.tr("Your records")
        if scope == "team":
            return self.tr("Your team's records")
        return self.tr("All records")

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.scope_label.setText(self.scope_text(dashboard.scope))
        self.scope_label.setToolTip(self.tr("Whose records the figures count"))
        for figure in dashboard.figures:
            tile = self.tiles.get(figure.key)
            if tile is None:
                tile = self.tiles[figure.key] = FigureTile(figure.key)
                tile.sig_activated.connect(self.on_tile)
                self.tile_row.addWidget(tile)
            self._show_figure(tile, figure, dashboard.scope)
        for n, chart in enumerate(dashboard.charts):
            view = self.charts.get(chart.key)
            if view is None:
                view = self.charts[chart.key] = ChartView()
                view.setObjectName(f"{chart.key}Chart")
                view.sig_clicked.connect(self.on_chart_clicked)
                self.grid.addWidget(view, n // 2, n % 2)
            view.show_data(self.chart_data(chart, dashboard.scope))
            self._small_categories(view)
            if chart.kind == "pie":  # the slices' names beside it, where they are read whole
                self._legend_beside(view)
            opens = self.context.navigate is not None and any(
                d is not None for s in chart.series for d in s.drills)
            view.setCursor(Qt.CursorShape.PointingHandCursor if opens
                           else Qt.CursorShape.ArrowCursor)
            view.setToolTip(self.tr("Click a bar or slice to open the list behind it")
                            if opens else "")

    @staticmethod
    def _small_categories(view: ChartView) -> None:
        """The categories along a chart's axis a little smaller, so that twelve months
        ("10月") and the days past due ("Over 90 days") are read whole, not cut to "…"."""
        for axis in view.chart().axes(Qt.Orientation.Horizontal):
            if isinstance(axis, QBarCategoryAxis):
                font = QFont(axis.labelsFont())
                font.setPointSizeF(font.pointSizeF() * 0.9)
                axis.setLabelsFont(font)

    @staticmethod
    def _legend_beside(view: ChartView) -> None:
        """A pie's slices named in the legend beside it (a name with its share), not on
        the slices, where half a page cuts them."""
        view.chart().legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        for series in view.chart().series():
            if isinstance(series, QPieSeries):
                for piece in series.slices():
                    piece.setLabelVisible(False)

    def _show_figure(self, tile: FigureTile, figure: Figure, scope: str) -> None:
        language = self._language
        change, colour = "", SAME
        if figure.before is not None:
            before = value_text(figure.kind, figure.before)
            share = figure.change
            if share is None:
                change = self.tr("Same period last year %1").replace("%1", before)
            else:
                change = self.tr("Same period last year %1, %2").replace(
                    "%1", before).replace("%2", change_text(share))
                colour = UP if share > 0 else DOWN if share < 0 else SAME
        note = self.scope_text(figure.scope) if figure.scope and figure.scope != scope \
            else ""
        clickable = figure.drill is not None and self.context.navigate is not None
        tip = value_text(figure.kind, figure.value, cents=True)
        if clickable:
            tip += "\n" + self.tr("Open the list behind this figure (Enter)")
        elif figure.drill is None:
            tip += "\n" + self.tr("You may not open the list behind this figure.")
        tile.show_figure(figure.label.text(language), figure_value(figure), change, colour,
                         note, tip, clickable)

    def chart_data(self, chart: DashChart, scope: str) -> ChartData:
        language = self._language
        title = chart.title.text(language)
        if chart.scope and chart.scope != scope:
            title = self.tr("%1 (%2)").replace("%1", title).replace(
                "%2", self.scope_text(chart.scope))
        return ChartData(chart.kind, title, [c.text(language) for c in chart.categories],
                         [(s.label.text(language), [float(v) for v in s.values])
                          for s in chart.series],
                         "money" if chart.money else "count")

    # --- the click-through ----------------------------------------------------------------
    def on_tile(self) -> None:
        tile = self.sender()
        if isinstance(tile, FigureTile) and self.dashboard is not None:
            self.open_figure(tile.key)

    def open_figure(self, key: str) -> bool:
        """Open the list behind the figure ``key``; False when there is none to open."""
        if self.dashboard is None:
            return False
        return self.open(self.dashboard.figure(key).drill)

    def on_chart_clicked(self, series: int, category: int) -> None:
        view = self.sender()
        key = next((k for k, v in self.charts.items() if v is view), None)
        if key is not None:
            self.open_element(key, series, category)

    def open_element(self, key: str, series: int, category: int) -> bool:
        """Open the list behind a chart's element (a bar, a slice)."""
        if self.dashboard is None:
            return False
        chart = self.dashboard.chart(key)
        if not 0 <= series < len(chart.series):
            return False
        drills = chart.series[series].drills
        return self.open(drills[category] if 0 <= category < len(drills) else None)

    def open(self, drill: Drill | None) -> bool:
        navigate = self.context.navigate
        if drill is None or navigate is None:
            return False
        if not navigate(drill):
            self.status.setText(self.tr("That list cannot be opened here."))
            return False
        return True

