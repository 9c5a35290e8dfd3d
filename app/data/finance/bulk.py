"""How the finance tables are loaded in bulk (the demo, with the customers): see
app/data/kit/bulk.py. Kept during a big load: the indexes whose keys the rows bring in
order (their customers', their orders', their payments', the numbers: one run per year);
the others are dropped and built again at the end."""

from __future__ import annotations

from app.data.kit.bulk import BulkTable

INVOICE_BULK = BulkTable(
    table="invoices", sequence="invoice", fts_tables={},
    appended_indexes=frozenset({"ix_invoices_customer", "ix_invoices_order",
                                "ix_invoices_list_number"}))
PAYMENT_BULK = BulkTable(
    table="payments", sequence="payment", fts_tables={},
    appended_indexes=frozenset({"ix_payments_customer", "ix_payments_list_number"}))
ALLOCATION_BULK = BulkTable(
    table="payment_allocations", sequence="payment_allocation", fts_tables={},
    appended_indexes=frozenset({"ix_payment_allocations_payment",
                                "ix_payment_allocations_invoice"}))
FINANCE_BULK = (INVOICE_BULK, PAYMENT_BULK, ALLOCATION_BULK)
