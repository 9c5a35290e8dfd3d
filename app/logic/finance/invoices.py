"""Invoices and payments on the kit's write path, and what only they have: an invoice for
what of an order is not yet invoiced, issue and void (refused once anything is paid), a
payment allocated to the customer's open invoices (oldest due first, or by hand), and the
customer's credit (an unallocated rest) used by the next allocation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.data.finance import (
    OPEN_UNTIL,
    InvoiceQueries,
    InvoiceRepository,
    PaymentQueries,
    PaymentRepository,
)
from app.data.kit.uow import UnitOfWork
from app.logic.customers import require_customer
from app.logic.finance.fields import INVOICE, PAYMENT
from app.logic.finance.receivables import refresh_rating
from app.logic.finance.rules import ZERO, OpenInvoice, allocate, invoice_status
from app.logic.kit import fields as f
from app.logic.kit.dto import Actor, Changed
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.service import RecordService
from app.logic.kit.timeline import Moment
from app.logic.kit.validation import Checker
from app.logic.kit.workflow import Transition

# The states of an order that may be invoiced (the sales module's words).
INVOICEABLE = ("confirmed", "delivered")


class InvoiceService(RecordService):
    entity = INVOICE
    repository = InvoiceRepository
    queries = InvoiceQueries

    # --- named use cases --------------------------------------------------------------
    def create_invoice(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        """A draft invoice: customer, net and tax (gross their sum), issue date (today),
        payment terms (the customer's) and due date (issue date + terms); an order, if
        named, of the same customer."""
        return self._create(actor, values)

    def invoice_order(self, actor: Actor, order: int | str, issue: bool = False,
                      values: Mapping[str, Any] | None = None) -> Changed:
        """A draft invoice for what of the order (by id or number) is not yet invoiced:
        its net and tax less those of its invoices that are not void; ``issue``: issued at
        once (with the right finance.issue). Refused for an order not confirmed or
        delivered, or one invoiced in full."""
        self._require(actor, "create")
        if issue:
            self._require(actor, "issue")
        with self._open(actor, write=False) as uow:
            repo = self._repo_of(uow)
            found = repo.order_by_number(order) if isinstance(order, str) else \
                repo.order(order)
            if found is None:
                raise NotFound("order", order)
            if found.status not in INVOICEABLE:
                raise ValidationError({"order": FieldError(
                    "not_invoiceable", f"{found.number} is {found.status}: only a confirmed "
                                       f"or delivered order is invoiced")})
            net, tax = repo.invoiced_of_order(found.id)
            rest_net, rest_tax = found.net - net, found.tax - tax
            if rest_net + rest_tax <= ZERO:
                raise ValidationError({"order": FieldError(
                    "invoiced", f"{found.number} is invoiced in full ({found.gross:.2f})")})
            given = {"customer": found.customer_id, "order": found.id, "net": rest_net,
                     "tax": rest_tax, "payment_terms_days": found.payment_terms_days,
                     **(values or {})}
        changed = self._create(actor, given)
        if not issue:
            return changed
        return self.issue_invoice(actor, changed.ids[0], changed.version)

    def issue_invoice(self, actor: Actor, invoice_id: int, expected_version: int) -> Changed:
        """Draft -> issued (finance.issue); a credit the customer has (payments not fully
        allocated) pays it at once, the oldest first."""
        return self.transit(actor, invoice_id, expected_version, "issue")

    def void_invoice(self, actor: Actor, invoice_id: int, expected_version: int,
                     reason: str) -> Changed:
        """Draft or issued -> void (finance.void), with the reason; refused once anything
        of it is paid."""
        return self.transit(actor, invoice_id, expected_version, "void",
                            {"void_reason": reason})

    def allocations(self, actor: Actor, invoice_id: int) -> list[tuple[str, date, Decimal]]:
        """(payment number, day, amount) of what paid the invoice."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            self._load(uow, actor, invoice_id)
            return self._repo_of(uow).allocations_of(invoice_id)

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's invoices on its timeline, when made."""
        self._require(actor, "view")
        statuses = {c.value: c.label for c in INVOICE.field("status").choices}
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            return [Moment(i.created_at, INVOICE.name, i.id, INVOICE.label,
                           f"{i.gross:,.2f}", statuses.get(i.status), i.number)
                    for i in self._repo_of(uow).of_customer(customer_id, limit)]

    # --- hooks ------------------------------------------------------------------------
    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        repo = self._repo_of(uow)
        if record is not None and record.status != "draft":
            names = [n for n in values if n != "notes"]
            if names:
                raise ValidationError({names[0]: FieldError(
                    "not_draft", f"cannot be changed: the invoice is {record.status} (only "
                                 f"a draft invoice is edited)")})
        customer = values.get("customer", record.customer_id if record else None)
        order_id = values.get("order", record.order_id if record else None)
        if order_id is not None and ("order" in values or "customer" in values):
            order = repo.order(order_id)
            if order is not None and order.customer_id != customer:
                raise ValidationError({"order": FieldError(
                    "other_customer", f"{order.number} is another customer's order")})
        if record is None:
            if values.get("issue_date") is None:
                values["issue_date"] = date.today()
            if values.get("payment_terms_days") is None:
                terms = repo.customer_terms(values["customer"])
                values["payment_terms_days"] = 30 if terms is None else terms
            for name in ("net", "tax"):
                if values.get(name) is None:
                    values[name] = ZERO
        net = values.get("net", record.net if record else ZERO)
        tax = values.get("tax", record.tax if record else ZERO)
        if "net" in values or "tax" in values or record is None:
            if net + tax <= ZERO:
                raise ValidationError({"net": FieldError(
                    "not_positive", "net and tax together must be more than 0")})
            values["gross"] = net + tax
        if record is None and values.get("due_date") is None:
            values["due_date"] = values["issue_date"] + timedelta(
                days=int(values["payment_terms_days"]))

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        if action == "update" and "due_date" not in values and \
                ("issue_date" in values or "payment_terms_days" in values):
            record.due_date = record.issue_date + timedelta(
                days=int(record.payment_terms_days or 0))
        if action == "void":
            record.settled_on = date.today()
        if action in ("create", "update"):
            record.gross = record.net + record.tax

    def check_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: dict[str, Any], record: Any) -> None:
        if transition.name == "void" and record.paid > ZERO:
            state = INVOICE.field("status").choice_label(record.status, "en").lower()
            raise ValidationError({"status": FieldError(
                "paid", f"{record.number} cannot be voided: it is {state} ({record.paid:.2f} "
                        f"received); a credit note or a refund undoes a payment")})

    def after_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: Mapping[str, Any], record: Any) -> None:
        if transition.name == "issue":
            use_credits(uow, record.customer_id, max(record.issue_date, date.today()))

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        """The payments that paid it (a credit used as it was issued): their screens show
        what they allocated now."""
        return tuple((PAYMENT.name, p) for p in self._repo_of(uow).payment_ids(record.id))

    def _assign_key(self, repo: Any, values: dict[str, Any], record_id: int | None) -> None:
        if record_id is None and not values.get("number") and values.get("issue_date"):
            values["number"] = repo.next_code(INVOICE.code_prefix, INVOICE.code_width,
                                              values["issue_date"].year)
        super()._assign_key(repo, values, record_id)

    def _repo_of(self, uow: UnitOfWork) -> InvoiceRepository:
        return uow.get(InvoiceRepository)


class PaymentService(RecordService):
    entity = PAYMENT
    repository = PaymentRepository
    queries = PaymentQueries

    def receive(self, actor: Actor, values: Mapping[str, Any],
                by_hand: Mapping[str, Any] | None = None) -> Changed:
        """Record a payment and allocate it in the same write: ``by_hand`` (invoice number
        -> amount) exactly, else to the customer's open invoices oldest due first. More
        than the payment, or more than an invoice's open amount, is refused and nothing is
        written. The rest stays on the customer as a credit."""
        wanted = _amounts(by_hand or {})
        return self._create(actor, values, build=lambda uow, record: self._allocate(
            uow, record, wanted))

    def allocations(self, actor: Actor, payment_id: int) -> list[tuple[str, date, Decimal]]:
        """(invoice number, day, amount) of where the payment went."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            self._load(uow, actor, payment_id)
            return uow.get(PaymentRepository).allocations_of(payment_id)

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        self._require(actor, "view")
        methods = {c.value: c.label for c in PAYMENT.field("method").choices}
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            return [Moment(p.created_at, PAYMENT.name, p.id, PAYMENT.label,
                           f"{p.amount:,.2f}", methods.get(p.method), p.number)
                    for p in uow.get(PaymentRepository).of_customer(customer_id, limit)]

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is not None:
            names = [n for n in values if n not in ("notes", "reference", "method")]
            if names:
                raise ValidationError({names[0]: FieldError(
                    "allocated", "cannot be changed once received (its allocations rest "
                                 "on it); only the method, reference and notes")})
            return
        if values.get("payment_date") is None:
            values["payment_date"] = date.today()
        if values["amount"] <= ZERO:
            raise ValidationError({"amount": FieldError("not_positive",
                                                        "must be more than 0")})

    def create(self, actor: Actor, values: Mapping[str, Any], *,
               allow_duplicate: bool = False) -> Changed:
        """A payment made by the generic verbs is allocated oldest-due-first too."""
        return self.receive(actor, values)

    # An imported payment may name the invoice it pays (by number): all of it goes there
    # (more than its open amount is refused, as by hand); without one, oldest first.
    import_fields = (f.text("invoice", "Invoice", "发票", 40, kind="code"),)

    def create_imported(self, actor: Actor, values: Mapping[str, Any],
                        extra: Mapping[str, Any]) -> Changed:
        invoice = str(extra.get("invoice") or "").strip().upper()
        if not invoice:
            return self.receive(actor, values)
        return self.receive(actor, values, {invoice: values.get("amount")})

    def _allocate(self, uow: UnitOfWork, payment: Any, wanted: Mapping[str, Decimal]
                  ) -> dict[str, list[Any]]:
        repo = uow.get(PaymentRepository)
        invoices = uow.get(InvoiceRepository)
        repo.lock_customer(payment.customer_id)
        found = invoices.open_of(payment.customer_id)
        if wanted:
            named = invoices.by_numbers(list(wanted))
            stray = [n for n, inv in named.items() if inv.customer_id != payment.customer_id]
            if stray:
                raise ValidationError({f"allocate[{stray[0]}]": FieldError(
                    "other_customer", f"{stray[0]} is another customer's invoice")})
        shares = allocate(payment.amount, [_open(i) for i in found], wanted or None)
        by_id = {i.id: i for i in found}
        lines = []
        for invoice_id, amount in shares.items():
            invoice = by_id[invoice_id]
            repo.allocate(payment, invoice, amount, payment.payment_date)
            _settle(invoice, payment.payment_date)
            lines.append(f"{invoice.number}: {amount:.2f}")
        changes: dict[str, list[Any]] = {
            "allocated": [None, lines],
            "unallocated": [None, f"{payment.amount - payment.allocated:.2f}"]}
        rated = refresh_rating(uow, payment.customer_id)
        if rated is not None:  # the customer's rating follows its payments at once
            changes["credit_rating"] = list(rated)
        return changes

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        """The invoices it paid: their screens show them paid now."""
        return tuple((INVOICE.name, i) for i in uow.get(PaymentRepository).invoice_ids(
            record.id))

    def _assign_key(self, repo: Any, values: dict[str, Any], record_id: int | None) -> None:
        if record_id is None and not values.get("number") and values.get("payment_date"):
            values["number"] = repo.next_code(PAYMENT.code_prefix, PAYMENT.code_width,
                                              values["payment_date"].year)
        super()._assign_key(repo, values, record_id)


def use_credits(uow: UnitOfWork, customer_id: int, day: date) -> bool:
    """Apply the customer's credits (payments with a rest not allocated, the oldest first)
    to its open invoices, the oldest due first, on ``day``: whether any was applied."""
    payments = uow.get(PaymentRepository)
    payments.lock_customer(customer_id)
    credits = payments.credits_of(customer_id)
    if not credits:
        return False
    found = uow.get(InvoiceRepository).open_of(customer_id)
    by_id = {i.id: i for i in found}
    applied = False
    for payment in credits:
        rest = payment.amount - payment.allocated
        shares = allocate(rest, [_open(i) for i in found if i.gross > i.paid])
        for invoice_id, amount in shares.items():
            invoice = by_id[invoice_id]
            payments.allocate(payment, invoice, amount, max(day, payment.payment_date))
            _settle(invoice, max(day, payment.payment_date))
            applied = True
    return applied


def _open(invoice: Any) -> OpenInvoice:
    return OpenInvoice(invoice.id, invoice.number, invoice.due_date, invoice.issue_date,
                       invoice.gross - invoice.paid)


def _settle(invoice: Any, day: date) -> None:
    """The invoice's status after a payment; the day it was paid in full."""
    invoice.status = invoice_status(invoice.gross, invoice.paid)
    invoice.settled_on = day if invoice.status == "paid" else OPEN_UNTIL


def _amounts(by_hand: Mapping[str, Any]) -> dict[str, Decimal]:
    """Invoice number (upper-case) -> an exact amount; a field error for one that is not."""
    c = Checker()
    result = {}
    for number, amount in by_hand.items():
        key = str(number).strip().upper()
        result[key] = c.money(f"allocate[{key}]", amount)
    if c.errors:
        raise ValidationError(c.errors)
    return result
