"""Charts with QtCharts for any screen: column, bar, line and pie charts of categories and
series of numbers, with the values in the tooltip and a click on an element said as
(series, category). The dashboard and the reports draw theirs with it.

A chart is given its words already in the user's language and plain floats; money is
shown with thousands separators, shares as percents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = ("#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#9e9d24",
           "#5d4037")
MAX_CATEGORY_CHARS = 14  # longer names are cut with … on the axis (the tooltip has all)


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
        chart.setMargins(QMargins(4, 4, 4, 4))
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
        values = QValueAxis()
        values.setLabelFormat("%.0f%%" if data.unit == "percent" else "%.0f")
        if data.unit == "percent":
            values.setLabelFormat("%.0f")
        top = max((float(v) for _, vs in data.series for v in vs), default=0.0)
        values.setRange(0, top * 1.08 if top > 0 else 1)
        values.applyNiceNumbers()
        if horizontal:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        series.attachAxis(values)

    def _line(self, chart: QChart, data: ChartData) -> None:
        axis = QBarCategoryAxis()
        axis.append([_short(c) for c in data.categories])
        values = QValueAxis()
        top = max((float(v) for _, vs in data.series for v in vs), default=0.0)
        values.setRange(0, top * 1.05 if top > 0 else 1)
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
