"""The results as a console table and as docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.timing import Result

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
HEADER = ("operation", "ours median", "ours p95", "raw p95", "ratio", "target", "ok", "note")


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores (nproc)": str(os.cpu_count()), "CPU": cpu,
            "Python": platform.python_version(), "SQLite": sqlite3.sqlite_version,
            "OS": platform.platform()}


def verdict(result: Result, ratio_limit: float | None = 2.0) -> str:
    """Whether the target is met: p95 under the time, and (``ratio_limit``) near the raw
    limit."""
    if result.target_ms is None:
        return "-"
    fast = result.ours.p95_ms <= result.target_ms
    near = (ratio_limit is None or result.ratio <= ratio_limit
            or result.name.startswith("cold start"))
    return "yes" if fast and near else "NO"


def rows(results: Sequence[Result], ratio_limit: float | None = 2.0
         ) -> list[tuple[str, ...]]:
    return [(r.name, f"{r.ours.median_ms:.1f} ms", f"{r.ours.p95_ms:.1f} ms",
             f"{r.raw.p95_ms:.1f} ms", f"{r.ratio:.2f}x",
             "-" if r.target_ms is None else f"< {r.target_ms:.0f} ms",
             verdict(r, ratio_limit), r.note)
            for r in results]


def table(results: Sequence[Result], ratio_limit: float | None = 2.0) -> str:
    body = [HEADER, *rows(results, ratio_limit)]
    widths = [max(len(row[i]) for row in body) for i in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in body)


def markdown(results: Sequence[Result], customers: int, build_seconds: float | None,
             command: str, exported: str = "") -> str:
    lines = ["# Benchmarks", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on a database of "
             f"{customers:,} demo customers (`generate_demo`, seed 1).", "",
             "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    lines += ["", "## Results", "",
              "Each operation ran interleaved with its raw limit (plain `sqlite3` running the "
              "same SQL, or the bare equivalent), so both saw the same machine noise. "
              "Ratio = ours p95 / raw p95. Targets: first page and search under 50 ms at p95 "
              "and at most 2x the raw limit; cold start under 1 s.", "",
              "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    if build_seconds is not None:
        lines += ["", f"Building the database (`generate_demo`, {customers:,} customers, "
                      f"including the FTS index builds) took {build_seconds:.0f} s."]
    if exported:
        lines += ["", "## Export to Excel", "",
                  "`CustomerService.export` (what `kehu export customers` and the list's "
                  "Export to Excel run: rights, the list query within the record scope, "
                  "choices in Chinese, owners by name, typed cells, the about sheet, the "
                  "audit entry) against the same SQL through plain `sqlite3` writing the same "
                  "cells with bare XlsxWriter, interleaved in the same run. Target: at most "
                  "1.3x, memory flat (peak traced by tracemalloc; bounded by the 2,000-row "
                  "pages the export reads, not by the rows in all).", "", "```", exported,
                  "```"]
    lines += ["", NOTES]
    lines += ["", "## Reproduce", "", "```", command, "```", "",
              "The database is built once and cached under `benchmarks/.cache/` "
              "(git-ignored); `--rebuild` builds it again. `--customers N` benchmarks a "
              "smaller database; `--no-startup` skips the cold-start measurement; "
              "`--only-products` measures only the products, suppliers and projects lists "
              "(their own section below), `--no-products` leaves them out.", ""]
    return "\n".join(lines)


NOTES = """## Reading the results

- **The raw column** runs the statements our code hands the driver, with the same
  parameters, through plain `sqlite3` (captured with SQLAlchemy's `before_cursor_execute`):
  for a search that is the probe of each term and the page. The difference is what Kehu
  adds: the session, the per-call check that the signed-in account is still active, and
  turning rows into DTOs with Decimal money and aware datetimes.
- **Cold start** is measured with the packages and the app compiled to bytecode first, as
  pip and installers do (`startup.precompile`); without bytecode (uv installs none, and
  this machine sets PYTHONDONTWRITEBYTECODE) the same start takes about 1.6 s. The cyclic
  garbage collector is off until the main window is shown (then `gc.freeze()`), which
  saves about 10% of the imports; the demo user's sign-in (argon2id, 64 MiB) runs on a
  thread while Qt and the screens load. Runs here gave 0.79-0.92 s median; the p95 of 10
  starts on this shared machine varies with its load (0.83 s quiet, up to 1.10 s with one
  slow start among ten). Importing SQLAlchemy alone is about 0.35 s of it.
- **First page**: the statement is built once per query shape and reused with bound
  values, money and times are converted in one step each, `BEGIN` goes straight to the
  driver. About 1.2-1.5 ms against 0.7-1.0 ms raw (1.6-1.95x at p95 across runs).
- **Search**: each term is probed first (its first 200 hits in rowid order: counted, or
  the total estimated from how far into the ids they reach), then the page is read by the
  cheapest plan: from the hits of a term with few of them (`13812`, `王伟`), walking the
  name index and checking the term's hits per row (`伟`, `zhangwei`), or walking the index
  and checking a common term with `LIKE` on the row (`beijing`: 100k hits, which SQLite's
  FTS5 takes about 20 ms just to list). The FTS5 indexes keep no token positions
  (`detail=none`, migration 0006): a term of four or more characters is asked for as all
  of its trigrams, and `LIKE` on the row keeps the rows holding the term itself
  (`zhangwei`: 8,730 rows hold its trigrams, 4,826 the term). Against positions this is
  0-6 ms slower per search on the same data (`13812` 12 -> 18 ms, `bjkj` 1.6 -> 2.9 ms)
  and saves about 1 GB of the 3 GB database and a tenth of the demo load. `zhangwei` is the
  slowest: collecting its FTS5 hits alone takes 25-40 ms. SQLite reads through a memory
  map (`mmap_size`).
- **`长城电子` (10 hits)** is the one search over 2x: 1.1 ms against 0.5 ms at p95. Its
  SQL takes half a millisecond, so the fixed cost Kehu adds (session, account check, the
  probe's plan, two statements through SQLAlchemy: about 0.5 ms) doubles it. The same
  data gave 2.07x with the positional index and the old search code in this session, and
  1.76-1.91x in other runs: it is at the edge either way, not made worse by this change.
- **Create customer** includes the duplicate check (name, tax id and phone, each indexed),
  the search key, the audit entry in the same transaction and the commit; the raw column
  is one INSERT and COMMIT without any of that.
- **Demo load** (`time uv run kehu demo --db sqlite:////tmp/demo1m.db --customers
  1000000`): 103-108 s in the last three runs here on 2 cores, 128-136 s in a slow hour
  (target: under 120 s, **met when the machine runs at its usual speed, not in its slow
  hours**). Back to back, the code of the start of this round took 117.8 s (213 s of CPU)
  and this one 107.0 s (201 s). This shared machine's speed drifts by a quarter: the same
  commit took 100.5 s with 197 s of CPU and, half an hour later, 114 s with 223 s. Two
  worker processes make the rows as tuples in the insert's column order, values already
  in the driver's form, and send them back with `marshal`: counted with valgrind, about
  509,000 instructions per customer (the search key 250,000 of them, down from 304,000),
  100-150 µs of Python, 110-138 s of CPU in all, at a lower priority than the writing
  process, which spends 84-104 s (trigram FTS5 index about 45 s, customers with the five
  list indexes kept during the load 20 s, short-term index 12 s, contacts 9 s, reading the
  chunks 5 s). Both cores are busy during the load, so the time only falls with less
  work. The end takes 5-6 s: SQLite's sorter hands its runs to a helper thread only when
  they spill to temporary files, so the five dropped indexes are built with a 2 MB page
  cache and temporary files (4.5-5 s on both cores, against 10.5 s on one with a 256 MB
  cache in memory). Tried and dropped: building the FTS indexes on the side in scratch
  files and copying them in (threads hand the GIL back and forth per row; more CPU in all,
  157-164 s), keeping all the indexes during the load (173 s with positions; without them
  still 26 s more CPU than building five at the end), building the five list indexes at
  the end too (8-10 s less CPU in the load, 10.5 s more at the end), search-key tokens
  cached per text or gathered in a sorted set (more instructions: ~90 small tokens cost
  more in Python calls than the regular expressions they replace), a case-sensitive
  trigram tokenizer, `columnsize=0`, other FTS5 `automerge`, `crisismerge` and
  `hashsize` settings (within the noise), indexing the search text without its spaces
  (more distinct trigrams: slower). This Python (pyenv 3.11.7) is built without PGO and
  LTO, which the python.org builds Windows users run have.
"""


def write_docs(text: str) -> Path:
    """The SQLite results as docs/benchmarks.md, keeping the sales', the products' and the
    server's sections (each written by a run of its own)."""
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    kept = [_section(old, begin, end) for begin, end in ((SALES_BEGIN, SALES_END),
                                                         (PRODUCTS_BEGIN, PRODUCTS_END),
                                                         (BEGIN, END))]
    DOCS.write_text(text + "".join(f"\n{k}\n" for k in kept if k), encoding="utf-8")
    return DOCS


# --- a server's results (``--db``): a section of their own in docs/benchmarks.md ----------
BEGIN, END = "<!-- server results: begin -->", "<!-- server results: end -->"
# --- the products, suppliers and projects lists (``--only-products``, and the default run)
PRODUCTS_BEGIN, PRODUCTS_END = ("<!-- products results: begin -->",
                                "<!-- products results: end -->")
# --- sales: confirming an order, the credit check (``--only-sales``: benchmarks/sales.py)
SALES_BEGIN, SALES_END = "<!-- sales results: begin -->", "<!-- sales results: end -->"


def _section(text: str, begin: str, end: str) -> str:
    start, stop = text.find(begin), text.find(end)
    return text[start:stop + len(end)] if 0 <= start < stop else ""


def _server_section(text: str) -> str:
    return _section(text, BEGIN, END)


def write_section(section: str, begin: str = BEGIN, end: str = END) -> Path:
    """Put ``section`` (from ``begin`` to ``end``) into docs/benchmarks.md in place of the
    one there, or at its end (the products' before the server's)."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    old = _section(text, begin, end)
    server = _server_section(text)
    if old:
        text = text.replace(old, section)
    elif begin == PRODUCTS_BEGIN and server:
        text = text.replace(server, f"{section}\n\n{server}")
    else:
        text = f"{text.rstrip()}\n\n{section}\n"
    DOCS.write_text(text, encoding="utf-8")
    return DOCS


def write_server_section(section: str) -> Path:
    """Put ``section`` (``server_section``) into docs/benchmarks.md in place of the one
    there, or at its end."""
    return write_section(section, BEGIN, END)


def products_section(results: Sequence[Result], products: int, build_seconds: float | None,
                     command: str, exported: str = "", ratio_limit: float = 2.0) -> str:
    """The products, suppliers and projects lists' section of docs/benchmarks.md."""
    lines = [PRODUCTS_BEGIN, "## Products, suppliers and projects lists", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on an SQLite database of "
             f"{products:,} products, 3,000 suppliers and the demo's 30,000 customers with "
             "their projects (`benchmarks/catalogue.py`, seed 1; same machine as above).", "",
             "Each operation is what the list screen asks of the service (the first page of "
             "200 rows, a page scrolled to, the count shown, a filter's choices), interleaved "
             "with its raw limit: the same SQL, captured from that call, through plain "
             "`sqlite3`. Ratio = ours p95 / raw p95. Targets as for the customers: under "
             f"50 ms at p95 and at most {ratio_limit:g}x the raw limit.", "",
             "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results, ratio_limit)]
    if build_seconds is not None:
        lines += ["", f"Building the database (the demo's customers and projects, then the "
                      f"products and suppliers in one bulk load) took {build_seconds:.0f} s."]
    if exported:
        lines += ["", "### Export to Excel", "",
                  "`ProductService.export` (rights, the list's keyset pages, units and tax "
                  "rates by their Chinese labels, yes/no, typed cells, the about sheet, the "
                  "audit entry) against the same SQL through plain `sqlite3` writing the "
                  "same cells with bare XlsxWriter, interleaved. Target: at most 1.3x, "
                  "memory flat.", "", "```", exported, "```"]
    lines += ["", PRODUCTS_NOTES, "", "Reproduce (the database is built once and cached "
              "under `benchmarks/.cache/`):", "", "```", command, "```", PRODUCTS_END]
    return "\n".join(lines)


PRODUCTS_NOTES = """### Reading the products' results

- **The data**: codes in three styles (digits with leading zeros `00012345`, a category's
  letters `DZ-004512`, generated `G000123`), names of a brand, an item and a spec in
  Chinese (85%) or English, 13 categories of very different sizes (20% to 1%) besides the
  demo's few small ones, units by category, exact prices in cents, 5% not for sale, 2%
  archived. Sort and search keys are the ones the repositories store (a test compares
  them), loaded with the app's bulk loader.
- **Searches** are `LIKE` on the search key (products, suppliers and projects have no FTS
  index, unlike customers): a common term fills its page after a few thousand rows of the
  list's index (`接触器`, `纸`: 2-5 ms); a rare one walks the whole index (a code found
  once: 17-24 ms). **Migration 0011** makes SQLite's four list indexes
  `(archived_at, sort, id, search_text, category, unit, active, tax_rate)`: the walk reads
  the search key and the filtered columns from the index and only the rows it shows from
  the table. Before, with `(archived_at, sort, id)`, the same searches took 52-92 ms for a code
  found once (every sort), 70-87 ms for the count of any search, 38-61 ms for the
  smallest category (21 products: the walk reads every row), 41-73 ms for the count of
  an `active` or `unit` filter (98,000 rows looked up through the list's index). The cost:
  the four list indexes hold 51 MB instead of 16 MB, beside the 31 MB table. On
  PostgreSQL the migration adds a pg_trgm index of the search key, as the customers have
  (not measured by this suite; the same 100,000 products copied to PostgreSQL 15 here,
  plain psycopg: a code found once 38 ms -> 0.4 ms, `接触器` 36 -> 5-8 ms, the count of a
  search 36 -> 0.4-1 ms; a one-character count still reads the table, 37 ms).
- **A page deep in the list** continues from the last row's key. Descending it had
  `... OR sort IS NULL` after the key, which made SQLite walk the index from its end
  through every row before the page: by price, at row 50,000, 5.4 ms. The kit now asks
  for NULLs only where the sort column can hold them (0.9 ms; 1,000,000 customers by name
  descending at row 500,000: 47 ms -> 0.2 ms, same SQL through plain `sqlite3`).
- **Ratios of 2.0-2.3x** (2.8x for the suppliers' count, 0.3 ms) are calls whose SQL
  takes 0.1-0.7 ms: Kehu adds about 0.4 ms to a page (measured with a profiler: the typed
  values, two Decimal prices and two aware datetimes per product, 800 per page, about
  0.25 ms; the named rows 0.1 ms; the session and the signed-in account's check the
  rest), the same fixed cost the customers' first page has over a raw limit that reads 22
  columns (1.6x). Every such row is under 1.6 ms at p95. A cache of the Decimals of prices
  seen before would save 0.1 ms of it (tried, not kept: not worth a cache in the money
  type).
- **Export**: the rows of 98,000 products (the archived ones are not listed) in the
  list's keyset pages of 2,000; memory stays flat (a category of 19,000 and all of them
  take the same).
- **Not measured here**: projects at the scale of a million-customer demo (333,000
  projects; this database has 10,000). Their search is the same `LIKE` walk through list
  indexes without the search key, so a rare term would take about three times what a
  product's took before migration 0011's change (an estimate: 150-300 ms).
"""


def server_section(results: Sequence[Result], customers: int, build_seconds: float | None,
                   command: str, settings: dict[str, str]) -> str:
    lines = [BEGIN, "## Server mode: PostgreSQL", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on a PostgreSQL database of "
             f"{customers:,} demo customers (`kehu demo`, seed 1), the server on the same "
             "machine (local TCP).", ""]
    lines += [f"- {key}: {value}" for key, value in settings.items()]
    lines += ["", "Ours runs through the services (a unit of work per call: a pooled "
              "connection, the account check, the statements through SQLAlchemy and "
              "psycopg, the rows made into DTOs); the raw limit is the same SQL with the same "
              "parameters through plain psycopg (one connection, autocommit), interleaved in "
              "the same run. Target: under 50 ms at p95; the ratio is reported (see below).",
              "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results, ratio_limit=None)]
    if build_seconds is not None:
        lines += ["", f"Loading the database (`generate_demo`, {customers:,} customers, with "
                      f"`ANALYZE` at the end) took {build_seconds:.0f} s."]
    lines += ["", SERVER_NOTES, "", "Reproduce (an empty database is filled first; see "
              "`.ci/run` for the role and `pg_trgm`):", "", "```", command, "```", END]
    return "\n".join(lines)


SERVER_NOTES = """"""


def command_line() -> str:
    """The command as run, with any password in a database URL masked."""
    from sqlalchemy import make_url

    args = [make_url(a).render_as_string(hide_password=True) if "://" in a else a
            for a in sys.argv[1:]]
    return "uv run python -m benchmarks " + " ".join(args)
