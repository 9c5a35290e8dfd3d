"""The sales tables: opportunities (商机) through the pipeline's stages, and orders (订单 /
合同) with their lines and exact totals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Unicode, UnicodeText
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.kit.base import Base, Tracked
from app.data.types import Money, Scaled, UtcDateTime

# The stages still open (the logic's workflow says the same: tests/logic/sales checks).
OPEN_STAGES = ("qualification", "needs_analysis", "proposal", "negotiation")
# The orders whose gross the customer owes until it is paid (the credit check's "open").
OWING = ("confirmed", "delivered")
# The list's sorts: (index name, column).
OPPORTUNITY_SORTS = (("number", "number"), ("name", "name_sort"), ("stage", "stage"),
                     ("amount", "amount"), ("close", "expected_close"),
                     ("created", "created_at"))
ORDER_SORTS = (("number", "number"), ("date", "order_date"), ("status", "status"),
               ("gross", "gross"), ("created", "created_at"))


class Opportunity(Tracked, Base):
    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(20), unique=True)
    name: Mapped[str] = mapped_column(Unicode(200))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    stage: Mapped[str] = mapped_column(Unicode(16), default="qualification")
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    probability: Mapped[int] = mapped_column(Integer, default=10)  # percent
    # amount x probability / 100, to the cent (half up): the board's and reports' sums.
    weighted: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    expected_close: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(Unicode(16), default="")
    lost_reason: Mapped[str] = mapped_column(UnicodeText, default="")
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    name_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # A customer's opportunities, and the record scope by owner.
        Index("ix_opportunities_customer", "customer_id", "id"),
        # The board: per stage the count and sums, of some owners and close months.
        Index("ix_opportunities_board", "stage", "owner_id", "expected_close"),
        Index("ix_opportunities_owner", "owner_id", "stage"),
        *(Index(f"ix_opportunities_list_{name}", column, "id")
          for name, column in OPPORTUNITY_SORTS),
    )

    @property
    def open(self) -> bool:
        """Neither won nor lost (the list's ``open`` filter)."""
        return self.stage in OPEN_STAGES


class SalesOrder(Tracked, Base):
    __tablename__ = "sales_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    order_date: Mapped[date] = mapped_column(Date)
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(Unicode(16), default="draft")
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    due_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(Unicode(3), default="CNY")
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunities.id"))
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    # The sums of the lines (app/logic/sales/totals.py), kept with the order for lists and
    # reports; written with the lines, in the same transaction.
    net: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    tax: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    gross: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    cancel_reason: Mapped[str] = mapped_column(UnicodeText, default="")
    credit_override_reason: Mapped[str] = mapped_column(UnicodeText, default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    @property
    def revenue(self) -> bool:
        """Confirmed or delivered: counts as revenue (what the list's ``revenue`` selects)."""
        return self.status in OWING

    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan",
        order_by="SalesOrderLine.position")

    __table_args__ = (
        # The credit check: the gross a customer owes (its confirmed and delivered orders).
        Index("ix_sales_orders_customer_status", "customer_id", "status", "gross"),
        # Reports by month and salesperson; the record scope by salesperson.
        Index("ix_sales_orders_date", "order_date", "status"),
        Index("ix_sales_orders_salesperson", "salesperson_id", "order_date"),
        *(Index(f"ix_sales_orders_list_{name}", column, "id") for name, column in ORDER_SORTS),
    )


class SalesOrderLine(Base):
    """One line of an order; changed only with its order (the order's version guards
    both)."""

    __tablename__ = "sales_order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    description: Mapped[str] = mapped_column(Unicode(200), default="")
    quantity: Mapped[Decimal] = mapped_column(Scaled(3))
    unit: Mapped[str] = mapped_column(Unicode(8), default="pcs")
    unit_price: Mapped[Decimal] = mapped_column(Money)
    discount: Mapped[Decimal] = mapped_column(Scaled(4), default=Decimal(0))
    tax_rate: Mapped[str] = mapped_column(Unicode(8), default="0.13")
    net: Mapped[Decimal] = mapped_column(Money)
    tax: Mapped[Decimal] = mapped_column(Money)
    gross: Mapped[Decimal] = mapped_column(Money)

    order: Mapped[SalesOrder] = relationship(back_populates="lines")

    __table_args__ = (
        Index("ix_sales_order_lines_order", "order_id", "position"),
        # Sales by product.
        Index("ix_sales_order_lines_product", "product_id"),
    )
