"""The managers' start page: the key figures and four charts, each element leading to the
list behind it (a ``Drill``: the list's filters), of the records in the actor's scope."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.data.kit.uow import UnitOfWork
from app.data.reports import OverviewFacts, Owners, SalesFacts
from app.logic.customers import TIERS
from app.logic.finance import BUCKETS
from app.logic.kit.fields import Label
from app.logic.reports.catalogue import BUCKET_WORDS, STAGE_WORDS, TIER_LABELS
from app.logic.reports.model import Dashboard, DashChart, Drill, Figure, Series
from app.logic.reports.periods import month_end, year_before
from app.logic.reports.run import local_start, money
from app.logic.sales import OPEN_STAGES

L = Label
MONTHS = tuple(L(day.strftime("%b"), f"{day.month}月")
               for day in (date(2000, m, 1) for m in range(1, 13)))


def orders_drill(start: date, end: date, label: Label | None = None) -> Drill:
    """The orders that count as revenue, dated in [start, end]."""
    return Drill("sales", "order", (("revenue", True),), (("order_date", start, end),), label)


def build_dashboard(uow: UnitOfWork, owners: Owners, today: date, now: datetime,
                    scope: str) -> Dashboard:
    sales, overview = uow.get(SalesFacts), uow.get(OverviewFacts)
    month_start, year_start = today.replace(day=1), today.replace(month=1, day=1)
    figures: list[Figure] = []

    _n, month = sales.revenue(month_start, today, owners)
    _n, month_before = sales.revenue(year_before(month_start), year_before(today), owners)
    figures.append(Figure("revenue_month", L("Revenue this month", "本月销售额"), "money",
                          money(month), money(month_before),
                          orders_drill(month_start, today)))
    _n, ytd = sales.revenue(year_start, today, owners)
    _n, ytd_before = sales.revenue(year_before(year_start), year_before(today), owners)
    figures.append(Figure("revenue_ytd", L("Revenue this year", "本年累计销售额"), "money",
                          money(ytd), money(ytd_before), orders_drill(year_start, today)))

    _count, weighted = overview.weighted_pipeline(owners)
    figures.append(Figure("pipeline", L("Weighted pipeline", "加权商机金额"), "money",
                          money(weighted), None,
                          Drill("sales", "opportunity", (("open", True),))))

    buckets = overview.bucket_totals(today, owners, BUCKETS)
    figures.append(Figure("overdue", L("Overdue receivables", "逾期应收"), "money",
                          money(sum(buckets[1:])), None,
                          Drill("finance", "invoice", (("overdue", True),))))

    complaints, late_tickets = overview.tickets(now, owners)
    figures.append(Figure("complaints", L("Open complaints", "未结投诉"), "integer",
                          complaints, None,
                          Drill("feedback", "feedback", (("open", True),
                                                         ("type", "complaint")))))
    figures.append(Figure("overdue_tickets", L("Overdue tickets", "超期工单"), "integer",
                          late_tickets, None,
                          Drill("feedback", "feedback", (("overdue", True),))))

    new = overview.created_count(local_start(month_start), now, owners)
    new_before = overview.created_count(local_start(year_before(month_start)),
                                        local_start(year_before(today) + timedelta(days=1)),
                                        owners)
    figures.append(Figure("new_customers", L("New customers this month", "本月新增客户"),
                          "integer", new, new_before,
                          Drill("customers", "customer", (),
                                (("created_at", month_start, None),))))

    return Dashboard(today, scope, tuple(figures), (
        _revenue_chart(sales, owners, today), _pipeline_chart(uow, owners),
        _aging_chart(buckets, today), _tier_chart(overview, owners)), now)


def _revenue_chart(sales: SalesFacts, owners: Owners, today: date) -> DashChart:
    year = today.year
    found = sales.by_month(date(year - 1, 1, 1), date(year, 12, 31), owners)
    series = []
    for label, y in ((L(f"{year}", f"{year}年"), year),
                     (L(f"{year - 1}", f"{year - 1}年"), year - 1)):
        values = tuple(money(found.get((y, m), (0, 0))[1]) for m in range(1, 13))
        drills = tuple(orders_drill(date(y, m, 1), month_end(y, m)) for m in range(1, 13))
        series.append(Series(label, values, drills))
    return DashChart("revenue", L("Revenue by month: this year against last",
                                  "月度销售额：今年与去年"), "column", MONTHS, tuple(series))


def _pipeline_chart(uow: UnitOfWork, owners: Owners) -> DashChart:
    found = uow.get(SalesFacts).stages(owners)
    zero = (0, 0, 0)
    drills = tuple(Drill("sales", "opportunity", (("stage", s),)) for s in OPEN_STAGES)
    return DashChart(
        "pipeline", L("Open pipeline by stage", "各阶段商机"), "bar",
        tuple(STAGE_WORDS[s] for s in OPEN_STAGES),
        (Series(L("Amount", "金额"), tuple(money(found.get(s, zero)[1]) for s in OPEN_STAGES),
                drills),
         Series(L("Weighted", "加权金额"),
                tuple(money(found.get(s, zero)[2]) for s in OPEN_STAGES), drills)))


def _aging_chart(buckets: list[int], today: date) -> DashChart:
    drills: list[Drill] = []
    for _name, first, last in BUCKETS:
        if first is None:  # not yet due
            drills.append(Drill("finance", "invoice", (("outstanding", True),),
                                (("due_date", today, None),)))
            continue
        low = None if last is None else today - timedelta(days=last)
        drills.append(Drill("finance", "invoice", (("outstanding", True),),
                            (("due_date", low, today - timedelta(days=first)),)))
    return DashChart("aging", L("Receivables by days past due", "应收账龄"), "column",
                     tuple(BUCKET_WORDS[n] for n, _, _ in BUCKETS),
                     (Series(L("Open", "未收"), tuple(money(c) for c in buckets),
                             tuple(drills)),))


def _tier_chart(overview: OverviewFacts, owners: Owners) -> DashChart:
    found = overview.tiers(owners)
    names = tuple(t for t, _, _ in TIERS)
    return DashChart(
        "tiers", L("Customers per tier", "各等级客户"), "pie",
        tuple(TIER_LABELS[t] for t in names),
        (Series(L("Customers", "客户数"), tuple(found.get(t, (0, 0))[0] for t in names),
                tuple(Drill("customers", "customer", (("tier", t),)) for t in names)),),
        money=False)

