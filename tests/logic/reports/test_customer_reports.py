"""The customer reports against figures worked out by hand from the data set
(tests/logic/reports/conftest.py): customers by province and city, industry, tier, status
and ownership with their shares, new customers per month (--by keeps one breakdown, a
province narrows); the tiers after the customer value's recomputation (the Pareto points,
customers and revenue per tier, customers per lifecycle stage); the record scope."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.logic.kit.errors import ValidationError
from app.logic.reports import Params, Report
from tests.logic.reports.conftest import RANGE, Data

DEC_JAN = Params(start=RANGE[0], end=RANGE[1])


def analysis(data: Data, who: str = "admin", params: Params = DEC_JAN) -> Report:
    return data.services.reports.run(data[who], "customer-analysis", params)


def section(report: Report, key: str) -> list[tuple[Any, ...]]:
    """The rows of a section as JSON values (money and shares as strings)."""
    return [tuple(row[k] for k in row if k != "section") for row in report.as_json()
            if row.get("section") == key]


def most_first(rows: list[tuple[Any, ...]], count_at: int = -2) -> list[tuple[Any, ...]]:
    """The rows, checked to come with the most customers first, in a fixed order (rows
    with as many customers come in the database's order of the names: the collation)."""
    counts = [r[count_at] for r in rows]
    assert counts == sorted(counts, reverse=True), rows
    return sorted(rows, key=lambda r: (-r[count_at], r))


def test_customers_by_each_breakdown(data: Data) -> None:
    report = analysis(data)
    # Six customers, none archived: shares of 6 (2/6 = 0.3333, 1/6 = 0.1667, 3/6 = 0.5).
    assert most_first(section(report, "by_region")) == [
        ("上海", "上海", 2, "0.3333"), ("天津", "天津", 2, "0.3333"),  # C2, C3; C5, C6
        ("北京", "北京", 1, "0.1667"), ("浙江", "杭州", 1, "0.1667")]  # C1; C4
    assert most_first(section(report, "by_industry")) == [
        ("制造业", 3, "0.5000"), ("物流", 2, "0.3333"), ("贸易", 1, "0.1667")]
    # As recomputed on 2025-01-31: C1, C3 premium; C2, C5 major; C4 potential; C6
    # restricted; nobody ordinary (no row for it).
    assert most_first(section(report, "by_tier")) == [
        ("major", 2, "0.3333"), ("premium", 2, "0.3333"), ("potential", 1, "0.1667"),
        ("restricted", 1, "0.1667")]
    assert most_first(section(report, "by_status")) == [
        ("active", 3, "0.5000"), ("dormant", 1, "0.1667"), ("lost", 1, "0.1667"),
        ("prospect", 1, "0.1667")]
    assert most_first(section(report, "by_ownership")) == [
        ("private", 2, "0.3333"), ("state", 2, "0.3333"), ("collective", 1, "0.1667"),
        ("foreign", 1, "0.1667")]
    # Made 2024-12-10 (C1) and 2024-12-20 (C2); 2025-01-05 (C3). C4 (made today), C5 and
    # C6 (2023) are outside the range.
    assert section(report, "new_per_month") == [("2024-12", 2), ("2025-01", 1)]


def test_by_keeps_one_breakdown(data: Data) -> None:
    for by, key in (("region", "by_region"), ("industry", "by_industry"),
                    ("tier", "by_tier"), ("status", "by_status"),
                    ("ownership", "by_ownership"), ("month", "new_per_month")):
        report = analysis(data, params=Params(*RANGE, by=by))
        assert [t.section.key for t in report.tables] == [key], by
    report = analysis(data, params=Params(*RANGE, by="tier"))
    assert sorted(r[:2] for r in section(report, "by_tier")) == [
        ("major", 2), ("potential", 1), ("premium", 2), ("restricted", 1)]


def test_a_province_narrows_every_breakdown(data: Data) -> None:
    report = analysis(data, params=Params(*RANGE, province="上海"))  # C2 and C3
    assert section(report, "by_region") == [("上海", "上海", 2, "1.0000")]
    assert section(report, "by_industry") == [("物流", 2, "1.0000")]
    assert most_first(section(report, "by_tier")) == [("major", 1, "0.5000"),
                                                      ("premium", 1, "0.5000")]
    assert section(report, "by_status") == [("active", 2, "1.0000")]
    assert section(report, "new_per_month") == [("2024-12", 1), ("2025-01", 1)]


def test_new_customers_per_month_of_a_range_with_none(data: Data) -> None:
    report = analysis(data, params=Params(date(2024, 1, 1), date(2024, 3, 31), by="month"))
    assert section(report, "new_per_month") == [("2024-01", 0), ("2024-02", 0),
                                                ("2024-03", 0)]


def test_customer_analysis_within_the_scope(data: Data) -> None:
    # sales1: C1 (北京, 制造业, private) and C2 (上海, 物流, state), made in December.
    report = analysis(data, "sales1")
    assert most_first(section(report, "by_region")) == [
        ("上海", "上海", 1, "0.5000"), ("北京", "北京", 1, "0.5000")]
    assert section(report, "new_per_month") == [("2024-12", 2), ("2025-01", 0)]
    # The manager's team (sales1, sales2): C1 .. C4.
    report = analysis(data, "manager")
    assert most_first(section(report, "by_industry")) == [("制造业", 2, "0.5000"),
                                                          ("物流", 2, "0.5000")]
    assert section(report, "new_per_month") == [("2024-12", 2), ("2025-01", 1)]
    # Narrowed to sales2: C3 and C4.
    report = analysis(data, "manager", Params(*RANGE, owner="sales2"))
    assert most_first(section(report, "by_status")) == [("active", 1, "0.5000"),
                                                        ("prospect", 1, "0.5000")]


def test_a_breakdown_that_is_not_offered_is_refused(data: Data) -> None:
    with pytest.raises(ValidationError) as caught:
        analysis(data, params=Params(*RANGE, by="salesperson"))
    assert set(caught.value.errors) == {"by"}
    assert "region" in caught.value.errors["by"].message


# --- tiers ---------------------------------------------------------------------------------
def pareto(*steps: tuple[str, int, str, int]) -> list[tuple[Any, ...]]:
    """(customer share, customers, revenue share, how many of the 20 points)."""
    return [(share, n, revenue) for share, n, revenue, times in steps for _ in range(times)]


def test_tiers_pareto_per_tier_and_lifecycle(data: Data) -> None:
    report = data.services.reports.run(data["admin"], "tiers")
    # Revenue of the last twelve months (as recomputed on 2025-01-31), largest first: C3
    # 580.01, C1 315.02, C5 100.00, C2 95.00; 1090.03 in all. Twenty points, at every 5%
    # of the 4 customers, each the first ceil(4 x point / 20), a point only where one more
    # customer comes in (fewer customers than points: each once): the first customer
    # (25%: 580.01 / 1090.03 = 0.532104 -> 0.5321), two (895.03: 0.821106 -> 0.8211),
    # three (995.03: 0.912846 -> 0.9128), all four.
    assert section(report, "pareto") == pareto(
        ("0.2500", 1, "0.5321", 1), ("0.5000", 2, "0.8211", 1), ("0.7500", 3, "0.9128", 1),
        ("1.0000", 4, "1.0000", 1))
    # Per tier, in the tiers' order: premium C3 + C1 = 895.03 (0.8211 of 1090.03); major
    # C5 + C2 = 195.00 (0.178894 -> 0.1789); ordinary none; restricted C6, potential C4,
    # both without revenue.
    assert section(report, "tiers") == [
        ("premium", 2, "895.03", "0.8211"), ("major", 2, "195.00", "0.1789"),
        ("ordinary", 0, "0.00", "0.0000"), ("restricted", 1, "0.00", "0.0000"),
        ("potential", 1, "0.00", "0.0000")]
    # C2 new; C1, C3, C5 rising; C6 lost; C4 never ordered (no stage: the last row).
    assert section(report, "lifecycle") == [
        ("new", 1), ("rising", 3), ("stable", 0), ("declining", 0), ("lost", 1), ("", 1)]


def test_tiers_of_a_salesperson(data: Data) -> None:
    report = data.services.reports.run(data["sales1"], "tiers")
    # C1 315.02 and C2 95.00 (410.02): a point for the first (0.768304 -> 0.7683), one
    # for both.
    assert section(report, "pareto") == pareto(("0.5000", 1, "0.7683", 1),
                                               ("1.0000", 2, "1.0000", 1))
    assert section(report, "tiers") == [
        ("premium", 1, "315.02", "0.7683"), ("major", 1, "95.00", "0.2317"),
        ("ordinary", 0, "0.00", "0.0000"), ("restricted", 0, "0.00", "0.0000"),
        ("potential", 0, "0.00", "0.0000")]
    assert section(report, "lifecycle") == [
        ("new", 1), ("rising", 1), ("stable", 0), ("declining", 0), ("lost", 0)]


def test_tiers_of_nobody_are_empty(data: Data) -> None:
    # The manager narrowed to sales3 (outside the team): no customers at all.
    report = data.services.reports.run(data["manager"], "tiers", Params(owner="sales3"))
    assert section(report, "pareto") == []
    assert [r[1:3] for r in section(report, "tiers")] == [(0, "0.00")] * 5
    assert [r[1] for r in section(report, "lifecycle")] == [0] * 5
