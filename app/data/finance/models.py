"""The finance tables: invoices (发票), payments (收款) and what of each payment went to which
invoice, and each customer's standing (revenue, share, rating figures) as last computed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Unicode,
    UnicodeText,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.data.kit.base import Base, Tracked
from app.data.types import Money, Scaled, UtcDateTime

# The invoices a customer still owes on (the logic's workflow says the same).
OPEN_INVOICE = ("issued", "partially_paid")
# Issued at some time: every status but draft (a void one counts until its void date).
BILLED = ("issued", "partially_paid", "paid", "void")
INVOICE_SORTS = (("number", "number"), ("issue", "issue_date"), ("due", "due_date"),
                 ("status", "status"), ("gross", "gross"), ("created", "created_at"))
PAYMENT_SORTS = (("number", "number"), ("date", "payment_date"), ("amount", "amount"),
                 ("created", "created_at"))


class Invoice(Tracked, Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"))
    status: Mapped[str] = mapped_column(Unicode(16), default="draft")
    issue_date: Mapped[date] = mapped_column(Date)
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    due_date: Mapped[date] = mapped_column(Date)
    net: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    gross: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # What payments have covered so far (the sum of its allocations), kept with it.
    paid: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # The day the last cent was covered or it was voided (9999-12-31 while open: OPEN_UNTIL
    # in the repository): what was open as of a past date is found among the invoices
    # settled after it, one range on one index.
    settled_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    void_reason: Mapped[str] = mapped_column(UnicodeText, default="")
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # A customer's receivables and the allocation's oldest-due-first.
        Index("ix_invoices_customer", "customer_id", "status", "due_date"),
        # Aging: the invoices open now, or open as of a past date (settled after it).
        Index("ix_invoices_open", "status", "due_date", "customer_id"),
        Index("ix_invoices_settled", "settled_on", "issue_date"),
        Index("ix_invoices_order", "order_id", "status"),
        *(Index(f"ix_invoices_list_{name}", column, "id") for name, column in INVOICE_SORTS),
    )

    @property
    def open(self) -> Decimal:
        """What is still to be paid (zero for a draft or a void one)."""
        return self.gross - self.paid if self.status in OPEN_INVOICE else Decimal("0.00")

    @property
    def overdue(self) -> bool:
        """Open and past its due date (what the list's ``overdue`` selects)."""
        return self.status in OPEN_INVOICE and self.due_date < date.today()

    @property
    def outstanding(self) -> bool:
        """Issued and not yet paid in full (what the list's ``outstanding`` selects)."""
        return self.status in OPEN_INVOICE


class Payment(Tracked, Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    payment_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str] = mapped_column(Unicode(16), default="bank_transfer")
    reference: Mapped[str] = mapped_column(Unicode(64), default="")
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    # What of it went to invoices; the rest is the customer's credit, used next.
    allocated: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        Index("ix_payments_customer", "customer_id", "payment_date"),
        *(Index(f"ix_payments_list_{name}", column, "id") for name, column in PAYMENT_SORTS),
    )

    @property
    def unallocated(self) -> Decimal:
        """The rest not yet allocated: the customer's credit."""
        return self.amount - self.allocated


class Allocation(Base):
    """Part of a payment applied to an invoice, on a day (the payment's, or a later one when
    a credit left on the customer paid an invoice issued later)."""

    __tablename__ = "payment_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    applied_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (
        Index("ix_payment_allocations_invoice", "invoice_id", "applied_on"),
        Index("ix_payment_allocations_payment", "payment_id"),
        # Whether anything was applied after a date (aging as of it reads the kept sums).
        Index("ix_payment_allocations_applied", "applied_on"),
    )


class Standing(Base):
    """A customer's value as the last recomputation found it (the tiers' list): revenue of
    the last 12 months and the 12 before, the cumulative share, and the rating's figures."""

    __tablename__ = "customer_standing"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    revenue: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    revenue_before: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    share: Mapped[Decimal] = mapped_column(Scaled(6), default=Decimal(0))  # cumulative
    computed_tier: Mapped[str] = mapped_column(Unicode(16), default="")
    computed_rating: Mapped[str] = mapped_column(Unicode(8), default="")
    on_time: Mapped[Decimal] = mapped_column(Scaled(4), default=Decimal(0))
    days_late: Mapped[Decimal] = mapped_column(Scaled(1), default=Decimal(0))
    overdue: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    last_order: Mapped[date | None] = mapped_column(Date)
    first_order: Mapped[date | None] = mapped_column(Date)
    open_opportunities: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_on: Mapped[date] = mapped_column(Date)
    # Every figure the value rules read (migration 0019): the Pareto (cents; null without
    # revenue), long overdue, the payment behaviour (cents; cents x days), the last
    # activity done, and whether the tiers' list shows the customer.
    ahead: Mapped[int | None] = mapped_column(BigInteger)
    total: Mapped[int | None] = mapped_column(BigInteger)
    overdue_long: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    due: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    paid_on_time: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    late_amount_days: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    last_activity: Mapped[datetime | None] = mapped_column(UtcDateTime)
    listed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (Index("ix_customer_standing_revenue", "revenue"),)
