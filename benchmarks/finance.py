"""Finance on the benchmark database (a million demo customers, their orders with over a
million order lines, an invoice per confirmed or delivered order and its payments:
``benchmarks/finance_fill.py``): the receivables' aging of all customers as of a date, and
the tier recomputation, each against hand-written SQL of the same figures through plain
sqlite3, interleaved in the same run; both sides' figures are checked equal first.

``uv run python -m benchmarks.finance --sqlite PATH [--repeat N] [--section FILE]``.

Aging. Ours: ``services.receivables.receivables(actor, as_of)`` signed in as finance (all
customers in its scope): the rights, ``ReceivablesRepository.aging`` in a read
transaction, rows turned into ``Aging`` with Decimal money. Raw: ``AGING_SQL`` (below) with
plain sqlite3, rows as tuples of cents. Checked: the same customers with the same open
amount and buckets, so the totals per bucket are equal.

Tiers. Raw: ``TIER_SQL``, one statement giving every customer not archived its revenue of
the last 12 months and of the 12 before, its cumulative share (customers of equal revenue
one step) and its tier (restricted, premium / major / ordinary by the Pareto shares,
potential, ordinary), the settings as parameters; nothing written. Ours, two rows: the
same figures from the data layer's sums (``ReceivablesRepository.revenue`` twice,
``overdue_beyond``, ``with_open_opportunities``, ``customers_for_value``) through the
logic's ``pareto`` and ``tier`` (compute only, nothing written; checked equal to the raw
figures), and ``services.customer_value.recompute``: what the Recompute button runs, which
also computes the ratings, key accounts, lifecycle and churn (payment behaviour, order
days, last activities), writes the standing of every customer with figures, updates the
customers whose computed columns changed, the audit entry and the commit (its written
tiers and standing are checked against the raw figures after the first run).
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
from app.data.finance import ReceivablesRepository
from app.data.sales import OPEN_STAGES
from app.logic.finance import VALUE_SETTINGS, pareto, tier
from app.logic.finance.receivables import GROUP, YEAR
from app.logic.finance.value import Facts
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

# Every customer not archived: its revenue (net of confirmed and delivered orders) from
# :since to :today and from :before to the day before :since, its cumulative share of the
# revenue (the customers with revenue largest first, equal revenue one step; archived
# customers' revenue counts in the total as in ours) and its tier: restricted (an open
# amount more than the restricted days past due, or revenue down more than the restricted
# drop), else by the share of those strictly larger (premium under the premium share,
# major under the major share, ordinary), else potential (open opportunities, or a
# prospect), else ordinary. Shares as fractions :pn/:pd etc. (exact integer compares).
TIER_SQL = f"""
WITH rev AS (
  SELECT customer_id,
         sum(CASE WHEN order_date >= :since THEN net ELSE 0 END) AS r,
         sum(CASE WHEN order_date < :since THEN net ELSE 0 END) AS rb
  FROM sales_orders
  WHERE status IN ('confirmed', 'delivered') AND order_date >= :before
    AND order_date <= :today
  GROUP BY customer_id),
ranked AS (
  SELECT customer_id,
         coalesce(sum(r) OVER (ORDER BY r DESC GROUPS BETWEEN UNBOUNDED PRECEDING
                               AND 1 PRECEDING), 0) AS ahead,
         sum(r) OVER (ORDER BY r DESC GROUPS UNBOUNDED PRECEDING) AS upto
  FROM rev WHERE r > 0),
total AS (SELECT sum(r) AS t FROM rev WHERE r > 0),
late AS (
  SELECT customer_id FROM invoices
  WHERE status IN ('issued', 'partially_paid') AND due_date < :late_before
  GROUP BY customer_id HAVING sum(gross - paid) > 0),
opps AS (
  SELECT DISTINCT customer_id FROM opportunities
  WHERE stage IN ({", ".join(f"'{s}'" for s in OPEN_STAGES)}))
SELECT c.id, coalesce(v.r, 0), coalesce(v.rb, 0),
       CASE WHEN k.customer_id IS NULL THEN 0 ELSE round(k.upto * 1.0 / t.t, 6) END,
       CASE WHEN l.customer_id IS NOT NULL
              OR (v.rb > 0 AND (v.rb - v.r) * :dd > :dn * v.rb) THEN 'restricted'
            WHEN k.customer_id IS NOT NULL THEN
              CASE WHEN k.ahead * :pd < :pn * t.t THEN 'premium'
                   WHEN k.ahead * :md < :mn * t.t THEN 'major'
                   ELSE 'ordinary' END
            WHEN o.customer_id IS NOT NULL OR c.status = 'prospect' THEN 'potential'
            ELSE 'ordinary' END
FROM customers c
LEFT JOIN rev v ON v.customer_id = c.id
LEFT JOIN ranked k ON k.customer_id = c.id
LEFT JOIN late l ON l.customer_id = c.id
LEFT JOIN opps o ON o.customer_id = c.id
CROSS JOIN total t
WHERE c.archived_at IS NULL
"""

# Per customer: (revenue, revenue before, cumulative share, tier); money in cents.
Tiers = dict[int, tuple[int, int, float, str]]


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

    # --- tiers --------------------------------------------------------------------------
    def windows(self) -> tuple[date, date, date]:
        """(first day of the last 12 months, first day of the 12 before, the last day
        open more than the restricted days past due may be due): as recompute has them."""
        year_ago = self.today - timedelta(days=YEAR)
        return (year_ago + timedelta(days=1), year_ago - timedelta(days=YEAR - 1),
                self.today - timedelta(days=int(self.settings["restricted_overdue_days"])))

    def tiers_raw(self) -> Tiers:
        since, before, late_before = self.windows()
        s = self.settings
        pn, pd = Fraction(Decimal(s["premium_share"])).as_integer_ratio()
        mn, md = Fraction(Decimal(s["major_share"])).as_integer_ratio()
        dn, dd = Fraction(Decimal(s["restricted_drop"])).as_integer_ratio()
        rows = self.raw.execute(TIER_SQL, {
            "today": self.today.isoformat(), "since": since.isoformat(),
            "before": before.isoformat(), "late_before": late_before.isoformat(),
            "pn": pn, "pd": pd, "mn": mn, "md": md, "dn": dn, "dd": dd})
        return {int(c): (int(r), int(rb), float(share), str(t))
                for c, r, rb, share, t in rows}

    def tiers_ours(self) -> Tiers:
        """The same figures from the data layer's sums and the logic's rules (what
        recompute computes the tiers from), nothing written."""
        since, before, _ = self.windows()
        day = self.today
        with self.db.unit_of_work(write=False) as uow:
            repo = uow.get(ReceivablesRepository)
            revenue = repo.revenue(since, day)
            previous = repo.revenue(before, since - timedelta(days=1))
            long_overdue = repo.overdue_beyond(
                day, int(self.settings["restricted_overdue_days"]))
            opportunities = repo.with_open_opportunities()
            contributions = pareto(revenue, self.settings)
            result: Tiers = {}
            for row in repo.customers_for_value():
                cid, status = row[0], row[1]
                facts = Facts(status, revenue.get(cid, ZERO), previous.get(cid, ZERO),
                              long_overdue.get(cid, ZERO), cid in opportunities,
                              None, None, None)
                share = contributions.get(cid)
                result[cid] = (cents(facts.revenue), cents(facts.revenue_before),
                               float(share.share) if share else 0.0,
                               tier(facts, share, self.settings))
            return result

    def recompute(self) -> Any:
        return self.services.customer_value.recompute(self.actor, self.today)

    def written(self) -> Tiers:
        """What recompute wrote: the standing's figures and computed tier, the customers'
        tier (a customer without a standing: its computed tier is the customers' one, a
        tier set by hand apart)."""
        rows = self.raw.execute(
            "SELECT c.id, coalesce(s.revenue, 0), coalesce(s.revenue_before, 0), "
            "coalesce(s.share, 0), CASE WHEN s.customer_id IS NOT NULL THEN s.computed_tier "
            "WHEN c.tier_override THEN NULL ELSE c.tier END FROM customers c LEFT JOIN "
            "customer_standing s ON s.customer_id = c.id WHERE c.archived_at IS NULL")
        return {int(c): (int(r), int(rb), int(share) / 1_000_000, t)
                for c, r, rb, share, t in rows if t is not None}


def differences(ours: Tiers, raw: Tiers) -> list[str]:
    """Where the two disagree (a share within a millionth is the same: the raw side rounds
    a double), at most ten."""
    found = []
    for cid in sorted(set(ours) | set(raw)):
        a, b = ours.get(cid), raw.get(cid)
        if a is None or b is None or a[0] != b[0] or a[1] != b[1] or a[3] != b[3] or \
                abs(a[2] - b[2]) > 1.01e-6:
            found.append(f"customer {cid}: ours {a}, raw {b}")
            if len(found) == 10:
                break
    return found


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
        raw_tiers = bench.tiers_raw()
        found = differences(bench.tiers_ours(), raw_tiers)
        assert not found, "tiers differ: " + "; ".join(found)
        facts["tiers"] = tier_counts(raw_tiers)
        ours, raw = alternate(bench.tiers_ours, bench.tiers_raw, tier_repeat)
        results.append(Timing("tiers computed (data layer sums + pareto/tier), nothing "
                              "written", ours, raw, None,
                              f"{len(raw_tiers):,} customers", targeted=False))
        show(results[-1])
        if recompute:
            started = time.perf_counter()
            first = bench.recompute()
            facts["first recompute"] = (time.perf_counter() - started, first.changed)
            found = differences(bench.written(), raw_tiers)
            assert not found, "recompute wrote other tiers: " + "; ".join(found)
            ours, raw = alternate(bench.recompute, bench.tiers_raw, tier_repeat, warmup=0)
            results.append(Timing("tier recomputation: customer_value.recompute", ours,
                                  raw, None, "all of value computed, written, committed"))
            show(results[-1])
        return results, facts
    finally:
        bench.close()


def tier_counts(tiers: Tiers) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, _, _, name in tiers.values():
        counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


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
             "allocations (`kehu demo`, seed 1, the finance rows by "
             "`benchmarks/finance_fill.py`, seed 1); today "
             f"{facts['today'].isoformat()}. Machine: {machine['cores (nproc)']} cores "
             f"({machine['CPU']}), Python {machine['Python']}, SQLite {machine['SQLite']}.",
             "",
             "Each operation alternates with its raw limit, hand-written SQL of the same "
             "figures through plain `sqlite3` (`AGING_SQL`, `TIER_SQL` in "
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
    lines.append("")
    lines.append("Tiers (equal on both sides): " + ", ".join(
        f"{k} {v:,}" for k, v in facts["tiers"].items()) + ".")
    if "first recompute" in facts:
        seconds, changed = facts["first recompute"]
        lines.append("")
        lines.append(f"The first recompute on the filled database took {seconds:.1f} s "
                     f"({changed:,} customers changed); the timed ones after it change "
                     "none (same day, same data) and write the standing again.")
    lines += ["", "Reproduce:", "", "```", command, "```", END]
    return "\n".join(lines)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.finance")
    parser.add_argument("--sqlite", metavar="PATH", required=True,
                        help="a demo database filled by benchmarks.finance_fill (recompute "
                             "writes to it)")
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
                   f"uv run python -m benchmarks.finance_fill {args.sqlite}\n"
                   "uv run python -m benchmarks.finance " + " ".join(sys.argv[1:]))
        Path(args.section).write_text(section(results, facts, command) + "\n",
                                      encoding="utf-8")
        print(f"wrote {args.section}")


if __name__ == "__main__":
    main()
