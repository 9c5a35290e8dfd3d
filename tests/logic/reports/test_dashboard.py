"""The dashboard against figures worked out by hand from the data set
(tests/logic/reports/conftest.py): revenue this month and this year against the same days
a year before, the weighted open pipeline, overdue receivables, open complaints, overdue
tickets, new customers this month; its charts; the record scope; and the click-through's
contract: each figure's and each chart element's Drill, turned into a list query of its
entity, lists exactly the records behind the figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.logic.kit.dto import Actor, ListQuery
from app.logic.reports import Dashboard, Drill
from tests.logic.reports.conftest import Data

FEB_1 = date(2025, 2, 1)


def listed(data: Data, actor: Actor, drill: Drill) -> list[Any]:
    """The rows of the list a drill leads to, as the screens open it."""
    query = ListQuery(filters=drill.filters, ranges=drill.ranges)
    service = data.services.for_entity(drill.entity)
    page = service.list_page(actor, query, limit=1000)
    assert page.next_key is None
    assert service.count(actor, query) == len(page.rows)
    return list(page.rows)


def keys(rows: list[Any], field: str = "number") -> set[str]:
    return {getattr(r, field) for r in rows}


def total(rows: list[Any], field: str) -> Decimal:
    return sum((Decimal(getattr(r, field)) for r in rows), Decimal("0.00"))


def board(data: Data, who: str, today: date | None = None) -> Dashboard:
    return data.services.reports.dashboard(data[who], today=today)


def test_revenue_this_month_and_this_year_and_the_orders_behind_them(data: Data) -> None:
    dash = board(data, "admin", FEB_1)
    n = data.number
    # February so far (the 1st): O9 100.00; 2024-02-01: nothing.
    month = dash.figure("revenue_month")
    assert (month.value, month.before, month.change) == (Decimal("100.00"),
                                                          Decimal("0.00"), None)
    rows = listed(data, data["admin"], month.drill)
    assert keys(rows) == {n("O9")} and total(rows, "net") == month.value
    # The year so far, 2025-01-01 .. 02-01: O4 45.00 + O5 115.02 + O6 400.01 + O9 100.00 =
    # 660.03 (O7, a draft, does not count); 2024-01-01 .. 02-01: B2 100.00 + B3 50.00 =
    # 150.00 (B4 cancelled); change 510.03 / 150 = 3.4002.
    ytd = dash.figure("revenue_ytd")
    assert (ytd.value, ytd.before) == (Decimal("660.03"), Decimal("150.00"))
    assert round(ytd.change, 4) == Decimal("3.4002")
    rows = listed(data, data["admin"], ytd.drill)
    assert keys(rows) == {n("O4"), n("O5"), n("O6"), n("O9")}
    assert total(rows, "net") == ytd.value


def test_revenue_this_month_counts_the_same_days_a_year_before(data: Data) -> None:
    # 2025-01-01 .. 01-20: O4 45.00 + O5 115.02 = 160.02 (O6 is dated the 31st, O7 a
    # draft); 2024-01-01 .. 01-20: B2 100.00, dated the 20th itself (B4 cancelled).
    dash = board(data, "admin", date(2025, 1, 20))
    month = dash.figure("revenue_month")
    assert (month.value, month.before) == (Decimal("160.02"), Decimal("100.00"))
    rows = listed(data, data["admin"], month.drill)
    assert keys(rows) == {data.number("O4"), data.number("O5")}
    assert total(rows, "net") == Decimal("160.02")


def test_the_weighted_pipeline_and_the_opportunities_behind_it(data: Data) -> None:
    # Open now: Q1 100.00 + Q2 50.00 + N1 500.00 + P1 1500.00 + G1 3000.00 + X1 4999.50 =
    # 10149.50 (W1, W2 won and L1 lost are not open).
    figure = board(data, "admin", FEB_1).figure("pipeline")
    assert figure.value == Decimal("10149.50")
    rows = listed(data, data["admin"], figure.drill)
    assert len(rows) == 6 and total(rows, "weighted") == figure.value


def test_the_revenue_chart_this_year_against_last_and_its_bars(data: Data) -> None:
    chart = board(data, "admin", FEB_1).chart("revenue")
    this, last = chart.series
    assert [c.en for c in chart.categories][:2] == ["Jan", "Feb"]
    # 2025: January 560.03 (O4, O5, O6), February 100.00 (O9).
    assert this.values == (Decimal("560.03"), Decimal("100.00"), *[Decimal("0.00")] * 10)
    # 2024: January 150.00 (B2, B3), November 50.00 (O10), December 480.00 (O1, O2, O3).
    assert last.values == (Decimal("150.00"), *[Decimal("0.00")] * 9, Decimal("50.00"),
                           Decimal("480.00"))
    for series in (this, last):
        for value, drill in zip(series.values, series.drills, strict=True):
            rows = listed(data, data["admin"], drill)
            assert total(rows, "net") == value
    assert len(listed(data, data["admin"], last.drills[11])) == 3  # O1, O2, O3


def test_the_pipeline_and_tier_charts_and_their_elements(data: Data) -> None:
    dash = board(data, "admin", FEB_1)
    amount, weighted = dash.chart("pipeline").series
    # qualification Q1 + Q2; needs analysis N1; proposal P1 3000.00 + X1 9999.00
    # (weighted 1500.00 + 4999.50); negotiation G1.
    assert amount.values == tuple(Decimal(v) for v in ("1500.00", "2000.00", "12999.00",
                                                       "4000.00"))
    assert weighted.values == tuple(Decimal(v) for v in ("150.00", "500.00", "6499.50",
                                                         "3000.00"))
    for value, drill in zip(amount.values, amount.drills, strict=True):
        assert total(listed(data, data["admin"], drill), "amount") == value
    (customers,) = dash.chart("tiers").series
    # premium C1, C3; major C2, C5; ordinary none; restricted C6; potential C4.
    assert customers.values == (2, 2, 0, 1, 1)
    for value, drill in zip(customers.values, customers.drills, strict=True):
        assert len(listed(data, data["admin"], drill)) == value


def test_receivables_tickets_and_new_customers_as_of_today(data: Data) -> None:
    """These figures are of now (tickets due, customers made, the invoices' list's
    overdue is the database's today): the dashboard as the screen shows it."""
    admin = data["admin"]
    dash = board(data, "admin", date.today())
    # Overdue: I1 226.00 (due 2025-02-09) + I3 113.00 (due 2025-02-04); I6 (452.01) is
    # due in 30 days.
    overdue = dash.figure("overdue")
    assert overdue.value == Decimal("339.00")
    rows = listed(data, admin, overdue.drill)
    assert keys(rows) == {data.invoices["I1"].number, data.invoices["I3"].number}
    assert total(rows, "open") == overdue.value
    # The aging chart: current 452.01 (I6), over 90 days 339.00; each bar's invoices.
    (aging,) = dash.chart("aging").series
    assert aging.values == (Decimal("452.01"), *[Decimal("0.00")] * 3, Decimal("339.00"))
    for value, drill in zip(aging.values, aging.drills, strict=True):
        assert total(listed(data, admin, drill), "open") == value
    # Open complaints: T1 (C1) and T3 (C5); T4 is resolved, T2 a service request.
    complaints = dash.figure("complaints")
    assert complaints.value == 2
    assert len(listed(data, admin, complaints.drill)) == 2
    # Overdue tickets: T2 and T3 (due 2025-01-01, open); T4 is no longer open.
    late = dash.figure("overdue_tickets")
    assert late.value == 2 and len(listed(data, admin, late.drill)) == 2
    # New this month: C4 (made when the data set was); the same days last year: none.
    new = dash.figure("new_customers")
    assert (new.value, new.before) == (1, 0)
    assert keys(listed(data, admin, new.drill), "code") == {data.code("C4")}


def test_a_salespersons_dashboard_is_of_their_own_records(data: Data) -> None:
    sales1 = data["sales1"]
    dash = board(data, "sales1", FEB_1)
    assert dash.scope == "own"
    # sales1's 2025 so far: O4 45.00 + O5 115.02 + O9 100.00 = 260.02; 2024-01-01 .. 02-01:
    # nothing (B4 cancelled). February: O9.
    assert dash.figure("revenue_month").value == Decimal("100.00")
    ytd = dash.figure("revenue_ytd")
    assert (ytd.value, ytd.before) == (Decimal("260.02"), Decimal("0.00"))
    assert keys(listed(data, sales1, ytd.drill)) == {data.number(k) for k in ("O4", "O5",
                                                                             "O9")}
    # Open: Q1 100.00 + N1 500.00 + G1 3000.00 + X1 4999.50 = 8599.50.
    pipeline = dash.figure("pipeline")
    assert pipeline.value == Decimal("8599.50")
    assert total(listed(data, sales1, pipeline.drill), "weighted") == pipeline.value
    now = board(data, "sales1", date.today())
    overdue = now.figure("overdue")  # I1 of C1; no finance list to open for sales1
    assert (overdue.value, overdue.scope, overdue.drill) == (Decimal("226.00"), "own", None)
    complaints = now.figure("complaints")  # T1 of C1
    assert complaints.value == 1 and len(listed(data, sales1, complaints.drill)) == 1
    late = now.figure("overdue_tickets")  # T2 and T3 are of others' customers
    assert late.value == 0 and listed(data, sales1, late.drill) == []
    assert now.figure("new_customers").value == 0  # C1, C2 were made in 2024


def test_a_managers_dashboard_is_of_the_teams_records(data: Data) -> None:
    manager = data["manager"]
    dash = board(data, "manager", FEB_1)
    assert dash.scope == "team"
    # The team's (sales1, sales2): 2025 so far 660.03 as everyone's (sales3 sold nothing
    # in 2025); a year before B2 100.00 only (B3 is sales3's).
    ytd = dash.figure("revenue_ytd")
    assert (ytd.value, ytd.before) == (Decimal("660.03"), Decimal("100.00"))
    assert len(listed(data, manager, ytd.drill)) == 4
    pipeline = dash.figure("pipeline")  # every open opportunity is the team's
    assert pipeline.value == Decimal("10149.50")
    assert total(listed(data, manager, pipeline.drill), "weighted") == pipeline.value
    now = board(data, "manager", date.today())
    # Each figure counts what its list shows the manager: the customers the team's, the
    # invoices (no record scope) and the tickets (the Sales manager's feedback scope)
    # everyone's: I1 and I3, T1 and T3, T2 and T3.
    assert [(now.figure(k).scope, now.figure(k).value) for k in (
        "new_customers", "complaints", "overdue_tickets")] == [
        ("team", 1), ("all", 2), ("all", 2)]  # C4 is sales2's
    assert now.figure("overdue").scope == "all"
    assert now.figure("overdue").value > Decimal("226.00")  # I1 and sales3's I3


def test_a_managers_receivable_and_ticket_figures_click_through_to_the_same_records(
        data: Data) -> None:
    manager = data["manager"]
    now = board(data, "manager", date.today())
    for key in ("complaints", "overdue_tickets"):
        figure = now.figure(key)
        assert len(listed(data, manager, figure.drill)) == figure.value, key
    overdue = now.figure("overdue")
    assert total(listed(data, manager, overdue.drill), "open") == overdue.value


def test_the_dashboard_of_a_day_without_sales(data: Data) -> None:
    # 2022-06-15: no orders this month or year, nor a year before.
    dash = board(data, "admin", date(2022, 6, 15))
    for key in ("revenue_month", "revenue_ytd"):
        figure = dash.figure(key)
        assert (figure.value, figure.before, figure.change) == (Decimal("0.00"),
                                                                Decimal("0.00"), None)
        assert listed(data, data["admin"], figure.drill) == []
    assert dash.today == date(2022, 6, 15)
    assert dash.figure("revenue_month").drill.ranges == (
        ("order_date", date(2022, 6, 1), date(2022, 6, 15)),)
