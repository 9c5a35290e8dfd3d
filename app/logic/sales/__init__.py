"""Sales: opportunities, orders and contracts (issue 7/10, being built). So far the one rule
of an order's exact totals (``totals.py``); the module is not registered yet."""

from app.logic.sales.totals import (
    CENT,
    LineAmounts,
    OrderTotals,
    exact,
    line_amounts,
    order_totals,
    to_cent,
)

__all__ = ["CENT", "LineAmounts", "OrderTotals", "exact", "line_amounts", "order_totals",
           "to_cent"]
