"""How the sales tables are loaded in bulk (the demo, with the customers): see
app/data/kit/bulk.py. Kept during a big load: the indexes whose keys the rows bring in
order (their customers', their ids', the numbers: one run per year); the others are dropped
and built again at the end."""

from __future__ import annotations

from app.data.kit.bulk import BulkTable

OPPORTUNITY_BULK = BulkTable(
    table="opportunities", sequence="opportunity", fts_tables={},
    appended_indexes=frozenset({"ix_opportunities_customer",
                                "ix_opportunities_list_number"}))
ORDER_BULK = BulkTable(
    table="sales_orders", sequence="sales_order", fts_tables={},
    appended_indexes=frozenset({"ix_sales_orders_customer_status",
                                "ix_sales_orders_list_number"}))
ORDER_LINE_BULK = BulkTable(
    table="sales_order_lines", sequence="sales_order_line", fts_tables={},
    appended_indexes=frozenset({"ix_sales_order_lines_order"}))
SALES_BULK = (OPPORTUNITY_BULK, ORDER_BULK, ORDER_LINE_BULK)
