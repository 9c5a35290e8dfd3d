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


def verdict(result: Result) -> str:
    if result.target_ms is None:
        return "-"
    fast = result.ours.p95_ms <= result.target_ms
    near = result.ratio <= 2.0 or result.name.startswith("cold start")
    return "yes" if fast and near else "NO"


def rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    return [(r.name, f"{r.ours.median_ms:.1f} ms", f"{r.ours.p95_ms:.1f} ms",
             f"{r.raw.p95_ms:.1f} ms", f"{r.ratio:.2f}x",
             "-" if r.target_ms is None else f"< {r.target_ms:.0f} ms", verdict(r), r.note)
            for r in results]


def table(results: Sequence[Result]) -> str:
    body = [HEADER, *rows(results)]
    widths = [max(len(row[i]) for row in body) for i in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in body)


def markdown(results: Sequence[Result], customers: int, build_seconds: float | None,
             command: str) -> str:
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
    lines += ["", NOTES]
    lines += ["", "## Reproduce", "", "```", command, "```", "",
              "The database is built once and cached under `benchmarks/.cache/` "
              "(git-ignored); `--rebuild` builds it again. `--customers N` benchmarks a "
              "smaller database; `--no-startup` skips the cold-start measurement.", ""]
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
  FTS5 takes about 40 ms just to list). `zhangwei` is the slowest: its FTS5 phrase query
  alone takes 25-40 ms. SQLite reads through a memory map (`mmap_size`).
- **Create customer** includes the duplicate check (name, tax id and phone, each indexed),
  the search key, the audit entry in the same transaction and the commit; the raw column
  is one INSERT and COMMIT without any of that.
- **Demo load** (`time uv run kehu demo --db sqlite:////tmp/demo1m.db --customers
  1000000`): 122-139 s across runs here on 2 cores (146-153 s before this work; target:
  under 120 s, **not met**). Rows go in at about 8,500 customers a second; the first chunk
  is in after 4 s and the end (indexes, triggers, commit) takes 10-13 s. Two worker
  processes make the rows (about 115 µs of Python per customer: the search key about a
  third, the rows about half, encoding and sending the rest) at a lower priority than the
  writing process, which spends about 90 s of CPU during the load (trigram FTS5 index
  about 55 s, short-term index, inserts and the five list indexes kept during the load the
  rest) and 10 s building the other five indexes at the end with one core idle. Both cores
  are busy during the load, about 235 s of CPU in all, so the time only falls with less
  work. Tried and dropped: building the FTS indexes on the side in scratch files and
  copying them in (threads hand the GIL back and forth per row; more CPU in all, 157-164
  s), keeping all the indexes during the load (173 s), encoding column by column and
  rewriting the search key with fewer regular expressions (no gain), a case-sensitive
  trigram tokenizer and `columnsize=0` (within the noise).
"""


def write_docs(text: str) -> Path:
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    return DOCS


def command_line() -> str:
    return "uv run python -m benchmarks " + " ".join(sys.argv[1:])
