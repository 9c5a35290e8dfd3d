"""Finance's screens: the invoices' and payments' lists, the invoice form (issue, void, the
payments that paid it, a new invoice from an order), the payment form with its allocation
to the customer's open invoices, the receivables aging as of any date, the customer value
tab, and the customer form's Invoices and Payments tabs. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.finance.invoice_form import InvoiceForm
from app.ui.finance.list_views import InvoiceListView, PaymentListView
from app.ui.finance.page import FinancePage
from app.ui.finance.parts import InvoicesTab, PaymentsTab
from app.ui.finance.payment_form import PaymentForm
from app.ui.finance.receivables import ReceivablesPage
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule

__all__ = ["MODULE", "FinancePage", "InvoiceForm", "InvoiceListView", "InvoicesTab",
           "PaymentForm", "PaymentListView", "PaymentsTab", "ReceivablesPage"]


def invoice_form(context: Context, record_id: int | None, parent: QWidget | None,
                 values: Mapping[str, Any]) -> InvoiceForm:
    return InvoiceForm(context, record_id, parent, initial=dict(values))


def payment_form(context: Context, record_id: int | None, parent: QWidget | None,
                 values: Mapping[str, Any]) -> PaymentForm:
    return PaymentForm(context, record_id, parent, initial=dict(values))


VIEW = ("finance", "view")

MODULE = UiModule(
    "finance", Label("Finance", "财务"), VIEW, FinancePage,
    forms={"invoice": invoice_form, "payment": payment_form},
    parts=(Part("customer", Label("Invoices", "发票"), InvoicesTab, place="tab", order=50,
                right=VIEW),
           Part("customer", Label("Payments", "收款"), PaymentsTab, place="tab", order=55,
                right=VIEW)))
