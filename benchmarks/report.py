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

- **Cold start** is measured with the packages and the app compiled to bytecode first, as
  pip and installers do (`startup.precompile`). Without bytecode (uv installs none, and this
  machine sets PYTHONDONTWRITEBYTECODE) the same start takes about 1.6 s, most of it
  compiling SQLAlchemy. The demo user's sign-in (argon2id, 64 MiB, about 210 ms here) runs
  on a thread while Qt and the screens load. Runs on this shared machine gave 0.96 to
  1.05 s at p95, right at the 1 s target; importing SQLAlchemy alone is about 0.35 s.
- **First page** is about 2 ms against 0.9-1.0 ms for the same SQL through plain sqlite3
  (2.3-2.5x). The statement is built once per query shape and reused; the rest is the
  session, the per-call check that the signed-in account is still active, and turning
  money and times into Decimal and aware datetimes. Under 50 ms; not quite within 2x.
- **Search** terms with many hits (`beijing`: 100k customers, `zhangwei`, `13812`) miss
  50 ms because SQLite's FTS5 phrase query itself takes 40-70 ms for them (the raw column);
  ours stays within 1.2-1.6x of it. Terms with few hits are fetched by id and sorted, which
  costs a few ms more than the bare FTS count the raw column shows.
- **Create customer** includes the duplicate check (name, tax id and phone, each indexed),
  the search key, the audit entry in the same transaction and the commit; the raw column
  is one INSERT and COMMIT without any of that.
- **Demo load** (`time uv run kehu demo --db sqlite:////tmp/demo1m.db --customers 1000000`):
  152.7 s on a quiet machine, 171-207 s while other work ran (target: under 120 s);
  100,000 customers take 13.8 s. The two cores are fully used: worker processes make the
  rows (125-165 µs of Python per customer) while the main process inserts them and fills
  both FTS5 indexes chunk by chunk (about 70 µs per customer for the trigram index).
"""


def write_docs(text: str) -> Path:
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    return DOCS


def command_line() -> str:
    return "uv run python -m benchmarks " + " ".join(sys.argv[1:])
