"""The sales page: the pipeline board, the opportunities and the orders, as tabs (Ctrl+Tab
moves between them). New makes an order on the orders' tab, an opportunity elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget, QWidget

from app.ui.kit.context import Context
from app.ui.sales.board import PipelineBoard
from app.ui.sales.list_views import OpportunityListView, OrderListView


class SalesPage(QTabWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesPage")
        self.context = context
        self.board = PipelineBoard(context)
        self.opportunities = OpportunityListView(context)
        self.orders = OrderListView(context)
        self.addTab(self.board, self.tr("&Pipeline"))
        self.addTab(self.opportunities, self.tr("O&pportunities"))
        self.addTab(self.orders, self.tr("&Orders"))

    def new_record(self) -> object:
        if self.currentWidget() is self.orders:
            return self.orders.new_record()
        return self.opportunities.new_record()

    def save_state(self, settings: QSettings) -> None:
        self.opportunities.save_state(settings)
        self.orders.save_state(settings)
        settings.setValue("sales/page", self.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        self.opportunities.restore_state(settings)
        self.orders.restore_state(settings)
        index = str(settings.value("sales/page", 0))
        self.setCurrentIndex(int(index) if index.isdigit() else 0)
