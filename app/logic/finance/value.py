"""Customer value, the rules in one place (docs/credit.md): the credit rating from payment
behaviour, the contribution tiers (Pareto), key accounts, the lifecycle stage and the churn
warning. Pure functions of the figures the data layer sums and of the settings
(``VALUE_SETTINGS``), so each is tested on hand-made numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

ZERO = Decimal("0.00")
SHARE = Decimal("0.000001")


@dataclass(frozen=True)
class Grade:
    name: str
    on_time: Decimal  # the least share of the amount due paid by the due date
    days_late: int  # the most average days late (amount-weighted)
    overdue: Decimal  # the most overdue amount relative to the credit limit


def grades(settings: Mapping[str, Any]) -> tuple[Grade, ...]:
    """AAA, AA, A, B as the settings say (C is what meets none)."""
    return tuple(Grade(g, Decimal(settings[f"{g.lower()}_on_time"]),
                       int(settings[f"{g.lower()}_days_late"]),
                       Decimal(settings[f"{g.lower()}_overdue"]))
                 for g in ("AAA", "AA", "A", "B"))


@dataclass(frozen=True)
class PaymentFigures:
    """A customer's payment behaviour over the last 12 months (invoices due in them)."""

    due: Decimal  # the gross of the invoices due
    paid_on_time: Decimal  # what of it was paid by the due date
    late_amount_days: Decimal  # sum of amount x days late (unpaid: late until today)
    overdue: Decimal  # open and past due today
    credit_limit: Decimal

    @property
    def on_time(self) -> Decimal:
        """Share paid by the due date (0 to 1), exact (compared with the bounds as it is;
        rounded only where it is shown)."""
        return self.paid_on_time / self.due if self.due > ZERO else Decimal(1)

    @property
    def days_late(self) -> Decimal:
        """Average days late, weighted by amount (exact)."""
        return self.late_amount_days / self.due if self.due > ZERO else Decimal(0)

    @property
    def overdue_share(self) -> Decimal | None:
        """Overdue relative to the credit limit; None: overdue without a limit (beyond
        every grade's bound)."""
        if self.overdue <= ZERO:
            return Decimal(0)
        if self.credit_limit <= ZERO:
            return None
        return self.overdue / self.credit_limit


def rating(figures: PaymentFigures, settings: Mapping[str, Any],
           table: tuple[Grade, ...] | None = None) -> str:
    """The first grade whose three bounds the figures meet (paid on time at least, days
    late at most, overdue share at most), else C; "" when nothing fell due in the
    12 months and nothing is overdue (no behaviour to rate). ``table``: the grades of
    ``settings`` made once for many customers."""
    if figures.due <= ZERO and figures.overdue <= ZERO:
        return ""
    share = figures.overdue_share
    for grade in table if table is not None else grades(settings):
        if figures.on_time >= grade.on_time and figures.days_late <= grade.days_late and \
                share is not None and share <= grade.overdue:
            return grade.name
    return "C"


@dataclass(frozen=True)
class Contribution:
    tier: str  # premium, major or ordinary (by revenue alone)
    share: Decimal  # cumulative share of revenue up to and including this customer's


def pareto(revenues: Mapping[int, Decimal], settings: Mapping[str, Any]
           ) -> dict[int, Contribution]:
    """The customers with revenue, largest first: premium while the revenue of those
    larger (strictly) is under the premium share of the total (80%: the customer that
    crosses the line is premium), major under the major share (95%), ordinary after.
    Customers with equal revenue are one step: the same cumulative share and tier."""
    premium = Decimal(settings["premium_share"])
    major = Decimal(settings["major_share"])
    positive = sorted(((r, c) for c, r in revenues.items() if r > ZERO), reverse=True)
    total = sum((r for r, _ in positive), ZERO)
    result: dict[int, Contribution] = {}
    before = ZERO  # the revenue of the customers strictly larger
    n = 0
    while n < len(positive):
        amount = positive[n][0]
        step: list[int] = []
        m = n
        while m < len(positive) and positive[m][0] == amount:
            step.append(positive[m][1])
            m += 1
        ahead = before / total
        tier = "premium" if ahead < premium else "major" if ahead < major else "ordinary"
        before += amount * len(step)
        share = (before / total).quantize(SHARE, ROUND_HALF_UP)
        for customer in step:
            result[customer] = Contribution(tier, share)
        n = m
    return result


@dataclass(frozen=True)
class Facts:
    """What the tier, lifecycle and churn of one customer are decided from."""

    status: str
    revenue: Decimal  # the last 12 months
    revenue_before: Decimal  # the 12 months before
    overdue_long: Decimal  # open more than the restricted days past due
    open_opportunities: bool
    first_order: date | None
    last_order: date | None
    last_activity: date | None


def _drop(facts: Facts) -> Decimal | None:
    """How much revenue fell against the 12 months before (0.3: by 30%); None without
    revenue before."""
    if facts.revenue_before <= ZERO:
        return None
    return (facts.revenue_before - facts.revenue) / facts.revenue_before


def tier(facts: Facts, by_revenue: Contribution | None, settings: Mapping[str, Any]
         ) -> str:
    """Restricted first (an amount long overdue, or revenue down more than the restricted
    drop), whatever the revenue; then the Pareto tier of a customer with revenue; potential
    for one without revenue but with open opportunities or a prospect; ordinary else."""
    drop = _drop(facts)
    if facts.overdue_long > ZERO or \
            (drop is not None and drop > Decimal(settings["restricted_drop"])):
        return "restricted"
    if by_revenue is not None:
        return by_revenue.tier
    if facts.open_opportunities or facts.status == "prospect":
        return "potential"
    return "ordinary"


def key_account(revenue: Decimal, settings: Mapping[str, Any]) -> bool:
    """Revenue of the last 12 months at or above the threshold."""
    return revenue >= Decimal(settings["key_account_revenue"])


def lifecycle(facts: Facts, today: date, settings: Mapping[str, Any]) -> str:
    """lost (no order for the lost days), new (first order within 12 months), rising or
    declining (revenue changed by more than the lifecycle share against the 12 months
    before), stable; "" for a customer that never ordered."""
    if facts.last_order is None or facts.first_order is None:
        return ""
    if (today - facts.last_order).days > int(settings["lost_after_days"]):
        return "lost"
    if (today - facts.first_order).days <= 365:
        return "new"
    change = Decimal(settings["lifecycle_change"])
    if facts.revenue_before <= ZERO:
        return "rising" if facts.revenue > ZERO else "stable"
    growth = (facts.revenue - facts.revenue_before) / facts.revenue_before
    if growth > change:
        return "rising"
    if growth < -change:
        return "declining"
    return "stable"


def churn(facts: Facts, today: date, settings: Mapping[str, Any],
          since: date | None = None) -> str:
    """The churn warning of an active customer: "no_contact" (no order and no activity for
    the churn days: the last of either, or when it was made (``since``) if it has neither,
    older than that),
    "revenue_down" (down more than the churn drop against the 12 months before), or ""."""
    if facts.status != "active":
        return ""
    days = int(settings["churn_days"])
    seen = [d for d in (facts.last_order, facts.last_activity) if d is not None] or \
        ([since] if since is not None else [])
    if seen and (today - max(seen)).days > days:
        return "no_contact"
    drop = _drop(facts)
    if drop is not None and drop > Decimal(settings["churn_drop"]):
        return "revenue_down"
    return ""
