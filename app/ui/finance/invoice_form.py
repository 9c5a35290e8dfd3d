"""Create, read or edit one invoice: the kit's record form with the customer found as the
user types and the order among that customer's, the invoice's moves (Issue; Void, which
asks the reason), and under the fields the payments that paid it. Only a draft is edited
(its notes always); an invoice with money received cannot be voided, and the form says
why."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.finance import INVOICE
from app.logic.kit.dto import Changed, Record
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import DependentRef, TypedRef

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def money(value: Any) -> str:
    """Money as people read it: thousands separated, two places."""
    return f"{Decimal(str(value or 0)):,.2f}"


class AllocationsBox(QGroupBox):
    """The payments that paid an invoice (number, date, amount), and why it cannot be
    voided once anything is paid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceAllocations")
        self.setTitle(self.tr("Payments received"))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("allocationsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Payment"), self.tr("Date"), self.tr("Amount")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 110)
        header.resizeSection(2, 130)
        self.note = QLabel()
        self.note.setObjectName("voidRefusal")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5300;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_rows(self, rows: list[tuple[str, Any, Any]]) -> None:
        self.table.setRowCount(len(rows))
        for n, (number, day, amount) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(str(number)))
            self.table.setItem(n, 1, QTableWidgetItem(
                day.isoformat() if hasattr(day, "isoformat") else str(day)))
            cell = QTableWidgetItem(money(amount))
            cell.setTextAlignment(RIGHT)
            self.table.setItem(n, 2, cell)

    def numbers(self) -> list[str]:
        return [item.text() for n in range(self.table.rowCount())
                if (item := self.table.item(n, 0)) is not None]


class InvoiceForm(RecordForm):
    def __init__(self, context: Context, invoice_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        self.allocations = AllocationsBox()
        super().__init__(context, "invoices", INVOICE, invoice_id, parent, initial)

    def _details(self) -> QWidget:
        """The invoice's fields above, the payments that paid it below."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("invoiceSplit")
        split.addWidget(super()._details())
        split.addWidget(self.allocations)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        return split

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))
        self.order = DependentRef(self, "order", "customer")

    def choices_task(self) -> Any:
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            return {"customer": customers(), "order": [("", None)]}

        return choices

    def show_record(self, record: Record | None) -> None:
        if record is not None and record.get("order") is not None:
            ref = record.get("order")
            self.fields.set_choices("order", [("", None), (str(ref.key), ref.id)])
            self.order.loaded_for = object()  # the customer's orders when it changes
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()
        elif record is None:
            self.order.reload()
            self.fields.mark_clean()
        draft = record is None or record.get("status") == "draft"
        if record is not None and not draft:  # only a draft is edited; notes always
            for name in self.fields.names():
                if name != "notes":
                    self.fields.editor(name).setEnabled(False)
        self.show_allocations(record)

    def show_allocations(self, record: Record | None) -> None:
        box = self.allocations
        box.show_rows([])
        box.note.hide()
        box.setVisible(record is not None)
        if record is None:
            return
        paid = Decimal(str(record.get("paid") or 0))
        if paid > 0 and record.get("status") != "void" and \
                self.context.can(INVOICE.module, "void"):
            box.note.setText(self.tr(
                "This invoice cannot be voided: %1 has been received. A credit note or a "
                "refund undoes a payment.").replace("%1", money(paid)))
            box.note.show()
        invoices, actor, invoice_id = self.context.services.invoices, self.context.actor, \
            record.id
        self.context.runner.run(lambda: invoices.allocations(actor, invoice_id),
                                box.show_rows, lambda _error: None, context=self)

    def _show_heading(self) -> None:
        """The number and the customer's name (the invoice has no name of its own)."""
        super()._show_heading()
        if self.record is not None:
            customer = self.record.get("customer")
            self.title.setText(f"{self.record.get('number')}  "
                               f"{getattr(customer, 'label', '') or ''}".strip())

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    def on_changed(self, changed: Changed) -> None:
        """A payment elsewhere paid this invoice: show it as it is now."""
        super().on_changed(changed)
        if self.record is not None and changed.entity == "payment" and \
                not self.is_dirty():
            invoices, actor, invoice_id = self.context.services.invoices, \
                self.context.actor, self.record.id
            self.context.runner.run(lambda: invoices.get(actor, invoice_id),
                                    self.on_fresh, lambda _error: None, context=self)

    def on_fresh(self, record: Record) -> None:
        if self.record is not None and record.version != self.record.version and \
                not self.is_dirty():
            self.show_record(record)

    def default_size(self) -> QSize:
        return QSize(960, 700)
