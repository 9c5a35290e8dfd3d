"""Finance's data: invoices, payments and their allocations, each customer's standing; the
receivables' sums. The module's public API."""

from app.data.finance.bulk import ALLOCATION_BULK, FINANCE_BULK, INVOICE_BULK, PAYMENT_BULK
from app.data.finance.models import (
    BILLED,
    OPEN_INVOICE,
    Allocation,
    Invoice,
    Payment,
    Standing,
)
from app.data.finance.queries import InvoiceQueries, PaymentQueries
from app.data.finance.repository import (
    BUCKETS,
    OPEN_UNTIL,
    AgingRow,
    InvoiceRepository,
    PaymentRepository,
    ReceivablesRepository,
    ValueCounts,
    ValueWindow,
    aging_open_amounts,
    finance_search_key,
)
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["ALLOCATION_BULK", "BILLED", "BUCKETS", "DATA", "FINANCE_BULK", "INVOICE_BULK",
           "OPEN_INVOICE", "OPEN_UNTIL", "PAYMENT_BULK", "AgingRow",
           "Allocation", "Invoice", "InvoiceQueries", "InvoiceRepository",
           "Payment", "PaymentQueries", "PaymentRepository", "ReceivablesRepository",
           "Standing", "ValueCounts", "ValueWindow", "aging_open_amounts", "finance_search_key"]

# Others refer to an invoice or a payment by its number (no owner: finance's rights).
# The port "exposure": what a customer owes, for the credit check of orders.
DATA = DataModule("finance", refs={
    "invoice": RefTarget(Invoice, Invoice.number, Invoice.number, upper=True),
    "payment": RefTarget(Payment, Payment.number, Payment.number, upper=True)},
    ports={"exposure": ReceivablesRepository})
