"""The sales reports against figures worked out by hand from the data set
(tests/logic/reports/conftest.py): net revenue of confirmed and delivered orders by order
date (drafts and cancelled orders never count) by month across a year end with the same
months a year before, by product (--top), by salesperson (the average order half up), by
customer (shares, cumulative share, --top); the pipeline's counts, amounts, weighted
amounts, reached and conversion; the record scope (a salesperson their own, a manager the
team's) narrowed by owner, team and province; refused parameters and rights."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.logic.kit.errors import PermissionDenied, ValidationError
from app.logic.reports import Params
from tests.logic.reports.conftest import DEPT, OTHER_DEPT, RANGE, Data

DEC_JAN = Params(start=RANGE[0], end=RANGE[1])  # 2024-12-01 .. 2025-01-31


def run(data: Data, who: str, name: str, params: Params = DEC_JAN) -> list[dict[str, Any]]:
    return data.services.reports.run(data[who], name, params).as_json()


def month(key: str, revenue: str, orders: int, before: str, orders_before: int,
          change: str | None) -> dict[str, Any]:
    return {"month": key, "revenue": revenue, "orders": orders, "revenue_before": before,
            "orders_before": orders_before, "change": change}


def zero_months(*keys: str) -> list[dict[str, Any]]:
    return [month(k, "0.00", 0, "0.00", 0, None) for k in keys]


def errors(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {name: e.code for name, e in caught.value.errors.items()}


# --- by month ------------------------------------------------------------------------------
def test_sales_by_month_across_the_year_end_against_the_year_before(data: Data) -> None:
    # 2024-12: O1 200.00 + O2 180.00 + O3 100.00 = 480.00 in 3 orders (O8, 350.00, was
    #   cancelled); a year before, 2023-12: B1 100.00 (1 order); change 380/100 = 3.8000.
    # 2025-01: O4 45.00 + O5 115.02 + O6 400.01 = 560.03 in 3 (O7, a draft of 1000.00, is
    #   not a sale); 2024-01: B2 100.00 + B3 50.00 = 150.00 in 2 (B4 cancelled);
    #   change 410.03/150 = 2.733533 -> 2.7335.
    # O10 (2024-11-30) and O9 (2025-02-01) lie just outside the range.
    assert run(data, "admin", "sales-by-month") == [
        month("2024-12", "480.00", 3, "100.00", 1, "3.8000"),
        month("2025-01", "560.03", 3, "150.00", 2, "2.7335")]


def test_sales_by_month_of_a_single_day_at_each_end_of_the_year(data: Data) -> None:
    # 2024-12-31: O3 100.00; a year before (2023-12-31) nothing.
    assert run(data, "admin", "sales-by-month", Params(start=date(2024, 12, 31),
                                                        end=date(2024, 12, 31))) == [
        month("2024-12", "100.00", 1, "0.00", 0, None)]
    # 2025-01-01 .. 2025-01-20: O4 45.00 + O5 115.02 = 160.02; 2024-01-01 .. 01-20: B2
    # 100.00 (the 20th, the last day, counts; B4 was cancelled): change 0.6002.
    assert run(data, "admin", "sales-by-month", Params(start=date(2025, 1, 1),
                                                        end=date(2025, 1, 20))) == [
        month("2025-01", "160.02", 2, "100.00", 1, "0.6002")]


def test_an_empty_range_gives_zeros_for_each_of_its_months(data: Data) -> None:
    empty = Params(start=date(2022, 3, 1), end=date(2022, 4, 30))
    assert run(data, "admin", "sales-by-month", empty) == zero_months("2022-03", "2022-04")
    for name in ("sales-by-product", "sales-by-salesperson", "sales-by-customer"):
        assert run(data, "admin", name, empty) == [], name


def test_province_narrows_to_its_customers(data: Data) -> None:
    # 上海: C2 and C3. 2024-12: O2 180.00; 2025-01: O4 45.00 + O6 400.01 = 445.01; a year
    # before: 2024-01 B2 100.00 -> change 345.01/100 = 3.4501.
    assert run(data, "admin", "sales-by-month", Params(*RANGE, province="上海")) == [
        month("2024-12", "180.00", 1, "0.00", 0, None),
        month("2025-01", "445.01", 2, "100.00", 1, "3.4501")]


# --- record scope --------------------------------------------------------------------------
def test_a_salesperson_sees_only_their_own_orders(data: Data) -> None:
    # sales1: 2024-12 O1 200.00 against B1 100.00 (change 1.0000); 2025-01 O4 45.00 + O5
    # 115.02 = 160.02 against nothing (B4 was cancelled).
    assert run(data, "sales1", "sales-by-month") == [
        month("2024-12", "200.00", 1, "100.00", 1, "1.0000"),
        month("2025-01", "160.02", 2, "0.00", 0, None)]
    assert [r["username"] for r in run(data, "sales1", "sales-by-salesperson")] == ["sales1"]
    # C1 (O1 + O5 = 315.02) and C2 (O4 45.00): shares of sales1's 360.02.
    assert run(data, "sales1", "sales-by-customer") == [
        {"code": data.code("C1"), "name": "北京星河科技", "revenue": "315.02", "orders": 2,
         "share": "0.8750", "cumulative_share": "0.8750"},
        {"code": data.code("C2"), "name": "上海申江物流", "revenue": "45.00", "orders": 1,
         "share": "0.1250", "cumulative_share": "1.0000"}]
    # Naming another salesperson never reaches beyond the scope.
    assert run(data, "sales1", "sales-by-month", Params(*RANGE, owner="sales2")) == \
        zero_months("2024-12", "2025-01")


def test_a_manager_sees_the_teams_orders_narrowed_by_owner_and_team(data: Data) -> None:
    # The team (sales1, sales2, manager): 2024-12 O1 200.00 + O2 180.00 = 380.00 against
    # B1 100.00 (2.8000); 2025-01 560.03 against B2 100.00 (4.6003). sales3's O3 and B3
    # are not the team's.
    assert run(data, "manager", "sales-by-month") == [
        month("2024-12", "380.00", 2, "100.00", 1, "2.8000"),
        month("2025-01", "560.03", 3, "100.00", 1, "4.6003")]
    # --owner sales2: O2 180.00; O6 400.01 against B2 100.00 (3.0001).
    assert run(data, "manager", "sales-by-month", Params(*RANGE, owner="sales2")) == [
        month("2024-12", "180.00", 1, "0.00", 0, None),
        month("2025-01", "400.01", 1, "100.00", 1, "3.0001")]
    # sales3 and the other team are outside the manager's scope: nothing, not theirs.
    for narrowed in (Params(*RANGE, owner="sales3"), Params(*RANGE, team=OTHER_DEPT)):
        assert run(data, "manager", "sales-by-month", narrowed) == \
            zero_months("2024-12", "2025-01")
    assert run(data, "manager", "sales-by-month", Params(*RANGE, team=DEPT)) == \
        run(data, "manager", "sales-by-month")


def test_the_administrator_narrowed_to_a_team(data: Data) -> None:
    # 华北销售部 is sales3: 2024-12 O3 100.00 against nothing; 2025-01 nothing against B3
    # 50.00: change -50/50 = -1.0000.
    assert run(data, "admin", "sales-by-month", Params(*RANGE, team=OTHER_DEPT)) == [
        month("2024-12", "100.00", 1, "0.00", 0, None),
        month("2025-01", "0.00", 0, "50.00", 1, "-1.0000")]
    # The auditor (all records) sees what the administrator sees.
    assert run(data, "auditor", "sales-by-month") == run(data, "admin", "sales-by-month")


def test_an_unknown_owner_or_team_is_refused_naming_it(data: Data) -> None:
    for params, field in ((Params(*RANGE, owner="nobody"), "owner"),
                          (Params(*RANGE, team="没有这个部门"), "team")):
        with pytest.raises(ValidationError) as caught:
            data.services.reports.run(data["manager"], "sales-by-month", params)
        assert errors(caught) == {field: f"unknown_{field.replace('owner', 'user')}"}


# --- refused parameters and rights ---------------------------------------------------------
def test_a_reversed_range_is_refused_naming_to(data: Data) -> None:
    with pytest.raises(ValidationError) as caught:
        data.services.reports.run(data["admin"], "sales-by-month",
                                  Params(start=date(2025, 1, 31), end=date(2024, 12, 1)))
    assert errors(caught) == {"to": "range_reversed"}


def test_a_breakdown_the_report_does_not_have_and_a_top_below_one_are_refused(
        data: Data) -> None:
    for name, params, field in (("sales-by-month", Params(*RANGE, by="region"), "by"),
                                ("customer-analysis", Params(*RANGE, by="colour"), "by"),
                                ("sales-by-customer", Params(*RANGE, top=0), "top")):
        with pytest.raises(ValidationError) as caught:
            data.services.reports.run(data["admin"], name, params)
        assert set(errors(caught)) == {field}, name


def test_without_reports_view_nothing_is_shown(data: Data) -> None:
    agent = data["agent"]  # the Service role: no reports.view
    with pytest.raises(PermissionDenied):
        data.services.reports.run(agent, "sales-by-month", DEC_JAN)
    with pytest.raises(PermissionDenied):
        data.services.reports.reports(agent)
    with pytest.raises(PermissionDenied):
        data.services.reports.dashboard(agent, today=date(2025, 2, 1))


# --- by product, salesperson, customer -----------------------------------------------------
def test_sales_by_product(data: Data) -> None:
    # G100: O1 2 (200.00) + O3 1 (100.00) + O5 1 (100.02) + O6 4 (400.00) = 8, 800.02 in 4
    # orders; G050: O2 3 (150.00) + O4 1 (45.00) = 4, 195.00 in 2; G003: O2 10 (30.00) +
    # O5 5 (15.00) + O6 1 (0.01) = 16, 45.01 in 3. All 1040.03: shares 0.769228 ->
    # 0.7692, 0.187495 -> 0.1875, 0.043277 -> 0.0433.
    expected = [
        {"product": "G100", "product_name": "压力表", "quantity": "8.000",
         "revenue": "800.02", "orders": 4, "share": "0.7692"},
        {"product": "G050", "product_name": "阀门", "quantity": "4.000", "revenue": "195.00",
         "orders": 2, "share": "0.1875"},
        {"product": "G003", "product_name": "螺丝", "quantity": "16.000", "revenue": "45.01",
         "orders": 3, "share": "0.0433"}]
    assert run(data, "admin", "sales-by-product") == expected
    # --top 2: the two largest, their shares still of all products'.
    assert run(data, "admin", "sales-by-product", Params(*RANGE, top=2)) == expected[:2]


def test_sales_by_salesperson_with_the_average_order_half_up(data: Data) -> None:
    # sales2: O2 180.00 + O6 400.01 = 580.01 in 2 orders of 1 customer (C3): average
    #   290.005 -> 290.01 half up (not 290.00 to the even cent); share 580.01/1040.03 =
    #   0.557695 -> 0.5577.
    # sales1: O1 200.00 + O4 45.00 + O5 115.02 = 360.02 in 3 of 2 customers (C1, C2):
    #   average 120.00667 -> 120.01; share 0.346163 -> 0.3462.
    # sales3: O3 100.00, 1 order, 1 customer; share 0.096151 -> 0.0962.
    assert run(data, "admin", "sales-by-salesperson") == [
        {"username": "sales2", "salesperson": "Emma Scott", "revenue": "580.01", "orders": 2,
         "customers": 1, "average_order": "290.01", "share": "0.5577"},
        {"username": "sales1", "salesperson": "王伟", "revenue": "360.02", "orders": 3,
         "customers": 2, "average_order": "120.01", "share": "0.3462"},
        {"username": "sales3", "salesperson": "赵磊", "revenue": "100.00", "orders": 1,
         "customers": 1, "average_order": "100.00", "share": "0.0962"}]


def test_sales_by_customer_with_the_cumulative_share_and_top(data: Data) -> None:
    # C3 580.01 (O2, O6), C1 315.02 (O1, O5), C5 100.00 (O3), C2 45.00 (O4) of 1040.03:
    # shares 0.5577, 0.302895 -> 0.3029, 0.0962, 0.043268 -> 0.0433; running 580.01,
    # 895.03 (0.860581 -> 0.8606), 995.03 (0.956732 -> 0.9567), 1040.03 (1.0000).
    expected = [
        {"code": data.code("C3"), "name": "Shanghai Harbour Logistics", "revenue": "580.01",
         "orders": 2, "share": "0.5577", "cumulative_share": "0.5577"},
        {"code": data.code("C1"), "name": "北京星河科技", "revenue": "315.02", "orders": 2,
         "share": "0.3029", "cumulative_share": "0.8606"},
        {"code": data.code("C5"), "name": "天津北方机械", "revenue": "100.00", "orders": 1,
         "share": "0.0962", "cumulative_share": "0.9567"},
        {"code": data.code("C2"), "name": "上海申江物流", "revenue": "45.00", "orders": 1,
         "share": "0.0433", "cumulative_share": "1.0000"}]
    assert run(data, "admin", "sales-by-customer") == expected
    # --top 2: the shares and the cumulative share stay of all customers' 1040.03.
    assert run(data, "admin", "sales-by-customer", Params(*RANGE, top=2)) == expected[:2]


# --- the pipeline ---------------------------------------------------------------------------
def stage(name: str, count: int, amount: str, weighted: str, reached: int | None,
          conversion: str | None) -> dict[str, Any]:
    return {"stage": name, "opportunities": count, "amount": amount, "weighted": weighted,
            "reached": reached, "conversion": conversion}


def test_the_pipeline_by_stage_with_reached_and_conversion(data: Data) -> None:
    # Made in the range (X1, made 2024-11-15, is not): qualification Q1 1000 + Q2 500
    # (weighted 100 + 50); needs analysis N1 2000 (500); proposal P1 3000 (1500);
    # negotiation G1 4000 (3000); won W1 5000 + W2 1000 (6000); lost L1 2500 (0).
    # Reached (at the stage or past it now; lost counts at the first stage only): won 2;
    # negotiation 1 + 2 = 3; proposal 1 + 3 = 4; needs analysis 1 + 4 = 5; qualification
    # 2 + 5 + 1 lost = 8. Conversion: 5/8 = 0.6250, 4/5 = 0.8000, 3/4 = 0.7500, 2/3 =
    # 0.6667.
    assert run(data, "admin", "pipeline") == [
        stage("qualification", 2, "1500.00", "150.00", 8, None),
        stage("needs_analysis", 1, "2000.00", "500.00", 5, "0.6250"),
        stage("proposal", 1, "3000.00", "1500.00", 4, "0.8000"),
        stage("negotiation", 1, "4000.00", "3000.00", 3, "0.7500"),
        stage("won", 2, "6000.00", "6000.00", 2, "0.6667"),
        stage("lost", 1, "2500.00", "0.00", None, None)]


def test_the_pipeline_of_a_salesperson_and_of_another_range(data: Data) -> None:
    # sales1's in the range: Q1, N1, G1, L1. Reached: won 0, negotiation 1, proposal 0 + 1
    # = 1, needs analysis 1 + 1 = 2, qualification 1 + 2 + 1 lost = 4; conversion 2/4,
    # 1/2, 1/1, 0/1.
    assert run(data, "sales1", "pipeline") == [
        stage("qualification", 1, "1000.00", "100.00", 4, None),
        stage("needs_analysis", 1, "2000.00", "500.00", 2, "0.5000"),
        stage("proposal", 0, "0.00", "0.00", 1, "0.5000"),
        stage("negotiation", 1, "4000.00", "3000.00", 1, "1.0000"),
        stage("won", 0, "0.00", "0.00", 0, "0.0000"),
        stage("lost", 1, "2500.00", "0.00", None, None)]
    # November 2024: X1 alone (proposal 9999.00, weighted 4999.50): reached 1 down to
    # proposal, 0 after it.
    november = Params(start=date(2024, 11, 1), end=date(2024, 11, 30))
    assert run(data, "admin", "pipeline", november) == [
        stage("qualification", 0, "0.00", "0.00", 1, None),
        stage("needs_analysis", 0, "0.00", "0.00", 1, "1.0000"),
        stage("proposal", 1, "9999.00", "4999.50", 1, "1.0000"),
        stage("negotiation", 0, "0.00", "0.00", 0, "0.0000"),
        stage("won", 0, "0.00", "0.00", 0, None),
        stage("lost", 0, "0.00", "0.00", None, None)]
