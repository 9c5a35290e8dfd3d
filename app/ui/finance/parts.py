"""What finance adds to the customer form (registered as ``Part``s in ``MODULE``): an
Invoices tab and a Payments tab listing the customer's (Add opens a new one for the
customer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.finance import INVOICE, PAYMENT
from app.logic.kit.entity import Entity
from app.logic.kit.fields import Label
from app.ui.finance.list_views import overdue_field
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.opener import open_record

CUSTOMER_WORD = Label("customer", "客户")


class FinanceChildTab(ChildRecordsTab):
    """A customer's finance records; Add needs the finance module's right (the kit's tab
    asks the right of its service's name, which here is no module)."""

    def __init__(self, context: Context, service: str, entity: Entity,
                 columns: Sequence[str], sort: str, parent: QWidget | None = None,
                 late_field: str = "") -> None:
        super().__init__(context, service, entity, columns, sort=sort,
                         parent_label=CUSTOMER_WORD.text(ui_language()), parent=parent,
                         late_field=late_field)

    def may_add(self) -> bool:
        return self.parent_id is not None and self.context.can(self.entity.module, "create")

    def update_buttons(self) -> None:
        super().update_buttons()
        self.add_button.setEnabled(self.may_add())

    def on_add(self) -> QDialog | None:
        if not self.may_add():
            return None
        return open_record(self.context, self.entity.name, None, self,
                           {self.parent_field: self.parent_id})


class InvoicesTab(FinanceChildTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "invoices", INVOICE,
                         ("number", "issue_date", "due_date", "status", "gross", "paid",
                          "order"), sort="issue_date", parent=parent,
                         late_field=overdue_field())
        self.setObjectName("customerInvoicesTab")


class PaymentsTab(FinanceChildTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "payments", PAYMENT,
                         ("number", "payment_date", "amount", "method", "reference",
                          "allocated"), sort="payment_date", parent=parent)
        self.setObjectName("customerPaymentsTab")
