"""The rules of money in finance, each in one place (docs/credit.md writes them down):
how a payment is allocated to invoices, an invoice's status from what is paid, and which
aging bucket an amount falls in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.logic.kit.errors import FieldError, ValidationError

ZERO = Decimal("0.00")
# Aging by days past due as of a date: (name, first day, last day), None: no bound.
BUCKETS = (("current", None, 0), ("days_1_30", 1, 30), ("days_31_60", 31, 60),
           ("days_61_90", 61, 90), ("days_over_90", 91, None))


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice a payment may pay: its number, due and issue dates, and what is open."""

    id: int
    number: str
    due_date: date
    issue_date: date
    open: Decimal


def allocate(amount: Decimal, invoices: Sequence[OpenInvoice],
             by_hand: Mapping[str, Decimal] | None = None) -> dict[int, Decimal]:
    """What of ``amount`` goes to which invoice (by id): by hand, exactly the amounts of
    ``by_hand`` (invoice number -> amount); else the oldest due first (then the oldest
    issued, then the first made), each as far as the money goes. What is left stays with
    the customer as a credit. Refused (ValidationError): more than the amount in all, more
    than an invoice's open amount, an amount of zero or less, an invoice not open."""
    if amount < ZERO:
        raise ValidationError({"amount": FieldError("negative", "must not be negative")})
    result: dict[int, Decimal] = {}
    if by_hand:
        errors: dict[str, FieldError] = {}
        by_number = {i.number: i for i in invoices}
        for number, wanted in by_hand.items():
            invoice = by_number.get(number)
            if invoice is None:
                errors[f"allocate[{number}]"] = FieldError(
                    "not_open", f"{number} is not an open invoice of this customer")
            elif wanted <= ZERO:
                errors[f"allocate[{number}]"] = FieldError(
                    "not_positive", f"the amount for {number} must be more than 0")
            elif wanted > invoice.open:
                errors[f"allocate[{number}]"] = FieldError(
                    "over_open", f"{wanted:.2f} is more than the {invoice.open:.2f} open on "
                                 f"{number}")
            else:
                result[invoice.id] = wanted
        total = sum(by_hand.values(), ZERO)
        if not errors and total > amount:
            errors["allocate"] = FieldError(
                "over_amount", f"{total:.2f} allocated is more than the payment's "
                               f"{amount:.2f}")
        if errors:
            raise ValidationError(errors)
        return result
    rest = amount
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.issue_date, i.id)):
        if rest <= ZERO:
            break
        part = min(rest, invoice.open)
        if part > ZERO:
            result[invoice.id] = part
            rest -= part
    return result


def invoice_status(gross: Decimal, paid: Decimal) -> str:
    """An issued invoice's status from what payments covered: paid, partially paid, or
    issued."""
    if paid >= gross:
        return "paid"
    return "partially_paid" if paid > ZERO else "issued"


def bucket_of(due_date: date, as_of: date) -> str:
    """The aging bucket of an amount due on ``due_date``, as of ``as_of``: current (not yet
    past due, or due that day), then by days past due 1-30, 31-60, 61-90, over 90."""
    days = (as_of - due_date).days
    for name, first, last in BUCKETS:
        if (first is None or days >= first) and (last is None or days <= last):
            return name
    raise AssertionError(days)  # the buckets cover every number of days
