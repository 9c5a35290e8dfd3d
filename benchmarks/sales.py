"""Sales on the benchmark database (a million demo customers with their two years of orders:
over a million order lines): confirming an order of 50 lines with its credit check, and the
credit check's sum against the same SQL through plain sqlite3, interleaved in the same run.

``uv run python -m benchmarks.sales [--sqlite PATH] [--repeat N]`` (or ``python -m
benchmarks --only-sales``, on the cached database). Ours runs through the services as the
order form's Confirm does (``services.orders.confirm_order``: the rights, the order and its
lines loaded within the record scope, the version checked, the customer's row locked, the
credit check's sum, the move, the audit entry, the commit). Its raw limit is the bare
minimum of a confirm through plain sqlite3: the credit limit, the same sum, one UPDATE and
COMMIT. The sum alone: ``OrderRepository.owing`` (in a unit of work, as ``confirm_order`` runs
it) and ``services.orders.credit_check`` (a call of its own: rights, the order loaded, the
limit and the sum) against ``SELECT COALESCE(SUM(gross),0) FROM sales_orders WHERE
customer_id=? AND status IN ('confirmed','delivered') AND id<>?``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.data.database import Database, open_database
from app.data.sales import OrderRepository
from app.demo import DEMO_PASSWORD
from app.logic.kit.dto import Actor
from app.logic.services import Services
from benchmarks import report
from benchmarks.operations import raw_connection
from benchmarks.timing import Result, Samples, interleaved

LINES = 50
CONFIRM_TARGET_MS = 50.0
RATIO = 1.5  # the sum against the hand-written SQL
# What the credit check sums since 8/10 (app/data/finance: ReceivablesRepository.owing).
RECEIVABLES_OWING_SQL = (
    "SELECT (SELECT COALESCE(SUM(gross - paid), 0) FROM invoices WHERE customer_id = :c "
    "AND status IN ('issued', 'partially_paid')), "
    "(SELECT COALESCE(SUM(gross), 0) FROM sales_orders WHERE customer_id = :c "
    "AND status IN ('confirmed', 'delivered') AND id <> :x), "
    "(SELECT COALESCE(SUM(i.gross), 0) FROM invoices i JOIN sales_orders o "
    "ON o.id = i.order_id WHERE i.customer_id = :c AND i.status NOT IN ('void', 'draft') "
    "AND o.status IN ('confirmed', 'delivered') AND o.id <> :x)")
OWING_SQL = ("SELECT COALESCE(SUM(gross),0) FROM sales_orders WHERE customer_id=? "
             "AND status IN ('confirmed','delivered') AND id<>?")
BEGIN, END = report.SALES_BEGIN, report.SALES_END


class Bench:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: Database = open_database(f"sqlite:///{path}", upgrade=False)
        self.services = Services.build(self.db.unit_of_work)
        self.actor: Actor = self.services.auth.login("admin", DEMO_PASSWORD, record=False)
        self.raw = raw_connection(path)

    def one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        return self.raw.execute(sql, parameters).fetchone()

    def close(self) -> None:
        self.raw.close()
        self.db.dispose()

    # --- what the benchmark works on ----------------------------------------------------
    def key_account(self) -> tuple[int, int]:
        """The customer with the most orders it owes for (a key account), and how many."""
        return self.one("SELECT customer_id, count(*) n FROM sales_orders WHERE status IN "
                        "('confirmed','delivered') GROUP BY customer_id ORDER BY n DESC, "
                        "customer_id LIMIT 1")

    def typical(self) -> tuple[int, int]:
        """A customer with one order it owes for."""
        return self.one("SELECT customer_id, count(*) n FROM sales_orders WHERE status IN "
                        "('confirmed','delivered') AND customer_id > (SELECT max(id) / 2 FROM "
                        "customers) GROUP BY "
                        "customer_id HAVING n = 1 ORDER BY customer_id LIMIT 1")

    def roomy(self, *besides: int) -> int:
        """A customer whose credit limit leaves room for every order this run confirms:
        the largest limit among the customers with orders, ``besides`` those whose sum is
        measured (the orders confirmed here add to its sum)."""
        return self.one("SELECT c.id FROM customers c WHERE c.id IN (SELECT customer_id "
                        "FROM sales_orders WHERE status = 'delivered') AND c.id NOT IN "
                        f"({', '.join(str(int(i)) for i in besides) or '0'}) "
                        "ORDER BY c.credit_limit DESC, c.id LIMIT 1")[0]

    def products(self) -> list[str]:
        """``LINES`` active products, the cheapest (the orders stay within the limit)."""
        return [r[0] for r in self.raw.execute(
            "SELECT code FROM products WHERE active = 1 AND archived_at IS NULL "
            "ORDER BY list_price, id LIMIT ?", (LINES,))]

    def draft(self, customer: int, products: Sequence[str]) -> Any:
        """A draft order of ``customer`` with a line of each product, through the service
        (not timed)."""
        lines = [{"product": code, "quantity": str(1 + k % 3), "discount": "0.05" if k % 4
                  else "0"} for k, code in enumerate(products)]
        return self.services.orders.create_order(self.actor, {"customer": customer},
                                                 lines).saved


# --- (a) confirm an order of 50 lines ---------------------------------------------------------
def confirm(bench: Bench, repeat: int, *besides: int) -> Result:
    customer = bench.roomy(*besides)
    products = bench.products()
    orders = bench.services.orders
    raw = bench.raw

    def plain(order_id: int, version: int) -> None:
        raw.execute("BEGIN IMMEDIATE")
        (limit,) = raw.execute("SELECT credit_limit FROM customers WHERE id=?",
                               (customer,)).fetchone()
        (owing,) = raw.execute(OWING_SQL, (customer, order_id)).fetchone()
        (gross,) = raw.execute("SELECT gross FROM sales_orders WHERE id=?",
                               (order_id,)).fetchone()
        assert owing + gross <= limit
        now = datetime.now(UTC).isoformat(" ", "microseconds")[:-6]
        raw.execute("UPDATE sales_orders SET status='confirmed', confirmed_at=?, "
                    "updated_at=?, version=version+1 WHERE id=? AND version=?",
                    (now, now, order_id, version))
        raw.execute("COMMIT")

    ours: list[float] = []
    theirs: list[float] = []
    for k in range(repeat + 2):  # the first two warm up
        mine, other = bench.draft(customer, products), bench.draft(customer, products)
        started = time.perf_counter()
        confirmed = orders.confirm_order(bench.actor, mine.id, mine.version).saved
        took = time.perf_counter() - started
        assert confirmed.status == "confirmed"
        started = time.perf_counter()
        plain(other.id, other.version)
        raw_took = time.perf_counter() - started
        if k >= 2:
            ours.append(took)
            theirs.append(raw_took)
    return Result(f"confirm an order of {LINES} lines (credit check)", Samples(tuple(ours)),
                  Samples(tuple(theirs)), CONFIRM_TARGET_MS,
                  "raw: limit, sum, one UPDATE + COMMIT")


# --- (b) the credit check's sum ----------------------------------------------------------------
def owing(bench: Bench, customer: int, orders: int, repeat: int, label: str) -> list[Result]:
    (order_id,) = bench.one("SELECT max(id) FROM sales_orders WHERE customer_id=?",
                            (customer,))
    (cents,) = bench.one(OWING_SQL, (customer, -1))
    db, raw = bench.db, bench.raw

    def plain() -> int:
        return int(raw.execute(OWING_SQL, (customer, -1)).fetchone()[0])

    def repository() -> Any:
        with db.unit_of_work(write=False) as uow:
            return uow.get(OrderRepository).owing(customer, -1)

    with db.unit_of_work(write=False) as uow:
        assert uow.get(OrderRepository).owing(customer, -1) * 100 == cents
        repo = uow.get(OrderRepository)
        inside = interleaved(lambda: repo.owing(customer, -1), plain, repeat * 10)
    results = [Result(f"credit check sum, {label}: OrderRepository.owing", *inside, 50.0,
                      f"{orders} orders, in an open unit of work")]

    def receivables_plain() -> int:
        row = raw.execute(RECEIVABLES_OWING_SQL, {"c": customer, "x": -1}).fetchone()
        return int(row[0]) + max(int(row[1]) - int(row[2]), 0)

    with db.unit_of_work(write=False) as uow:
        port = uow.port("exposure")  # what the credit check asks since 8/10
        assert port.owing(customer, -1) * 100 == receivables_plain()
        results.append(Result(
            f"credit check sum, {label}: the receivables' owing (finance's port)",
            *interleaved(lambda: port.owing(customer, -1), receivables_plain, repeat * 10),
            50.0, "open invoices + orders not yet invoiced, in an open unit of work"))
    results.append(Result(f"credit check sum, {label}: owing in its own unit of work",
                           *interleaved(repository, plain, repeat * 10), 50.0,
                           "BEGIN, the sum, ROLLBACK"))
    check: Callable[[], Any] = lambda: bench.services.orders.credit_check(  # noqa: E731
        bench.actor, order_id)
    results.append(Result(f"credit check, {label}: services.orders.credit_check",
                          *interleaved(check, plain, repeat * 10), 50.0,
                          "rights, the order, the limit, the sum"))
    return results


def run(path: Path, repeat: int, show: Callable[[Result], None] = lambda r: None
        ) -> tuple[list[Result], dict[str, int]]:
    bench = Bench(path)
    try:
        counts = {name: bench.one(f"SELECT count(*) FROM {name}")[0] for name in
                  ("customers", "opportunities", "sales_orders", "sales_order_lines")}
        results: list[Result] = []
        key, key_orders = bench.key_account()
        typical, typical_orders = bench.typical()
        for customer, n, label in ((key, key_orders, "key account"),
                                   (typical, typical_orders, "typical customer")):
            for result in owing(bench, customer, n, repeat, label):
                show(result)
                results.append(result)
        result = confirm(bench, repeat, key, typical)
        show(result)
        results.append(result)
        return results, counts
    finally:
        bench.close()


def targeted(result: Result) -> bool:
    """The rows with a target: the confirm, and the credit check's sum as confirm runs it
    (the others show what a call of its own adds, for reading)."""
    return result.name.startswith("confirm") or result.name.endswith("OrderRepository.owing")


def verdict(result: Result) -> str:
    if not targeted(result):
        return "-"
    if result.name.startswith("confirm"):
        return "yes" if result.ours.p95_ms <= CONFIRM_TARGET_MS else "NO"
    return "yes" if result.ratio <= RATIO else "NO"


def table(results: Sequence[Result]) -> list[str]:
    lines = ["| " + " | ".join(report.HEADER) + " |", "|" + "---|" * len(report.HEADER)]
    for r in results:
        target = (f"< {CONFIRM_TARGET_MS:.0f} ms" if r.name.startswith("confirm")
                  else f"<= {RATIO:g}x" if targeted(r) else "(for reading)")
        lines.append("| " + " | ".join((
            r.name, f"{r.ours.median_ms:.2f} ms", f"{r.ours.p95_ms:.2f} ms",
            f"{r.raw.p95_ms:.2f} ms", f"{r.ratio:.2f}x", target, verdict(r), r.note)) + " |")
    return lines


def section(results: Sequence[Result], counts: dict[str, int], command: str,
            notes: str = "") -> str:
    lines = [BEGIN, "## Sales: confirming an order, the credit check", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on an SQLite database of "
             f"{counts['customers']:,} demo customers with {counts['opportunities']:,} "
             f"opportunities, {counts['sales_orders']:,} orders and "
             f"{counts['sales_order_lines']:,} order lines (`kehu demo`, seed 1; same machine "
             "as above).", "",
             "Ours through the services, interleaved with its raw limit through plain "
             "`sqlite3` in the same run. Confirm: a draft order of 50 lines (made through the "
             "service, not timed) confirmed by `services.orders.confirm_order` (rights, the "
             "order and its lines, the version, the customer's row locked, the credit check, "
             "the move, the audit entry, the commit); raw: the credit limit, the same sum, "
             "one UPDATE and COMMIT. Target: under 50 ms at p95. The credit check's sum "
             "(`OrderRepository.owing`) against `SELECT COALESCE(SUM(gross),0) FROM "
             "sales_orders WHERE customer_id=? AND status IN ('confirmed','delivered') AND "
             "id<>?`; target: at most 1.5x at p95.", ""]
    lines += table(results)
    if notes:
        lines += ["", notes.strip()]
    lines += ["", "Reproduce:", "", "```", command, "```", END]
    return "\n".join(lines)


NOTES = """### Reading the sales results

- **Confirming an order of 50 lines** takes 4-5 ms (target under 50 ms: met): loading the
  order with its 50 lines, locking the customer's row, the credit check, the move, the
  audit entry with the figures and the commit. The raw column is only the credit limit,
  the sum, one UPDATE and COMMIT (0.2 ms); the difference is the ORM's order with its
  lines, the record returned with its lines, and the audit entry.
- **The credit check's sum is within 1.5x of the hand-written SQL** (target met): the SQL
  is a covering-index sum (`ix_sales_orders_customer_status`: customer, status, gross)
  that SQLite answers in about 10 µs for a key account's dozens of orders as for one, so
  any per-call cost dominates. The first version built a `select()` and ran it through
  the ORM session on each call (0.24 ms, 25x); `OrderRepository.owing` now compiles the
  statement once per database and runs it on the driver's cursor of the session's own
  connection (inside its transaction, after the customer's row lock). Measured on the same
  database before that change (median, 2,000 calls, in one open unit of work): the
  `select()` built once, `session.execute` 71 µs; the session's Core connection 41 µs; a
  `text()` statement 29 µs; `exec_driver_sql` 21 µs (1.8x); the driver's cursor 9 µs.
  The rows "in its own unit of work" and `services.orders.credit_check` are for reading:
  they add a transaction's BEGIN and ROLLBACK, and the rights, the order and the limit,
  which a confirm pays once for the whole move.
- **The demo load** (`kehu demo --customers 1000000 --seed 1` into an empty file, on the
  same machine, back to back): 133.4 s before the sales rows, 150.1 s with them (+17 s,
  +12.5%; 202 s of CPU before, 242 s after), for 300,000 opportunities, 480,000 orders
  and 1.28 million order lines (+520 MB: 3.24 -> 3.76 GB). The rows are made in the
  worker processes with the chunk's customers (0.13 s of a chunk of 5,000, against 0.8 s
  for the chunk's other rows; each worker first replays the catalogue for its products,
  0.9 s); the writing process inserts them (about 7 s in all) with the sales tables'
  indexes that take keys in random order dropped and built again at the end. A first
  version without the cheaper quantity drawing and the customers read lazily took
  168.7 s.
"""


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sales")
    parser.add_argument("--sqlite", metavar="PATH", default="",
                        help="a demo database (default: the cached benchmark database of "
                             "--customers, built when missing)")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-docs", action="store_true")
    return parser.parse_args()


def database(args: argparse.Namespace) -> Path:
    if args.sqlite:
        return Path(args.sqlite)
    from benchmarks.database import build

    path, seconds = build(args.customers, args.seed)
    if seconds is not None:
        print(f"built the database in {seconds:.0f} s", flush=True)
    return path


def main() -> None:
    args = parse()
    results, counts = run(database(args), args.repeat,
                          lambda r: print("\n".join(table([r])[2:]), flush=True))
    print("\n".join(table(results)))
    if not args.no_docs:
        command = "uv run python -m benchmarks.sales " + " ".join(sys.argv[1:])
        if args.sqlite:  # how that database was made
            url = f"sqlite:///{Path(args.sqlite).resolve()}"
            command = (f"uv run kehu --db {url} db upgrade\n"
                       f"uv run kehu --db {url} demo --customers {args.customers} "
                       f"--seed {args.seed}\n{command}")
        print(f"wrote {report.write_section(section(results, counts, command, NOTES), BEGIN, END)}")


if __name__ == "__main__":
    main()
