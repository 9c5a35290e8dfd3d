"""The reports benchmark (``python -m benchmarks.reports``) on a tiny demo database: for
everyone's records, a team's and a salesperson's own, both sides of the sales report by
month and of the dashboard give the same figures (the run checks them, every figure and
chart value). No timings are checked."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.data.database import open_database
from app.demo import generate_demo
from benchmarks import reports

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    generate_demo(db, customers=300, seed=3, workers=0, now=NOW)
    db.dispose()
    return path


def test_both_sides_agree_for_each_scope(demo: Path) -> None:
    results, facts = reports.run(demo, repeat=1, today=TODAY)
    assert [r.name.split(",")[0] for r in results] == ["sales-by-month 2025", "dashboard"] * 3
    assert all(len(r.ours) == 1 and len(r.raw) == 1 for r in results)
    scope, orders, revenue = facts["months admin"]
    assert scope == "all" and orders > 0 and revenue > 0
    assert facts["months sales1"][0] == "own" and facts["months manager"][0] == "team"
    assert facts["months sales1"][1] < orders
    figures = facts["dashboard admin"][1]
    assert figures["revenue_ytd"][0] > 0 and sum(figures["chart tiers"][0]) > 0
    text = reports.section(results, facts, "uv run python -m benchmarks.reports")
    assert text.startswith(reports.BEGIN) and text.endswith(reports.END)
    assert "| dashboard, sales1 (reports scope own) |" in text
