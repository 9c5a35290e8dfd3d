"""The lists of invoices (filters by status, customer, issue and due date; overdue ones
stand out; a new invoice from an order) and of payments (filters by customer, method and
date)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QPushButton, QWidget

from app.logic.finance import INVOICE, PAYMENT
from app.logic.kit.dto import Changed, ListQuery
from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.list_view import ListView, RecordListView
from app.ui.kit.opener import open_record

CUSTOMERS_OFFERED = 2000  # customers in a list's customer filter


def overdue_field() -> str:
    """The invoice's late field when the kit can mark rows by it (a listed yes/no field),
    else none: the lists work either way."""
    name = str(INVOICE.extra.get("late_field", ""))
    return name if any(f.name == name and f.kind == "boolean" for f in INVOICE.listed) \
        else ""

INVOICE_VIEWS = (
    ListView(Label("All invoices", "全部发票"), lambda context: ()),
    ListView(Label("Overdue invoices", "逾期发票"), lambda context: (("overdue", True),)),
    ListView(Label("Drafts", "草稿发票"), lambda context: (("status", "draft"),)),
)


def customers(context: Context) -> list[tuple[str, Any]]:
    """The customers the user may see, by name, for a list's customer filter."""
    if not context.can("customers", "view"):
        return []
    rows = context.services.customers.list_page(
        context.actor, ListQuery(sort="name"), None, CUSTOMERS_OFFERED).rows
    return [(f"{r.name} ({r.code})", r.id) for r in rows]


class InvoiceListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "invoices", INVOICE,
                         filters=("status", "customer", "issue_date", "due_date"),
                         loaders={"customer": customers},
                         reload_on={"customer": ("customer",)},
                         search_box=True, late_field=overdue_field(), views=INVOICE_VIEWS,
                         parent=parent)
        self.sig_open.connect(self.open_invoice)
        self.from_order = QPushButton(self.tr("New invoice from &order..."))
        self.from_order.setObjectName("invoiceFromOrder")
        self.from_order.setToolTip(self.tr("Invoice what of a confirmed or delivered order "
                                           "is not yet invoiced"))
        self.from_order.setEnabled(context.can("finance", "create"))
        self.from_order.clicked.connect(self.on_from_order)
        self.add_to_bar(self.from_order)
        # asks the order's number ("" cancels); tests answer without a dialog
        self.ask_order: Callable[[], str] = self.ask_order_number

    def on_changed(self, changed: Changed) -> None:
        """A payment pays invoices (their paid, open and status change): read again."""
        super().on_changed(changed)
        if changed.entity == PAYMENT.name:
            self.model.reload()

    def new_record(self) -> QDialog | None:
        if not self.context.can("finance", "create"):
            return None
        return open_record(self.context, "invoice", None, self)

    def open_invoice(self, invoice_id: int) -> QDialog | None:
        return open_record(self.context, "invoice", invoice_id, self)

    def ask_order_number(self) -> str:
        number, ok = QInputDialog.getText(
            self, self.tr("New invoice from order"),
            self.tr("The number of a confirmed or delivered order (SO...):"))
        return number.strip() if ok else ""

    def on_from_order(self) -> None:
        if not self.context.can("finance", "create"):
            return
        number = self.ask_order().strip().upper()
        if not number:
            return
        invoices, actor = self.context.services.invoices, self.context.actor
        self.from_order.setEnabled(False)
        self.context.runner.run(lambda: invoices.invoice_order(actor, number),
                                self.on_invoiced, self.on_invoice_failed, context=self)

    def on_invoiced(self, changed: Changed) -> None:
        self.from_order.setEnabled(True)
        self.context.hub.broadcast(changed)
        open_record(self.context, "invoice", changed.ids[0], self)

    def on_invoice_failed(self, error: Exception) -> None:
        self.from_order.setEnabled(True)
        show_error(self, error)


class PaymentListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "payments", PAYMENT,
                         filters=("customer", "method", "payment_date"),
                         loaders={"customer": customers},
                         reload_on={"customer": ("customer",)},
                         search_box=True, parent=parent)
        self.sig_open.connect(self.open_payment)

    def on_changed(self, changed: Changed) -> None:
        """Issuing an invoice uses the customer's credit (payments' rests): read again."""
        super().on_changed(changed)
        if changed.entity == INVOICE.name and changed.action == "issue":
            self.model.reload()

    def new_record(self) -> QDialog | None:
        if not self.context.can("finance", "create"):
            return None
        return open_record(self.context, "payment", None, self)

    def open_payment(self, payment_id: int) -> QDialog | None:
        return open_record(self.context, "payment", payment_id, self)
