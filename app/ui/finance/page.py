"""The finance page: invoices, payments, receivables and customer value, as tabs (Ctrl+Tab
moves between them). New makes a payment on the payments' tab, an invoice elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget, QWidget

from app.ui.finance.list_views import InvoiceListView, PaymentListView
from app.ui.finance.receivables import ReceivablesPage
from app.ui.finance.value_page import CustomerValuePage
from app.ui.kit.context import Context


class FinancePage(QTabWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("financePage")
        self.context = context
        self.invoices = InvoiceListView(context)
        self.payments = PaymentListView(context)
        self.receivables = ReceivablesPage(context)
        self.value = CustomerValuePage(context)
        self.addTab(self.invoices, self.tr("&Invoices"))
        self.addTab(self.payments, self.tr("&Payments"))
        self.addTab(self.receivables, self.tr("&Receivables"))
        self.addTab(self.value, self.tr("Customer &value"))

    def new_record(self) -> object:
        if self.currentWidget() is self.payments:
            return self.payments.new_record()
        return self.invoices.new_record()

    def save_state(self, settings: QSettings) -> None:
        self.invoices.save_state(settings)
        self.payments.save_state(settings)
        self.receivables.save_state(settings)
        for child in (self.value,):
            save = getattr(child, "save_state", None)
            if callable(save):
                save(settings)
        settings.setValue("finance/page", self.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        self.invoices.restore_state(settings)
        self.payments.restore_state(settings)
        self.receivables.restore_state(settings)
        for child in (self.value,):
            restore = getattr(child, "restore_state", None)
            if callable(restore):
                restore(settings)
        index = str(settings.value("finance/page", 0))
        self.setCurrentIndex(int(index) if index.isdigit() else 0)
