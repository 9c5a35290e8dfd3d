"""Record a payment (收款) and say where it goes: the kit's record form (customer found as
the user types, date, amount, method, reference, notes) with, under the fields, the
customer's open invoices. Left on "oldest first" the table shows what the rule will pay
(the logic's own ``allocate``); "by hand" lets the user type an amount per invoice. The
total allocated and the rest (kept as the customer's credit) follow as the user types; more
than the payment, or more than an invoice's open amount, is shown before saving and nothing
is sent. A saved payment shows where it went; only its method, reference and notes
change."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.logic.finance import PAYMENT, OpenInvoice, allocate
from app.logic.kit.dto import Changed, ListQuery, Record
from app.logic.kit.errors import FieldError, ValidationError
from app.ui.finance.invoice_form import RIGHT, money
from app.ui.kit.context import Context
from app.ui.kit.messages import Messages
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import TypedRef

OPEN_STATES = ("issued", "partially_paid")
ZERO = Decimal("0.00")
ERROR_STYLE = "color: #b00020;"
ERROR_BRUSH = QBrush(QColor("#fde7e9"))
NUMBER, DUE, OPEN, ALLOCATE = range(4)


def amount_of(text: str) -> Decimal | None:
    """A typed amount (1,234.5) as money; None when blank or not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value.quantize(Decimal("0.01")) if value.is_finite() else None


def open_invoices(context: Context, customer_id: int) -> list[OpenInvoice]:
    """The customer's issued and partly paid invoices, oldest due first (the lists'
    filters; open is gross less paid)."""
    invoices, actor = context.services.invoices, context.actor
    found: list[OpenInvoice] = []
    for status in OPEN_STATES:
        query = ListQuery(filters=(("customer", customer_id), ("status", status)),
                          sort="due_date")
        for row in invoices.rows(actor, query):
            found.append(OpenInvoice(row.id, row.number, row.due_date, row.issue_date,
                                     Decimal(row.gross) - Decimal(row.paid)))
    return sorted(found, key=lambda i: (i.due_date, i.issue_date, i.id))


class AllocationEditor(QGroupBox):
    """The customer's open invoices and what of the payment goes to each: automatic (the
    oldest due first, shown) or typed by hand; the total allocated, the rest, and what is
    wrong (more than the payment, more than an invoice's open amount)."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentAllocation")
        self.setTitle(self.tr("Allocation to open invoices"))
        self.amount: Decimal | None = None
        self.invoices: list[OpenInvoice] = []
        self._filling = False
        self.automatic = QRadioButton(self.tr("&Oldest first (automatic)"))
        self.automatic.setObjectName("allocateAutomatic")
        self.by_hand = QRadioButton(self.tr("&By hand"))
        self.by_hand.setObjectName("allocateByHand")
        self.automatic.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.automatic)
        group.addButton(self.by_hand)
        self.automatic.toggled.connect(self.on_mode)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("allocationTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Invoice"), self.tr("Due date"), self.tr("Open"), self.tr("Allocate")])
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NUMBER, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DUE, 110), (OPEN, 130), (ALLOCATE, 130)):
            header.resizeSection(column, width)
        self.table.itemChanged.connect(self.on_item)
        self.summary = QLabel()
        self.summary.setObjectName("allocationSummary")
        self.problem = QLabel()
        self.problem.setObjectName("allocationProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.hint = QLabel()
        self.hint.setObjectName("allocationHint")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        modes = QHBoxLayout()
        modes.addWidget(self.automatic)
        modes.addWidget(self.by_hand)
        modes.addStretch(1)
        modes.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        self.set_invoices(None, [])

    # --- content --------------------------------------------------------------------------
    def set_invoices(self, customer_id: int | None, invoices: list[OpenInvoice]) -> None:
        self.invoices = list(invoices)
        self._filling = True
        self.table.setRowCount(len(self.invoices))
        for n, invoice in enumerate(self.invoices):
            for column, text in ((NUMBER, invoice.number), (DUE, invoice.due_date.isoformat()),
                                 (OPEN, money(invoice.open))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == OPEN:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(n, column, item)
            cell = QTableWidgetItem("")
            cell.setTextAlignment(RIGHT)
            self.table.setItem(n, ALLOCATE, cell)
        self._filling = False
        if customer_id is None:
            self.hint.setText(self.tr("Choose the customer to see its open invoices."))
        elif not self.invoices:
            self.hint.setText(self.tr("The customer has no open invoices: the payment is "
                                      "kept as its credit and pays the next invoice "
                                      "issued."))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))
        self.refresh()

    def set_amount(self, amount: Decimal | None) -> None:
        self.amount = amount
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.automatic, self.by_hand):
            widget.setEnabled(not read_only)

    def on_mode(self) -> None:
        self.refresh()
        if self.by_hand.isChecked() and self.table.rowCount():
            self.table.setCurrentCell(0, ALLOCATE)
            self.table.setFocus()
        self.sig_changed.emit()

    def on_item(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != ALLOCATE:
            return
        if self.automatic.isChecked():  # typing an amount means: by hand
            self.by_hand.setChecked(True)
        self.refresh()
        self.sig_changed.emit()

    def cell(self, row: int) -> QTableWidgetItem:
        """The Allocate cell of ``row``."""
        item = self.table.item(row, ALLOCATE)
        assert item is not None
        return item

    # --- figures --------------------------------------------------------------------------
    def typed(self) -> dict[str, str]:
        """By hand: invoice number -> the text typed (blank rows left out)."""
        found = {}
        for n, invoice in enumerate(self.invoices):
            text = self.cell(n).text().strip()
            if text:
                found[invoice.number] = text
        return found

    def by_hand_amounts(self) -> dict[str, Any] | None:
        """What to send as ``by_hand``: None when automatic."""
        if self.automatic.isChecked():
            return None
        return {number: (amount_of(text) if amount_of(text) is not None else text)
                for number, text in self.typed().items()}

    def shares(self) -> dict[str, Decimal]:
        """Invoice number -> amount: the rule's when automatic, the typed ones by hand."""
        if self.automatic.isChecked():
            if self.amount is None or self.amount <= ZERO:
                return {}
            paid = allocate(self.amount, self.invoices)
            return {i.number: paid[i.id] for i in self.invoices if i.id in paid}
        return {number: value for number, text in self.typed().items()
                if (value := amount_of(text)) is not None}

    def errors(self) -> dict[str, str]:
        """What is wrong with the allocation typed: per invoice number, and "" for the
        whole (more than the payment)."""
        if self.automatic.isChecked():
            return {}
        found: dict[str, str] = {}
        by_number = {i.number: i for i in self.invoices}
        for number, text in self.typed().items():
            value = amount_of(text)
            if value is None:
                found[number] = self.tr("Not an amount: %1").replace("%1", text)
            elif value <= ZERO:
                found[number] = self.tr("The amount for %1 must be more than 0.").replace(
                    "%1", number)
            elif value > by_number[number].open:
                found[number] = self.tr("%1 is more than the %2 open on %3.").replace(
                    "%1", money(value)).replace("%2", money(by_number[number].open)).replace(
                    "%3", number)
        total = sum(self.shares().values(), ZERO)
        if not found and self.amount is not None and total > self.amount:
            found[""] = self.tr("%1 allocated is more than the payment's %2.").replace(
                "%1", money(total)).replace("%2", money(self.amount))
        return found

    def refresh(self) -> None:
        """The automatic amounts in the table, the totals, what is wrong."""
        shares = self.shares()
        automatic = self.automatic.isChecked()
        errors = self.errors()
        self._filling = True
        for n, invoice in enumerate(self.invoices):
            cell = self.cell(n)
            if automatic:
                share = shares.get(invoice.number)
                cell.setText(money(share) if share is not None else "")
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            else:
                cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsEditable)
            wrong = errors.get(invoice.number, "")
            cell.setToolTip(wrong)
            cell.setBackground(ERROR_BRUSH if wrong else QBrush())
        self._filling = False
        total = sum(shares.values(), ZERO)
        rest = (self.amount or ZERO) - total
        self.summary.setText(self.tr("Allocated %1 · Rest (credit) %2").replace(
            "%1", money(total)).replace("%2", money(rest)))
        self.show_problems(list(errors.values()))

    def show_problems(self, lines: list[str]) -> None:
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def show_service_errors(self, errors: Mapping[str, FieldError]) -> None:
        """The service's refusal of the allocation: beside its invoice, and in words."""
        lines, words = [], Messages(self)
        self._filling = True  # marking a cell is no edit
        for key, problem in errors.items():
            number = key.removeprefix("allocate").strip("[]")
            for n, invoice in enumerate(self.invoices):
                if invoice.number == number:
                    cell = self.cell(n)
                    cell.setBackground(ERROR_BRUSH)
                    cell.setToolTip(words.field_error(problem))
            lines.append(words.field_error(problem))
        self._filling = False
        self.show_problems(lines)

    def show_saved(self, rows: list[tuple[str, Any, Any]]) -> None:
        """Where a saved payment went: invoice, date, amount."""
        self.setTitle(self.tr("Allocated to invoices"))
        self.automatic.hide()
        self.by_hand.hide()
        self.table.setHorizontalHeaderLabels(
            [self.tr("Invoice"), self.tr("Date"), "", self.tr("Amount")])
        self.invoices = []
        self._filling = True
        self.table.setRowCount(len(rows))
        for n, (number, day, amount) in enumerate(rows):
            for column, text in ((NUMBER, str(number)), (DUE, day.isoformat()), (OPEN, ""),
                                 (ALLOCATE, money(amount))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == ALLOCATE:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(n, column, item)
        self._filling = False
        total = sum((Decimal(str(a)) for _, _, a in rows), ZERO)
        self.summary.setText(self.tr("Allocated %1").replace("%1", money(total)))
        self.hint.hide()
        self.problem.hide()


class PaymentForm(RecordForm):
    def __init__(self, context: Context, payment_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        self.allocation = AllocationEditor()
        self._loaded_for: Any = object()
        self._allocation_dirty = False
        super().__init__(context, "payments", PAYMENT, payment_id, parent, initial)
        self.fields.sig_edited.connect(self.on_fields_edited)
        self.fields.editor("customer").currentIndexChanged.connect(self.on_customer)
        self.allocation.sig_changed.connect(self.on_allocation_changed)

    def _details(self) -> QWidget:
        """The payment's fields above, its allocation below."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("paymentSplit")
        split.addWidget(super()._details())
        split.addWidget(self.allocation)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        return split

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))

    def choices_task(self) -> Any:
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            return {"customer": customers()}

        return choices

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        self._allocation_dirty = False
        if record is None:
            if "customer" not in self.initial:
                self.customer.clear_if_new(None)  # chosen, never assumed
                self.fields.mark_clean()
            self._loaded_for = object()
            self.on_customer()
            self.on_fields_edited()
            return
        for name in self.fields.names():  # once received: method, reference, notes
            if name not in ("method", "reference", "notes"):
                self.fields.editor(name).setEnabled(False)
        payments, actor, payment_id = self.context.services.payments, self.context.actor, \
            record.id
        self.context.runner.run(lambda: payments.allocations(actor, payment_id),
                                self.allocation.show_saved, lambda _error: None,
                                context=self)

    def on_customer(self, *_args: Any) -> None:
        """The chosen customer's open invoices, in the background."""
        if self.record is not None:
            return
        customer_id = self.fields.value("customer")
        if customer_id == self._loaded_for:
            return
        self._loaded_for = customer_id
        if not isinstance(customer_id, int):
            self.allocation.set_invoices(None, [])
            return
        context = self.context
        self.context.runner.run(lambda: open_invoices(context, customer_id),
                                lambda found: self.on_invoices(customer_id, found),
                                self.on_invoices_failed, context=self)

    def on_invoices(self, customer_id: int, found: list[OpenInvoice]) -> None:
        if customer_id == self.fields.value("customer") and self.record is None:
            self.allocation.set_invoices(customer_id, found)

    def on_invoices_failed(self, _error: Exception) -> None:
        self.allocation.set_invoices(None, [])

    def on_fields_edited(self) -> None:
        if self.record is None:
            self.allocation.set_amount(amount_of(str(self.fields.value("amount") or "")))

    def on_allocation_changed(self) -> None:
        if self.record is None and self.allocation.by_hand.isChecked():
            self._allocation_dirty = True
            self.setWindowModified(True)

    def is_dirty(self) -> bool:
        return self.fields.is_dirty() or self._allocation_dirty

    def mark_clean(self) -> None:
        """Nothing left to save (a test closing the form, a discard)."""
        self.fields.mark_clean()
        self._allocation_dirty = False
        self.setWindowModified(False)

    # --- saving ---------------------------------------------------------------------------
    def on_save(self) -> None:
        if self.record is not None:
            super().on_save()
            return
        if not self.may_save() or self.fields.read_only:
            return
        if self.allocation.errors():  # shown under the table already; nothing is sent
            self.allocation.refresh()
            self.status.setText(self.tr("The allocation is more than can be paid; "
                                        "correct it. Nothing was saved."))
            return
        values = self.create_values()
        self.customer.typed(values)
        by_hand = self.allocation.by_hand_amounts()
        payments, actor = self.context.services.payments, self.context.actor
        self.status.setText(self.tr("Saving..."))
        self.save_button.setEnabled(False)
        self.context.runner.run(lambda: payments.receive(actor, values, by_hand),
                                self.on_saved, self.on_save_failed, context=self)

    def on_saved(self, changed: Changed) -> None:
        self._allocation_dirty = False
        super().on_saved(changed)
        self.setWindowModified(False)

    def show_validation(self, error: ValidationError) -> None:
        mine = {k: v for k, v in error.errors.items() if k.startswith("allocate")}
        if mine:
            self.allocation.show_service_errors(mine)
            self.status.setText(self.tr("The allocation was refused. Nothing was saved."))
        rest = {k: v for k, v in error.errors.items() if not k.startswith("allocate")}
        if rest:
            super().show_validation(ValidationError(rest))

    def default_size(self) -> QSize:
        return QSize(960, 720)
