"""The customer value tab for managers: the contribution tiers (a Pareto chart above the
table, filters by tier and lifecycle, the customers per tier), the key accounts (their
revenue and its trend, receivables, visits, complaints; named or un-named by hand with a
reason), and the churn warnings with their reasons. Recompute (finance.value) runs in the
background and says what changed; Settings... opens the value settings (an administrator
changes them, others read). Everything loads in the background; a double-click opens the
customer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.logic.finance import (
    CHURN_REASONS,
    CREDIT,
    LIFECYCLES,
    RATINGS,
    TIER_WORDS,
    VALUE,
    KeyAccount,
    Recomputed,
    TierRow,
)
from app.logic.kit.dto import Changed
from app.ui.finance.value_chart import ParetoChart, tier_words
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.language import ui_language
from app.ui.kit.opener import open_record
from app.ui.kit.settings_group import SettingsGroupDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WARNING_COLOUR = QColor("#b71c1c")
WATCHED = ("customer", "order", "invoice", "payment", "value_settings")
# (customer code, reason) or None when cancelled: how a test answers the reason dialog
Ask = Callable[[str, str, str, bool], "tuple[str, str] | None"]
# (grade or None for the computed one, reason) or None when cancelled
AskRating = Callable[[str, str], "tuple[str | None, str] | None"]


def words_of(choices: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    chinese = ui_language().startswith("zh")
    return {v: zh if chinese else en for v, en, zh in choices}


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def trend_text(trend: Decimal | None) -> str:
    """+12% / -30%; a dash without revenue in the 12 months before."""
    return "—" if trend is None else f"{float(trend):+.0%}"


@dataclass(frozen=True)
class Loaded:
    tiers: list[TierRow]
    premium: float
    major: float


class RowsModel(QAbstractTableModel):
    """Rows shown as texts: each row's cells made once, its customer's id for opening it,
    numbers right-aligned, warned rows in dark red."""

    def __init__(self, headers: Sequence[str], numeric: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.numeric = set(numeric)
        self.cells: list[tuple[str, ...]] = []
        self.ids: list[int] = []
        self.warned: list[bool] = []
        self.tips: list[str] = []

    def set_rows(self, cells: list[tuple[str, ...]], ids: list[int],
                 warned: list[bool] | None = None, tips: list[str] | None = None) -> None:
        self.beginResetModel()
        self.cells, self.ids = cells, ids
        self.warned = warned or [False] * len(cells)
        self.tips = tips or [""] * len(cells)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()  # noqa: B008
                    ) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[row][column]
        if role == ID_ROLE:
            return self.ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.numeric:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and self.warned[row]:
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and self.tips[row]:
            return self.tips[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def make_table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return table


def fit_columns(table: QTableView, widths: Sequence[int]) -> None:
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)


class ReasonDialog(QDialog):
    """Which customer (its code) and why: the reason required unless ``optional``."""

    def __init__(self, title: str, prompt: str, code: str, required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.required = required
        self.code = QLineEdit(code)
        self.code.setObjectName("reasonCode")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonText")
        self.reason.setMinimumWidth(360)
        if required:
            self.reason.setPlaceholderText(self.tr("Required"))
        form = QFormLayout()
        form.addRow(self.tr("Customer code:"), self.code)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = _ok_cancel(self)
        layout = QVBoxLayout(self)
        words = QLabel(prompt)
        words.setWordWrap(True)
        layout.addWidget(words)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for edit in (self.code, self.reason):
            edit.textChanged.connect(self.check)
        self.check()
        (self.reason if code else self.code).setFocus()

    def check(self) -> None:
        ok = bool(self.code.text().strip()) and \
            (not self.required or bool(self.reason.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel (their words translated), accepting and rejecting ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(dialog.tr("OK"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RatingDialog(QDialog):
    """A credit rating by hand (or the computed one again) and why."""

    def __init__(self, code: str, rating: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingDialog")
        self.setWindowTitle(self.tr("Set rating by hand"))
        self.grade = QComboBox()
        self.grade.setObjectName("ratingGrade")
        for grade in RATINGS:
            self.grade.addItem(grade, grade)
        self.grade.addItem(self.tr("As computed"), None)
        found = self.grade.findData(rating)
        self.grade.setCurrentIndex(max(found, 0))
        self.reason = QLineEdit()
        self.reason.setObjectName("ratingReason")
        self.reason.setMinimumWidth(360)
        form = QFormLayout()
        form.addRow(self.tr("Customer code:"), QLabel(code))
        form.addRow(self.tr("Rating:"), self.grade)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = _ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self.check)
        self.grade.currentIndexChanged.connect(self.check)
        self.check()
        self.reason.setFocus()

    def check(self) -> None:
        ok = self.grade.currentData() is None or bool(self.reason.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class TiersTab(QWidget):
    """The Pareto chart and the table of tiers, filtered by tier and lifecycle."""

    def __init__(self, page: CustomerValuePage) -> None:
        super().__init__()
        self.setObjectName("tiersTab")
        self.page = page
        self.rows: list[TierRow] = []
        self.tiers = tier_words()
        self.lifecycles = words_of(LIFECYCLES)
        self.reasons = words_of(CHURN_REASONS)
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("tierFilter")
        self.tier_filter.addItem(self.tr("Any tier"), "")
        for value, _en, _zh in TIER_WORDS:
            self.tier_filter.addItem(self.tiers[value], value)
        self.lifecycle_filter = QComboBox()
        self.lifecycle_filter.setObjectName("lifecycleFilter")
        self.lifecycle_filter.addItem(self.tr("Any stage"), "")
        for value, _en, _zh in LIFECYCLES:
            self.lifecycle_filter.addItem(self.lifecycles[value], value)
        for combo in (self.tier_filter, self.lifecycle_filter):
            combo.currentIndexChanged.connect(self.show_rows)
        self.counts = QLabel()
        self.counts.setObjectName("tierCounts")
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown = QLabel()
        self.shown.setObjectName("tierShown")
        self.shown.setStyleSheet("color: palette(placeholder-text);")
        bar = QHBoxLayout()
        for text, combo in ((self.tr("Tier:"), self.tier_filter),
                            (self.tr("Lifecycle:"), self.lifecycle_filter)):
            label = QLabel(text)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        bar.addSpacing(16)
        bar.addWidget(self.counts, 1)
        bar.addWidget(self.shown)
        self.chart = ParetoChart()
        self.model = RowsModel(
            [self.tr("Code"), self.tr("Customer"), self.tr("Revenue (12 months)"),
             self.tr("Cumulative share"), self.tr("Tier"), self.tr("Lifecycle"),
             self.tr("Key account"), self.tr("Churn warning"), self.tr("Rating")],
            numeric=(2, 3), parent=self)
        self.table = make_table(self.model, "tiersTable")
        fit_columns(self.table, (90, 260, 130, 110, 120, 90, 80, 170, 90))
        self.table.doubleClicked.connect(self.page.open_index)
        self.table.customContextMenuRequested.connect(self.on_menu)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def set_rows(self, loaded: Loaded) -> None:
        self.rows = loaded.tiers
        counted = Counter(r.tier for r in self.rows)
        self.counts.setText(" · ".join(f"{self.tiers[t]} {counted.get(t, 0):,}"
                                       for t, _en, _zh in TIER_WORDS))
        self.chart.set_data([(r.revenue, r.share, r.tier) for r in self.rows],
                            loaded.premium, loaded.major)
        self.show_rows()

    def filtered(self) -> list[TierRow]:
        tier, stage = self.tier_filter.currentData(), self.lifecycle_filter.currentData()
        return [r for r in self.rows
                if (not tier or r.tier == tier) and (not stage or r.lifecycle == stage)]

    def show_rows(self, *_args: Any) -> None:
        rows = self.filtered()
        by_hand = self.tr("%1 (by hand)")
        self.model.set_rows(
            [(r.code, r.name, money(r.revenue), f"{r.share * 100:.1f}%",
              by_hand.replace("%1", self.tiers.get(r.tier, r.tier)) if r.manual
              else self.tiers.get(r.tier, r.tier),
              self.lifecycles.get(r.lifecycle, r.lifecycle),
              "★" if r.key_account else "",
              "⚠ " + self.reasons.get(r.churn, r.churn) if r.churn else "",
              by_hand.replace("%1", r.rating) if r.rating_manual and r.rating
              else r.rating) for r in rows],
            [r.customer_id for r in rows], [bool(r.churn) for r in rows])
        self.shown.setText(self.tr("%1 of %2 shown").replace("%1", f"{len(rows):,}")
                           .replace("%2", f"{len(self.rows):,}"))

    def on_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():
            return
        row = self.filtered()[index.row()]
        menu = QMenu(self)
        menu.addAction(self.tr("Open customer"), lambda: self.page.open_customer(
            row.customer_id))
        if self.page.context.can("finance", VALUE):
            menu.addSeparator()
            menu.addAction(self.tr("Name key account..."),
                           lambda: self.page.name_key_account(row.code, True))
            menu.addAction(self.tr("Not a key account..."),
                           lambda: self.page.name_key_account(row.code, False))
            menu.addAction(self.tr("As revenue says"),
                           lambda: self.page.name_key_account(row.code, None))
        if self.page.context.can("finance", CREDIT):
            menu.addSeparator()
            menu.addAction(self.tr("Set rating by hand..."),
                           lambda: self.page.set_rating(row.code, row.rating))
        menu.popup(self.table.viewport().mapToGlobal(at))


class KeyAccountsTab(QWidget):
    def __init__(self, page: CustomerValuePage) -> None:
        super().__init__()
        self.setObjectName("keyAccountsTab")
        self.page = page
        self.rows: list[KeyAccount] = []
        may = page.context.can("finance", VALUE)
        self.name_button = QPushButton(self.tr("Name key account..."))
        self.name_button.setObjectName("nameKeyAccount")
        self.name_button.setToolTip(self.tr(
            "Make a customer a key account by hand, whatever its revenue"))
        self.name_button.clicked.connect(lambda: self.page.name_key_account(
            self.chosen_code(), True))
        self.unname_button = QPushButton(self.tr("Not a key account..."))
        self.unname_button.setObjectName("unnameKeyAccount")
        self.unname_button.setToolTip(self.tr(
            "Keep the chosen customer off the key accounts, whatever its revenue"))
        self.unname_button.clicked.connect(lambda: self.page.name_key_account(
            self.chosen_code(), False))
        self.auto_button = QPushButton(self.tr("As revenue says"))
        self.auto_button.setObjectName("autoKeyAccount")
        self.auto_button.setToolTip(self.tr(
            "The chosen customer is a key account again as its revenue says (at the next "
            "recomputation)"))
        self.auto_button.clicked.connect(lambda: self.page.name_key_account(
            self.chosen_code(), None))
        self.summary = QLabel()
        self.summary.setObjectName("keyAccountsSummary")
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for button in (self.name_button, self.unname_button, self.auto_button):
            button.setVisible(may)
            button.setAutoDefault(False)
            bar.addWidget(button)
        self.model = RowsModel(
            [self.tr("Code"), self.tr("Customer"), self.tr("Account manager"),
             self.tr("Revenue (12 months)"), self.tr("Trend"), self.tr("Open"),
             self.tr("Overdue"), self.tr("Last visit"), self.tr("Next visit"),
             self.tr("Open complaints"), self.tr("Named by hand")],
            numeric=(3, 4, 5, 6, 9), parent=self)
        self.table = make_table(self.model, "keyAccountsTable")
        fit_columns(self.table, (90, 210, 130, 130, 64, 110, 110, 90, 90, 80, 80))
        self.table.doubleClicked.connect(self.page.open_index)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[KeyAccount]) -> None:
        self.rows = rows
        by_hand = self.tr("By hand")
        self.model.set_rows(
            [(r.code, r.name, r.owner, money(r.revenue), trend_text(r.trend), money(r.open),
              money(r.overdue), r.last_visit.isoformat() if r.last_visit else "",
              r.next_visit.isoformat() if r.next_visit else "",
              str(r.open_complaints) if r.open_complaints else "",
              by_hand if r.manual else "") for r in rows],
            [r.customer_id for r in rows], [r.overdue > 0 for r in rows],
            [self.tr("Revenue of the 12 months before: %1").replace(
                "%1", money(r.revenue_before)) for r in rows])
        total = sum((r.revenue for r in rows), Decimal(0))
        self.summary.setText(self.tr("%1 key accounts, revenue %2").replace(
            "%1", f"{len(rows):,}").replace("%2", money(total)))

    def on_failed(self, error: Exception) -> None:
        self.page._loaded()
        self.summary.setText(self.tr("Could not load: %1").replace("%1", str(error)))

    def chosen_code(self) -> str:
        index = self.table.currentIndex()
        return self.rows[index.row()].code if index.isValid() else ""


class ChurnTab(QWidget):
    def __init__(self, page: CustomerValuePage) -> None:
        super().__init__()
        self.setObjectName("churnTab")
        self.page = page
        self.rows: list[TierRow] = []
        self.reasons = words_of(CHURN_REASONS)
        self.lifecycles = words_of(LIFECYCLES)
        self.tiers = tier_words()
        self.summary = QLabel()
        self.summary.setObjectName("churnSummary")
        self.model = RowsModel(
            [self.tr("Code"), self.tr("Customer"), self.tr("Reason"),
             self.tr("Revenue (12 months)"), self.tr("Revenue (12 months before)"),
             self.tr("Lifecycle"), self.tr("Tier")],
            numeric=(3, 4), parent=self)
        self.table = make_table(self.model, "churnTable")
        fit_columns(self.table, (90, 260, 170, 140, 170, 90, 90))
        self.table.doubleClicked.connect(self.page.open_index)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[TierRow]) -> None:
        self.rows = rows
        self.model.set_rows(
            [(r.code, r.name, self.reasons.get(r.churn, r.churn), money(r.revenue),
              money(r.revenue_before), self.lifecycles.get(r.lifecycle, r.lifecycle),
              self.tiers.get(r.tier, r.tier)) for r in rows],
            [r.customer_id for r in rows])
        self.summary.setText(self.tr(
            "%1 active customers at risk of leaving: no order or activity for a long time, "
            "or revenue down against the 12 months before.").replace("%1", f"{len(rows):,}"))


    def on_failed(self, error: Exception) -> None:
        self.page._loaded()
        self.summary.setText(self.tr("Could not load: %1").replace("%1", str(error)))


class CustomerValuePage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerValuePage")
        self.context = context
        self.ask: Ask | None = None  # tests answer the reason dialog
        self.ask_rating: AskRating | None = None  # and the rating dialog
        self.loaded: Loaded | None = None
        self.recomputed: Recomputed | None = None
        self._stale = False
        self._loading = 0  # the loads under way
        self.status = QLabel()
        self.status.setObjectName("valueStatus")
        self.status.setWordWrap(True)
        self.recompute_button = QPushButton(self.tr("Recompute"))
        self.recompute_button.setObjectName("recomputeButton")
        self.recompute_button.setToolTip(self.tr(
            "Recompute every customer's tier, rating, key account, lifecycle and churn "
            "warning from the last 24 months"))
        self.recompute_button.clicked.connect(self.recompute)
        self.recompute_button.setVisible(context.can("finance", VALUE))
        self.settings_button = QPushButton(self.tr("Settings..."))
        self.settings_button.setObjectName("valueSettingsButton")
        self.settings_button.setToolTip(self.tr(
            "The thresholds of ratings, tiers, key accounts, lifecycle and churn"))
        self.settings_button.clicked.connect(self.open_settings)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip("F5")
        refresh.clicked.connect(self.reload)
        for button in (self.recompute_button, self.settings_button, refresh):
            button.setAutoDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(refresh)
        bar.addWidget(self.recompute_button)
        bar.addWidget(self.settings_button)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("valueTabs")
        self.tiers = TiersTab(self)
        self.key_accounts = KeyAccountsTab(self)
        self.churn = ChurnTab(self)
        self.tabs.addTab(self.tiers, self.tr("Tiers"))
        self.tabs.addTab(self.key_accounts, self.tr("Key accounts"))
        self.tabs.addTab(self.churn, self.tr("Churn warning"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)
        context.hub.sig_changed.connect(self.on_changed)
        self.reload()

    # --- loading --------------------------------------------------------------------------
    def reload(self, *_args: Any) -> None:
        """The tiers (with the settings' shares), the key accounts and the churn warnings,
        each in the background on its own: one failing leaves the others shown."""
        service = self.context.services.customer_value
        settings = self.context.services.value_settings
        actor = self.context.actor

        def tiers() -> Loaded:
            values = settings.settings(actor).values
            return Loaded(service.tiers(actor), float(values["premium_share"]),
                          float(values["major_share"]))

        self._stale = False
        self._loading = 3
        if not self.status.text():
            self.status.setText(self.tr("Loading..."))
        run = self.context.runner.run
        run(tiers, self.on_tiers, self.on_failed, context=self)
        run(lambda: service.key_accounts(actor), self.on_key_accounts,
            self.key_accounts.on_failed, context=self)
        run(lambda: service.churn_list(actor), self.on_churn, self.churn.on_failed,
            context=self)

    def on_tiers(self, loaded: Loaded) -> None:
        self._loaded()
        self.loaded = loaded
        self.tiers.set_rows(loaded)
        if self.status.text() in ("", self.tr("Loading...")):
            self.status.setText(self.tr("Revenue of the last 12 months, as of the last "
                                        "recomputation."))

    def on_key_accounts(self, rows: list[KeyAccount]) -> None:
        self._loaded()
        self.key_accounts.set_rows(rows)

    def on_churn(self, rows: list[TierRow]) -> None:
        self._loaded()
        self.churn.set_rows(rows)
        self.tabs.setTabText(2, self.tr("Churn warning (%1)").replace(
            "%1", f"{len(rows):,}"))

    def _loaded(self) -> None:
        self._loading = max(0, self._loading - 1)

    def on_failed(self, error: Exception) -> None:
        self._loaded()
        self.status.setText(self.tr("Could not load: %1").replace("%1", str(error)))

    def on_changed(self, changed: Changed) -> None:
        if not any(changed.touches(entity) for entity in WATCHED):
            return
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload_once)
            self._stale = True
        else:
            self._stale = True

    def reload_once(self) -> None:
        if self._stale and not self._loading:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not self._loading:
            self.reload()

    # --- recomputing ----------------------------------------------------------------------
    def recompute(self) -> None:
        service, actor = self.context.services.customer_value, self.context.actor
        self.recompute_button.setEnabled(False)
        self.status.setText(self.tr("Recomputing customer value..."))
        self.context.runner.run(lambda: service.recompute(actor), self.on_recomputed,
                                self.on_recompute_failed, context=self)

    def on_recomputed(self, done: Recomputed) -> None:
        self.recomputed = done
        self.recompute_button.setEnabled(True)
        self.status.setText(self.recomputed_text(done))
        self.reload()

    def recomputed_text(self, done: Recomputed) -> str:
        words = tier_words()
        changes = " · ".join(
            f"{words[t]} {done.before.get(t, 0):,} → {done.after.get(t, 0):,}"
            for t, _en, _zh in TIER_WORDS
            if done.before.get(t, 0) or done.after.get(t, 0))
        return (self.tr("Recomputed as of %1: %2 customers changed.")
                .replace("%1", done.on.isoformat()).replace("%2", f"{done.changed:,}")
                + "  " + changes)

    def on_recompute_failed(self, error: Exception) -> None:
        self.recompute_button.setEnabled(True)
        self.status.clear()
        show_error(self, error)

    # --- key accounts ---------------------------------------------------------------------
    def name_key_account(self, code: str, named: bool | None) -> None:
        """Name (True) or un-name (False) the customer ``code`` a key account by hand, with
        a reason; None: as its revenue says again."""
        if named is True:
            title, prompt = self.tr("Name key account"), self.tr(
                "The customer is a key account whatever its revenue, until set back. Why?")
        elif named is False:
            title, prompt = self.tr("Not a key account"), self.tr(
                "The customer is no key account whatever its revenue, until set back. Why?")
        else:
            title, prompt = self.tr("As revenue says"), self.tr(
                "The customer is a key account again as its revenue says, from the next "
                "recomputation.")
        answer = self.ask_reason(title, prompt, code, named is not None)
        if answer is None:
            return
        customer, reason = answer
        service, actor = self.context.services.customer_value, self.context.actor
        self.status.setText(self.tr("Saving..."))
        self.context.runner.run(
            lambda: service.set_key_account(actor, customer, named, reason),
            lambda _none: self.on_named(customer, named), self.on_name_failed, context=self)

    def ask_reason(self, title: str, prompt: str, code: str, required: bool
                   ) -> tuple[str, str] | None:
        if self.ask is not None:
            return self.ask(title, prompt, code, required)
        dialog = ReasonDialog(title, prompt, code, required, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.code.text().strip(), dialog.reason.text().strip()
        finally:
            dialog.deleteLater()

    def on_named(self, code: str, named: bool | None) -> None:
        text = {True: self.tr("%1 is a key account now (by hand)."),
                False: self.tr("%1 is no key account now (by hand)."),
                None: self.tr("%1 is a key account as its revenue says from the next "
                              "recomputation.")}[named]
        self.status.setText(text.replace("%1", code))
        self.reload()

    def on_name_failed(self, error: Exception) -> None:
        self.status.clear()
        show_error(self, error)

    # --- ratings --------------------------------------------------------------------------
    def set_rating(self, code: str, rating: str) -> None:
        """A credit rating by hand with the reason (finance.credit), or the computed one."""
        answer = self.ask_rating(code, rating) if self.ask_rating is not None \
            else self._ask_rating(code, rating)
        if answer is None:
            return
        grade, reason = answer
        service, actor = self.context.services.customer_value, self.context.actor
        self.status.setText(self.tr("Saving..."))
        self.context.runner.run(lambda: service.set_rating(actor, code, grade, reason),
                                lambda _none: self.on_rated(code, grade),
                                self.on_name_failed, context=self)

    def _ask_rating(self, code: str, rating: str) -> tuple[str | None, str] | None:
        dialog = RatingDialog(code, rating, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.grade.currentData(), dialog.reason.text().strip()
        finally:
            dialog.deleteLater()

    def on_rated(self, code: str, grade: str | None) -> None:
        text = self.tr("%1 is rated %2 now (by hand).").replace("%2", grade) if grade \
            else self.tr("%1 is rated as computed again.")
        self.status.setText(text.replace("%1", code))
        self.reload()

    # --- elsewhere ------------------------------------------------------------------------
    def open_settings(self) -> SettingsGroupDialog:
        dialog = SettingsGroupDialog(self.context, "value_settings", self)
        dialog.open()
        return dialog

    def open_index(self, index: QModelIndex) -> None:
        customer = index.data(ID_ROLE)
        if customer is not None:
            self.open_customer(int(customer))

    def open_customer(self, customer_id: int) -> Any:
        return open_record(self.context, "customer", customer_id, self)
