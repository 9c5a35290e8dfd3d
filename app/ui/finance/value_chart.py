"""The Pareto chart of the contribution tiers: each customer's revenue of the last 12 months
as a bar, largest first (coloured by its tier), the cumulative share of revenue as a line,
and the premium (80%) and major (95%) shares as dashed lines. Drawn with QPainter; more
customers than ``MAX_POINTS`` are drawn in as many groups (a group's bar: its largest
revenue; the line: the share at its end)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.logic.finance import TIER_WORDS
from app.ui.kit.language import ui_language

MAX_POINTS = 300
TIER_COLOURS = {"premium": "#2e7d32", "major": "#1565c0", "ordinary": "#9e9e9e",
                "restricted": "#c62828", "potential": "#f9a825"}
LINE_COLOUR = "#e65100"


@dataclass(frozen=True)
class Point:
    revenue: float  # the bar: the customer's (or its group's largest) revenue
    share: float  # the cumulative share at the bar's end, 0 to 1
    tier: str


def sample(rows: Sequence[tuple[Decimal, Decimal, str]], limit: int = MAX_POINTS
           ) -> list[Point]:
    """``rows`` (revenue, cumulative share, tier) largest first, the ones with revenue, in at
    most ``limit`` points."""
    found = [(float(r), float(s), t) for r, s, t in rows if r > 0]
    if len(found) <= limit:
        return [Point(r, s, t) for r, s, t in found]
    points = []
    for n in range(limit):
        group = found[n * len(found) // limit:(n + 1) * len(found) // limit]
        biggest = max(group, key=lambda g: g[0])
        points.append(Point(biggest[0], group[-1][1], biggest[2]))
    return points


def tier_words() -> dict[str, str]:
    """Each tier in the UI language."""
    chinese = ui_language().startswith("zh")
    return {v: zh if chinese else en for v, en, zh in TIER_WORDS}


def money_text(value: float) -> str:
    """A short amount for an axis: 1.2M, 350K, 900."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"{value / 1_000:.0f}K"
    return f"{value:.0f}"


class ParetoChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paretoChart")
        self.points: list[Point] = []
        self.customers = 0  # how many customers the points stand for
        self.lines: tuple[float, float] = (0.8, 0.95)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(800, 230)

    def set_data(self, rows: Sequence[tuple[Decimal, Decimal, str]],
                 premium: float = 0.8, major: float = 0.95) -> None:
        self.points = sample(rows)
        self.customers = sum(1 for r, _, _ in rows if r > 0)
        self.lines = (premium, major)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        metrics = QFontMetrics(self.font())
        text_colour = palette.text().color()
        faint = QColor(text_colour)
        faint.setAlpha(60)
        high = max((p.revenue for p in self.points), default=0.0)
        left = metrics.horizontalAdvance(money_text(high) or "0") + 12
        right = metrics.horizontalAdvance("100%") + 12
        top, bottom = metrics.height() + 8, metrics.height() + 10
        plot = QRectF(left, top, max(10, self.width() - left - right),
                      max(10, self.height() - top - bottom))
        painter.setPen(QPen(faint, 1))
        painter.drawRect(plot)
        if not self.points:
            painter.setPen(text_colour)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text())
            painter.end()
            return
        # the axes' words
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, plot.top() - metrics.height() / 2, left - 6,
                                metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         money_text(high))
        painter.drawText(QRectF(0, plot.bottom() - metrics.height() / 2, left - 6,
                                metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0")
        for share in (0.0, 0.5, 1.0):
            y = plot.bottom() - share * plot.height()
            painter.drawText(QRectF(plot.right() + 6, y - metrics.height() / 2, right,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{share:.0%}")
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(),
                                metrics.height() + 6),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self.axis_text())
        # the bars
        width = plot.width() / len(self.points)
        gap = 1.0 if width > 3 else 0.0
        for n, point in enumerate(self.points):
            height = point.revenue / high * plot.height() if high > 0 else 0
            painter.fillRect(QRectF(plot.left() + n * width, plot.bottom() - height,
                                    max(1.0, width - gap), height),
                             QColor(TIER_COLOURS.get(point.tier, "#9e9e9e")))
        # the premium and major shares
        for share, words in zip(self.lines, self.line_words(), strict=True):
            y = plot.bottom() - share * plot.height()
            painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = f"{share:.0%} {words}"
            room = metrics.horizontalAdvance(label) + 8
            box = QRectF(plot.right() - room - 6, y - metrics.height() / 2, room,
                         metrics.height())
            painter.fillRect(box, palette.base())  # readable over the bars and the curve
            painter.setPen(text_colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        # the cumulative share
        path = QPainterPath(QPointF(plot.left(), plot.bottom()))
        for n, point in enumerate(self.points):
            path.lineTo(QPointF(plot.left() + (n + 1) * width,
                                plot.bottom() - point.share * plot.height()))
        painter.setPen(QPen(QColor(LINE_COLOUR), 2))
        painter.drawPath(path)
        # the legend
        x = plot.left()
        for tier, words in self.legend():
            painter.fillRect(QRectF(x, 4, 10, 10), QColor(TIER_COLOURS[tier]))
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + 14, 4 + metrics.ascent() - 1), words)
            x += 14 + metrics.horizontalAdvance(words) + 14
        painter.setPen(QPen(QColor(LINE_COLOUR), 2))
        painter.drawLine(QPointF(x, 9), QPointF(x + 14, 9))
        painter.setPen(text_colour)
        painter.drawText(QPointF(x + 18, 4 + metrics.ascent() - 1), self.tr("Cumulative share"))
        painter.end()

    def legend(self) -> list[tuple[str, str]]:
        words = tier_words()
        return [(t, words[t]) for t in ("premium", "major", "ordinary", "restricted")]

    def line_words(self) -> tuple[str, str]:
        return self.tr("premium"), self.tr("major")

    def empty_text(self) -> str:
        return self.tr("No revenue in the last 12 months")

    def axis_text(self) -> str:
        return self.tr("%1 customers with revenue in the last 12 months, largest first") \
            .replace("%1", f"{self.customers:,}")
