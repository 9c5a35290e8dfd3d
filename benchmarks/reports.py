"""Reports and the dashboard on the benchmark database (a million demo customers, their
orders, invoices, opportunities and tickets: ``kehu demo``): the sales report by month for
a whole year, and the managers' start page, each against hand-written SQL of the same
figures through plain sqlite3, interleaved in the same run; both sides' figures are
checked equal first. The database is only read.

``uv run python -m benchmarks.reports --sqlite PATH [--repeat N] [--today DAY]
[--users admin,manager,sales1] [--section FILE]``.

Sales by month. Ours: ``services.reports.run(actor, "sales-by-month", Params(start,
end))`` for last year (the rights, the scope, the parameters resolved, the sums in a read
transaction, the table of the report with Decimal money and the change against the year
before). Raw: ``MONTHS_SQL`` (below) for the year and for the year before, rows of cents.
Checked: per month the orders and revenue and those of the same month a year before.

The dashboard. Ours: ``services.reports.dashboard(actor, today)``: its seven figures and
four charts. Raw: the statements of ``DASHBOARD_SQL`` (below), one per figure or chart as
one would write them by hand: the revenue of this month and of this year and of the same
periods a year before, the revenue per month of this year and last, the weighted open
pipeline, the open pipeline per stage, the receivables per aging bucket as of today, open
complaints and overdue tickets, new customers this month and in the same days a year
before, customers per tier. Each counts the records of the same owners as ours (the record
scope of the figure's list for the actor, ``app/logic/reports/dashboard.py``). Checked:
every figure, its value a year before, and every chart value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from app.data.admin import UserRepository
from app.data.database import Database, open_database
from app.data.sales import OPEN_STAGES, OWING
from app.logic.admin.auth import build_actor
from app.logic.admin.settings import read_security_settings
from app.logic.customers import TIERS
from app.logic.finance import BUCKETS
from app.logic.kit.dto import Actor
from app.logic.kit.permissions import owner_scope
from app.logic.reports.dashboard import lens
from app.logic.reports.model import Dashboard, Params, Report
from app.logic.reports.periods import year_before
from app.logic.reports.run import local_start
from app.logic.reports.service import ReportService
from app.logic.services import Services
from benchmarks import report
from benchmarks.finance import Timing, alternate, table
from benchmarks.operations import raw_connection

TARGET_MS = 1000.0
BEGIN, END = "<!-- reports results: begin -->", "<!-- reports results: end -->"
USERS = ("admin", "manager", "sales1")
STATUSES = ", ".join(f"'{s}'" for s in OWING)
STAGES = ", ".join(f"'{s}'" for s in OPEN_STAGES)
Owners = Collection[int] | None

# The revenue (the net of confirmed and delivered orders, docs/sales.md) and orders per
# month of order date in [:a, :b]; dates are ISO text in SQLite, the month its first 7.
MONTHS_SQL = f"""
SELECT substr(order_date, 1, 7) AS month, count(*), sum(net) FROM sales_orders
WHERE order_date BETWEEN :a AND :b AND status IN ({STATUSES}) {{salespeople}}
GROUP BY month
"""
REVENUE_SQL = f"""
SELECT count(*), coalesce(sum(net), 0) FROM sales_orders
WHERE order_date BETWEEN :a AND :b AND status IN ({STATUSES}) {{salespeople}}
"""
PIPELINE_SQL = f"""
SELECT count(*), coalesce(sum(weighted), 0) FROM opportunities
WHERE stage IN ({STAGES}) {{owners}}
"""
STAGES_SQL = f"""
SELECT stage, sum(amount), sum(weighted) FROM opportunities
WHERE stage IN ({STAGES}) {{owners}} GROUP BY stage
"""
# Open as of :d (issued by then, not a draft, settled after it): gross less paid (no
# payment is applied after today), by days past due: not yet due, 1-30, 31-60, 61-90,
# over 90.
AGING_SQL = """
SELECT coalesce(sum(CASE WHEN due_date >= :d THEN gross - paid END), 0),
  coalesce(sum(CASE WHEN due_date BETWEEN date(:d, '-30 days') AND date(:d, '-1 days')
    THEN gross - paid END), 0),
  coalesce(sum(CASE WHEN due_date BETWEEN date(:d, '-60 days') AND date(:d, '-31 days')
    THEN gross - paid END), 0),
  coalesce(sum(CASE WHEN due_date BETWEEN date(:d, '-90 days') AND date(:d, '-61 days')
    THEN gross - paid END), 0),
  coalesce(sum(CASE WHEN due_date < date(:d, '-90 days') THEN gross - paid END), 0)
FROM invoices WHERE status <> 'draft' AND issue_date <= :d AND settled_on > :d {customers}
"""
LATER_PAYMENTS_SQL = "SELECT count(*) FROM payment_allocations WHERE applied_on > :d"
# Of the owners' customers: {customers} joins the ticket's customer.
COMPLAINTS_SQL = """
SELECT count(*) FROM feedback f {customers}
WHERE f.status IN ('new', 'assigned', 'in_progress') AND f.type = 'complaint' {owners}
"""
LATE_TICKETS_SQL = """
SELECT count(*) FROM feedback f {customers}
WHERE f.status IN ('new', 'assigned', 'in_progress') AND f.due_at < :now {owners}
"""
NEW_CUSTOMERS_SQL = """
SELECT count(*) FROM customers
WHERE archived_at IS NULL AND created_at >= :since AND created_at < :until {owners}
"""
TIERS_SQL = """
SELECT tier, count(*) FROM customers WHERE archived_at IS NULL {owners} GROUP BY tier
"""
DASHBOARD_SQL = (REVENUE_SQL, MONTHS_SQL, PIPELINE_SQL, STAGES_SQL, AGING_SQL,
                 COMPLAINTS_SQL, LATE_TICKETS_SQL, NEW_CUSTOMERS_SQL, TIERS_SQL)


def among(column: str, owners: Owners) -> str:
    """``AND column IN (...)`` for owners; nothing for everyone's."""
    if owners is None:
        return ""
    return f"AND {column} IN ({', '.join(str(i) for i in sorted(owners)) or 'NULL'})"


def of_customers(owners: Owners) -> str:
    if owners is None:
        return ""
    return f"AND customer_id IN (SELECT id FROM customers WHERE 1 {among('owner_id', owners)})"


def utc_text(moment: datetime) -> str:
    """A UTC time as the database keeps it (ISO text without a zone)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def cents(value: Decimal | int) -> int:
    return int(value * 100) if isinstance(value, Decimal) else int(value)


Figures = dict[str, Any]


class Bench:
    def __init__(self, path: Path, today: date) -> None:
        self.path = path
        self.today = today
        self.db: Database = open_database(f"sqlite:///{path}", upgrade=False)
        self.services = Services.build(self.db.unit_of_work)
        self.reports: ReportService = self.services.reports
        self.raw = raw_connection(path)

    def close(self) -> None:
        self.raw.close()
        self.db.dispose()

    def actor(self, username: str) -> Actor:
        """The demo user's actor as signing in builds it (its roles' rights and scopes, its
        team), without signing in: a sign-in writes, and the database is only read."""
        with self.db.unit_of_work(write=False) as uow:
            user = uow.get(UserRepository).by_username(username)
            assert user is not None, f"no user {username!r}"
            return build_actor(uow, user, read_security_settings(uow))

    # --- sales by month ---------------------------------------------------------------
    def year(self) -> tuple[date, date]:
        last = self.today.year - 1
        return date(last, 1, 1), date(last, 12, 31)

    def months_ours(self, actor: Actor) -> Report:
        start, end = self.year()
        return self.reports.run(actor, "sales-by-month", Params(start, end),
                                today=self.today)

    def months_raw(self, actor: Actor) -> list[tuple[str, int, int, int, int]]:
        start, end = self.year()
        where = among("salesperson_id", owner_scope(actor, "reports"))
        sql = MONTHS_SQL.format(salespeople=where)
        now = {m: (n, c) for m, n, c in self.raw.execute(
            sql, {"a": start.isoformat(), "b": end.isoformat()})}
        before = {m: (n, c) for m, n, c in self.raw.execute(
            sql, {"a": year_before(start).isoformat(), "b": year_before(end).isoformat()})}
        found = []
        for month in range(1, 13):
            key = f"{start.year:04d}-{month:02d}"
            n, c = now.get(key, (0, 0))
            nb, cb = before.get(f"{start.year - 1:04d}-{month:02d}", (0, 0))
            found.append((key, c, n, cb, nb))
        return found

    def months_agree(self, actor: Actor) -> tuple[int, int]:
        """Both sides' months, checked equal: (orders, revenue in cents) of the year."""
        raw = self.months_raw(actor)
        (found,) = self.months_ours(actor).tables
        mine = [(r[0], cents(r[1]), r[2], cents(r[3]), r[4]) for r in found.rows]
        assert mine == raw, f"sales by month differ for {actor.username}: {mine} {raw}"
        return sum(r[2] for r in raw), sum(r[1] for r in raw)

    # --- the dashboard ----------------------------------------------------------------
    def dashboard_ours(self, actor: Actor) -> Dashboard:
        return self.reports.dashboard(actor, today=self.today)

    def dashboard_raw(self, actor: Actor, now: datetime | None = None) -> Figures:
        """Every figure (and its value a year before) and chart value, by hand."""
        day = self.today
        run = self.raw.execute
        sales = among("salesperson_id", lens(actor, "order").owners)
        month_start, year_start = day.replace(day=1), day.replace(month=1, day=1)
        found: Figures = {}

        def revenue(start: date, end: date) -> int:
            _n, c = run(REVENUE_SQL.format(salespeople=sales),
                       {"a": start.isoformat(), "b": end.isoformat()}).fetchone()
            return int(c)

        found["revenue_month"] = (revenue(month_start, day),
                                  revenue(year_before(month_start), year_before(day)))
        found["revenue_ytd"] = (revenue(year_start, day),
                                revenue(year_before(year_start), year_before(day)))
        months = {m: c for m, _n, c in run(MONTHS_SQL.format(salespeople=sales), {
            "a": date(day.year - 1, 1, 1).isoformat(), "b": date(day.year, 12, 31).isoformat()})}
        found["chart revenue"] = tuple(
            tuple(months.get(f"{y:04d}-{m:02d}", 0) for m in range(1, 13))
            for y in (day.year, day.year - 1))

        owners = among("owner_id", lens(actor, "opportunity").owners)
        _n, weighted = run(PIPELINE_SQL.format(owners=owners)).fetchone()
        found["pipeline"] = (int(weighted), None)
        stages = {s: (a, w) for s, a, w in run(STAGES_SQL.format(owners=owners))}
        found["chart pipeline"] = tuple(tuple(stages.get(s, (0, 0))[k] for s in OPEN_STAGES)
                                        for k in (0, 1))

        invoices = of_customers(lens(actor, "invoice").owners)
        later = run(LATER_PAYMENTS_SQL, {"d": day.isoformat()}).fetchone()[0]
        assert not later, "payments applied after today: gross - paid is not what was open"
        buckets = run(AGING_SQL.format(customers=invoices), {"d": day.isoformat()}).fetchone()
        assert len(buckets) == len(BUCKETS)
        found["overdue"] = (sum(buckets[1:]), None)
        found["chart aging"] = (tuple(buckets),)

        scoped = lens(actor, "feedback").owners
        tickets = {"customers": "" if scoped is None else
                   "JOIN customers c ON c.id = f.customer_id",
                   "owners": among("c.owner_id", scoped)}
        moment = now or datetime.now(UTC)
        found["complaints"] = (run(COMPLAINTS_SQL.format(**tickets)).fetchone()[0], None)
        found["overdue_tickets"] = (run(LATE_TICKETS_SQL.format(**tickets),
                                        {"now": utc_text(moment)}).fetchone()[0], None)

        customers = lens(actor, "customer").owners
        where = among("owner_id", customers)

        def new(since: datetime, until: datetime) -> int:
            return int(run(NEW_CUSTOMERS_SQL.format(owners=where), {
                "since": utc_text(since), "until": utc_text(until)}).fetchone()[0])

        found["new_customers"] = (
            new(local_start(month_start), moment),
            new(local_start(year_before(month_start)),
                local_start(year_before(day) + timedelta(days=1))))
        tiers = dict(run(TIERS_SQL.format(owners=where)).fetchall())
        found["chart tiers"] = (tuple(tiers.get(t, 0) for t, _, _ in TIERS),)
        return found

    def dashboard_agree(self, actor: Actor) -> Figures:
        """Both sides' figures and charts, checked equal: the raw side's."""
        ours = self.dashboard_ours(actor)
        raw = self.dashboard_raw(actor, ours.made_at)
        mine: Figures = {f.key: (cents(f.value), None if f.before is None else
                                 cents(f.before)) for f in ours.figures}
        for chart in ours.charts:
            mine[f"chart {chart.key}"] = tuple(tuple(cents(v) for v in s.values)
                                               for s in chart.series)
        differ = {k: (mine.get(k), v) for k, v in raw.items() if mine.get(k) != v}
        differ.update({k: (v, None) for k, v in mine.items() if k not in raw})
        assert not differ, f"the dashboards differ for {actor.username} (ours, raw): {differ}"
        return raw


def run(path: Path, repeat: int = 5, today: date | None = None,
        users: Sequence[str] = USERS, show: Callable[[Timing], None] = lambda t: None
        ) -> tuple[list[Timing], dict[str, Any]]:
    bench = Bench(path, today or date.today())
    try:
        facts: dict[str, Any] = {
            name: bench.raw.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in
            ("customers", "sales_orders", "sales_order_lines", "opportunities", "invoices",
             "feedback")}
        facts["today"] = bench.today
        facts["year"] = bench.year()
        results: list[Timing] = []
        for username in users:
            actor = bench.actor(username)
            scope = actor.scope("reports")
            orders, revenue = bench.months_agree(actor)
            facts[f"months {username}"] = (scope, orders, revenue)
            ours, raw = alternate(partial(bench.months_ours, actor),
                                  partial(bench.months_raw, actor), repeat)
            start, _end = bench.year()
            results.append(Timing(
                f"sales-by-month {start.year}, {username} (reports scope {scope})", ours, raw,
                TARGET_MS, f"24 months of sums; {orders:,} orders in {start.year}"))
            show(results[-1])
            figures = bench.dashboard_agree(actor)
            facts[f"dashboard {username}"] = (scope, figures)
            ours, raw = alternate(partial(bench.dashboard_ours, actor),
                                  partial(bench.dashboard_raw, actor), repeat)
            results.append(Timing(
                f"dashboard, {username} (reports scope {scope})", ours, raw, TARGET_MS,
                "7 figures (5 with the year before), 4 charts"))
            show(results[-1])
        return results, facts
    finally:
        bench.close()


def money_text(value: int) -> str:
    return f"{value / 100:,.2f}"


def section(results: Sequence[Timing], facts: dict[str, Any], command: str) -> str:
    machine = report.machine()
    start, end = facts["year"]
    lines = [BEGIN, "## Reports and the dashboard", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on an SQLite database of "
             f"{facts['customers']:,} demo customers with {facts['sales_orders']:,} orders, "
             f"{facts['sales_order_lines']:,} order lines, {facts['opportunities']:,} "
             f"opportunities, {facts['invoices']:,} invoices and {facts['feedback']:,} "
             f"tickets (`kehu demo`, seed 1); today {facts['today'].isoformat()}. Machine: "
             f"{machine['cores (nproc)']} cores ({machine['CPU']}), Python "
             f"{machine['Python']}, SQLite {machine['SQLite']}; shared and noisy, so "
             "compare the ratios of one run rather than the times of two.", "",
             f"Sales by month for {start.year} ({start.isoformat()} to {end.isoformat()}, "
             "with the same months a year before) through `services.reports.run`, and the "
             "dashboard through `services.reports.dashboard`, each alternating with its raw "
             "limit: hand-written SQL of the same figures through plain `sqlite3` "
             "(`MONTHS_SQL`, `DASHBOARD_SQL` in `benchmarks/reports.py`; the dashboard's "
             "as one would write it, a statement per figure or chart), in the same run; "
             "both sides' figures are checked equal before timing. Each for the demo's "
             "admin (everyone's records), its sales manager (the team's) and a salesperson "
             "(own). Medians of the runs; ratio = ours / raw. Target (issue 10/10): at "
             "most 1.5x the raw limit and under 1 s.", ""]
    lines += table(results)
    for key, value in facts.items():
        if key.startswith("months "):
            scope, orders, revenue = value
            lines.append("")
            lines.append(f"Sales by month, {key.split()[1]} ({scope}): {orders:,} orders, "
                         f"revenue {money_text(revenue)} in {start.year} (equal on both "
                         "sides).")
    lines += ["", "Reproduce (the benchmark only reads the database):", "", "```", command,
              "```", END]
    return "\n".join(lines)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reports")
    parser.add_argument("--sqlite", metavar="PATH", required=True,
                        help="a demo database (only read)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--users", default=",".join(USERS),
                        help="the demo users to measure as (default admin,manager,sales1)")
    parser.add_argument("--section", metavar="FILE", default="",
                        help="write the docs/benchmarks.md section to FILE")
    return parser.parse_args()


def main() -> None:
    args = parse()
    print("| operation | ours median | raw median | ratio | target | ok | note |", flush=True)
    results, facts = run(Path(args.sqlite), args.repeat, args.today,
                         [u for u in args.users.split(",") if u],
                         lambda r: print(table([r])[2], flush=True))
    print("\n".join(table(results)))
    if args.section:
        url = f"sqlite:///{Path(args.sqlite).resolve()}"
        command = (f"uv run kehu --db {url} db upgrade\n"
                   f"uv run kehu --db {url} demo --customers 1000000 --seed 1\n"
                   "uv run python -m benchmarks.reports " + " ".join(sys.argv[1:]))
        Path(args.section).write_text(section(results, facts, command) + "\n",
                                      encoding="utf-8")
        print(f"wrote {args.section}")


if __name__ == "__main__":
    main()
