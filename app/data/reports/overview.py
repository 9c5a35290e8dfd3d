"""The sums the dashboard and several reports share: receivables by aging bucket, open
and overdue tickets, customers counted by a field, new customers in a time range, the
customers and revenue per tier. Each one aggregate statement within the record scope
(customers by their owner)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from app.data.customers import Customer
from app.data.feedback import OPEN, Feedback
from app.data.finance import Allocation, Standing, aging_open_amounts
from app.data.reports.common import Owners, cents, owned, rows
from app.data.sales import OPEN_STAGES, Opportunity

# The customer fields a report may count customers by.
COUNTED = {"province": Customer.province, "city": Customer.city,
           "industry": Customer.industry, "tier": Customer.tier, "status": Customer.status,
           "ownership": Customer.ownership, "lifecycle": Customer.lifecycle,
           "credit_rating": Customer.credit_rating}


def _customers_of(owners: Owners, province: str | None = None) -> list[Any]:
    conds: list[Any] = [Customer.archived_at.is_(None), owned(Customer.owner_id, owners)]
    if province:
        conds.append(Customer.province == province)
    return conds


class OverviewFacts:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- receivables ------------------------------------------------------------------------
    def bucket_totals(self, as_of: date, owners: Owners,
                      buckets: Sequence[tuple[str, int | None, int | None]]) -> list[int]:
        """What customers owe as of ``as_of`` in cents, per bucket of days past due."""
        later = self.session.execute(select(
            select(Allocation.id).where(Allocation.applied_on > as_of).exists())).scalar()
        per = aging_open_amounts(as_of, None, owners, kept_paid=not later).subquery()
        due, amount = per.c.due_date, per.c.open_amount
        columns = []
        for _name, first, last in buckets:
            conds = []
            if first is not None:
                conds.append(due <= as_of - timedelta(days=first))
            if last is not None:
                conds.append(due >= as_of - timedelta(days=last))
            columns.append(type_coerce(func.sum(case((and_(*conds), amount), else_=0)),
                                       BigInteger()))
        found = rows(self.session, select(*columns).select_from(per))
        return [cents(v) for v in found[0]] if found else [0] * len(buckets)

    # --- tickets ----------------------------------------------------------------------------
    def tickets(self, now: datetime, owners: Owners) -> tuple[int, int]:
        """(open complaints, overdue open tickets) of the owners' customers."""
        f = Feedback
        base = select(func.count()).select_from(f).where(f.status.in_(OPEN))
        if owners is not None:
            # Joined to each ticket's customer (a few thousand open tickets), not a list of
            # every customer of the owners (200,000 each in the benchmark: 3x slower).
            base = base.join(Customer, Customer.id == f.customer_id).where(
                owned(Customer.owner_id, owners))
        complaints = base.where(f.type == "complaint")
        overdue = base.where(f.due_at < now)
        return (int(self.session.execute(complaints).scalar() or 0),
                int(self.session.execute(overdue).scalar() or 0))

    # --- customers --------------------------------------------------------------------------
    def counted(self, fields: Sequence[str], owners: Owners, province: str | None = None
                ) -> list[tuple[Any, ...]]:
        """The customers (not archived) per value of ``fields``: (*values, count), the
        most first."""
        columns = [COUNTED[f] for f in fields]
        stmt = (select(*columns, func.count()).where(*_customers_of(owners, province))
                .group_by(*columns).order_by(func.count().desc(), *columns))
        return [(*(str(v or "") for v in r[:-1]), int(r[-1]))
                for r in rows(self.session, stmt)]

    def created(self, since: datetime, until: datetime, owners: Owners,
                province: str | None = None) -> list[datetime]:
        """When each customer made in [since, until) (UTC) was made."""
        stmt = (select(Customer.created_at).where(
            *_customers_of(owners, province), Customer.created_at >= since,
            Customer.created_at < until))
        return [r[0] for r in self.session.execute(stmt)]

    def created_count(self, since: datetime, until: datetime, owners: Owners) -> int:
        stmt = select(func.count()).where(*_customers_of(owners), Customer.created_at >= since,
                                          Customer.created_at < until)
        return int(self.session.execute(stmt).scalar() or 0)

    def tiers(self, owners: Owners) -> dict[str, tuple[int, int]]:
        """tier -> (customers, revenue of the last twelve months in cents)."""
        c, s = Customer, Standing
        stmt = (select(c.tier, func.count(),
                       type_coerce(func.sum(func.coalesce(
                           type_coerce(s.revenue, BigInteger()), 0)), BigInteger()))
                .outerjoin(s, s.customer_id == c.id)
                .where(*_customers_of(owners)).group_by(c.tier))
        return {str(t): (int(n), cents(r)) for t, n, r in rows(self.session, stmt)}

    def tier_counts(self, owners: Owners) -> dict[str, int]:
        """tier -> customers (not archived): ``tiers`` without the revenue, so without
        reading the standing (the dashboard's pie)."""
        c = Customer
        stmt = select(c.tier, func.count()).where(*_customers_of(owners)).group_by(c.tier)
        return {str(t): int(n) for t, n in rows(self.session, stmt)}

    def revenues(self, owners: Owners) -> list[int]:
        """The last twelve months' revenue in cents of each customer with any, largest
        first (the Pareto curve)."""
        c, s = Customer, Standing
        stmt = (select(type_coerce(s.revenue, BigInteger()))
                .join(c, c.id == s.customer_id)
                .where(*_customers_of(owners), s.revenue > 0)
                .order_by(s.revenue.desc()))
        return [cents(r[0]) for r in rows(self.session, stmt)]

    # --- opportunities ----------------------------------------------------------------------
    def weighted_pipeline(self, owners: Owners) -> tuple[int, int]:
        """(open opportunities, their weighted amount in cents)."""
        p = Opportunity
        n, w = self.session.execute(select(
            func.count(), type_coerce(func.sum(type_coerce(p.weighted, BigInteger())),
                                      BigInteger()))
            .where(p.stage.in_(OPEN_STAGES), owned(p.owner_id, owners))).one()
        return int(n), cents(w)
