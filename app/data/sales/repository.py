"""Opportunities and orders: their search keys, the order numbers of each year, an order's
lines, what a customer owes (the credit check), and the pipeline's sums per stage."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Dialect, bindparam, func, literal_column, select

from app.data.customers import Customer
from app.data.kit.base import CodeSequence
from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text
from app.data.products import Product
from app.data.sales.models import OWING, Opportunity, SalesOrder, SalesOrderLine

Owners = Collection[int] | None  # user ids; None: anyone's


@dataclass(frozen=True)
class StageSum:
    stage: str
    count: int
    amount: Decimal
    weighted: Decimal


class CustomerTerms(NamedTuple):
    """What an order takes from its customer: the owner, the credit limit and the payment
    terms."""

    owner_id: int | None
    credit_limit: Decimal
    payment_terms_days: int


class OpportunityRepository(RecordRepository[Opportunity]):
    model = Opportunity
    key_attr = "number"
    sequence = "opportunity"
    sort_keys = {"name": "name_sort"}

    def prepare(self, record: Opportunity) -> None:
        super().prepare(record)
        record.search_text = sales_search_key(record.name or "", record.number or "")

    def customer_owner(self, customer_id: int) -> int | None:
        found = self.session.execute(select(Customer.owner_id)
                                     .where(Customer.id == customer_id)).first()
        return None if found is None else found[0]

    def stage_sums(self, owners: Owners, since: date | None = None,
                   until: date | None = None) -> list[StageSum]:
        """Per stage: how many opportunities, their amount and weighted amount; of
        ``owners`` (None: anyone's) expected to close from ``since`` to ``until``."""
        o = Opportunity
        stmt = select(o.stage, func.count(), func.coalesce(func.sum(o.amount), 0),
                      func.coalesce(func.sum(o.weighted), 0)).group_by(o.stage)
        if owners is not None:
            stmt = stmt.where(o.owner_id.in_(list(owners)))
        if since is not None:
            stmt = stmt.where(o.expected_close >= since)
        if until is not None:
            stmt = stmt.where(o.expected_close <= until)
        money = Opportunity.__table__.c.amount.type
        return [StageSum(str(stage), int(n), _money(money, amount), _money(money, weighted))
                for stage, n, amount, weighted in self.session.execute(stmt)]

    def on_board(self, stage: str, owners: Owners, since: date | None, until: date | None,
                 limit: int) -> list[Opportunity]:
        """The opportunities of a stage as the board shows them: the largest first."""
        o = Opportunity
        stmt = select(o).where(o.stage == stage)
        if owners is not None:
            stmt = stmt.where(o.owner_id.in_(list(owners)))
        if since is not None:
            stmt = stmt.where(o.expected_close >= since)
        if until is not None:
            stmt = stmt.where(o.expected_close <= until)
        stmt = stmt.order_by(o.amount.desc(), o.id).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def of_customer(self, customer_id: int, limit: int = 1000) -> list[Opportunity]:
        stmt = (select(Opportunity).where(Opportunity.customer_id == customer_id)
                .order_by(Opportunity.id.desc()).limit(limit))
        return list(self.session.execute(stmt).scalars())


class OrderRepository(RecordRepository[SalesOrder]):
    model = SalesOrder
    key_attr = "number"
    sequence = "sales_order"

    def prepare(self, record: SalesOrder) -> None:
        super().prepare(record)
        record.search_text = sales_search_key("", record.number or "")

    def next_code(self, prefix: str, width: int, year: int | None = None) -> str:
        """SO2026-000001: the counter of the order date's ``year`` (default: this year),
        from 1 each year."""
        year = date.today().year if year is None else year
        name = f"{self.sequence}_{year}"
        seq = self.session.execute(select(CodeSequence).where(CodeSequence.name == name)
                                   .with_for_update()).scalar_one_or_none()
        if seq is None:
            seq = CodeSequence(name=name, next_value=1)
            self.session.add(seq)
        while True:
            code = f"{prefix}{year}-{seq.next_value:0{width}d}"
            seq.next_value += 1
            if not self.key_exists(code):
                return code

    # --- the customer -----------------------------------------------------------------
    def customer_terms(self, customer_id: int) -> CustomerTerms | None:
        found = self.session.execute(
            select(Customer.owner_id, Customer.credit_limit, Customer.payment_terms_days)
            .where(Customer.id == customer_id)).first()
        return None if found is None else CustomerTerms(found[0], found[1], int(found[2]))

    def owing(self, customer_id: int, exclude_id: int | None = None) -> Decimal:
        """The gross of the customer's confirmed and delivered orders (not yet paid: until
        payments are kept, every such order), apart from ``exclude_id``: one indexed sum."""
        # Run on the driver's cursor of the session's connection (in its transaction, after
        # the customer's row lock): the statement compiled once per database; the ORM's
        # per-call cost is twenty times the indexed sum itself (docs/benchmarks.md).
        connection = self.session.connection()
        sql, positional = _owing_statement(connection.dialect)
        exclude = -1 if exclude_id is None else exclude_id
        driver = connection.connection.dbapi_connection
        assert driver is not None  # the session's connection is open in its transaction
        cursor = driver.cursor()
        try:
            cursor.execute(sql, (customer_id, exclude) if positional else
                           {"customer": customer_id, "exclude": exclude})
            row = cursor.fetchone()
        finally:
            cursor.close()
        return Decimal(int(row[0] or 0) if row else 0).scaleb(-2)

    def credit_limit(self, customer_id: int, lock: bool = False) -> Decimal:
        """The customer's credit limit; ``lock``: its row locked until the transaction ends
        (two orders of one customer confirmed at once are checked one after the other)."""
        stmt = select(Customer.credit_limit).where(Customer.id == customer_id)
        if lock:
            stmt = stmt.with_for_update()
        found = self.session.execute(stmt).scalar_one_or_none()
        return found if found is not None else Decimal("0.00")

    def product_picks(self, limit: int) -> list[Product]:
        """The active products, by code (what an order's lines offer)."""
        stmt = select(Product).where(Product.active.is_(True), Product.archived_at.is_(None))
        return list(self.session.execute(stmt.order_by(Product.code).limit(limit)).scalars())

    def active_products(self, text: str, limit: int) -> list[tuple[int, str, str]]:
        """(id, code, name) of active products whose search key holds ``text`` (code,
        name, pinyin; case-folded), by code."""
        stmt = select(Product.id, Product.code, Product.name).where(
            Product.active.is_(True), Product.archived_at.is_(None))
        if text:
            stmt = stmt.where(Product.search_text.contains(text, autoescape=True))
        rows = self.session.execute(stmt.order_by(Product.code).limit(limit))
        return [(int(i), str(code), str(name)) for i, code, name in rows]

    # --- lines ------------------------------------------------------------------------
    def products(self, product_ids: Collection[int]) -> dict[int, Product]:
        if not product_ids:
            return {}
        rows = self.session.execute(select(Product).where(Product.id.in_(list(product_ids))))
        return {p.id: p for p in rows.scalars()}

    def product_ids(self, codes: Collection[str]) -> dict[str, int]:
        """The ids of the products of ``codes`` (upper-case codes), by code."""
        if not codes:
            return {}
        rows = self.session.execute(select(Product.code, Product.id)
                                    .where(Product.code.in_(list(codes))))
        return {str(code): int(i) for code, i in rows}

    def set_lines(self, order: SalesOrder, lines: Sequence[dict[str, Any]]) -> None:
        """Replace the order's lines with ``lines`` (column values, in order)."""
        order.lines[:] = [SalesOrderLine(position=i, **values)
                          for i, values in enumerate(lines, start=1)]

    def customers_with_orders(self, salespeople: Owners, limit: int
                              ) -> list[tuple[int, str, str]]:
        """(id, code, name) of the customers with orders of ``salespeople`` (None: anyone's),
        by name: what the list's customer filter offers."""
        o = SalesOrder
        has = select(o.id).where(o.customer_id == Customer.id)
        if salespeople is not None:
            has = has.where(o.salesperson_id.in_(list(salespeople) or [-1]))
        stmt = (select(Customer.id, Customer.code, Customer.name).where(has.exists())
                .order_by(Customer.name_sort, Customer.id).limit(limit))
        return [(int(r[0]), str(r[1]), str(r[2])) for r in self.session.execute(stmt)]

    def of_customer(self, customer_id: int, limit: int = 1000) -> list[SalesOrder]:
        stmt = (select(SalesOrder).where(SalesOrder.customer_id == customer_id)
                .order_by(SalesOrder.order_date.desc(), SalesOrder.id.desc()).limit(limit))
        return list(self.session.execute(stmt).scalars())


@cache
def _owing_statement(dialect: Dialect) -> tuple[str, bool]:
    """The credit check's sum for ``dialect``: its SQL, and whether the driver takes the
    parameters by position (customer, excluded order) rather than by name."""
    o = SalesOrder.__table__.c
    statuses: list[Any] = [literal_column(f"'{s}'") for s in OWING]  # fixed, not input
    stmt = select(func.coalesce(func.sum(o.gross), literal_column("0"))).where(
        o.customer_id == bindparam("customer"), o.status.in_(statuses),
        o.id != bindparam("exclude"))
    compiled = stmt.compile(dialect=dialect)
    if compiled.positional:
        assert list(compiled.positiontup or ()) == ["customer", "exclude"], \
            compiled.positiontup
    return str(compiled), bool(compiled.positional)


def sales_search_key(name: str, number: str) -> str:
    """What a search finds an opportunity or order by: its name as written and in pinyin
    (full and initials), and its number."""
    search_text, _ = build_search_key([name, number], (), (), [pinyin_of_text(name)])
    return search_text


def _money(column_type: Any, value: Any) -> Decimal:
    """A SUM over a Money column: already an amount (the column's type reads it), or the
    cents where a database gives the bare number (the COALESCE's 0)."""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    found = column_type.process_result_value(int(value or 0), None)
    return found if found is not None else Decimal("0.00")
