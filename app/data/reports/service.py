"""The service reports' sums: the feedback tickets received in a time range (by type and
status, their resolution, satisfaction, complaints per customer) and the visits scheduled
in a time range per month and owner (the visit plan). Tickets count among their customer's
owner's records, visits among their own owner's. Times are UTC bounds [since, until) the
logic worked out from local days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from app.data.activities import DONE, VISIT, Activity
from app.data.admin import User, UserRepository
from app.data.customers import Customer
from app.data.feedback import OPEN, Feedback
from app.data.reports.common import Owners, moment, owned, rows


def _tickets(stmt: Select[Any], since: datetime, until: datetime, owners: Owners
             ) -> Select[Any]:
    """``stmt`` over the tickets made in [since, until) of the owners' customers."""
    f = Feedback
    stmt = stmt.where(f.created_at >= since, f.created_at < until)
    if owners is not None:  # the customer's owner: one look-up by key per ticket
        stmt = stmt.join(Customer, Customer.id == f.customer_id).where(
            owned(Customer.owner_id, owners))
    return stmt


def user_name() -> Any:
    """A user's name as people read it: the display name, else the user name (an outer
    join without a user: "")."""
    return func.coalesce(func.nullif(User.display_name, ""), User.username, "")


class ServiceFacts:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- tickets ----------------------------------------------------------------------------
    def by_type_status(self, since: datetime, until: datetime, owners: Owners
                       ) -> dict[tuple[str, str], int]:
        """(type, status) -> tickets made in [since, until)."""
        f = Feedback
        stmt = _tickets(select(f.type, f.status, func.count()), since, until, owners)
        return {(str(t), str(s)): int(n) for t, s, n in
                rows(self.session, stmt.group_by(f.type, f.status))}

    def resolved_counts(self, since: datetime, until: datetime, owners: Owners
                        ) -> dict[str, tuple[int, int]]:
        """type -> (tickets made in [since, until) with a resolved time, those of them
        resolved by their due time)."""
        f = Feedback
        met = func.sum(case((f.resolved_at <= f.due_at, 1), else_=0))
        stmt = _tickets(select(f.type, func.count(), met), since, until, owners).where(
            f.resolved_at.is_not(None))
        return {str(t): (int(n), int(m or 0)) for t, n, m in
                rows(self.session, stmt.group_by(f.type))}

    def resolution_times(self, since: datetime, until: datetime, owners: Owners
                         ) -> list[tuple[str, datetime, datetime]]:
        """(type, created, resolved) of each ticket made in [since, until) with a resolved
        time (UTC, without a zone): the durations, whose percentiles the logic takes."""
        f = Feedback
        stmt = _tickets(select(f.type, f.created_at, f.resolved_at), since, until,
                        owners).where(f.resolved_at.is_not(None))
        found = []
        for kind, made, resolved in rows(self.session, stmt):
            made_at, resolved_at = moment(made), moment(resolved)
            assert made_at is not None and resolved_at is not None
            found.append((str(kind), made_at, resolved_at))
        return found

    def satisfaction(self, since: datetime, until: datetime, owners: Owners
                     ) -> dict[int, int]:
        """score -> tickets made in [since, until) the customer scored so."""
        f = Feedback
        stmt = _tickets(select(f.satisfaction, func.count()), since, until, owners).where(
            f.satisfaction.is_not(None)).group_by(f.satisfaction)
        return {int(s): int(n) for s, n in rows(self.session, stmt)}

    def complaints(self, since: datetime, until: datetime, owners: Owners, limit: int
                   ) -> list[tuple[str, str, int, int]]:
        """The customers with the most complaints made in [since, until): code, name,
        complaints, those of them still open; the most first, then by code; the first
        ``limit``."""
        f = Feedback
        still_open = func.sum(case((f.status.in_(OPEN), 1), else_=0))
        per = _tickets(select(f.customer_id.label("customer_id"),
                              func.count().label("complaints"),
                              still_open.label("open")), since, until, owners).where(
            f.type == "complaint").group_by(f.customer_id).subquery()
        stmt = (select(Customer.code, Customer.name, per.c.complaints, per.c.open)
                .join(Customer, Customer.id == per.c.customer_id)
                .order_by(per.c.complaints.desc(), Customer.code).limit(limit))
        return [(str(c), str(n), int(k), int(o or 0)) for c, n, k, o in
                rows(self.session, stmt)]

    # --- visits -----------------------------------------------------------------------------
    def visits(self, bounds: Sequence[datetime], owners: Owners
               ) -> list[tuple[int, int, str, str, int, int]]:
        """The visits with an owner scheduled in [bounds[0], bounds[-1]), per period
        [bounds[n], bounds[n + 1]) and owner: (n, owner id, user name, name, visits, those
        of them done). What the visit plan counts (ActivityRepository.visit_counts)."""
        a = Activity
        period = case(*((a.scheduled_at < bound, n) for n, bound in enumerate(bounds[1:])),
                      else_=len(bounds) - 1)
        each = (select(period.label("period"), a.owner_id.label("owner_id"),
                       case((a.state == DONE, 1), else_=0).label("done"))
                .where(a.kind == VISIT, a.scheduled_at >= bounds[0],
                       a.scheduled_at < bounds[-1], a.owner_id.is_not(None),
                       owned(a.owner_id, owners)).subquery())
        per = (select(each.c.period, each.c.owner_id, func.count().label("planned"),
                      func.sum(each.c.done).label("done"))
               .group_by(each.c.period, each.c.owner_id).subquery())
        stmt = (select(per.c.period, per.c.owner_id, func.coalesce(User.username, ""),
                       user_name(), per.c.planned, per.c.done)
                .outerjoin(User, User.id == per.c.owner_id))
        return [(int(p), int(o), str(u), str(n), int(k), int(d or 0))
                for p, o, u, n, k, d in rows(self.session, stmt)]

    def salespeople(self, owners: Owners) -> list[tuple[int, str, str]]:
        """The active users holding a sales role among ``owners``: id, user name, name
        (the visit plan lists each, with nothing planned too)."""
        return [(int(u.id), str(u.username), str(u.display_name or u.username))
                for u in UserRepository(self.session).sales_users(owners)]
