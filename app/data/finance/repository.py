"""Invoices, payments and their allocations; what a customer owes (the credit check's
"open"), the receivables' aging as of a date, and the figures customer value is computed
from (revenue per customer, payment behaviour, overdue amounts, last orders)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Dialect,
    Table,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal_column,
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
    BILLED,
    OPEN_INVOICE,
    Allocation,
    Invoice,
    Payment,
    Standing,
)
from app.data.kit.base import CodeSequence
from app.data.kit.repository import RecordRepository
from app.data.kit.rows import driver_executemany, driver_rows
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


@dataclass(frozen=True)
class Behaviour:
    """A customer's payment behaviour over a window: the amount of the invoices due in it,
    what of it was paid by the due date, the amount-weighted sum of days late (each
    allocation's amount x its days after the due date, up to the end of the window; an
    amount still unpaid counts as late until then)."""

    due: Decimal
    paid_on_time: Decimal
    late_amount_days: Decimal


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
    def revenue(self, since: date, until: date) -> dict[int, Decimal]:
        """Per customer: the net of its confirmed and delivered orders dated from ``since``
        to ``until`` (the revenue rule)."""
        o = SalesOrder
        stmt = (select(o.customer_id, func.sum(o.net))
                .where(o.status.in_(OWING), o.order_date >= since, o.order_date <= until)
                .group_by(o.customer_id))
        return {int(c): _from_cents(v) for c, v in self._driver_rows(stmt)}

    def order_days(self) -> dict[int, tuple[date, date]]:
        """Per customer with orders (confirmed or delivered): its first and last order
        dates."""
        o = SalesOrder
        stmt = (select(o.customer_id, func.min(o.order_date), func.max(o.order_date))
                .where(o.status.in_(OWING)).group_by(o.customer_id))
        return {int(c): (_day(a), _day(b)) for c, a, b in self._driver_rows(stmt)}

    def overdue_beyond(self, as_of: date, days: int, customer_id: int | None = None
                       ) -> dict[int, Decimal]:
        """Per customer (or only ``customer_id``): the open amount of its invoices more
        than ``days`` past due."""
        i = Invoice
        stmt = (select(i.customer_id, func.sum(i.gross - i.paid))
                .where(i.status.in_(OPEN_INVOICE), i.due_date < as_of - timedelta(days=days))
                .group_by(i.customer_id))
        if customer_id is not None:
            stmt = stmt.where(i.customer_id == customer_id)
        return {int(c): _from_cents(v) for c, v in self._driver_rows(stmt)}

    def with_open_opportunities(self) -> set[int]:
        o = Opportunity
        stmt = select(o.customer_id).where(o.stage.in_(OPEN_STAGES)).distinct()
        return {int(c) for (c,) in self._driver_rows(stmt)}

    def behaviour(self, since: date, until: date, customer_id: int | None = None
                  ) -> dict[int, Behaviour]:
        """Per customer (or only ``customer_id``): its payment behaviour over the invoices
        due from ``since`` to ``until`` (issued, not void)."""
        i, a = Invoice, Allocation
        only: list[Any] = [] if customer_id is None else [i.customer_id == customer_id]
        due = {int(c): _from_cents(v) for c, v in self._driver_rows(
            select(i.customer_id, func.sum(i.gross))
            .where(i.status.in_(BILLED), i.status != "void", i.due_date >= since,
                   i.due_date <= until, *only).group_by(i.customer_id))}
        on_time: dict[int, int] = {}  # cents
        late: dict[int, int] = {}  # cents x days
        stmt = (select(i.customer_id, i.due_date, a.applied_on, a.amount)
                .join(a, a.invoice_id == i.id)
                .where(i.status != "void", i.due_date >= since, i.due_date <= until,
                       a.applied_on <= until, *only))
        for customer, due_day, applied, amount in self._driver_rows(stmt):
            days = (_day(applied) - _day(due_day)).days
            if days <= 0:
                on_time[customer] = on_time.get(customer, 0) + int(amount)
            else:
                late[customer] = late.get(customer, 0) + int(amount) * days
        # What is still unpaid is late from its due date to the end of the window.
        unpaid = (select(i.customer_id, i.due_date,
                         i.gross - func.coalesce(select(func.sum(a.amount)).where(
                             a.invoice_id == i.id, a.applied_on <= until)
                             .scalar_subquery(), 0))
                  .where(i.status.in_(BILLED), i.status != "void", i.due_date >= since,
                         i.due_date < until, *only))
        for customer, due_day, rest in self._driver_rows(unpaid):
            if rest and int(rest) > 0:
                late[customer] = late.get(customer, 0) + \
                    int(rest) * (until - _day(due_day)).days
        return {c: Behaviour(total, _from_cents(on_time.get(c, 0)),
                             _from_cents(late.get(c, 0))) for c, total in due.items()}

    def customers_for_value(self) -> Iterable[Any]:
        """Every customer not archived: id, status, tier set by hand, credit limit, rating,
        rating set by hand, key account, named by hand, lifecycle, churn reason, tier, the
        day it was made."""
        c = Customer
        stmt = select(c.id, c.status, c.tier_override, c.credit_limit, c.credit_rating,
                      c.credit_rating_manual, c.key_account, c.key_account_manual,
                      c.lifecycle, c.churn_reason, c.tier, c.created_at).where(
            c.archived_at.is_(None))
        for (cid, status, tier_manual, limit, rating, rating_manual, key, key_manual,
             lifecycle, churn, tier, created) in self._driver_rows(stmt):
            yield (cid, status, bool(tier_manual), _from_cents(limit), rating,
                   bool(rating_manual), bool(key), bool(key_manual), lifecycle, churn, tier,
                   _day(created) if created is not None else None)

    def last_activity(self) -> dict[int, date]:
        """Per customer: the day of its last activity done (a call, a visit...)."""
        a = Activity
        stmt = select(a.customer_id, func.max(a.scheduled_at)).where(
            a.state == DONE).group_by(a.customer_id)
        return {int(c): _day(v) for c, v in self._driver_rows(stmt) if v is not None}

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

    def save_value(self, rows: Sequence[dict[str, Any]], customers: Sequence[dict[str, Any]],
                   today: date) -> None:
        """Replace the standing of every customer with ``rows`` and write the customers'
        computed columns (``customers``: id and the columns that changed)."""
        connection = self.session.connection()
        standing = Standing.__table__
        assert isinstance(standing, Table)
        connection.execute(delete(standing))
        if rows:  # hundreds of thousands: as the driver takes them, in one executemany
            driver_executemany(self.session, insert(standing),
                               [_standing_row(r, today) for r in rows])
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in customers:
            by_columns.setdefault(tuple(sorted(k for k in row if k != "id")), []).append(row)
        for columns, group in by_columns.items():
            table = Customer.__table__
            assert isinstance(table, Table)
            # Derived columns: the record's updated time and version stay (no person
            # changed it; a form open on it is not in conflict with the recomputation).
            stmt = update(table).where(table.c.id == bindparam("b_id")).values(
                {**{c: bindparam(f"b_{c}") for c in columns},
                 "updated_at": table.c.updated_at})
            connection.execute(stmt, [{f"b_{k}": v for k, v in r.items()} for r in group])

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
            stmt = stmt.where((s.customer_id.is_not(None)) | (c.churn_reason != "") |
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

    def rating_of(self, customer_id: int) -> tuple[str, bool, Decimal]:
        """The customer's rating, whether it was set by hand, and its credit limit (what
        this transaction wrote so far flushed first: the rating is computed from it)."""
        self.session.flush()
        c = Customer
        found = self.session.execute(select(c.credit_rating, c.credit_rating_manual,
                                            c.credit_limit).where(c.id == customer_id)).one()
        return str(found[0]), bool(found[1]), found[2]

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


__all__ = ["BUCKETS", "OPEN_UNTIL", "AgingRow", "Behaviour", "InvoiceRepository",
           "PaymentRepository", "ReceivablesRepository", "aging_open_amounts",
           "finance_search_key"]
