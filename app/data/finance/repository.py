"""Invoices, payments and their allocations; what a customer owes (the credit check's
"open"), the receivables' aging as of a date, and the figures customer value is computed
from (revenue per customer, payment behaviour, overdue amounts, last orders)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Dialect,
    Table,
    and_,
    bindparam,
    case,
    delete,
    false,
    func,
    insert,
    literal,
    literal_column,
    null,
    or_,
    select,
    type_coerce,
    update,
)

from app.data.activities import DONE, PLANNED, VISIT, Activity
from app.data.admin import User
from app.data.customers import Customer
from app.data.feedback import OPEN as FEEDBACK_OPEN
from app.data.feedback import Feedback
from app.data.finance.models import (
    OPEN_INVOICE,
    Allocation,
    Invoice,
    Payment,
    Standing,
)
from app.data.kit.base import CodeSequence
from app.data.kit.expr import Expr, days_between, scaled_ratio, to_sql, unindexed
from app.data.kit.repository import RecordRepository
from app.data.kit.rows import driver_rows
from app.data.kit.search import build_search_key
from app.data.sales import OPEN_STAGES, OWING, Opportunity, SalesOrder
from app.data.types import CENT, Money

# An invoice still open is "settled" on this day: as of any date D, the invoices open then
# are those issued by D and settled after it, one range on one index.
OPEN_UNTIL = date(9999, 12, 31)
Owners = Collection[int] | None
# Aging's buckets by days past due: (name, first day, last day); None: no bound.
BUCKETS = (("current", None, 0), ("days_1_30", 1, 30), ("days_31_60", 31, 60),
           ("days_61_90", 61, 90), ("days_over_90", 91, None))


def _total(expr: Any) -> Any:
    """SUM of money (cents), read back as an amount on every database: a database gives
    the bare sum (SQLite an int, PostgreSQL a numeric), the Money type reads it."""
    return type_coerce(func.sum(expr), Money())


def _cents(value: Any) -> Decimal:
    """A sum of Money as it comes back: already an amount where the column's type read it,
    else the bare cents (None for no rows)."""
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return Decimal(int(value or 0)).scaleb(-2)


# A customer's aging: id, code, name, then in cents the open amount and each bucket's.
AgingRow = tuple[Any, ...]


def _year_code(session: Any, sequence: str, prefix: str, width: int, year: int,
               exists: Any) -> str:
    name = f"{sequence}_{year}"
    seq = session.execute(select(CodeSequence).where(CodeSequence.name == name)
                          .with_for_update()).scalar_one_or_none()
    if seq is None:
        seq = CodeSequence(name=name, next_value=1)
        session.add(seq)
    while True:
        code = f"{prefix}{year}-{seq.next_value:0{width}d}"
        seq.next_value += 1
        if not exists(code):
            return code


class InvoiceRepository(RecordRepository[Invoice]):
    model = Invoice
    key_attr = "number"
    sequence = "invoice"

    def prepare(self, record: Invoice) -> None:
        super().prepare(record)
        record.search_text = finance_search_key(record.number or "", record.notes or "")
        if record.settled_on is None:
            record.settled_on = OPEN_UNTIL

    def next_code(self, prefix: str, width: int, year: int | None = None) -> str:
        """INV2026-000001: the counter of the issue date's year, from 1 each year."""
        return _year_code(self.session, self.sequence, prefix, width,
                          date.today().year if year is None else year, self.key_exists)

    def open_of(self, customer_id: int) -> list[Invoice]:
        """The customer's issued invoices still open, the oldest due first (then the
        oldest issued, then the first made): the order a payment pays them in."""
        self.session.flush()  # an invoice issued in this transaction counts
        i = Invoice
        stmt = (select(i).where(i.customer_id == customer_id, i.status.in_(OPEN_INVOICE))
                .order_by(i.due_date, i.issue_date, i.id).with_for_update())
        return list(self.session.execute(stmt).scalars())

    def by_numbers(self, numbers: Collection[str]) -> dict[str, Invoice]:
        if not numbers:
            return {}
        rows = self.session.execute(select(Invoice).where(Invoice.number.in_(list(numbers)))
                                    .with_for_update())
        return {r.number: r for r in rows.scalars()}

    def invoiced_of_order(self, order_id: int, exclude_id: int | None = None
                          ) -> tuple[Decimal, Decimal]:
        """(net, tax) already invoiced of the order: its invoices that are not void."""
        i = Invoice
        stmt = select(_total(i.net), _total(i.tax)).where(
            i.order_id == order_id, i.status != "void")
        if exclude_id is not None:
            stmt = stmt.where(i.id != exclude_id)
        net, tax = self.session.execute(stmt).one()
        return _cents(net), _cents(tax)

    def order(self, order_id: int) -> SalesOrder | None:
        return self.session.get(SalesOrder, order_id)

    def order_by_number(self, number: str) -> SalesOrder | None:
        return self.session.execute(select(SalesOrder).where(
            SalesOrder.number == number.strip().upper())).scalar_one_or_none()

    def customer_terms(self, customer_id: int) -> int | None:
        return self.session.execute(select(Customer.payment_terms_days)
                                    .where(Customer.id == customer_id)).scalar_one_or_none()

    def allocations_of(self, invoice_id: int) -> list[tuple[str, date, Decimal]]:
        """(payment number, day applied, amount) of what paid the invoice, in order."""
        a, p = Allocation, Payment
        rows = self.session.execute(
            select(p.number, a.applied_on, a.amount).join(p, p.id == a.payment_id)
            .where(a.invoice_id == invoice_id).order_by(a.applied_on, a.id))
        return [(str(n), d, amount) for n, d, amount in rows]

    def payment_ids(self, invoice_id: int) -> list[int]:
        """The payments that paid the invoice."""
        return [int(p) for (p,) in self.session.execute(
            select(Allocation.payment_id).where(Allocation.invoice_id == invoice_id)
            .distinct())]

    def of_customer(self, customer_id: int, limit: int = 1000) -> list[Invoice]:
        stmt = (select(Invoice).where(Invoice.customer_id == customer_id)
                .order_by(Invoice.issue_date.desc(), Invoice.id.desc()).limit(limit))
        return list(self.session.execute(stmt).scalars())


class PaymentRepository(RecordRepository[Payment]):
    model = Payment
    key_attr = "number"
    sequence = "payment"

    def prepare(self, record: Payment) -> None:
        super().prepare(record)
        record.search_text = finance_search_key(record.number or "",
                                                record.reference or "")

    def next_code(self, prefix: str, width: int, year: int | None = None) -> str:
        """RC2026-000001: the counter of the payment date's year."""
        return _year_code(self.session, self.sequence, prefix, width,
                          date.today().year if year is None else year, self.key_exists)

    def credits_of(self, customer_id: int, exclude_id: int | None = None) -> list[Payment]:
        """The customer's payments with a rest not yet allocated, the oldest first."""
        self.session.flush()  # what this transaction allocated so far counts
        p = Payment
        stmt = select(p).where(p.customer_id == customer_id, p.amount > p.allocated)
        if exclude_id is not None:
            stmt = stmt.where(p.id != exclude_id)
        return list(self.session.execute(stmt.order_by(p.payment_date, p.id)
                                          .with_for_update()).scalars())

    def allocate(self, payment: Payment, invoice: Invoice, amount: Decimal,
                 day: date) -> None:
        """Apply ``amount`` of ``payment`` to ``invoice`` on ``day``; the invoice's paid
        amount and the payment's allocated amount move with it (the logic decides the
        status)."""
        if not payment.id or not invoice.id:  # not yet flushed: their ids, for the row
            self.session.flush()
        self.session.add(Allocation(payment_id=payment.id, invoice_id=invoice.id,
                                    amount=amount, applied_on=day))
        payment.allocated = payment.allocated + amount
        invoice.paid = invoice.paid + amount

    def allocations_of(self, payment_id: int) -> list[tuple[str, date, Decimal]]:
        """(invoice number, day applied, amount) of where the payment went, in order."""
        a, i = Allocation, Invoice
        rows = self.session.execute(
            select(i.number, a.applied_on, a.amount).join(i, i.id == a.invoice_id)
            .where(a.payment_id == payment_id).order_by(a.applied_on, a.id))
        return [(str(n), d, amount) for n, d, amount in rows]

    def invoice_ids(self, payment_id: int) -> list[int]:
        """The invoices the payment paid."""
        self.session.flush()
        return [int(i) for (i,) in self.session.execute(
            select(Allocation.invoice_id).where(Allocation.payment_id == payment_id)
            .distinct())]

    def lock_customer(self, customer_id: int) -> None:
        """Hold the customer's row until the transaction ends: two payments (or a payment
        and an invoice) of one customer are allocated one after the other."""
        self.session.execute(select(Customer.id).where(Customer.id == customer_id)
                             .with_for_update())

    def of_customer(self, customer_id: int, limit: int = 1000) -> list[Payment]:
        stmt = (select(Payment).where(Payment.customer_id == customer_id)
                .order_by(Payment.payment_date.desc(), Payment.id.desc()).limit(limit))
        return list(self.session.execute(stmt).scalars())


PAID_OR_OPEN = ("issued", "partially_paid", "paid")  # billed, not void
# The money figures of ``_value_figures`` (integer cents; cents x days for the late ones).
VALUE_MONEY = ("credit_limit", "revenue", "revenue_before", "ahead", "total", "overdue",
               "overdue_long", "due", "paid_on_time", "late_amount_days")


# The figures a standing keeps (its columns of the same names), the customer's own ones
# (figure: column), and the figures of a customer without any (no order, invoice,
# activity or opportunity).
STANDING_FIGURES = ("revenue", "revenue_before", "ahead", "total", "overdue", "overdue_long",
                    "due", "paid_on_time", "late_amount_days", "open_opportunities",
                    "first_order", "last_order", "last_activity")
OWN_COLUMNS = {"status": "status", "created": "created_at", "credit_limit": "credit_limit",
               "tier": "tier", "tier_manual": "tier_override", "rating": "credit_rating",
               "rating_manual": "credit_rating_manual", "key_account": "key_account",
               "key_manual": "key_account_manual"}
EMPTY_FIGURES: dict[str, Any] = {
    **{n: literal(0, BigInteger) for n in ("revenue", "revenue_before", "overdue",
                                            "overdue_long", "due", "paid_on_time",
                                            "late_amount_days")},
    **{n: null() for n in ("ahead", "total", "first_order", "last_order", "last_activity")},
    "open_opportunities": false()}


@dataclass(frozen=True)
class ValueWindow:
    """The days a recomputation sums over: revenue from ``since`` to ``today`` and from
    ``before`` to the day before ``since``; payment behaviour of the invoices due from
    ``since`` to ``today``; overdue long when due before ``long_overdue_before``."""

    today: date
    since: date
    before: date
    long_overdue_before: date


@dataclass(frozen=True)
class ValueCounts:
    tiers_before: dict[str, int]
    tiers_after: dict[str, int]
    changed: int


class ReceivablesRepository:
    """Sums over the invoices: the exposure (the credit check), the aging as of a date."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def owing(self, customer_id: int, exclude_order_id: int | None = None) -> Decimal:
        """What the customer owes: its issued invoices' open amounts, plus what of its
        confirmed and delivered orders is not yet invoiced (an order's gross less the gross
        of its invoices that are not void), the order ``exclude_order_id`` apart."""
        # Run on the driver's cursor of the session's connection (in its transaction,
        # after the customer's row lock), the statement compiled once per database: the
        # credit check pays it on every confirm (docs/benchmarks.md).
        connection = self.session.connection()
        sql, names = _owing_statement(connection.dialect)
        given = {"customer": customer_id,
                 "exclude": -1 if exclude_order_id is None else exclude_order_id}
        driver = connection.connection.dbapi_connection
        assert driver is not None  # the session's connection is open in its transaction
        cursor = driver.cursor()
        try:
            cursor.execute(sql, [given[n] for n in names] if names is not None else given)
            row = cursor.fetchone()
        finally:
            cursor.close()
        unbilled = max(_from_cents(row[1]) - _from_cents(row[2]), Decimal("0.00"))
        return _from_cents(row[0]) + unbilled

    def aging(self, as_of: date, customer_id: int | None = None, owners: Owners = None,
              limit: int | None = None,
              buckets: Sequence[tuple[str, int | None, int | None]] = BUCKETS
              ) -> list[AgingRow]:
        """Per customer with anything open as of ``as_of``: the open amount and its buckets
        by days past due, in cents (exact; made amounts where they are read). Open then:
        issued by that day, not settled (paid or voided) by it, less what payments applied
        by it covered; largest open first."""
        # Nothing applied after as_of (as of today, always): what each invoice has been
        # paid is what was paid by then, kept with it; else summed from the allocations.
        later = self.session.execute(select(
            select(Allocation.id).where(Allocation.applied_on > as_of).exists())).scalar()
        per_invoice = aging_open_amounts(as_of, customer_id, owners,
                                         kept_paid=not later).subquery()
        due, amount = per_invoice.c.due_date, per_invoice.c.open_amount
        columns: list[Any] = []
        for n, (_name, first, last) in enumerate(buckets):
            conds = []
            if first is not None:  # due at least ``first`` days before as_of
                conds.append(due <= as_of - timedelta(days=first))
            if last is not None:
                conds.append(due >= as_of - timedelta(days=last))
            columns.append(func.sum(case((and_(*conds), amount), else_=0)).label(f"b{n}"))
        # Per customer first, its code and name joined last (one look-up per customer).
        g = (select(per_invoice.c.customer_id, func.sum(amount).label("total"), *columns)
             .group_by(per_invoice.c.customer_id).subquery())
        cents = [type_coerce(g.c[f"b{n}"], BigInteger()) for n in range(len(buckets))]
        stmt = (select(g.c.customer_id, Customer.code, Customer.name,
                       type_coerce(g.c.total, BigInteger()), *cents)
                .join(Customer, Customer.id == g.c.customer_id)
                .where(g.c.total > 0).order_by(g.c.total.desc(), Customer.code))
        if limit is not None:
            stmt = stmt.limit(limit)
        rows = self._driver_rows(stmt)
        if rows and not isinstance(rows[0][3], int):  # PostgreSQL's sums: numeric
            rows = [(*r[:3], *(int(v) for v in r[3:])) for r in rows]
        return rows

    def _driver_rows(self, stmt: Any) -> list[tuple[Any, ...]]:
        return driver_rows(self.session, stmt)

    # --- what customer value is computed from ------------------------------------------
    def _value_figures(self, window: ValueWindow, customer_id: int | None = None
                       ) -> tuple[Any, dict[str, Any]]:
        """The customers not archived joined to their sums (``VALUE_FIGURES``), as of
        ``window.today``: the FROM clause and each figure's expression by name. Only
        ``customer_id``'s when given (each sum filtered to it)."""
        c, o, i, a, act, op = Customer, SalesOrder, Invoice, Allocation, Activity, Opportunity
        today, since = window.today, window.since

        def only(column: Any) -> list[Any]:
            return [] if customer_id is None else [column == customer_id]

        orders = (select(o.customer_id.label("cid"),
                         func.sum(case((and_(o.order_date >= since, o.order_date <= today),
                                        o.net), else_=0)).label("revenue"),
                         func.sum(case((and_(o.order_date >= window.before,
                                             o.order_date < since), o.net),
                                       else_=0)).label("revenue_before"),
                         func.min(o.order_date).label("first_order"),
                         func.max(o.order_date).label("last_order"))
                  .where(o.status.in_(OWING), *only(o.customer_id))
                  .group_by(o.customer_id).cte("v_orders"))
        # Pareto, in the recomputation (one customer's rating needs none of it): the
        # customers with revenue largest first, equal revenue one step (a RANGE frame
        # takes the peers in): what those strictly larger bring, up to and with this
        # step, and the total. Archived customers' revenue counts, as it did when earned.
        r = orders.c.revenue
        upto = func.sum(r).over(order_by=r.desc(), range_=(None, 0))
        ranked = select(orders.c.cid, upto.label("upto"),
                        (upto - r * func.count().over(partition_by=r)).label("ahead"),
                        func.sum(r).over().label("total")).where(r > 0)
        pareto = (ranked if customer_id is None else ranked.where(false())).cte("v_pareto")
        owed = (select(i.customer_id.label("cid"),
                       func.sum(i.gross - i.paid).label("overdue"),
                       func.sum(case((i.due_date < window.long_overdue_before,
                                      i.gross - i.paid), else_=0)).label("overdue_long"))
                .where(i.status.in_(OPEN_INVOICE), i.due_date < today, *only(i.customer_id))
                .group_by(i.customer_id).cte("v_owed"))
        # Payment behaviour over the invoices due in the window: per invoice what was paid
        # by its due date, amount x days of what was paid late, and what is still unpaid
        # (late from its due date to today); then per customer.
        per_invoice = (
            select(i.customer_id.label("cid"), i.due_date, i.gross,
                   func.coalesce(func.sum(case((a.applied_on <= i.due_date, a.amount))),
                                 0).label("on_time"),
                   func.coalesce(func.sum(case((a.applied_on > i.due_date, a.amount *
                                                days_between(a.applied_on, i.due_date)))),
                                 0).label("late_paid"),
                   func.coalesce(func.sum(a.amount), 0).label("allocated"))
            .select_from(i).outerjoin(a, and_(a.invoice_id == i.id, a.applied_on <= today))
            .where(i.status.in_(PAID_OR_OPEN), i.due_date >= since, i.due_date <= today,
                   *only(i.customer_id))
            .group_by(i.id, i.customer_id, i.due_date, i.gross).cte("v_per_invoice"))
        p = per_invoice.c
        unpaid_days = case((and_(p.due_date < today, p.gross > p.allocated),
                            (p.gross - p.allocated) * days_between(today, p.due_date)),
                           else_=0)
        behaviour = (select(p.cid, func.sum(p.gross).label("due"),
                            func.sum(p.on_time).label("paid_on_time"),
                            func.sum(p.late_paid + unpaid_days).label("late_amount_days"))
                     .group_by(p.cid).cte("v_behaviour"))
        seen = (select(act.customer_id.label("cid"),
                       func.max(act.scheduled_at).label("last_activity"))
                .where(act.state == DONE, *only(act.customer_id))
                .group_by(act.customer_id).cte("v_seen"))
        hoped = (select(op.customer_id.label("cid")).where(
            op.stage.in_(OPEN_STAGES), *only(op.customer_id))
            .group_by(op.customer_id).cte("v_hoped"))
        source = (select(c.id).select_from(c)  # the FROM clause only
                  .outerjoin(orders, orders.c.cid == c.id)
                  .outerjoin(pareto, pareto.c.cid == c.id)
                  .outerjoin(owed, owed.c.cid == c.id)
                  .outerjoin(behaviour, behaviour.c.cid == c.id)
                  .outerjoin(seen, seen.c.cid == c.id)
                  .outerjoin(hoped, hoped.c.cid == c.id)
                  .where(c.archived_at.is_(None), *only(c.id)))
        zero = literal(0, BigInteger)
        figures = {
            "status": c.status, "created": c.created_at, "credit_limit": c.credit_limit,
            "revenue": func.coalesce(orders.c.revenue, zero),
            "revenue_before": func.coalesce(orders.c.revenue_before, zero),
            "ahead": pareto.c.ahead, "total": pareto.c.total,
            "overdue": func.coalesce(owed.c.overdue, zero),
            "overdue_long": func.coalesce(owed.c.overdue_long, zero),
            "due": func.coalesce(behaviour.c.due, zero),
            "paid_on_time": func.coalesce(behaviour.c.paid_on_time, zero),
            "late_amount_days": func.coalesce(behaviour.c.late_amount_days, zero),
            "open_opportunities": hoped.c.cid.is_not(None),
            "first_order": orders.c.first_order, "last_order": orders.c.last_order,
            "last_activity": seen.c.last_activity,
            "tier": c.tier, "tier_manual": c.tier_override, "rating": c.credit_rating,
            "rating_manual": c.credit_rating_manual, "key_account": c.key_account,
            "key_manual": c.key_account_manual,
            # Whether the customer has any figure; whether the tiers' list shows it
            # (orders, payment behaviour or an amount overdue).
            "_any": or_(*(t.c.cid.is_not(None) for t in (orders, owed, behaviour, seen,
                                                           hoped))),
            "_listed": or_(orders.c.cid.is_not(None), behaviour.c.cid.is_not(None),
                           func.coalesce(owed.c.overdue, zero) > 0),
            "_id": c.id, "_upto": pareto.c.upto,
        }
        return source, figures

    def value_figures(self, window: ValueWindow, customer_id: int) -> dict[str, Any] | None:
        """One customer's figures as the rules read them (money in cents, days as dates);
        None when it is archived or not there. What this transaction wrote so far is
        flushed first (a payment's allocations rate its customer)."""
        self.session.flush()
        source, figures = self._value_figures(window, customer_id)
        names = [n for n in figures if not n.startswith("_")]
        stmt = source.with_only_columns(*(figures[n] for n in names))
        found = driver_rows(self.session, stmt)
        if not found:
            return None
        row = dict(zip(names, found[0], strict=True))
        for name in ("first_order", "last_order", "last_activity", "created"):
            row[name] = _day(row[name]) if row[name] is not None else None
        for name in ("open_opportunities", "tier_manual", "rating_manual", "key_account",
                     "key_manual"):
            row[name] = bool(row[name])
        for name in VALUE_MONEY:
            row[name] = int(row[name]) if row[name] is not None else None
        return row

    def recompute_value(self, window: ValueWindow, rules: Mapping[str, Expr]
                        ) -> ValueCounts:
        """Judge every customer not archived with ``rules`` (the computed tier and rating
        kept in its standing; the customer's own columns by name) in the database: the
        statements of ``value_statements``, in the caller's transaction. The tiers counted
        before and after, and how many customers changed."""
        c = Customer.__table__
        assert isinstance(c, Table)
        connection = self.session.connection()

        def counted() -> dict[str, int]:
            return {str(t): int(n) for t, n in connection.execute(
                select(c.c.tier, func.count()).where(c.c.archived_at.is_(None))
                .group_by(c.c.tier))}

        before = counted()
        clear, fill, *judge = self.value_statements(window, rules)
        connection.execute(clear)
        connection.execute(fill)
        changed = sum(int(connection.execute(
            stmt.execution_options(synchronize_session=False)).rowcount) for stmt in judge)
        return ValueCounts(before, counted(), changed)

    def value_statements(self, window: ValueWindow, rules: Mapping[str, Expr]
                         ) -> tuple[Any, ...]:
        """The recomputation in four statements: the standing emptied; the figures summed
        once into it (every customer with any figure); the customers with a standing
        updated from it; the others (no figure at all: most of a big database) judged on
        empty figures. Only customers whose columns change are written; their updated
        time and version stay (no person changed them: a form open on one is not in
        conflict)."""
        c = Customer.__table__
        s = Standing.__table__
        assert isinstance(c, Table) and isinstance(s, Table)
        source, figures = self._value_figures(window)
        due = figures["due"]
        kept = {  # the standing's columns, from the figures
            "customer_id": figures["_id"],
            **{n: figures[n] for n in STANDING_FIGURES},
            "share": case((figures["revenue"] > 0, scaled_ratio(
                figures["_upto"], figures["total"], 1_000_000)), else_=0),
            "computed_tier": to_sql(rules["computed_tier"], figures),
            "computed_rating": to_sql(rules["computed_rating"], figures),
            # The on-time share to 4 places and the days late to 1, as shown.
            "on_time": case((due > 0, scaled_ratio(figures["paid_on_time"], due, 10_000)),
                            else_=10_000),
            "days_late": case((due > 0, scaled_ratio(figures["late_amount_days"], due, 10)),
                              else_=0),
            "listed": figures["_listed"],
            "computed_on": literal(window.today, Date)}
        fill = insert(s).from_select(
            list(kept), source.with_only_columns(*kept.values()).where(figures["_any"])
            # In the key's order: SQLite then reads the customers as they lie (not through
            # an index, a random read each) and appends to the standing: 23 s -> 9 s.
            .order_by(figures["_id"]))
        own = {n: c.c[column] for n, column in OWN_COLUMNS.items()}
        columns = [n for n in rules if not n.startswith("computed_")]

        def judge(given: Mapping[str, Any], *where: Any) -> Any:
            new = {n: to_sql(rules[n], given) for n in columns}
            return (update(c).where(*where, or_(*(c.c[n].is_distinct_from(v)
                                                  for n, v in new.items())))
                    .values({**new, "updated_at": c.c.updated_at}))

        has_standing = select(s.c.customer_id).where(s.c.customer_id == c.c.id).exists()
        return (delete(s), fill,
                judge({**own, **{n: s.c[n] for n in STANDING_FIGURES}},
                      c.c.id == s.c.customer_id),
                judge({**own, **EMPTY_FIGURES}, unindexed(c.c.archived_at).is_(None),
                      ~has_standing))

    def key_account_facts(self, customer_ids: Collection[int], now: datetime
                          ) -> dict[int, tuple[date | None, date | None, int]]:
        """Per customer of ``customer_ids``: the day of its last visit done, of its next
        visit planned, and how many complaints are open."""
        if not customer_ids:
            return {}
        ids = list(customer_ids)
        a, f = Activity, Feedback
        last = {c: v for c, v in self.session.execute(
            select(a.customer_id, func.max(a.scheduled_at)).where(
                a.customer_id.in_(ids), a.kind == VISIT, a.state == DONE)
            .group_by(a.customer_id))}
        upcoming = {c: v for c, v in self.session.execute(
            select(a.customer_id, func.min(a.scheduled_at)).where(
                a.customer_id.in_(ids), a.kind == VISIT, a.state == PLANNED,
                a.scheduled_at >= now).group_by(a.customer_id))}
        complaints = {c: v for c, v in self.session.execute(
            select(f.customer_id, func.count()).where(
                f.customer_id.in_(ids), f.type == "complaint", f.status.in_(FEEDBACK_OPEN))
            .group_by(f.customer_id))}
        return {c: (_day(last[c]) if last.get(c) else None,
                    _day(upcoming[c]) if upcoming.get(c) else None,
                    int(complaints.get(c, 0))) for c in ids}

    def tier_rows(self, owners: Owners, tier: str | None = None,
                  lifecycle: str | None = None, limit: int | None = None,
                  churn_only: bool = False) -> list[tuple[Any, ...]]:
        """The customers with a standing (revenue, orders or invoices) or a churn warning,
        largest revenue first: id, code, name, revenue, revenue before, cumulative share,
        tier, set by hand, lifecycle, key account, churn reason, rating, rating by hand."""
        c, s = Customer, Standing
        stmt = (select(c.id, c.code, c.name, func.coalesce(s.revenue, 0),
                       func.coalesce(s.revenue_before, 0), func.coalesce(s.share, 0),
                       c.tier, c.tier_override, c.lifecycle, c.key_account, c.churn_reason,
                       c.credit_rating, c.credit_rating_manual)
                .outerjoin(s, s.customer_id == c.id).where(c.archived_at.is_(None)))
        if churn_only:
            stmt = stmt.where(c.churn_reason != "")
        else:
            stmt = stmt.where((s.listed.is_(True)) | (c.churn_reason != "") |
                              (c.tier_override.is_(True)))
        if owners is not None:
            stmt = stmt.where(c.owner_id.in_(list(owners) or [-1]))
        if tier:
            stmt = stmt.where(c.tier == tier)
        if lifecycle:
            stmt = stmt.where(c.lifecycle == lifecycle)
        stmt = stmt.order_by(func.coalesce(s.revenue, 0).desc(), c.code)
        if limit is not None:
            stmt = stmt.limit(limit)
        money = Standing.__table__.c.revenue.type
        share = Standing.__table__.c.share.type
        return [(int(r[0]), str(r[1]), str(r[2]), _money(money, r[3]), _money(money, r[4]),
                 _scaled(share, r[5]), str(r[6]), bool(r[7]), str(r[8]), bool(r[9]),
                 str(r[10]), str(r[11]), bool(r[12])) for r in self.session.execute(stmt)]

    def key_account_rows(self, owners: Owners) -> list[tuple[Any, ...]]:
        """The key accounts: id, code, name, owner's name, revenue, revenue before, named
        by hand; largest revenue first."""
        c, s = Customer, Standing
        owner_name = select(User.display_name).where(User.id == c.owner_id) \
            .scalar_subquery()
        stmt = (select(c.id, c.code, c.name, func.coalesce(owner_name, ""),
                       func.coalesce(s.revenue, 0), func.coalesce(s.revenue_before, 0),
                       c.key_account_manual)
                .outerjoin(s, s.customer_id == c.id)
                .where(c.key_account.is_(True), c.archived_at.is_(None)))
        if owners is not None:
            stmt = stmt.where(c.owner_id.in_(list(owners) or [-1]))
        stmt = stmt.order_by(func.coalesce(s.revenue, 0).desc(), c.code)
        money = Standing.__table__.c.revenue.type
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _money(money, r[4]),
                 _money(money, r[5]), bool(r[6])) for r in self.session.execute(stmt)]

    def set_key_account(self, customer_id: int, named: bool | None
                        ) -> tuple[Any, Any]:
        """Name the customer a key account or not by hand (None: as computed again);
        (before, after) as the audit shows them."""
        c = self.session.get(Customer, customer_id, with_for_update=True)
        assert c is not None
        before = ("manual " if c.key_account_manual else "") + ("yes" if c.key_account
                                                                 else "no")
        if named is None:
            c.key_account_manual = False
            return before, "auto"
        c.key_account, c.key_account_manual = named, True
        return before, "manual " + ("yes" if named else "no")

    def store_rating(self, customer_id: int, grade: str) -> None:
        """The computed rating (the caller checked it is not set by hand)."""
        c = self.session.get(Customer, customer_id)
        assert c is not None
        c.credit_rating = grade

    def set_rating(self, customer_id: int, grade: str | None) -> tuple[Any, Any]:
        """A manual rating (None: the computed one, from the last standing)."""
        c = self.session.get(Customer, customer_id, with_for_update=True)
        assert c is not None
        before = c.credit_rating + (" (manual)" if c.credit_rating_manual else "")
        if grade is None:
            found = self.session.get(Standing, customer_id)
            c.credit_rating = found.computed_rating if found is not None else ""
            c.credit_rating_manual = False
            return before, c.credit_rating
        c.credit_rating, c.credit_rating_manual = grade, True
        return before, grade + " (manual)"


_SIX, _FOUR, _ONE = Decimal("0.000001"), Decimal("0.0001"), Decimal("0.1")


def _standing_row(row: Mapping[str, Any], today: date) -> dict[str, Any]:
    """A standing row as the columns keep it: money in cents, the share, the on-time share
    and the days late in their smallest units (rounded half even, as their types do)."""
    return {"customer_id": row["customer_id"], "revenue": _to_cents(row["revenue"]),
            "revenue_before": _to_cents(row["revenue_before"]),
            "share": int(row["share"].quantize(_SIX, ROUND_HALF_EVEN).scaleb(6)),
            "computed_tier": row["computed_tier"],
            "computed_rating": row["computed_rating"],
            "on_time": int(row["on_time"].quantize(_FOUR, ROUND_HALF_EVEN).scaleb(4)),
            "days_late": int(row["days_late"].quantize(_ONE, ROUND_HALF_EVEN).scaleb(1)),
            "overdue": _to_cents(row["overdue"]), "last_order": row["last_order"],
            "first_order": row["first_order"],
            "open_opportunities": bool(row["open_opportunities"]), "computed_on": today}


def _to_cents(amount: Decimal) -> int:
    return int(amount.quantize(CENT, ROUND_HALF_EVEN).scaleb(2))


@cache
def _owing_statement(dialect: Dialect) -> tuple[str, list[str] | None]:
    """What a customer owes, as SQL for ``dialect``: (open invoices, its confirmed and
    delivered orders, what of those is invoiced) in cents; the parameters' names in order
    where the driver takes them by position (else None: by name)."""
    i, o = Invoice.__table__.c, SalesOrder.__table__.c
    customer: Any = bindparam("customer")
    exclude: Any = bindparam("exclude")
    open_statuses: list[Any] = [literal_column(f"'{s}'") for s in OPEN_INVOICE]  # fixed
    owing: list[Any] = [literal_column(f"'{s}'") for s in OWING]
    zero: Any = literal_column("0")
    open_invoices = select(func.coalesce(func.sum(i.gross - i.paid), zero)).where(
        i.customer_id == customer, i.status.in_(open_statuses)).scalar_subquery()
    orders = select(func.coalesce(func.sum(o.gross), zero)).where(
        o.customer_id == customer, o.status.in_(owing), o.id != exclude).scalar_subquery()
    billed = select(func.coalesce(func.sum(i.gross), zero)).select_from(
        Invoice.__table__.join(SalesOrder.__table__, o.id == i.order_id)).where(
        i.customer_id == customer, i.status.not_in(
            [literal_column("'void'"), literal_column("'draft'")]),
        o.status.in_(owing), o.id != exclude).scalar_subquery()
    compiled = select(open_invoices, orders, billed).compile(dialect=dialect)
    names = list(compiled.positiontup or ()) if compiled.positional else None
    return str(compiled), names


def aging_open_amounts(as_of: date, customer_id: int | None = None, owners: Owners = None,
                       kept_paid: bool = False) -> Any:
    """Per invoice open as of ``as_of``: its customer, due date and the amount then open
    (gross less the allocations applied by that day; ``kept_paid``: none was applied
    after it, so the paid amount kept with the invoice is that sum)."""
    i, a = Invoice, Allocation
    conds: list[ColumnElement[bool]] = [i.settled_on > as_of, i.issue_date <= as_of,
                                        i.status != "draft"]
    if customer_id is not None:
        conds.append(i.customer_id == customer_id)
    if owners is not None:
        conds.append(i.customer_id.in_(select(Customer.id).where(
            Customer.owner_id.in_(list(owners) or [-1]))))
    if kept_paid:
        return select(i.customer_id.label("customer_id"), i.due_date.label("due_date"),
                      (i.gross - i.paid).label("open_amount")).where(*conds)
    # One pass over the allocations applied by then (an outer join grouped per invoice),
    # not a correlated sum each place the amount is used.
    return (select(i.customer_id.label("customer_id"), i.due_date.label("due_date"),
                   (i.gross - func.coalesce(func.sum(a.amount), 0)).label("open_amount"))
            .outerjoin(a, and_(a.invoice_id == i.id, a.applied_on <= as_of))
            .where(*conds).group_by(i.id, i.customer_id, i.due_date, i.gross))


ZERO_CENTS = Decimal("0.00")


def _from_cents(value: Any) -> Decimal:
    """Cents as the database sums them (an int, or PostgreSQL's numeric) as an amount."""
    return Decimal(value).scaleb(-2) if value else ZERO_CENTS


def _money(column_type: Any, value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return _cents(value)


def _scaled(column_type: Any, value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    found = column_type.process_result_value(int(value or 0), None)
    return found if found is not None else Decimal(0)


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value if not hasattr(value, "date") or type(value) is date else value.date()
    return date.fromisoformat(str(value)[:10])


def finance_search_key(number: str, words: str) -> str:
    search_text, _ = build_search_key([number, words], (), (), [])
    return search_text


__all__ = ["BUCKETS", "OPEN_UNTIL", "AgingRow", "InvoiceRepository",
           "PaymentRepository", "ReceivablesRepository", "ValueCounts", "ValueWindow",
           "aging_open_amounts",
           "finance_search_key"]
