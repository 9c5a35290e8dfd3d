"""Fill the finance tables of a demo database for the finance benchmark (plain sqlite3,
deterministic): one issued invoice per confirmed or delivered order, and payments with
their allocations so that most invoices are paid (on time, late, in two parts), some are
still open, a few more than 90 days overdue and a few void.

``uv run python -m benchmarks.finance_fill PATH [--seed N] [--today YYYY-MM-DD]``: PATH is
a demo database at the finance schema (``kehu db upgrade``) whose invoices, payments and
allocations are empty (``--replace`` empties them first). The same database and seed give
the same rows.

The rows are as the app writes them: money in cents, days as ``YYYY-MM-DD``, moments as
naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``, numbers ``INV2026-000001`` / ``RC2026-000001``
(counted per year in issue or payment date order; ``code_sequences`` moved past them), the
search key of ``finance_search_key``, an invoice's ``paid`` the sum of its allocations, its
status from it (``issued``, ``partially_paid``, ``paid``; ``void`` unpaid), ``settled_on``
the day of the last cent (or of the void; 9999-12-31 while open), a payment's
``allocated`` its amount (no credit is left over). Each customer pays in one manner, drawn
from its id: mostly on time, some late, a few in two parts or not at all.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from app.data.finance import OPEN_UNTIL, finance_search_key

FINANCE_USER = "finance"
METHODS = ("bank_transfer",) * 6 + ("acceptance_bill", "acceptance_bill", "cheque", "cash")
VOID_SHARE = 0.004
# How a customer pays: (share of customers, days after the due date drawn from, the chance
# of paying in two parts, the chance of never paying an invoice).
MANNERS = ((0.62, (-12, 0), 0.03, 0.0), (0.22, (-3, 25), 0.08, 0.0),
           (0.11, (5, 70), 0.20, 0.02), (0.05, (20, 150), 0.30, 0.25))
CHUNK = 20_000


@dataclass
class Bill:
    order_id: int
    customer_id: int
    issue: date
    terms: int
    net: int
    tax: int
    gross: int
    moment: str  # the order's confirmation (or delivery): the invoice's issued_at
    status: str = "issued"
    paid: int = 0
    settled: date = OPEN_UNTIL
    voided: date | None = None
    parts: list[tuple[date, int]] = field(default_factory=list)

    @property
    def due(self) -> date:
        return self.issue + timedelta(days=self.terms)


def manner(customer_id: int, seed: int) -> tuple[tuple[int, int], float, float]:
    draw = random.Random(customer_id * 7919 + seed).random()
    for share, days, split, never in MANNERS:
        if draw < share:
            return days, split, never
        draw -= share
    return MANNERS[-1][1:]


def bills(conn: sqlite3.Connection, today: date) -> Iterator[Bill]:
    """One per confirmed or delivered order (ordered by id), issued when it was delivered
    (or confirmed), at the latest ``today``."""
    rows = conn.execute(
        "SELECT id, customer_id, order_date, payment_terms_days, net, tax, gross, "
        "coalesce(delivered_at, confirmed_at, order_date || ' 09:00:00.000000') "
        "FROM sales_orders WHERE status IN ('confirmed', 'delivered') ORDER BY id")
    for oid, cid, ordered, terms, net, tax, gross, moment in rows:
        issue = min(date.fromisoformat(str(moment)[:10]), today)
        issue = max(issue, date.fromisoformat(ordered))
        if len(moment) == 19:
            moment += ".000000"
        yield Bill(oid, cid, issue, int(terms), int(net), int(tax), int(gross), moment)


def settle(bill: Bill, rng: random.Random, seed: int, today: date) -> None:
    """Its payments as the customer's manner draws them (what falls after ``today`` is
    not paid yet), or its void."""
    if rng.random() < VOID_SHARE:
        voided = bill.issue + timedelta(days=rng.randint(1, 20))
        if voided <= today:
            bill.status, bill.voided, bill.settled = "void", voided, voided
            return
    (low, high), split, never = manner(bill.customer_id, seed)
    if rng.random() < never:
        return
    first = max(bill.issue, bill.due + timedelta(days=rng.randint(low, high)))
    if rng.random() < split and bill.gross >= 200:
        part = bill.gross * rng.randint(30, 70) // 100
        second = first + timedelta(days=rng.randint(10, 60))
        wanted = [(first, part), (second, bill.gross - part)]
    else:
        wanted = [(first, bill.gross)]
    for day, amount in wanted:
        if day > today:
            break
        bill.parts.append((day, amount))
        bill.paid += amount
    if bill.paid == bill.gross and bill.gross > 0:
        bill.status, bill.settled = "paid", bill.parts[-1][0]
    elif bill.paid:
        bill.status = "partially_paid"


def numbered(days: list[tuple[date, int]], prefix: str) -> tuple[dict[int, str],
                                                                  dict[int, int]]:
    """``prefix`` + year + counter, in (day, key) order; the next counter of each year."""
    numbers: dict[int, str] = {}
    counters: dict[int, int] = {}
    for day, key in sorted(days):
        n = counters.get(day.year, 1)
        numbers[key] = f"{prefix}{day.year}-{n:06d}"
        counters[day.year] = n + 1
    return numbers, counters


def stamp(day: date, rng: random.Random) -> str:
    """A moment of ``day`` during office hours, as the app stores it."""
    seconds = rng.randint(8 * 3600, 18 * 3600)
    return (f"{day.isoformat()} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:"
            f"{seconds % 60:02d}.{rng.randint(0, 999_999):06d}")


def fill(path: Path, seed: int = 1, today: date | None = None,
         replace: bool = False) -> dict[str, int]:
    """Fill the finance tables of ``path``; the rows made per table."""
    started = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-262144")
    if replace:
        conn.execute("BEGIN")
        for table in ("payment_allocations", "payments", "invoices", "customer_standing"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM code_sequences WHERE name LIKE 'invoice_%' OR name LIKE "
                     "'payment_%'")
        conn.execute("COMMIT")
    if any(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("invoices", "payments", "payment_allocations")):
        raise SystemExit(f"{path} has invoices or payments already (--replace empties "
                         "them first)")
    if today is None:  # the last day of the demo's orders: the same rows on any day
        today = date.fromisoformat(conn.execute(
            "SELECT max(order_date) FROM sales_orders WHERE status IN "
            "('confirmed', 'delivered')").fetchone()[0])
    found = conn.execute("SELECT id FROM users WHERE username = ?",
                         (FINANCE_USER,)).fetchone()
    user = found[0] if found else None
    rng = random.Random(seed)
    made = list(bills(conn, today))
    for bill in made:
        settle(bill, rng, seed, today)
    invoice_numbers, invoice_next = numbered(
        [(b.issue, k) for k, b in enumerate(made)], "INV")
    pays = [(day, k, amount) for k, b in enumerate(made) for day, amount in b.parts]
    pays.sort()
    payment_numbers, payment_next = numbered([(d, n) for n, (d, _, _) in enumerate(pays)],
                                             "RC")

    conn.execute("BEGIN")
    rows: list[tuple[object, ...]] = []
    for k, b in enumerate(made):
        number = invoice_numbers[k]
        made_at = b.moment
        voided_at = stamp(b.voided, rng) if b.voided else None
        changed = voided_at or (stamp(b.parts[-1][0], rng) if b.parts else made_at)
        rows.append((k + 1, number, b.customer_id, b.order_id, b.status, b.issue.isoformat(),
                     b.terms, b.due.isoformat(), b.net, b.tax, b.gross, b.paid,
                     b.settled.isoformat(), "", "customer asked for a new invoice"
                     if b.voided else "", made_at, voided_at,
                     finance_search_key(number, ""), made_at, user, changed, user,
                     2 + len(b.parts) + (b.voided is not None)))
        if len(rows) >= CHUNK:
            _invoices(conn, rows)
            rows = []
    _invoices(conn, rows)
    rows = []
    allocations: list[tuple[object, ...]] = []
    for n, (day, k, amount) in enumerate(pays):
        number = payment_numbers[n]
        moment = stamp(day, rng)
        rows.append((n + 1, number, made[k].customer_id, day.isoformat(), amount,
                     rng.choice(METHODS), "", "", amount, finance_search_key(number, ""),
                     moment, user, moment, user, 1))
        allocations.append((n + 1, n + 1, k + 1, amount, day.isoformat()))
        if len(rows) >= CHUNK:
            _payments(conn, rows, allocations)
            rows, allocations = [], []
    _payments(conn, rows, allocations)
    for name, counters in (("invoice", invoice_next), ("payment", payment_next)):
        for year, next_value in counters.items():
            conn.execute("INSERT INTO code_sequences (name, next_value) VALUES (?, ?) ON "
                         "CONFLICT (name) DO UPDATE SET next_value = max(next_value, "
                         "excluded.next_value)", (f"{name}_{year}", next_value))
    conn.execute("COMMIT")
    # No ANALYZE: the app leaves SQLite without statistics (app/data/kit/bulk.py), so the
    # plans measured are those of a database the app made.
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("invoices", "payments", "payment_allocations")}
    conn.close()
    counts["seconds"] = round(time.perf_counter() - started)
    return counts


def _invoices(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO invoices (id, number, customer_id, order_id, status, issue_date, "
        "payment_terms_days, due_date, net, tax, gross, paid, settled_on, notes, void_reason, "
        "issued_at, voided_at, search_text, created_at, created_by, updated_at, updated_by, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)


def _payments(conn: sqlite3.Connection, rows: list[tuple[object, ...]],
              allocations: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO payments (id, number, customer_id, payment_date, amount, method, "
        "reference, notes, allocated, search_text, created_at, created_by, updated_at, "
        "updated_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO payment_allocations (id, payment_id, invoice_id, amount, "
                     "applied_on) VALUES (?, ?, ?, ?, ?)", allocations)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.finance_fill")
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the last day paid (default: the last order's day)")
    parser.add_argument("--replace", action="store_true",
                        help="empty the finance tables first")
    args = parser.parse_args()
    print(fill(args.path, args.seed, args.today, args.replace))


if __name__ == "__main__":
    main()
