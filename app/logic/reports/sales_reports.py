"""The sales reports: net revenue (docs/sales.md: the net of confirmed and delivered
orders, by order date) by month against the same period a year before, by product, by
salesperson and by customer; the pipeline by stage with its conversion."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.data.reports import SalesFacts
from app.logic.reports.model import Table
from app.logic.reports.periods import months, year_before
from app.logic.reports.run import Run, local_start, money, month_key, share
from app.logic.sales import OPEN_STAGES, STAGES

STAGE_ORDER = (*OPEN_STAGES, "won")
_DAY = timedelta(days=1)


def sales_by_month(run: Run) -> list[Table]:
    facts = run.uow.get(SalesFacts)
    province = run.params.province
    now = facts.by_month(run.start, run.end, run.owners, province)
    before = facts.by_month(year_before(run.start), year_before(run.end), run.owners,
                            province)
    rows: list[tuple[Any, ...]] = []
    for year, month in months(run.start, run.end):
        orders, revenue = now.get((year, month), (0, 0))
        orders_before, revenue_before = before.get((year - 1, month), (0, 0))
        change = None if not revenue_before else share(revenue - revenue_before,
                                                        revenue_before)
        rows.append((month_key(year, month), money(revenue), orders, money(revenue_before),
                     orders_before, change))
    return [run.table("months", rows)]


def sales_by_product(run: Run) -> list[Table]:
    found = run.uow.get(SalesFacts).by_product(run.start, run.end, run.owners,
                                               run.params.province)
    total = sum(r[3] for r in found)
    top = found[:run.params.top] if run.params.top else found
    return [run.table("products", [(code, name, quantity, money(net), orders, share(net, total))
                                   for code, name, quantity, net, orders in top])]


def sales_by_salesperson(run: Run) -> list[Table]:
    found = run.uow.get(SalesFacts).by_salesperson(run.start, run.end, run.owners,
                                                   run.params.province)
    total = sum(r[2] for r in found)
    rows = []
    for username, name, net, orders, customers in found:
        average = (money(net) / orders).quantize(Decimal("0.01"), ROUND_HALF_UP) \
            if orders else Decimal("0.00")
        rows.append((username, name, money(net), orders, customers, average,
                     share(net, total)))
    return [run.table("salespeople", rows)]


def sales_by_customer(run: Run) -> list[Table]:
    found, total = run.uow.get(SalesFacts).by_customer(run.start, run.end, run.owners,
                                                       run.params.province, run.params.top)
    rows, running = [], 0
    for code, name, net, orders in found:
        running += net
        rows.append((code, name, money(net), orders, share(net, total),
                     share(running, total)))
    return [run.table("customers", rows)]


def pipeline(run: Run) -> list[Table]:
    """Of the opportunities made in the range: per stage the count, amount and weighted
    amount; ``reached`` the opportunities at that stage or past it now (won: past every
    open stage; a lost one counts as having reached the first stage only, as the stage it
    was lost at is not kept), and the share of the stage before that reached it."""
    found = run.uow.get(SalesFacts).stages(run.owners, local_start(run.start),
                                           local_start(run.end) + _DAY)
    zero = (0, 0, 0)
    reached: dict[str, int] = {}
    for n, stage in enumerate(STAGE_ORDER):
        reached[stage] = sum(found.get(s, zero)[0] for s in STAGE_ORDER[n:])
    reached["qualification"] += found.get("lost", zero)[0]
    rows: list[tuple[Any, ...]] = []
    before: int | None = None
    for stage, _en, _zh in STAGES:
        count, amount, weighted = found.get(stage, zero)
        if stage == "lost":
            rows.append((stage, count, money(amount), money(weighted), None, None))
            continue
        got = reached[stage]
        rows.append((stage, count, money(amount), money(weighted), got,
                     None if before is None else share(got, before)))
        before = got
    return [run.table("stages", rows)]

