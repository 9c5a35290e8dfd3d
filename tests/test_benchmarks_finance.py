"""The finance benchmark (``python -m benchmarks.finance``) on a tiny demo database: the
filler makes consistent invoices and payments, the same each time, and both sides of the
aging and the recomputation give the same figures (the run checks them, row for row). No timings are
checked."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.data.database import open_database
from app.demo import generate_demo
from benchmarks import finance, finance_fill

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("finance") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    generate_demo(db, customers=300, seed=3, workers=0, now=NOW)
    db.dispose()
    counts = finance_fill.fill(path, seed=1, today=TODAY, replace=True)
    assert counts["invoices"] > 50 and counts["payments"] > 20
    return path


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_the_filler_makes_consistent_invoices_and_payments(filled: Path) -> None:
    assert rows(filled, "SELECT count(*) FROM invoices i WHERE paid <> (SELECT "
                "coalesce(sum(amount), 0) FROM payment_allocations WHERE invoice_id = i.id)"
                ) == [(0,)]
    assert rows(filled, "SELECT count(*) FROM payments p WHERE allocated <> amount OR "
                "amount <> (SELECT sum(amount) FROM payment_allocations WHERE "
                "payment_id = p.id)") == [(0,)]
    bad = rows(filled, """SELECT number, status, gross, paid, settled_on FROM invoices WHERE
        NOT ((status = 'paid' AND paid = gross AND settled_on = (SELECT max(applied_on) FROM
              payment_allocations WHERE invoice_id = invoices.id))
          OR (status = 'partially_paid' AND paid > 0 AND paid < gross
              AND settled_on = '9999-12-31')
          OR (status = 'issued' AND paid = 0 AND settled_on = '9999-12-31')
          OR (status = 'void' AND paid = 0 AND settled_on = date(voided_at)))
        OR due_date <> date(issue_date, '+' || payment_terms_days || ' days')
        OR gross <> net + tax OR issue_date > '2026-06-01'""")
    assert bad == []
    orders = rows(filled, "SELECT count(*) FROM sales_orders WHERE status IN ('confirmed', "
                  "'delivered')")
    assert rows(filled, "SELECT count(DISTINCT order_id) FROM invoices") == orders
    statuses = {s for (s,) in rows(filled, "SELECT DISTINCT status FROM invoices")}
    assert {"paid", "issued"} <= statuses
    assert rows(filled, "SELECT count(*) FROM payment_allocations WHERE applied_on > "
                "'2026-06-01'") == [(0,)]
    numbers = rows(filled, "SELECT name, next_value FROM code_sequences WHERE name LIKE "
                   "'invoice_%' ORDER BY name")
    for name, next_value in numbers:
        year = str(name).split("_")[1]
        assert rows(filled, f"SELECT max(number) FROM invoices WHERE number LIKE "
                    f"'INV{year}-%'") == [(f"INV{year}-{int(str(next_value)) - 1:06d}",)]


def test_the_filler_draws_the_same_rows_again(filled: Path, tmp_path: Path) -> None:
    query = ("SELECT number, customer_id, status, issue_date, due_date, gross, paid, "
             "settled_on FROM invoices ORDER BY id")
    before = rows(filled, query)
    payments = rows(filled, "SELECT number, payment_date, amount FROM payments ORDER BY id")
    copy = tmp_path / "again.db"
    with sqlite3.connect(filled) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with pytest.raises(SystemExit):  # refuses a database with invoices
        finance_fill.fill(copy, seed=1, today=TODAY)
    finance_fill.fill(copy, seed=1, today=TODAY, replace=True)
    assert rows(copy, query) == before
    assert rows(copy, "SELECT number, payment_date, amount FROM payments ORDER BY id") \
        == payments


def test_both_sides_of_the_benchmark_agree(filled: Path, tmp_path: Path) -> None:
    seen: list[finance.Timing] = []
    results, facts = finance.run(filled, repeat=1, tier_repeat=1, today=TODAY,
                                 show=seen.append)
    assert seen == results
    names = [r.name for r in results]
    assert names[0].startswith("receivables aging, all customers, as of today")
    assert names[-1] == "tier recomputation: customer_value.recompute"
    assert all(len(r.ours) == len(r.raw) == 1 for r in results)
    day, customers, totals = facts["aging today"]
    assert day == TODAY and customers > 0 and totals[0] == sum(totals[1:]) > 0
    assert sum(facts["tiers"].values()) == facts["customers"] - rows(
        filled, "SELECT count(*) FROM customers WHERE archived_at IS NOT NULL")[0][0]
    assert 0 < facts["listed"] <= facts["standing"] < facts["customers"]
    text = finance.section(results, facts, "uv run ...")
    assert text.startswith(finance.BEGIN) and text.endswith(finance.END)
    assert "| tier recomputation: customer_value.recompute |" in text


def test_a_difference_is_found(filled: Path) -> None:
    bench = finance.Bench(filled, TODAY)
    try:
        bench.recompute()
        ours = bench.snapshot()
        assert finance.differences(ours, list(ours)) == []
        tier = (*ours[0][:1], "other", *ours[0][2:])
        assert finance.differences([tier, *ours[1:]], ours) == [
            f"ours {tier}, raw {ours[0]}"]
        assert finance.differences(ours[1:], ours) == [f"ours None, raw {ours[0]}"]
        assert len(finance.differences([], ours)) == 10  # at most ten named
    finally:
        bench.close()
