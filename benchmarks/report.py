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
    lines += ["", "## Reproduce", "", "```", command, "```", "",
              "The database is built once and cached under `benchmarks/.cache/` "
              "(git-ignored); `--rebuild` builds it again. `--customers N` benchmarks a "
              "smaller database; `--no-startup` skips the cold-start measurement.", ""]
    return "\n".join(lines)


def write_docs(text: str) -> Path:
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    return DOCS


def command_line() -> str:
    return "uv run python -m benchmarks " + " ".join(sys.argv[1:])
