"""The value rules are written once (app/logic/finance/value.py) and judged two ways: in
Python for one customer, and compiled to SQL for a million (app/data/kit/expr.py). Both
must judge alike: every rule on hundreds of figure rows drawn around the thresholds, on the
real database (SQLite and PostgreSQL), against the Python judgement."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import BigInteger, Boolean, Date, Unicode, literal, null, select

from app.data.database import Database
from app.data.kit.expr import F, cents, days_between, scaled_ratio, share, to_sql, when
from app.logic.finance import VALUE_SETTINGS
from app.logic.finance.value import value_rules

TODAY = date(2026, 12, 5)
SETTINGS = {f.name: f.default for f in VALUE_SETTINGS.fields}
MONEY = {
    "revenue": (0, 10, 49_900, 50_000, 69_900, 70_000, 79_900, 100_000, 120_000, 120_100,
                cents("200000"), cents("199999.99")),
    "revenue_before": (0, 100_000),
    "overdue": (0, 1, 10_000, 10_100, 25_000, 50_000, 50_100),
    "overdue_long": (0, 0, 0, 1),
    "due": (0, 100_000),
    "paid_on_time": (0, 49_900, 50_000, 70_000, 85_000, 94_999, 95_000, 100_000),
    "late_amount_days": (0, 200_000, 210_000, 700_000, 1_500_000, 3_000_000, 3_010_000),
    "credit_limit": (0, 100_000),
    "total": (None, 100_000),
    "ahead": (None, 0, 79_999, 80_000, 94_999, 95_000),
}
DAYS = (None, 0, 89, 90, 91, 364, 365, 366, 700)
TYPES = {bool: Boolean(), int: BigInteger(), str: Unicode(), date: Date()}


def draw(rng: random.Random) -> dict[str, Any]:
    row: dict[str, Any] = {name: rng.choice(values) for name, values in MONEY.items()}
    for name in ("first_order", "last_order", "last_activity", "created"):
        days = rng.choice(DAYS)
        row[name] = None if days is None else TODAY - timedelta(days=days)
    row.update(status=rng.choice(("active", "prospect", "dormant")),
               open_opportunities=rng.random() < 0.3, tier=rng.choice(("major", "")),
               tier_manual=rng.random() < 0.2, rating=rng.choice(("B", "")),
               rating_manual=rng.random() < 0.2, key_account=rng.random() < 0.5,
               key_manual=rng.random() < 0.2)
    return row


def as_sql(row: dict[str, Any]) -> dict[str, Any]:
    typed = {"ahead": int, "total": int, "first_order": date, "last_order": date,
             "last_activity": date, "created": date}
    return {name: null() if value is None and name not in typed else
            literal(value, TYPES[typed[name]]) if value is None else
            literal(value, TYPES[type(value)]) for name, value in row.items()}


def judged_in_sql(db: Database, rules: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    figures = as_sql(row)
    stmt = select(*(to_sql(rule, figures).label(name) for name, rule in rules.items()))
    with db.engine.connect() as conn:
        found = conn.execute(stmt).one()
    return {name: bool(v) if isinstance(v, int) and name == "key_account" else v
            for name, v in found._mapping.items()}


def test_every_rule_judges_alike_in_python_and_in_the_database(db: Database) -> None:
    rules = value_rules(SETTINGS, TODAY)
    rng = random.Random(8)
    seen: dict[str, set[Any]] = {name: set() for name in rules}
    for _ in range(300):
        row = draw(rng)
        in_python = {name: rule.evaluate(row) for name, rule in rules.items()}
        assert judged_in_sql(db, rules, row) == in_python, row
        for name, value in in_python.items():
            seen[name].add(value)
    # The draws reach every outcome, so a rule that judged differently would show.
    assert seen["computed_tier"] == {"premium", "major", "ordinary", "restricted",
                                     "potential"}
    assert seen["computed_rating"] == {"AAA", "AA", "A", "B", "C", ""}
    assert seen["lifecycle"] == {"", "lost", "new", "rising", "declining", "stable"}
    assert seen["churn_reason"] == {"", "no_contact", "revenue_down"}
    assert seen["key_account"] == {True, False}


def test_a_null_figure_makes_a_comparison_false_on_both_sides(db: Database) -> None:
    rule = when(F("last_order") < TODAY, "before").when(F("last_order").is_null(), "none") \
        .otherwise("other")
    for value, expected in ((None, "none"), (TODAY - timedelta(days=1), "before"),
                            (TODAY, "other")):
        row = {"last_order": value}
        assert rule.evaluate(row) == expected
        assert judged_in_sql(db, {"x": rule}, row) == {"x": expected}


def test_shares_are_exact_fractions_and_a_decimal_is_refused() -> None:
    from decimal import Decimal

    rule = when(share(F("part"), F("whole"), Decimal("0.95"), ">="), "yes").otherwise("no")
    assert rule.evaluate({"part": 95, "whole": 100}) == "yes"
    assert rule.evaluate({"part": 9499, "whole": 10000}) == "no"
    with pytest.raises(TypeError):
        F("part") > Decimal("1.5")  # noqa: B015  # building it is what fails


def test_days_between_and_scaled_ratio_on_the_database(db: Database) -> None:
    later, earlier = date(2026, 3, 1), date(2025, 12, 31)
    stmt = select(days_between(literal(later, Date()), literal(earlier, Date())),
                  days_between(literal(earlier, Date()), literal(later, Date())),
                  scaled_ratio(literal(2, BigInteger()), literal(3, BigInteger()), 1_000_000),
                  scaled_ratio(literal(10**15, BigInteger()), literal(3 * 10**15,
                                                                      BigInteger()), 10_000))
    with db.engine.connect() as conn:
        assert tuple(conn.execute(stmt).one()) == (60, -60, 666_667, 3_333)


def test_the_recomputation_compiles_for_sql_server() -> None:
    """No SQL Server runs here: its statements are compiled offline (the day arithmetic,
    the shares and the updates in its own words), not run."""
    from sqlalchemy.dialects import mssql

    from app.data.finance import ReceivablesRepository
    from app.logic.finance.receivables import value_window

    repo = ReceivablesRepository(session=None)
    statements = repo.value_statements(value_window(TODAY, SETTINGS),
                                       value_rules(SETTINGS, TODAY))
    rendered = [str(s.compile(dialect=mssql.dialect())) for s in statements]
    clear, fill, with_figures, without = rendered
    assert clear.startswith("DELETE FROM customer_standing")
    # Its common table expressions come before the INSERT, as SQL Server wants them.
    assert fill.startswith("WITH v_orders AS") and "INSERT INTO customer_standing (" in fill
    assert "DATEDIFF(day, " in fill and "CAST(ROUND(CAST(" in fill
    assert "julianday" not in fill and "+customers.archived_at" not in without
    assert with_figures.startswith("UPDATE customers SET")
    # Changed only: "is distinct from" in SQL Server's words.
    assert "NOT EXISTS (SELECT customers.tier INTERSECT SELECT CASE" in with_figures
    assert "customer_standing.revenue" in with_figures
    assert re.search(r"NOT \(?EXISTS \(SELECT customer_standing.customer_id", without)
