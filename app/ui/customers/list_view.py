"""The customer list: filter bar, total, and a lazily filled table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.logic.customers import STATUSES, TIERS
from app.logic.dto import Actor, UserRow
from app.logic.services import Services
from app.ui import persist
from app.ui.customers.list_model import ID_ROLE, CustomerListModel
from app.ui.errors import show_error
from app.ui.messages import Messages
from app.ui.tasks import Runner

SETTINGS_KEY = "customers/list"
WIDTHS = (90, 260, 80, 80, 100, 130, 110, 130)


class CustomerListView(QWidget):
    sig_open_customer = Signal(int)
    sig_total_changed = Signal(int)

    def __init__(self, services: Services, actor: Actor, runner: Runner, messages: Messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._messages = messages
        self._search = ""
        self.model = CustomerListModel(services, actor, runner, messages, self)
        self.model.sig_total_changed.connect(self.on_total_changed)
        self.model.sig_failed.connect(self.on_failed)
        self._build()
        self.apply_filters()
        self.load_choices()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_filters())
        self.table = self._build_table()
        layout.addWidget(self.table)

    def _build_filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.status_filter = self._choice_combo("statusFilter", self.tr("All statuses"), STATUSES)
        self.tier_filter = self._choice_combo("tierFilter", self.tr("All tiers"), TIERS)
        self.owner_filter = self._combo("ownerFilter", self.tr("All owners"))
        self.city_filter = self._combo("cityFilter", self.tr("All cities"))
        tips = (self.tr("Status"), self.tr("Tier"), self.tr("Owner"), self.tr("City"))
        for tip, combo in zip(tips, self.filters(), strict=True):
            combo.setToolTip(tip)
            combo.setAccessibleName(tip)
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.on_clear_filters)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        self.total_label = QLabel()
        self.total_label.setObjectName("totalLabel")
        bar.addWidget(self.total_label)
        return bar

    def filters(self) -> tuple[QComboBox, ...]:
        return (self.status_filter, self.tier_filter, self.owner_filter, self.city_filter)

    def _combo(self, name: str, all_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(all_text, None)
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _choice_combo(self, name: str, all_text: str, values: tuple[str, ...]) -> QComboBox:
        combo = self._combo(name, all_text)
        for value in values:
            combo.addItem(self._messages.choice(value), value)
        return combo

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("customerTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.activated.connect(self.on_activated)
        return table

    # --- filters and search ---------------------------------------------------------------
    def set_search(self, text: str) -> None:
        if text.strip() != self._search:
            self._search = text.strip()
            self.apply_filters()

    def apply_filters(self) -> None:
        query = replace(self.model.query, search=self._search,
                        status=self.status_filter.currentData() or "",
                        tier=self.tier_filter.currentData() or "",
                        owner_id=self.owner_filter.currentData(),
                        city=self.city_filter.currentData() or "")
        if query != self.model.query or self.model.total is None:
            self.model.set_query(query)

    def on_clear_filters(self) -> None:
        for combo in self.filters():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()

    def reload(self) -> None:
        self.model.reload()
        self.load_choices()

    def customer_saved(self, customer_id: int) -> None:
        """Show a saved customer's new values without losing the place in the list."""
        self.model.refresh_customer(customer_id)
        self.load_choices()  # a new city or owner joins the filters

    def load_choices(self) -> None:
        self._runner.run(lambda: self._services.auth.list_users(self._actor),
                         self.on_users_loaded, self.on_failed, context=self)
        self._runner.run(lambda: self._services.customers.list_cities(self._actor),
                         self.on_cities_loaded, self.on_failed, context=self)

    def on_users_loaded(self, users: list[UserRow]) -> None:
        self._refill(self.owner_filter, [(u.display_name or u.username, u.id) for u in users])

    def on_cities_loaded(self, cities: list[str]) -> None:
        self._refill(self.city_filter, [(city, city) for city in cities if city])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)

    # --- outcomes -------------------------------------------------------------------------
    def on_total_changed(self, total: int) -> None:
        self.total_label.setText(self.tr("Customers: %1").replace("%1", f"{total:,}"))
        self.sig_total_changed.emit(total)

    def on_failed(self, error: Exception) -> None:
        show_error(self, error)

    def on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open_customer.emit(int(index.data(ID_ROLE)))

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # --- memory ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        persist.save_header(settings, SETTINGS_KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        persist.restore_header(settings, SETTINGS_KEY, self.table.horizontalHeader())
