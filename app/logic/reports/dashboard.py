"""The managers' start page: the key figures and four charts, each element leading to the
list behind it (a ``Drill``: the list's filters).

Each figure counts the records its list shows the user: its owners are the record scope of
that list (the orders': the user's sales scope; the invoices': all, to whoever may see
finance; the tickets': the feedback scope; the customers': the customers scope), so a figure
and the list it opens always agree. A user who may not open that list (a salesperson and
the invoices) sees the figure of their reports scope, without the click-through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.data.kit.uow import UnitOfWork
from app.data.reports import OverviewFacts, Owners, SalesFacts
from app.logic.customers import TIERS
from app.logic.finance import BUCKETS
from app.logic.kit.dto import Actor
from app.logic.kit.fields import Label
from app.logic.kit.permissions import owner_scope
from app.logic.kit.registry import entities
from app.logic.reports.catalogue import BUCKET_WORDS, STAGE_WORDS, TIER_LABELS
from app.logic.reports.model import Dashboard, DashChart, Drill, Figure, Series
from app.logic.reports.periods import month_end, year_before
from app.logic.reports.run import local_start, money
from app.logic.sales import OPEN_STAGES

L = Label
REPORTS = "reports"
MONTHS = tuple(L(day.strftime("%b"), f"{day.month}月")
               for day in (date(2000, m, 1) for m in range(1, 13)))


def orders_drill(start: date, end: date, label: Label | None = None) -> Drill:
    """The orders that count as revenue, dated in [start, end]."""
    return Drill("sales", "order", (("revenue", True),), (("order_date", start, end),), label)


@dataclass(frozen=True)
class Lens:
    """Whose records a figure counts, in words (own, team, all), and whether the user
    may open the list behind it."""

    owners: Owners
    scope: str
    opens: bool

    def drill(self, drill: Drill) -> Drill | None:
        return drill if self.opens else None


def lens(actor: Actor, entity_name: str) -> Lens:
    """The record scope of ``entity_name``'s list for ``actor``."""
    entity = entities()[entity_name]
    if not actor.can(entity.module, "view"):
        return Lens(owner_scope(actor, REPORTS), actor.scope(REPORTS), False)
    if not (entity.scope or entity.scope_module):
        return Lens(None, "all", True)
    return Lens(owner_scope(actor, entity.scope_rights), actor.scope(entity.scope_rights),
                True)


def build_dashboard(uow: UnitOfWork, actor: Actor, today: date, now: datetime) -> Dashboard:
    sales, overview = uow.get(SalesFacts), uow.get(OverviewFacts)
    month_start, year_start = today.replace(day=1), today.replace(month=1, day=1)
    figures: list[Figure] = []
    orders, opportunities = lens(actor, "order"), lens(actor, "opportunity")
    invoices, tickets = lens(actor, "invoice"), lens(actor, "feedback")
    customers = lens(actor, "customer")
    owners = orders.owners

    # Every revenue figure and the chart's bars from one statement: the revenue per day of
    # last year and this (each figure's range lies within them).
    days = sales.by_day(date(today.year - 1, 1, 1), date(today.year, 12, 31), owners)

    def revenue(start: date, end: date) -> int:
        return sum(c for d, (_n, c) in days.items() if start <= d <= end)

    month = revenue(month_start, today)
    month_before = revenue(year_before(month_start), year_before(today))
    figures.append(Figure("revenue_month", L("Revenue this month", "本月销售额"), "money",
                          money(month), money(month_before),
                          orders.drill(orders_drill(month_start, today)), orders.scope))
    ytd = revenue(year_start, today)
    ytd_before = revenue(year_before(year_start), year_before(today))
    figures.append(Figure("revenue_ytd", L("Revenue this year", "本年累计销售额"), "money",
                          money(ytd), money(ytd_before),
                          orders.drill(orders_drill(year_start, today)), orders.scope))

    # The weighted pipeline and the chart by stage from one statement too.
    stages = sales.stages(opportunities.owners, only=OPEN_STAGES)
    weighted = sum(stages.get(s, (0, 0, 0))[2] for s in OPEN_STAGES)
    figures.append(Figure("pipeline", L("Weighted pipeline", "加权商机金额"), "money",
                          money(weighted), None,
                          opportunities.drill(Drill("sales", "opportunity", (("open", True),))),
                          opportunities.scope))

    buckets = overview.bucket_totals(today, invoices.owners, BUCKETS)
    figures.append(Figure("overdue", L("Overdue receivables", "逾期应收"), "money",
                          money(sum(buckets[1:])), None,
                          invoices.drill(Drill("finance", "invoice", (("overdue", True),))),
                          invoices.scope))

    complaints, late_tickets = overview.tickets(now, tickets.owners)
    figures.append(Figure("complaints", L("Open complaints", "未结投诉"), "integer",
                          complaints, None,
                          tickets.drill(Drill("feedback", "feedback",
                                              (("open", True), ("type", "complaint")))),
                          tickets.scope))
    figures.append(Figure("overdue_tickets", L("Overdue tickets", "超期工单"), "integer",
                          late_tickets, None,
                          tickets.drill(Drill("feedback", "feedback", (("overdue", True),))),
                          tickets.scope))

    new = overview.created_count(local_start(month_start), now, customers.owners)
    new_before = overview.created_count(local_start(year_before(month_start)),
                                        local_start(year_before(today) + timedelta(days=1)),
                                        customers.owners)
    figures.append(Figure("new_customers", L("New customers this month", "本月新增客户"),
                          "integer", new, new_before,
                          customers.drill(Drill("customers", "customer", (),
                                                (("created_at", month_start, None),))),
                          customers.scope))

    return Dashboard(today, actor.scope(REPORTS), tuple(figures), (
        _revenue_chart(days, orders, today), _pipeline_chart(stages, opportunities),
        _aging_chart(buckets, today, invoices), _tier_chart(overview, customers)), now)


def _revenue_chart(days: dict[date, tuple[int, int]], orders: Lens, today: date
                   ) -> DashChart:
    year = today.year
    found: dict[tuple[int, int], int] = {}  # (year, month) -> net revenue in cents
    for d, (_n, c) in days.items():
        found[(d.year, d.month)] = found.get((d.year, d.month), 0) + c
    series = []
    for label, y in ((L(f"{year}", f"{year}年"), year),
                     (L(f"{year - 1}", f"{year - 1}年"), year - 1)):
        values = tuple(money(found.get((y, m), 0)) for m in range(1, 13))
        drills = tuple(orders.drill(orders_drill(date(y, m, 1), month_end(y, m)))
                       for m in range(1, 13))
        series.append(Series(label, values, drills))
    return DashChart("revenue", L("Revenue by month: this year against last",
                                  "月度销售额：今年与去年"), "column", MONTHS, tuple(series),
                     scope=orders.scope)


def _pipeline_chart(found: dict[str, tuple[int, int, int]], opportunities: Lens
                    ) -> DashChart:
    zero = (0, 0, 0)
    drills = tuple(opportunities.drill(Drill("sales", "opportunity", (("stage", s),)))
                   for s in OPEN_STAGES)
    return DashChart(
        "pipeline", L("Open pipeline by stage", "各阶段商机"), "bar",
        tuple(STAGE_WORDS[s] for s in OPEN_STAGES),
        (Series(L("Amount", "金额"), tuple(money(found.get(s, zero)[1]) for s in OPEN_STAGES),
                drills),
         Series(L("Weighted", "加权金额"),
                tuple(money(found.get(s, zero)[2]) for s in OPEN_STAGES), drills)),
        scope=opportunities.scope)


def _aging_chart(buckets: list[int], today: date, invoices: Lens) -> DashChart:
    drills: list[Drill | None] = []
    for _name, first, last in BUCKETS:
        if first is None:  # not yet due
            drills.append(invoices.drill(Drill("finance", "invoice", (("outstanding", True),),
                                               (("due_date", today, None),))))
            continue
        low = None if last is None else today - timedelta(days=last)
        drills.append(invoices.drill(Drill(
            "finance", "invoice", (("outstanding", True),),
            (("due_date", low, today - timedelta(days=first)),))))
    return DashChart("aging", L("Receivables by days past due", "应收账龄"), "column",
                     tuple(BUCKET_WORDS[n] for n, _, _ in BUCKETS),
                     (Series(L("Open", "未收"), tuple(money(c) for c in buckets),
                             tuple(drills)),), scope=invoices.scope)


def _tier_chart(overview: OverviewFacts, customers: Lens) -> DashChart:
    found = overview.tier_counts(customers.owners)
    names = tuple(t for t, _, _ in TIERS)
    return DashChart(
        "tiers", L("Customers per tier", "各等级客户"), "pie",
        tuple(TIER_LABELS[t] for t in names),
        (Series(L("Customers", "客户数"), tuple(found.get(t, 0) for t in names),
                tuple(customers.drill(Drill("customers", "customer", (("tier", t),)))
                      for t in names)),),
        money=False, scope=customers.scope)

