"""What sales add to the customer form (registered as ``Part``s in ``MODULE``): an
Opportunities tab and an Orders tab listing the customer's (Add opens a new one for the
customer)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.logic.sales import OPPORTUNITY, ORDER
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language

CUSTOMER_WORD = Label("customer", "客户")


class OpportunitiesTab(ChildRecordsTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "opportunities", OPPORTUNITY,
                         ("number", "name", "stage", "amount", "probability",
                          "expected_close", "owner"), sort="number",
                         parent_label=CUSTOMER_WORD.text(ui_language()), parent=parent)
        self.setObjectName("customerOpportunitiesTab")


class OrdersTab(ChildRecordsTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "orders", ORDER,
                         ("number", "order_date", "status", "net", "gross", "currency",
                          "salesperson"), sort="order_date",
                         parent_label=CUSTOMER_WORD.text(ui_language()), parent=parent)
        self.setObjectName("customerOrdersTab")
