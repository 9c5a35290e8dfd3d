"""Finance on the benchmark database (a million demo customers, their orders with over a
million order lines, an invoice per confirmed or delivered order and its payments:
``kehu demo``, which makes them): the receivables' aging of all customers as of a date, and
the tier recomputation, each against hand-written SQL of the same figures through plain
sqlite3, interleaved in the same run; both sides' figures are checked equal first.

``uv run python -m benchmarks.finance --sqlite PATH [--repeat N] [--section FILE]``.

Aging. Ours: ``services.receivables.receivables(actor, as_of)`` signed in as finance (all
customers in its scope): the rights, ``ReceivablesRepository.aging`` in a read
transaction, rows turned into ``Aging`` with Decimal money. Raw: ``AGING_SQL`` (below) with
plain sqlite3, rows as tuples of cents. Checked: the same customers with the same open
amount and buckets, so the totals per bucket are equal.

The tier recomputation. Ours: ``services.customer_value.recompute``, what the Recompute
button and ``kehu customers tiers --recompute`` run: the rights, the value rules of
``app/logic/finance/value.py`` compiled to SQL by the data layer, every customer judged in
the database (the standing of each customer with any figure replaced, the customers whose
tier, rating, key account, lifecycle or churn warning changes updated), the audit entry,
the commit. Raw: ``RECOMPUTE_SQL`` (below), the same figures and the same writes by hand
through plain sqlite3 in one transaction, committed. Checked: after ours and after the raw
side the standing and the customers' computed columns are the same, row for row.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

from app.data.database import Database, open_database
from app.data.sales import OPEN_STAGES
from app.logic.finance import VALUE_SETTINGS
from app.logic.finance.receivables import GROUP, YEAR
from app.logic.kit.dto import Actor
from app.logic.kit.settings import read_settings
from app.logic.services import Services
from benchmarks import report
from benchmarks.operations import raw_connection

RATIO = 1.5
AGING_TARGET_MS = 1000.0
PAST_DAYS = 180
BEGIN, END = "<!-- finance results: begin -->", "<!-- finance results: end -->"
ZERO = Decimal("0.00")

# Per customer with anything open as of :d: the open amount and its buckets by days past
# due (current, 1-30, 31-60, 61-90, over 90), largest open first. An invoice is open as
# of :d when issued by then (not a draft) and settled (paid in full, or voided) after it;
# its open amount is its gross less the allocations applied by :d.
AGING_SQL = """
SELECT g.customer_id, c.code, c.name, g.total, g.b0, g.b1, g.b2, g.b3, g.b4
FROM (SELECT o.customer_id, sum(o.amount) AS total,
        sum(CASE WHEN o.due_date >= :d THEN o.amount ELSE 0 END) AS b0,
        sum(CASE WHEN o.due_date BETWEEN date(:d, '-30 days') AND date(:d, '-1 days')
            THEN o.amount ELSE 0 END) AS b1,
        sum(CASE WHEN o.due_date BETWEEN date(:d, '-60 days') AND date(:d, '-31 days')
            THEN o.amount ELSE 0 END) AS b2,
        sum(CASE WHEN o.due_date BETWEEN date(:d, '-90 days') AND date(:d, '-61 days')
            THEN o.amount ELSE 0 END) AS b3,
        sum(CASE WHEN o.due_date < date(:d, '-90 days') THEN o.amount ELSE 0 END) AS b4
      FROM (SELECT i.customer_id, i.due_date, i.gross - coalesce(sum(a.amount), 0) AS amount
            FROM invoices i
            LEFT JOIN payment_allocations a ON a.invoice_id = i.id AND a.applied_on <= :d
            WHERE i.settled_on > :d AND i.issue_date <= :d AND i.status <> 'draft'
            GROUP BY i.id) o
      GROUP BY o.customer_id) g
JOIN customers c ON c.id = g.customer_id
WHERE g.total > 0
ORDER BY g.total DESC, c.code
"""

# The recomputation of customer value by hand: every figure the rules read, summed per
# customer into the standing (the customers with any figure, in id order), the computed
# tier and rating with them; then the customers with a standing updated from it, and the
# customers without any figure judged on none; only changed customers written, their
# updated time kept. The rules as docs/credit.md writes them, with the settings as
# parameters (shares as exact fractions :xn/:xd, compared by cross-multiplying).
FIGURES_SQL = f"""
WITH o AS (
  SELECT customer_id AS cid,
         sum(CASE WHEN order_date BETWEEN :since AND :today THEN net ELSE 0 END) AS r,
         sum(CASE WHEN order_date >= :before AND order_date < :since THEN net ELSE 0 END)
           AS rb,
         min(order_date) AS first_order, max(order_date) AS last_order
  FROM sales_orders WHERE status IN ('confirmed', 'delivered') GROUP BY customer_id),
p AS (
  SELECT cid, sum(r) OVER w AS upto,
         sum(r) OVER w - r * count(*) OVER (PARTITION BY r) AS ahead,
         sum(r) OVER () AS total
  FROM o WHERE r > 0
  WINDOW w AS (ORDER BY r DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
w AS (
  SELECT customer_id AS cid, sum(gross - paid) AS overdue,
         sum(CASE WHEN due_date < :long_before THEN gross - paid ELSE 0 END) AS overdue_long
  FROM invoices WHERE status IN ('issued', 'partially_paid') AND due_date < :today
  GROUP BY customer_id),
i AS (
  SELECT i.customer_id AS cid, i.due_date, i.gross,
         coalesce(sum(CASE WHEN a.applied_on <= i.due_date THEN a.amount END), 0) AS on_time,
         coalesce(sum(CASE WHEN a.applied_on > i.due_date THEN a.amount *
           CAST(julianday(a.applied_on) - julianday(i.due_date) AS INTEGER) END), 0)
           AS late_paid,
         coalesce(sum(a.amount), 0) AS allocated
  FROM invoices i
  LEFT JOIN payment_allocations a ON a.invoice_id = i.id AND a.applied_on <= :today
  WHERE i.status IN ('issued', 'partially_paid', 'paid')
    AND i.due_date BETWEEN :since AND :today
  GROUP BY i.id),
b AS (
  SELECT cid, sum(gross) AS due, sum(on_time) AS paid,
         sum(late_paid + CASE WHEN due_date < :today AND gross > allocated THEN
           (gross - allocated) * CAST(julianday(:today) - julianday(due_date) AS INTEGER)
           ELSE 0 END) AS late
  FROM i GROUP BY cid),
v AS (
  SELECT customer_id AS cid, max(scheduled_at) AS seen FROM activities
  WHERE state = 'done' GROUP BY customer_id),
h AS (
  SELECT DISTINCT customer_id AS cid FROM opportunities
  WHERE stage IN ({", ".join(f"'{s}'" for s in OPEN_STAGES)}))
SELECT c.id, c.status, c.credit_limit, coalesce(o.r, 0) AS r, coalesce(o.rb, 0) AS rb,
       p.upto, p.ahead, p.total, coalesce(w.overdue, 0) AS overdue,
       coalesce(w.overdue_long, 0) AS overdue_long, coalesce(b.due, 0) AS due,
       coalesce(b.paid, 0) AS paid, coalesce(b.late, 0) AS late,
       h.cid IS NOT NULL AS hoped, o.first_order, o.last_order, v.seen,
       o.cid IS NOT NULL OR b.cid IS NOT NULL OR coalesce(w.overdue, 0) > 0 AS listed
FROM customers c
LEFT JOIN o ON o.cid = c.id LEFT JOIN p ON p.cid = c.id LEFT JOIN w ON w.cid = c.id
LEFT JOIN b ON b.cid = c.id LEFT JOIN v ON v.cid = c.id LEFT JOIN h ON h.cid = c.id
WHERE c.archived_at IS NULL
  AND (o.cid IS NOT NULL OR w.cid IS NOT NULL OR b.cid IS NOT NULL OR v.cid IS NOT NULL
       OR h.cid IS NOT NULL)
ORDER BY c.id
"""


def rating_sql(due: str, paid: str, late: str, overdue: str, limit: str) -> str:
    grades = "\n".join(
        f"  WHEN {paid} * :{g}_ond >= {due} * :{g}_onn AND {late} <= {due} * :{g}_days "
        f"AND ({overdue} <= 0 OR ({limit} > 0 AND {overdue} * :{g}_ovd <= {limit} * "
        f":{g}_ovn)) THEN '{g.upper()}'" for g in ("aaa", "aa", "a", "b"))
    return f"CASE WHEN {due} <= 0 AND {overdue} <= 0 THEN ''\n{grades}\n  ELSE 'C' END"


def tier_sql(r: str, rb: str, ahead: str, total: str, overdue_long: str, hoped: str,
             status: str) -> str:
    return (f"CASE WHEN {overdue_long} > 0 OR ({rb} > 0 AND ({rb} - {r}) * :rd_d > "
            f"{rb} * :rd_n) THEN 'restricted' "
            f"WHEN {r} > 0 THEN CASE WHEN {ahead} * :pd < {total} * :pn THEN 'premium' "
            f"WHEN {ahead} * :md < {total} * :mn THEN 'major' ELSE 'ordinary' END "
            f"WHEN {hoped} OR {status} = 'prospect' THEN 'potential' ELSE 'ordinary' END")


def lifecycle_sql(r: str, rb: str, first: str, last: str) -> str:
    return (f"CASE WHEN {last} IS NULL OR {first} IS NULL THEN '' "
            f"WHEN {last} < :lost_before THEN 'lost' WHEN {first} >= :new_from THEN 'new' "
            f"WHEN {rb} <= 0 THEN CASE WHEN {r} > 0 THEN 'rising' ELSE 'stable' END "
            f"WHEN ({r} - {rb}) * :lc_d > {rb} * :lc_n THEN 'rising' "
            f"WHEN ({rb} - {r}) * :lc_d > {rb} * :lc_n THEN 'declining' ELSE 'stable' END")


def churn_sql(r: str, rb: str, last: str, seen: str, status: str, created: str) -> str:
    return (f"CASE WHEN {status} <> 'active' THEN '' "
            f"WHEN ({last} IS NULL OR {last} < :quiet_before) AND ({seen} IS NULL OR "
            f"{seen} < :quiet_before) AND ({last} IS NOT NULL OR {seen} IS NOT NULL OR "
            f"{created} < :quiet_before) THEN 'no_contact' "
            f"WHEN {rb} > 0 AND ({rb} - {r}) * :cd_d > {rb} * :cd_n THEN 'revenue_down' "
            "ELSE '' END")


STANDING_SQL = f"""
INSERT INTO customer_standing (customer_id, revenue, revenue_before, share, computed_tier,
  computed_rating, on_time, days_late, overdue, last_order, first_order,
  open_opportunities, computed_on, ahead, total, overdue_long, due, paid_on_time,
  late_amount_days, last_activity, listed)
SELECT id, r, rb,
  CASE WHEN r > 0 THEN CAST(round(CAST(upto AS REAL) * 1000000 / total) AS INTEGER)
       ELSE 0 END,
  {tier_sql("r", "rb", "ahead", "total", "overdue_long", "hoped", "status")},
  {rating_sql("due", "paid", "late", "overdue", "credit_limit")},
  CASE WHEN due > 0 THEN CAST(round(CAST(paid AS REAL) * 10000 / due) AS INTEGER)
       ELSE 10000 END,
  CASE WHEN due > 0 THEN CAST(round(CAST(late AS REAL) * 10 / due) AS INTEGER) ELSE 0 END,
  overdue, last_order, first_order, hoped, :today, ahead, total, overdue_long, due, paid,
  late, seen, listed
FROM ({FIGURES_SQL})
"""


def judged_sql(s: str) -> dict[str, str]:
    """The customers' columns, judged on the figures of ``s`` (the standing's columns, or
    the empty figures of a customer without any)."""
    f = {k: f"{s}.{k}" if s else v for k, v in (
        ("revenue", "0"), ("revenue_before", "0"), ("ahead", "NULL"), ("total", "NULL"),
        ("overdue", "0"), ("overdue_long", "0"), ("due", "0"), ("paid_on_time", "0"),
        ("late_amount_days", "0"), ("open_opportunities", "0"), ("first_order", "NULL"),
        ("last_order", "NULL"), ("last_activity", "NULL"))}
    return {
        "tier": "CASE WHEN customers.tier_override THEN customers.tier ELSE " + tier_sql(
            f["revenue"], f["revenue_before"], f["ahead"], f["total"], f["overdue_long"],
            f["open_opportunities"], "customers.status") + " END",
        "credit_rating": "CASE WHEN customers.credit_rating_manual THEN "
        "customers.credit_rating ELSE " + rating_sql(
            f["due"], f["paid_on_time"], f["late_amount_days"], f["overdue"],
            "customers.credit_limit") + " END",
        "key_account": "CASE WHEN customers.key_account_manual THEN customers.key_account "
        f"WHEN {f['revenue']} >= :key_revenue THEN 1 ELSE 0 END",
        "lifecycle": lifecycle_sql(f["revenue"], f["revenue_before"], f["first_order"],
                                   f["last_order"]),
        "churn_reason": churn_sql(f["revenue"], f["revenue_before"], f["last_order"],
                                  f["last_activity"], "customers.status",
                                  "customers.created_at")}


def update_sql(s: str) -> str:
    judged = judged_sql(s)
    sets = ", ".join(f"{k} = {v}" for k, v in judged.items())
    differs = " OR ".join(f"customers.{k} IS NOT ({v})" for k, v in judged.items())
    if s:
        return (f"UPDATE customers SET {sets} FROM customer_standing {s} "
                f"WHERE {s}.customer_id = customers.id AND ({differs})")
    return (f"UPDATE customers SET {sets} WHERE +customers.archived_at IS NULL AND NOT "
            "EXISTS (SELECT 1 FROM customer_standing s WHERE s.customer_id = customers.id) "
            f"AND ({differs})")


RECOMPUTE_SQL = ("DELETE FROM customer_standing", STANDING_SQL, update_sql("s"),
                 update_sql(""))
TIER_COUNT_SQL = ("SELECT tier, count(*) FROM customers WHERE archived_at IS NULL "
                  "GROUP BY tier")


# What a recomputation leaves: per customer not archived, its standing (null without) and
# its computed columns.
SNAPSHOT_SQL = """
SELECT c.id, c.tier, c.credit_rating, c.key_account, c.lifecycle, c.churn_reason,
       s.revenue, s.revenue_before, s.share, s.computed_tier, s.computed_rating, s.on_time,
       s.days_late, s.overdue, s.last_order, s.first_order, s.open_opportunities, s.ahead,
       s.total, s.overdue_long, s.due, s.paid_on_time, s.late_amount_days, s.last_activity,
       s.listed
FROM customers c LEFT JOIN customer_standing s ON s.customer_id = c.id
WHERE c.archived_at IS NULL ORDER BY c.id
"""
Snapshot = list[tuple[Any, ...]]


def cents(value: Decimal) -> int:
    return int(value * 100)


@dataclass(frozen=True)
class Timing:
    """One operation: ours against its raw limit, run alternately; medians compared."""

    name: str
    ours: tuple[float, ...]
    raw: tuple[float, ...]
    target_ms: float | None
    note: str = ""
    targeted: bool = True

    @property
    def ours_ms(self) -> float:
        return statistics.median(self.ours) * 1000

    @property
    def raw_ms(self) -> float:
        return statistics.median(self.raw) * 1000

    @property
    def ratio(self) -> float:
        return self.ours_ms / max(self.raw_ms, 1e-6)

    @property
    def ok(self) -> bool:
        return self.ratio <= RATIO and (self.target_ms is None or
                                        self.ours_ms < self.target_ms)


class Bench:
    def __init__(self, path: Path, today: date | None = None) -> None:
        self.path = path
        self.today = today or date.today()
        self.db: Database = open_database(f"sqlite:///{path}", upgrade=False)
        self.services = Services.build(self.db.unit_of_work)
        self.raw = raw_connection(path)
        found = self.raw.execute("SELECT id FROM users WHERE username = 'finance'").fetchone()
        user = found[0] if found else self.raw.execute("SELECT min(id) FROM users").fetchone()[0]
        # The demo's finance user: finance's rights, every customer in its scope.
        self.actor = Actor(user_id=user, username="finance",
                           rights=frozenset({("finance", "view"), ("finance", "value")}),
                           scopes=(("customers", "all"),))
        with self.db.unit_of_work(write=False) as uow:
            self.settings = read_settings(uow, VALUE_SETTINGS, GROUP)

    def close(self) -> None:
        self.raw.close()
        self.db.dispose()

    # --- aging --------------------------------------------------------------------------
    def aging_raw(self, day: date) -> list[tuple[Any, ...]]:
        return self.raw.execute(AGING_SQL, {"d": day.isoformat()}).fetchall()

    def aging_ours(self, day: date) -> Any:
        return self.services.receivables.receivables(self.actor, day)

    def aging_agree(self, day: date) -> tuple[int, list[int]]:
        """Both sides' rows, checked equal: (customers, totals per bucket in cents)."""
        raw = self.aging_raw(day)
        ours = self.aging_ours(day)
        mine = [(r.customer_id, r.code, r.name, cents(r.open),
                 *(cents(v) for v in r.buckets.values())) for r in ours.rows]
        assert sorted(mine) == sorted(tuple(r) for r in raw), f"aging as of {day} differs"
        totals = [sum(r[k] for r in raw) for k in range(3, 9)]
        total = ours.total
        assert totals == [cents(total.open), *(cents(v) for v in total.buckets.values())]
        return len(raw), totals

    # --- the recomputation --------------------------------------------------------------
    def parameters(self) -> dict[str, Any]:
        """The windows and the settings as the raw statements take them (as recompute
        has them: app/logic/finance/receivables.py value_window, value.py's rules)."""
        s, day = self.settings, self.today
        since = day - timedelta(days=YEAR - 1)

        def ratio(name: str) -> tuple[int, int]:
            return Fraction(Decimal(s[name])).as_integer_ratio()

        given: dict[str, Any] = {
            "today": day.isoformat(), "since": since.isoformat(),
            "before": (since - timedelta(days=YEAR)).isoformat(),
            "long_before": (day - timedelta(days=int(s["restricted_overdue_days"])))
            .isoformat(),
            "lost_before": (day - timedelta(days=int(s["lost_after_days"]))).isoformat(),
            "new_from": (day - timedelta(days=YEAR)).isoformat(),
            "quiet_before": (day - timedelta(days=int(s["churn_days"]))).isoformat(),
            "key_revenue": cents(Decimal(s["key_account_revenue"]))}
        for key, name in (("p", "premium_share"), ("m", "major_share")):
            given[f"{key}n"], given[f"{key}d"] = ratio(name)
        for key, name in (("rd", "restricted_drop"), ("lc", "lifecycle_change"),
                          ("cd", "churn_drop")):
            given[f"{key}_n"], given[f"{key}_d"] = ratio(name)
        for grade in ("aaa", "aa", "a", "b"):
            given[f"{grade}_onn"], given[f"{grade}_ond"] = ratio(f"{grade}_on_time")
            given[f"{grade}_ovn"], given[f"{grade}_ovd"] = ratio(f"{grade}_overdue")
            given[f"{grade}_days"] = int(s[f"{grade}_days_late"])
        return given

    def recompute_raw(self) -> tuple[dict[str, int], dict[str, int], int]:
        """The hand-written recomputation in one transaction, committed: the tiers before
        and after, the customers changed."""
        given = self.parameters()
        self.raw.execute("BEGIN IMMEDIATE")
        try:
            before = dict(self.raw.execute(TIER_COUNT_SQL).fetchall())
            changed = 0
            for statement in RECOMPUTE_SQL:
                cursor = self.raw.execute(statement, given)
                changed += cursor.rowcount if statement.startswith("UPDATE") else 0
            after = dict(self.raw.execute(TIER_COUNT_SQL).fetchall())
            self.raw.execute("COMMIT")
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        return before, after, changed

    def recompute(self) -> Any:
        return self.services.customer_value.recompute(self.actor, self.today)

    def snapshot(self) -> Snapshot:
        return self.raw.execute(SNAPSHOT_SQL).fetchall()


def differences(ours: Snapshot, raw: Snapshot) -> list[str]:
    """Where the two snapshots disagree (a customer on one side only, or any column), at
    most ten."""
    theirs = {r[0]: r for r in raw}
    found = [f"ours {r}, raw {theirs.get(r[0])}" for r in ours if theirs.get(r[0]) != r]
    mine = {r[0] for r in ours}
    found += [f"ours None, raw {r}" for r in raw if r[0] not in mine]
    return found[:10]


def alternate(ours: Callable[[], object], raw: Callable[[], object], repeat: int,
              warmup: int = 1) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Ours then raw, ``repeat`` times after ``warmup`` (both see the same machine noise)."""
    for _ in range(warmup):
        ours()
        raw()
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for action, into in ((ours, mine), (raw, theirs)):
            started = time.perf_counter()
            action()
            into.append(time.perf_counter() - started)
    return tuple(mine), tuple(theirs)


def run(path: Path, repeat: int = 5, tier_repeat: int = 3, today: date | None = None,
        show: Callable[[Timing], None] = lambda t: None, recompute: bool = True
        ) -> tuple[list[Timing], dict[str, Any]]:
    bench = Bench(path, today)
    try:
        facts: dict[str, Any] = {
            name: bench.raw.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in
            ("customers", "sales_orders", "sales_order_lines", "invoices", "payments",
             "payment_allocations")}
        facts["today"] = bench.today
        results: list[Timing] = []
        for label, day in (("today", bench.today),
                           (f"{PAST_DAYS} days ago", bench.today - timedelta(days=PAST_DAYS))):
            customers, totals = bench.aging_agree(day)
            facts[f"aging {label}"] = (day, customers, totals)
            ours, raw = alternate(partial(bench.aging_ours, day),
                                  partial(bench.aging_raw, day), repeat)
            results.append(Timing(f"receivables aging, all customers, as of {label} "
                                  f"({day.isoformat()})", ours, raw, AGING_TARGET_MS,
                                  f"{customers:,} customers with anything open"))
            show(results[-1])
        if recompute:
            # Both sides from the same start: ours leaves what the raw side leaves.
            started = time.perf_counter()
            first = bench.recompute()
            facts["first recompute"] = (time.perf_counter() - started, first.changed)
            ours_left = bench.snapshot()
            raw_before, raw_after, _ = bench.recompute_raw()
            raw_left = bench.snapshot()
            found = differences(ours_left, raw_left)
            assert not found, "the recomputations differ: " + "; ".join(found)
            assert raw_after == first.after == raw_before, "tiers counted differently"
            facts["tiers"] = dict(sorted(raw_after.items()))
            facts["standing"] = sum(1 for r in raw_left if r[6] is not None)
            facts["listed"] = sum(1 for r in raw_left if r[-1])
            ours, raw = alternate(bench.recompute, bench.recompute_raw, tier_repeat,
                                  warmup=0)
            results.append(Timing(
                "tier recomputation: customer_value.recompute", ours, raw, None,
                f"{len(raw_left):,} customers judged, {facts['standing']:,} standings "
                "written"))
            show(results[-1])
        return results, facts
    finally:
        bench.close()


def table(results: Sequence[Timing]) -> list[str]:
    lines = ["| operation | ours median | raw median | ratio | target | ok | note |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        target = (f"<= {RATIO:g}x" + (f", < {r.target_ms / 1000:g} s" if r.target_ms
                                      else "")) if r.targeted else "(for reading)"
        ok = ("yes" if r.ok else "NO") if r.targeted else "-"
        lines.append(f"| {r.name} | {r.ours_ms / 1000:.3f} s | {r.raw_ms / 1000:.3f} s | "
                     f"{r.ratio:.2f}x | {target} | {ok} | {r.note} |")
    return lines


def section(results: Sequence[Timing], facts: dict[str, Any], command: str) -> str:
    machine = report.machine()
    lines = [BEGIN, "## Finance: receivables aging, tier recomputation", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on an SQLite database of "
             f"{facts['customers']:,} demo customers with {facts['sales_orders']:,} orders, "
             f"{facts['sales_order_lines']:,} order lines, {facts['invoices']:,} invoices, "
             f"{facts['payments']:,} payments and {facts['payment_allocations']:,} "
             "allocations (`kehu demo`, seed 1, its invoices and payments with it); today "
             f"{facts['today'].isoformat()}. Machine: {machine['cores (nproc)']} cores "
             f"({machine['CPU']}), Python {machine['Python']}, SQLite {machine['SQLite']}.",
             "",
             "Each operation alternates with its raw limit, hand-written SQL of the same "
             "figures through plain `sqlite3` (`AGING_SQL`, `RECOMPUTE_SQL` in "
             "`benchmarks/finance.py`), in the same run; both sides' figures are checked "
             "equal before timing. Ratio = ours median / raw median. Targets: at most 1.5x "
             "the raw limit; the aging under 1 s.", ""]
    lines += table(results)
    for key in ("aging today", f"aging {PAST_DAYS} days ago"):
        day, customers, totals = facts[key]
        lines.append("")
        lines.append(f"Aging as of {day.isoformat()}: {customers:,} customers, open "
                     f"{totals[0] / 100:,.2f}; current {totals[1] / 100:,.2f}, 1-30 "
                     f"{totals[2] / 100:,.2f}, 31-60 {totals[3] / 100:,.2f}, 61-90 "
                     f"{totals[4] / 100:,.2f}, over 90 {totals[5] / 100:,.2f} (equal on both "
                     "sides).")
    if "first recompute" in facts:
        seconds, changed = facts["first recompute"]
        lines.append("")
        lines.append("Tiers after the recomputation (the same on both sides, as is every "
                     "customer's standing and computed columns): " + ", ".join(
                         f"{k} {v:,}" for k, v in facts["tiers"].items()) +
                     f"; {facts['standing']:,} customers with a standing, "
                     f"{facts['listed']:,} of them in the tiers' list.")
        lines.append("")
        lines.append(f"The first recompute on the database took {seconds:.1f} s "
                     f"({changed:,} customers changed); the timed ones after it change "
                     "none (same day, same data) and write the standing again.")
    lines += ["", "Reproduce:", "", "```", command, "```", END]
    return "\n".join(lines)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.finance")
    parser.add_argument("--sqlite", metavar="PATH", required=True,
                        help="a demo database (the recomputation writes to it)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each aging")
    parser.add_argument("--tier-repeat", type=int, default=3, help="runs of the tiers")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--no-recompute", action="store_true")
    parser.add_argument("--section", metavar="FILE", default="",
                        help="write the docs/benchmarks.md section to FILE")
    return parser.parse_args()


def main() -> None:
    args = parse()
    print("| operation | ours median | raw median | ratio | target | ok | note |", flush=True)
    results, facts = run(Path(args.sqlite), args.repeat, args.tier_repeat, args.today,
                         lambda r: print(table([r])[2], flush=True), not args.no_recompute)
    print("\n".join(table(results)))
    if args.section:
        url = f"sqlite:///{Path(args.sqlite).resolve()}"
        command = (f"uv run kehu --db {url} db upgrade\n"
                   f"uv run kehu --db {url} demo --customers 1000000 --seed 1\n"
                   "uv run python -m benchmarks.finance " + " ".join(sys.argv[1:]))
        Path(args.section).write_text(section(results, facts, command) + "\n",
                                      encoding="utf-8")
        print(f"wrote {args.section}")


if __name__ == "__main__":
    main()
