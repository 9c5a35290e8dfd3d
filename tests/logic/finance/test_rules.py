"""The rules of finance on hand-computed figures (docs/credit.md): allocation, an invoice's
status, aging buckets at their edges, the rating at each threshold, the Pareto tiers with
ties at the 80% line, restricted and potential, lifecycle and churn."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from app.logic.finance import (
    VALUE_SETTINGS,
    Facts,
    OpenInvoice,
    PaymentFigures,
    allocate,
    bucket_of,
    churn,
    invoice_status,
    key_account,
    lifecycle,
    pareto,
    rating,
    tier,
)
from app.logic.kit.errors import ValidationError

SETTINGS = VALUE_SETTINGS.defaults()
TODAY = date(2026, 12, 5)


def invoices() -> list[OpenInvoice]:
    """Three open invoices given out of order: B due first, then A, then C (due the same
    day as A but issued later)."""
    return [OpenInvoice(1, "A", date(2026, 3, 1), date(2026, 1, 30), D("300.00")),
            OpenInvoice(2, "B", date(2026, 2, 1), date(2026, 1, 2), D("200.00")),
            OpenInvoice(3, "C", date(2026, 3, 1), date(2026, 2, 1), D("100.00"))]


def test_a_payment_goes_to_the_oldest_due_first_as_far_as_it_goes() -> None:
    assert allocate(D("350.00"), invoices()) == {2: D("200.00"), 1: D("150.00")}
    assert allocate(D("600.00"), invoices()) == {2: D("200.00"), 1: D("300.00"),
                                                 3: D("100.00")}
    # More than all is open: the rest (50.00) stays with the customer.
    assert sum(allocate(D("650.00"), invoices()).values()) == D("600.00")
    assert allocate(D("0.00"), invoices()) == {}


def test_by_hand_exactly_as_given_and_over_allocation_refused() -> None:
    assert allocate(D("100.00"), invoices(), {"C": D("60.00"), "A": D("40.00")}) == \
        {3: D("60.00"), 1: D("40.00")}
    assert allocate(D("100.00"), invoices(), {"C": D("60.00")}) == {3: D("60.00")}
    with pytest.raises(ValidationError) as more_than_payment:
        allocate(D("50.00"), invoices(), {"B": D("60.00")})
    assert more_than_payment.value.errors["allocate"].code == "over_amount"
    with pytest.raises(ValidationError) as more_than_open:
        allocate(D("500.00"), invoices(), {"C": D("100.01")})
    assert more_than_open.value.errors["allocate[C]"].code == "over_open"
    with pytest.raises(ValidationError) as unknown:
        allocate(D("10.00"), invoices(), {"X9": D("10.00"), "A": D("0")})
    assert {k: e.code for k, e in unknown.value.errors.items()} == {
        "allocate[X9]": "not_open", "allocate[A]": "not_positive"}


def test_an_invoices_status_follows_what_is_paid() -> None:
    assert invoice_status(D("100.00"), D("0.00")) == "issued"
    assert invoice_status(D("100.00"), D("0.01")) == "partially_paid"
    assert invoice_status(D("100.00"), D("99.99")) == "partially_paid"
    assert invoice_status(D("100.00"), D("100.00")) == "paid"


@pytest.mark.parametrize(("days_past_due", "bucket"), [
    (-10, "current"), (0, "current"), (1, "days_1_30"), (30, "days_1_30"),
    (31, "days_31_60"), (60, "days_31_60"), (61, "days_61_90"), (90, "days_61_90"),
    (91, "days_over_90"), (400, "days_over_90")])
def test_aging_buckets_at_their_edges(days_past_due: int, bucket: str) -> None:
    assert bucket_of(TODAY - timedelta(days=days_past_due), TODAY) == bucket


def figures(on_time: str = "1000.00", late_days: str = "0", overdue: str = "0.00",
            limit: str = "1000.00", due: str = "1000.00") -> PaymentFigures:
    return PaymentFigures(D(due), D(on_time), D(late_days), D(overdue), D(limit))


@pytest.mark.parametrize(("given", "grade"), [
    # AAA: at least 95% on time, at most 2 days late on average, nothing overdue.
    (figures(on_time="950.00", late_days="2000"), "AAA"),  # exactly 95%, exactly 2.0 days
    (figures(on_time="949.00"), "AA"),  # 94.9% on time
    (figures(on_time="949.99"), "AA"),  # 94.999%: compared exactly, never rounded up
    (figures(late_days="2100"), "AA"),  # 2.1 days late
    (figures(overdue="0.01"), "AA"),  # a cent overdue: not AAA
    # AA: 85%, 7 days, overdue at most 10% of the limit.
    (figures(on_time="850.00", late_days="7000", overdue="100.00"), "AA"),
    (figures(overdue="101.00"), "A"),  # 10.1% of the limit overdue
    (figures(on_time="849.00"), "A"),
    # A: 70%, 15 days, 25%.
    (figures(on_time="700.00", late_days="15000", overdue="250.00"), "A"),
    (figures(late_days="15100"), "B"),
    # B: 50%, 30 days, 50%.
    (figures(on_time="500.00", late_days="30000", overdue="500.00"), "B"),
    (figures(on_time="499.00"), "C"),
    (figures(late_days="30100"), "C"),
    (figures(overdue="501.00"), "C"),
    # Overdue without a credit limit is beyond every grade's bound.
    (figures(overdue="1.00", limit="0.00"), "C"),
    # Nothing due in the 12 months and nothing overdue: no behaviour to rate.
    (figures(due="0.00", on_time="0.00"), ""),
])
def test_the_rating_at_each_threshold(given: PaymentFigures, grade: str) -> None:
    assert rating(given, SETTINGS) == grade


def test_figures_are_shares_and_amount_weighted_days() -> None:
    # 1,000 due: 600 paid on time, 400 paid 10 days late -> 60% on time, 4.0 days late.
    seen = figures(on_time="600.00", late_days="4000")
    assert (seen.on_time, seen.days_late) == (D("0.6"), D("4"))
    assert figures(overdue="250.00").overdue_share == D("0.25")


def test_pareto_with_ties_at_and_across_the_line() -> None:
    revenues = {1: D("400"), 2: D("300"), 3: D("100"), 4: D("100"), 5: D("60"),
                6: D("30"), 7: D("10"), 8: D("0")}
    found = pareto(revenues, SETTINGS)
    assert {c: found[c].tier for c in found} == {
        1: "premium", 2: "premium",  # 0% and 40% ahead of them
        3: "premium", 4: "premium",  # a tie with 70% ahead: both premium, together to 90%
        5: "major",  # 90% ahead: under 95%
        6: "ordinary", 7: "ordinary"}  # 96% and 99% ahead
    assert 8 not in found  # no revenue: not in the Pareto at all
    assert [found[c].share for c in (1, 2, 3, 4, 5, 6, 7)] == [
        D("0.4"), D("0.7"), D("0.9"), D("0.9"), D("0.96"), D("0.99"), D("1")]
    # Exactly 80% ahead of a tie: not premium (the line is crossed before them).
    at_line = pareto({1: D("800"), 2: D("100"), 3: D("100")}, SETTINGS)
    assert [at_line[c].tier for c in (1, 2, 3)] == ["premium", "major", "major"]
    assert pareto({}, SETTINGS) == {}


def facts(**given: object) -> Facts:
    values: dict[str, object] = dict(
        status="active", revenue=D("1000"), revenue_before=D("1000"), overdue_long=D("0"),
        open_opportunities=False, first_order=date(2024, 1, 1),
        last_order=date(2026, 11, 1), last_activity=None)
    values.update(given)
    return Facts(**values)  # type: ignore[arg-type]  # the test's own keyword values


def test_restricted_wins_over_revenue_and_potential_has_none() -> None:
    premium = pareto({1: D("1000")}, SETTINGS)[1]
    assert tier(facts(), premium, SETTINGS) == "premium"
    assert tier(facts(overdue_long=D("0.01")), premium, SETTINGS) == "restricted"
    # Down 50% exactly: not more than the drop; 50.1%: restricted.
    assert tier(facts(revenue=D("500"), revenue_before=D("1000")), premium,
                SETTINGS) == "premium"
    assert tier(facts(revenue=D("499"), revenue_before=D("1000")), premium,
                SETTINGS) == "restricted"
    assert tier(facts(revenue=D("0"), revenue_before=D("0"), open_opportunities=True), None,
                SETTINGS) == "potential"
    # No revenue now against some before: down 100%, restricted rather than potential.
    assert tier(facts(revenue=D("0"), open_opportunities=True), None, SETTINGS) == "restricted"
    assert tier(facts(revenue=D("0"), revenue_before=D("0"), status="prospect"), None,
                SETTINGS) == "potential"
    assert tier(facts(revenue=D("0"), revenue_before=D("0")), None, SETTINGS) == "ordinary"


def test_key_account_from_the_threshold() -> None:
    assert key_account(D("200000.00"), SETTINGS)
    assert not key_account(D("199999.99"), SETTINGS)


@pytest.mark.parametrize(("given", "stage"), [
    (facts(first_order=None, last_order=None), ""),
    (facts(last_order=TODAY - timedelta(days=366)), "lost"),
    (facts(last_order=TODAY - timedelta(days=365)), "stable"),
    (facts(first_order=TODAY - timedelta(days=365)), "new"),
    (facts(revenue=D("1201"), revenue_before=D("1000")), "rising"),  # up 20.1%
    (facts(revenue=D("1200"), revenue_before=D("1000")), "stable"),  # up 20% exactly
    (facts(revenue=D("799"), revenue_before=D("1000")), "declining"),
    (facts(revenue=D("10"), revenue_before=D("0")), "rising"),
])
def test_lifecycle_stages(given: Facts, stage: str) -> None:
    assert lifecycle(given, TODAY, SETTINGS) == stage


def test_churn_warning_and_its_reason() -> None:
    quiet = facts(last_order=TODAY - timedelta(days=91), last_activity=None)
    assert churn(quiet, TODAY, SETTINGS) == "no_contact"
    # An activity within the 90 days: no warning for silence.
    assert churn(facts(last_order=TODAY - timedelta(days=200),
                       last_activity=TODAY - timedelta(days=90)), TODAY, SETTINGS) == ""
    assert churn(facts(revenue=D("699"), revenue_before=D("1000")), TODAY,
                 SETTINGS) == "revenue_down"  # down 30.1%
    assert churn(facts(revenue=D("700"), revenue_before=D("1000")), TODAY, SETTINGS) == ""
    assert churn(quiet.__class__(**{**quiet.__dict__, "status": "dormant"}), TODAY,
                 SETTINGS) == ""  # only active customers are warned about
    # Never ordered, never contacted: silent since it was made.
    never = facts(first_order=None, last_order=None)
    assert churn(never, TODAY, SETTINGS, since=TODAY - timedelta(days=91)) == "no_contact"
    assert churn(never, TODAY, SETTINGS, since=TODAY - timedelta(days=10)) == ""
