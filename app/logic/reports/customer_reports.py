"""The customer reports: customers by region, industry, tier, status and ownership, new
customers per month; the tiers with the Pareto curve and the lifecycle stages."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from app.data.reports import OverviewFacts
from app.logic.customers import LIFECYCLES, TIERS
from app.logic.reports.model import Table
from app.logic.reports.periods import months
from app.logic.reports.run import Run, local_day, local_start, money, month_key, share

PARETO_POINTS = 20  # the curve at every 5% of the customers (each one, if fewer)


def customer_analysis(run: Run) -> list[Table]:
    facts = run.uow.get(OverviewFacts)
    province = run.params.province
    tables: list[Table] = []
    if run.kept("by_region"):
        found = facts.counted(("province", "city"), run.owners, province)
        total = sum(r[-1] for r in found)
        tables.append(run.table("by_region", [(p, c, n, share(n, total))
                                              for p, c, n in found]))
    for key in ("industry", "tier", "status", "ownership"):
        if run.kept(f"by_{key}"):
            found = facts.counted((key,), run.owners, province)
            total = sum(r[-1] for r in found)
            tables.append(run.table(f"by_{key}", [(v, n, share(n, total))
                                                   for v, n in found]))
    if run.kept("new_per_month"):
        made = facts.created(local_start(run.start), local_start(run.end + timedelta(days=1)),
                             run.owners, province)
        per = Counter((d.year, d.month) for d in map(local_day, made))
        tables.append(run.table("new_per_month", [
            (month_key(y, m), per.get((y, m), 0)) for y, m in months(run.start, run.end)]))
    return tables


def tiers(run: Run) -> list[Table]:
    facts = run.uow.get(OverviewFacts)
    revenues = facts.revenues(run.owners)
    total, count = sum(revenues), len(revenues)
    pareto: list[tuple[Any, ...]] = []
    if count:
        running, done = 0, 0
        for point in range(1, PARETO_POINTS + 1):
            upto = -(-count * point // PARETO_POINTS)  # the first point% of the customers
            if upto == done:  # fewer customers than points: each customer once
                continue
            running += sum(revenues[done:upto])
            done = upto
            pareto.append((share(upto, count), upto, share(running, total)))
    per_tier = facts.tiers(run.owners)
    revenue_all = sum(r for _, r in per_tier.values())
    tier_rows = []
    for tier, _en, _zh in TIERS:
        n, revenue = per_tier.get(tier, (0, 0))
        tier_rows.append((tier, n, money(revenue), share(revenue, revenue_all)))
    stages = dict(facts.counted(("lifecycle",), run.owners))
    life_rows = [(stage, int(stages.get(stage, 0))) for stage, _en, _zh in LIFECYCLES]
    if stages.get(""):
        life_rows.append(("", int(stages[""])))
    return [run.table("pareto", pareto), run.table("tiers", tier_rows),
            run.table("lifecycle", life_rows)]
