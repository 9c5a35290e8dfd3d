"""The finance and customer-value reports' sums: the receivables as of a day (per customer
and bucket, the overdue invoices), the customers per credit rating and their limit use, the
key accounts and the churn warnings. Everything counts among the customer's owner's
records; the open amount of an invoice as of a day is the aging's (``aging_open_amounts``:
issued by then, not settled by then, less the payments applied by then). Money in cents as
the database keeps it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Float, Select, case, cast, func, select
from sqlalchemy.orm import Session

from app.data.activities import DONE, VISIT, Activity
from app.data.admin import User
from app.data.customers import Customer
from app.data.feedback import OPEN, Feedback
from app.data.finance import (
    Allocation,
    Invoice,
    ReceivablesRepository,
    Standing,
    aging_open_amounts,
)
from app.data.kit.expr import unindexed
from app.data.reports.common import Owners, cents, day, moment, owned, rows
from app.data.reports.service import user_name


def _customers(owners: Owners) -> list[Any]:
    """The customers not archived of the owners (most are not archived: SQLite reads the
    table in order rather than by the index, ``unindexed``)."""
    return [unindexed(Customer.archived_at).is_(None), owned(Customer.owner_id, owners)]


class FinanceFacts:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- receivables as of a day ------------------------------------------------------------
    def _kept_paid(self, as_of: date) -> bool:
        """Whether nothing was applied after ``as_of`` (as of today, always): then what an
        invoice was paid by then is the paid amount kept with it."""
        later = self.session.execute(select(
            select(Allocation.id).where(Allocation.applied_on > as_of).exists())).scalar()
        return not later

    def _open_invoices(self, as_of: date, owners: Owners, numbered: bool = False) -> Any:
        """Per invoice open as of ``as_of`` (a subquery): customer_id, due_date,
        open_amount, and its ``number`` when asked."""
        kept = self._kept_paid(as_of)
        stmt: Select[Any] = aging_open_amounts(as_of, None, owners, kept_paid=kept)
        if numbered:
            stmt = stmt.add_columns(Invoice.number.label("number"))
            if not kept:  # grouped per invoice: the number too
                stmt = stmt.group_by(Invoice.number)
        return stmt.subquery()

    def _open_per_customer(self, as_of: date, owners: Owners) -> Any:
        """Per customer with an invoice open as of ``as_of`` (a subquery): customer_id,
        ``open`` and ``overdue`` (due before ``as_of``) in cents."""
        per = self._open_invoices(as_of, owners)
        amount = per.c.open_amount
        return (select(per.c.customer_id.label("customer_id"),
                       func.sum(amount).label("open"),
                       func.sum(case((per.c.due_date < as_of, amount), else_=0))
                       .label("overdue"))
                .group_by(per.c.customer_id).subquery())

    def aging(self, as_of: date, owners: Owners) -> list[tuple[Any, ...]]:
        """``ReceivablesRepository.aging``: per customer owing anything as of ``as_of``:
        id, code, name, open and each bucket's amount in cents; largest open first."""
        return ReceivablesRepository(self.session).aging(as_of, owners=owners)

    def arrears(self, as_of: date, owners: Owners
                ) -> list[tuple[str, str, str, date, int, str]]:
        """The invoices open and past due as of ``as_of``: number, customer code and name,
        due date, open amount in cents, the customer's owner's name; the longest overdue
        first, then by number."""
        per = self._open_invoices(as_of, owners, numbered=True)
        stmt = (select(per.c.number, Customer.code, Customer.name, per.c.due_date,
                       per.c.open_amount, user_name())
                .join(Customer, Customer.id == per.c.customer_id)
                .outerjoin(User, User.id == Customer.owner_id)
                .where(per.c.open_amount > 0, per.c.due_date < as_of)
                .order_by(per.c.due_date, per.c.number))
        found = []
        for number, code, name, due, amount, salesperson in rows(self.session, stmt):
            due_date = day(due)
            assert due_date is not None
            found.append((str(number), str(code), str(name), due_date, cents(amount),
                          str(salesperson)))
        return found

    # --- credit -----------------------------------------------------------------------------
    def ratings(self, as_of: date, owners: Owners) -> dict[str, tuple[int, int, int]]:
        """credit rating ("": none) -> (customers not archived, their credit limits, their
        open receivables as of ``as_of``, in cents)."""
        c, per = Customer, self._open_per_customer(as_of, owners)
        stmt = (select(c.credit_rating, func.count(), func.sum(c.credit_limit),
                       func.sum(func.coalesce(per.c.open, 0)))
                .outerjoin(per, per.c.customer_id == c.id)
                .where(*_customers(owners)).group_by(c.credit_rating))
        found: dict[str, tuple[int, int, int]] = {}
        for rating, n, limit, amount in rows(self.session, stmt):
            key = str(rating or "")
            was = found.get(key, (0, 0, 0))  # "" and NULL are both "not rated"
            found[key] = (was[0] + int(n), was[1] + cents(limit), was[2] + cents(amount))
        return found

    def limit_use(self, as_of: date, owners: Owners, limit: int
                  ) -> list[tuple[str, str, str, int, int]]:
        """The customers not archived with a credit limit and something open as of
        ``as_of``: code, name, rating, limit and open in cents; the most of their limit
        used first (then by code), the first ``limit``."""
        c, per = Customer, self._open_per_customer(as_of, owners)
        used = cast(per.c.open, Float) / cast(c.credit_limit, Float)
        stmt = (select(c.code, c.name, c.credit_rating, c.credit_limit, per.c.open)
                .join(per, per.c.customer_id == c.id)
                .where(*_customers(owners), c.credit_limit > 0, per.c.open > 0)
                .order_by(used.desc(), c.code).limit(limit))
        return [(str(code), str(name), str(rating or ""), cents(lim), cents(amount))
                for code, name, rating, lim, amount in rows(self.session, stmt)]

    # --- key accounts and churn -------------------------------------------------------------
    def key_accounts(self, as_of: date, since: datetime, until: datetime, owners: Owners
                     ) -> list[tuple[Any, ...]]:
        """The key accounts (not archived): code, name, owner's name, revenue and revenue
        before (cents, 0 without a standing), open and overdue receivables as of ``as_of``
        (cents), visits done scheduled in [since, until), the time of the latest visit done
        (UTC, None without), complaints made in [since, until), complaints open now; the
        largest revenue first, then by code."""
        c, s, a, f = Customer, Standing, Activity, Feedback
        per = self._open_per_customer(as_of, owners)
        # Each customer's by its index (customer, time); SQLite would otherwise take the
        # latest visit done from the index of all activities by state.
        visit = [a.customer_id == c.id, unindexed(a.kind) == VISIT, unindexed(a.state) == DONE]
        complaint = [f.customer_id == c.id, f.type == "complaint"]
        visits = select(func.count()).where(
            *visit, a.scheduled_at >= since, a.scheduled_at < until).scalar_subquery()
        last_visit = select(func.max(a.scheduled_at)).where(*visit).scalar_subquery()
        complaints = select(func.count()).where(
            *complaint, f.created_at >= since, f.created_at < until).scalar_subquery()
        open_complaints = select(func.count()).where(
            *complaint, f.status.in_(OPEN)).scalar_subquery()
        revenue = func.coalesce(s.revenue, 0)
        stmt = (select(c.code, c.name, user_name(), revenue,
                       func.coalesce(s.revenue_before, 0), func.coalesce(per.c.open, 0),
                       func.coalesce(per.c.overdue, 0), visits, last_visit, complaints,
                       open_complaints)
                .outerjoin(s, s.customer_id == c.id)
                .outerjoin(per, per.c.customer_id == c.id)
                .outerjoin(User, User.id == c.owner_id)
                .where(c.key_account.is_(True), *_customers(owners))
                .order_by(revenue.desc(), c.code))
        return [(str(code), str(name), str(owner), cents(rev), cents(before), cents(amount),
                 cents(overdue), int(n), moment(last), int(k), int(k_open))
                for code, name, owner, rev, before, amount, overdue, n, last, k, k_open
                in rows(self.session, stmt)]

    def churn(self, owners: Owners, top: int | None = None) -> list[tuple[Any, ...]]:
        """The customers (not archived) with a churn warning: code, name, owner's name,
        reason, lifecycle stage, revenue and revenue before (cents, as the last
        recomputation left them; 0 without), the last order's day and the last activity's
        time (UTC; None without); the largest revenue before first, then by code."""
        c, s = Customer, Standing
        before = func.coalesce(s.revenue_before, 0)
        stmt = (select(c.code, c.name, user_name(), c.churn_reason, c.lifecycle,
                       func.coalesce(s.revenue, 0), before, s.last_order, s.last_activity)
                .outerjoin(s, s.customer_id == c.id)
                .outerjoin(User, User.id == c.owner_id)
                .where(c.churn_reason != "", *_customers(owners))
                .order_by(before.desc(), c.code))
        if top is not None:
            stmt = stmt.limit(top)
        return [(str(code), str(name), str(owner), str(reason), str(stage or ""),
                 cents(rev), cents(rev_before), day(last_order), moment(last_activity))
                for code, name, owner, reason, stage, rev, rev_before, last_order,
                last_activity in rows(self.session, stmt)]
