"""Customer value, the rules in one place (docs/credit.md): the credit rating from payment
behaviour, the contribution tiers (Pareto), key accounts, the lifecycle stage and the churn
warning.

Each rule is an expression over a customer's figures (``app/data/kit/expr.py``), made from
the settings (``VALUE_SETTINGS``) and the day: the recomputation hands them to the data
layer, which judges every customer with them in one statement; ``rating``, ``tier``,
``lifecycle``, ``churn``, ``key_account`` and ``pareto`` judge one customer (or a small
set) in Python with the same expressions, for a payment's rating at once and for the tests'
hand-made cases. Money is compared in integer cents and shares by cross-multiplying, so
both sides judge alike and exactly.

The figures, by name (the data layer's ``VALUE_FIGURES``): ``status``, ``created`` (the day
the customer was made), ``credit_limit``; ``revenue`` and ``revenue_before`` (the last 12
months and the 12 before); ``ahead`` (the revenue of the customers strictly larger) and
``total`` (of all with revenue); ``overdue`` (open and past due today) and
``overdue_long`` (more than the restricted days past due); ``due``, ``paid_on_time`` and
``late_amount_days`` (the invoices due in the last 12 months: their gross, what was paid by
the due date, amount x days late); ``open_opportunities``; ``first_order``,
``last_order``, ``last_activity``; and the customer's own ``tier``, ``tier_manual``,
``rating``, ``rating_manual``, ``key_account``, ``key_manual``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.data.kit.expr import Expr, F, all_of, any_of, cents, share, when

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


YEAR = 365
DUE, PAID, LATE = F("due"), F("paid_on_time"), F("late_amount_days")
OVERDUE, LIMIT = F("overdue"), F("credit_limit")
REVENUE, BEFORE = F("revenue"), F("revenue_before")
FIRST, LAST, SEEN = F("first_order"), F("last_order"), F("last_activity")


def rating_rule(settings: Mapping[str, Any], table: tuple[Grade, ...] | None = None) -> Expr:
    """The first grade whose three bounds the figures meet (paid on time at least, days
    late at most, overdue share of the credit limit at most), else C; "" when nothing fell
    due in the 12 months and nothing is overdue (no behaviour to rate). Overdue without a
    credit limit is beyond every grade's bound."""
    rule = when((DUE <= 0) & (OVERDUE <= 0), "")
    for grade in table if table is not None else grades(settings):
        rule = rule.when(all_of(
            share(PAID, DUE, grade.on_time, ">="),  # nothing due: 0 >= 0, on time
            DUE * grade.days_late >= LATE,  # cents x days against cents x days
            any_of(OVERDUE <= 0, (LIMIT > 0) & share(OVERDUE, LIMIT, grade.overdue, "<="))),
            grade.name)
    return rule.otherwise("C")


def contribution_rule(settings: Mapping[str, Any]) -> Expr:
    """Pareto, for a customer with revenue: premium while the revenue of those strictly
    larger (``ahead``) is under the premium share of the ``total`` (80%: the customer that
    crosses the line is premium), major under the major share (95%), ordinary after."""
    ahead, total = F("ahead"), F("total")
    return when(share(ahead, total, Decimal(settings["premium_share"]), "<"), "premium") \
        .when(share(ahead, total, Decimal(settings["major_share"]), "<"), "major") \
        .otherwise("ordinary")


def _down_more(fraction: Decimal) -> Expr:
    """Revenue fell by more than ``fraction`` against the 12 months before (some revenue
    before)."""
    return (BEFORE > 0) & share(BEFORE - REVENUE, BEFORE, fraction, ">")


def tier_rule(settings: Mapping[str, Any]) -> Expr:
    """Restricted first (an amount long overdue, or revenue down more than the restricted
    drop), whatever the revenue; then the Pareto tier of a customer with revenue; potential
    for one without revenue but with open opportunities or a prospect; ordinary else."""
    return when((F("overdue_long") > 0) | _down_more(Decimal(settings["restricted_drop"])),
                "restricted") \
        .when(REVENUE > 0, contribution_rule(settings)) \
        .when(F("open_opportunities").eq(True) | F("status").eq("prospect"), "potential") \
        .otherwise("ordinary")


def key_account_rule(settings: Mapping[str, Any]) -> Expr:
    """Revenue of the last 12 months at or above the threshold."""
    return when(cents(settings["key_account_revenue"]) <= REVENUE, True).otherwise(False)


def lifecycle_rule(settings: Mapping[str, Any], today: date) -> Expr:
    """lost (no order for more than the lost days), new (first order within 12 months),
    rising or declining (revenue changed by more than the lifecycle share against the 12
    months before), stable; "" for a customer that never ordered."""
    change = Decimal(settings["lifecycle_change"])
    lost = today - timedelta(days=int(settings["lost_after_days"]))
    return when(LAST.is_null() | FIRST.is_null(), "") \
        .when(lost > LAST, "lost") \
        .when(today - timedelta(days=YEAR) <= FIRST, "new") \
        .when(BEFORE <= 0, when(REVENUE > 0, "rising").otherwise("stable")) \
        .when(share(REVENUE - BEFORE, BEFORE, change, ">"), "rising") \
        .when(share(BEFORE - REVENUE, BEFORE, change, ">"), "declining") \
        .otherwise("stable")


def churn_rule(settings: Mapping[str, Any], today: date) -> Expr:
    """The churn warning of an active customer: "no_contact" (no order and no activity for
    more than the churn days: the last of either, or the day it was made if it has
    neither), "revenue_down" (down more than the churn drop against the 12 months before),
    or ""."""
    cut = today - timedelta(days=int(settings["churn_days"]))
    silent = all_of(LAST.is_null() | (cut > LAST), SEEN.is_null() | (cut > SEEN),
                    any_of(LAST.not_null(), SEEN.not_null(), F("created") < cut))
    return when(F("status").ne("active"), "") \
        .when(silent, "no_contact") \
        .when(_down_more(Decimal(settings["churn_drop"])), "revenue_down") \
        .otherwise("")


def value_rules(settings: Mapping[str, Any], today: date) -> dict[str, Expr]:
    """What a recomputation judges, by the name it is kept under: the computed tier and
    rating (kept in the standing, shown beside one set by hand), and the customer's own
    columns (a tier, rating or key account set by hand is kept)."""
    computed_tier, computed_rating = tier_rule(settings), rating_rule(settings)
    return {
        "computed_tier": computed_tier,
        "computed_rating": computed_rating,
        "tier": when(F("tier_manual").eq(True), F("tier")).otherwise(computed_tier),
        "credit_rating": when(F("rating_manual").eq(True), F("rating"))
        .otherwise(computed_rating),
        "key_account": when(F("key_manual").eq(True), F("key_account"))
        .otherwise(key_account_rule(settings)),
        "lifecycle": lifecycle_rule(settings, today),
        "churn_reason": churn_rule(settings, today),
    }


# --- one customer (or a hand-made set) in Python, with the same rules --------------------

def rating(figures: PaymentFigures, settings: Mapping[str, Any],
           table: tuple[Grade, ...] | None = None) -> str:
    """``rating_rule`` judged on one customer's figures."""
    return str(rating_rule(settings, table).evaluate({
        "due": cents(figures.due), "paid_on_time": cents(figures.paid_on_time),
        "late_amount_days": cents(figures.late_amount_days),
        "overdue": cents(figures.overdue), "credit_limit": cents(figures.credit_limit)}))


@dataclass(frozen=True)
class Contribution:
    tier: str  # premium, major or ordinary (by revenue alone)
    share: Decimal  # cumulative share of revenue up to and including this customer's
    ahead: int = 0  # cents: the revenue of the customers strictly larger
    total: int = 0  # cents: the revenue of all


def pareto(revenues: Mapping[int, Decimal], settings: Mapping[str, Any]
           ) -> dict[int, Contribution]:
    """``contribution_rule`` for a set of customers' revenues: the customers with revenue,
    largest first; customers with equal revenue are one step (the same ``ahead``, share
    and tier). The data layer computes the same figures with a window."""
    rule = contribution_rule(settings)
    positive = sorted(((cents(r), c) for c, r in revenues.items() if r > ZERO),
                      reverse=True)
    total = sum(r for r, _ in positive)
    result: dict[int, Contribution] = {}
    before = 0  # the revenue of the customers strictly larger
    n = 0
    while n < len(positive):
        amount = positive[n][0]
        m = n
        while m < len(positive) and positive[m][0] == amount:
            m += 1
        tier = str(rule.evaluate({"ahead": before, "total": total}))
        upto = before + amount * (m - n)
        share = (Decimal(upto) / Decimal(total)).quantize(SHARE, ROUND_HALF_UP)
        for _, customer in positive[n:m]:
            result[customer] = Contribution(tier, share, before, total)
        before, n = upto, m
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

    def figures(self, since: date | None = None,
                by_revenue: Contribution | None = None) -> dict[str, Any]:
        return {"status": self.status, "revenue": cents(self.revenue),
                "revenue_before": cents(self.revenue_before),
                "overdue_long": cents(self.overdue_long),
                "open_opportunities": self.open_opportunities,
                "first_order": self.first_order, "last_order": self.last_order,
                "last_activity": self.last_activity, "created": since,
                "ahead": by_revenue.ahead if by_revenue else None,
                "total": by_revenue.total if by_revenue else None}


def tier(facts: Facts, by_revenue: Contribution | None, settings: Mapping[str, Any]
         ) -> str:
    """``tier_rule`` judged on one customer (``by_revenue``: its place in ``pareto``)."""
    return str(tier_rule(settings).evaluate(facts.figures(by_revenue=by_revenue)))


def key_account(revenue: Decimal, settings: Mapping[str, Any]) -> bool:
    """``key_account_rule`` on one revenue."""
    return bool(key_account_rule(settings).evaluate({"revenue": cents(revenue)}))


def lifecycle(facts: Facts, today: date, settings: Mapping[str, Any]) -> str:
    """``lifecycle_rule`` judged on one customer."""
    return str(lifecycle_rule(settings, today).evaluate(facts.figures()))


def churn(facts: Facts, today: date, settings: Mapping[str, Any],
          since: date | None = None) -> str:
    """``churn_rule`` judged on one customer (``since``: the day it was made)."""
    return str(churn_rule(settings, today).evaluate(facts.figures(since)))
