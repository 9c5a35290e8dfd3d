"""Charts with QtCharts for any screen: column, bar, line and pie charts of categories and
series of numbers, with the values in the tooltip and a click on an element said as
(series, category). The dashboard and the reports draw theirs with it.

A chart is given its words already in the user's language and plain floats; money is
shown with thousands separators, shares as percents. The value axis reads at a glance:
large figures in thousands, millions, billions (K, M, B) in English and in 万 and 亿 in
Chinese (60,000,000,000: 60B, 600亿), shares as percents."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QPieSlice,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.ui.kit.language import ui_language

PALETTE = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#9e9d24",
           "#5d4037")
MAX_CATEGORY_CHARS = 14  # longer names are cut with … on the axis (the tooltip has all)
# The units of the value axis's labels, largest first: English thousands, millions,
# billions; Chinese 万 (10^4) and 亿 (10^8). Used from 10,000 up.
SCALES = {"en": ((1e9, "B"), (1e6, "M"), (1e3, "K")), "zh": ((1e8, "亿"), (1e4, "万"))}
SCALE_FROM = 10_000
TICKS = 5  # about this many steps along the value axis
MAX_LINE_LABELS = 10  # a line of more points names every second, third ... of them


@dataclass(frozen=True)
class ChartData:
    """``kind``: column, bar (horizontal), line or pie (the first series). ``unit``:
    "money", "percent" or "count": how values are shown."""

    kind: str
    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]
    unit: str = "money"


def shown(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:.1%}"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[float]:
    """Round values from at most ``low`` (0 or below) to at least ``high`` in about
    ``count`` equal steps of 1, 2, 2.5 or 5 times a power of ten."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        high = 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude * count >= high - low)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [n * step for n in range(first, last + 1)]


def axis_labels(ticks: Sequence[float], unit: str, language: str) -> list[str]:
    """The value axis's labels of ``ticks``: percents for shares; from 10,000 up in K, M, B
    (English) or 万, 亿 (Chinese); as few decimals as tell the ticks apart."""
    divisor, suffix = 1.0, ""
    if unit == "percent":
        divisor, suffix = 0.01, "%"
    else:
        top = max(abs(t) for t in ticks)
        if top >= SCALE_FROM:
            scales = SCALES["zh" if language.startswith("zh") else "en"]
            divisor, suffix = next((d, s) for d, s in scales if top >= d)
    scaled = [t / divisor for t in ticks]
    places = 0
    while places < 3 and any(abs(round(v, places) - v) > 1e-6 * max(1.0, abs(v))
                             for v in scaled):
        places += 1
    return [f"{v:,.{places}f}{suffix}" if v else "0" for v in scaled]


def value_axis(values: Sequence[float], unit: str, language: str) -> QCategoryAxis:
    """A value axis from 0 (or the lowest value below it) past the highest, labelled at
    round values by ``axis_labels``."""
    ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0))
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(ticks[0] - abs(ticks[1] - ticks[0]) * 1e-6)
    for tick, label in zip(ticks, axis_labels(ticks, unit, language), strict=True):
        axis.append(label, tick)
    axis.setRange(ticks[0], ticks[-1])
    return axis


def category_axis(categories: Sequence[str], most: int = MAX_LINE_LABELS) -> QCategoryAxis:
    """The axis of a line's points (at 0, 1, 2 ...): every category named when they are
    few, else every second, third ... so that the names are read, not cut to "…"."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    count = len(categories)
    every = max(1, math.ceil(count / most))
    axis.setStartValue(-0.5)
    for index in range(0, count, every):
        axis.append(_short(categories[index]), index)
    axis.setRange(-0.5, max(count, 1) - 0.5)
    axis.setGridLineVisible(False)
    return axis


def _short(text: str) -> str:
    return text if len(text) <= MAX_CATEGORY_CHARS else text[:MAX_CATEGORY_CHARS - 1] + "…"


class ChartView(QChartView):
    """One chart. ``sig_clicked(series, category)``: an element was clicked (a bar, a
    slice, a point)."""

    sig_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.data: ChartData | None = None
        self.setChart(QChart())

    def show_data(self, data: ChartData) -> None:
        """Draw ``data`` in place of what the chart showed."""
        self.data = data
        chart = QChart()
        chart.setTitle(data.title)
        # a horizontal bar chart's last value label sits on the right edge: room for it
        chart.setMargins(QMargins(4, 4, 24 if data.kind == "bar" else 8, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        if data.kind == "pie":
            self._pie(chart, data)
        elif data.kind == "line":
            self._line(chart, data)
        else:
            self._bars(chart, data)
        chart.legend().setVisible(data.kind == "pie" or len(data.series) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    # --- kinds -------------------------------------------------------------------------------
    def _bars(self, chart: QChart, data: ChartData) -> None:
        horizontal = data.kind == "bar"
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        categories = list(data.categories)
        if horizontal:  # the first on top, as in a table
            categories.reverse()
        for n, (name, values) in enumerate(data.series):
            bar = QBarSet(name)
            bar.setColor(QColor(PALETTE[n % len(PALETTE)]))
            ordered = list(values)[::-1] if horizontal else list(values)
            bar.append([float(v) for v in ordered])
            bar.hovered.connect(lambda on, index, n=n: self._hover(on, n, index))
            bar.clicked.connect(lambda index, n=n: self._clicked(n, index))
            series.append(bar)
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([_short(c) for c in categories])
        scale = value_axis([float(v) for _, vs in data.series for v in vs], data.unit,
                           ui_language())
        if horizontal:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(scale, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(scale, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        series.attachAxis(scale)

    def _line(self, chart: QChart, data: ChartData) -> None:
        axis = category_axis(data.categories)
        values = value_axis([float(v) for _, vs in data.series for v in vs], data.unit,
                            ui_language())
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for n, (name, points) in enumerate(data.series):
            line = QLineSeries()
            line.setName(name)
            line.setColor(QColor(PALETTE[n % len(PALETTE)]))
            line.setPointsVisible(True)
            for index, value in enumerate(points):
                line.append(QPointF(index, float(value)))
            line.clicked.connect(lambda point, n=n: self._clicked(n, round(point.x())))
            chart.addSeries(line)
            line.attachAxis(axis)
            line.attachAxis(values)

    def _pie(self, chart: QChart, data: ChartData) -> None:
        pie = QPieSeries()
        if data.series:
            _name, values = data.series[0]
            total = sum(float(v) for v in values)
            for index, (category, value) in enumerate(zip(data.categories, values,
                                                          strict=True)):
                piece = QPieSlice(category, float(value))
                piece.setColor(QColor(PALETTE[index % len(PALETTE)]))
                if total and float(value) / total >= 0.04:
                    piece.setLabelVisible(True)
                    piece.setLabel(f"{category} {float(value) / total:.0%}")
                piece.hovered.connect(lambda on, index=index: self._hover(on, 0, index))
                piece.clicked.connect(lambda index=index: self._clicked(0, index))
                pie.append(piece)
        chart.addSeries(pie)

    # --- what the user does ----------------------------------------------------------------
    def _hover(self, on: bool, series: int, index: int) -> None:
        if not on or self.data is None:
            QToolTip.hideText()
            return
        QToolTip.showText(self.cursor().pos(), self.tooltip(series, index), self)

    def tooltip(self, series: int, index: int) -> str:
        """What the tooltip of an element says: its category, series and value."""
        assert self.data is not None
        name, values = self.data.series[series]
        value = shown(float(values[index]), self.data.unit)
        return f"{self.data.categories[index]}\n{name}: {value}"

    def _clicked(self, series: int, index: int) -> None:
        if self.data is not None and self.data.kind == "bar":
            index = len(self.data.categories) - 1 - index  # drawn bottom-up
        self.sig_clicked.emit(series, index)
