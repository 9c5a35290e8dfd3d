"""The demo's opportunities, sales orders and their lines (app/demo/sales_rows.py): how many,
of which customers, every stage, exact totals by the one rule (app.logic.sales.totals), the
reasons of lost opportunities and cancelled orders, dates and seasons, numbers and the
counters after them, keys, the same data again; on a real temporary SQLite database."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.data.database import Database, open_database
from app.data.kit.bulk import BulkStart
from app.data.kit.search import sort_key
from app.data.products import Product
from app.data.sales import Opportunity, SalesOrder, sales_search_key
from app.demo import DEMO_PASSWORD, DemoSummary, generate_demo
from app.demo.catalogue import CatalogueJob
from app.demo.generate import _jobs, _sales_jobs
from app.demo.sales_rows import (
    HISTORY_DAYS,
    calendar,
    opportunities_in,
    order_years,
    orders_in,
    today_of,
)
from app.logic.sales import FACTORY_PROBABILITY, STAGES, line_amounts, weighted_amount
from app.logic.services import Services

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = today_of(NOW)
N = 1500
SALES_TABLES = ("opportunities", "sales_orders", "sales_order_lines")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Database, DemoSummary]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('sales') / 'demo.db'}")
    summary = generate_demo(db, customers=N, seed=5, workers=0, now=NOW)
    yield db, summary
    db.dispose()


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def loaded(db: Database, model: type) -> list:
    with db.unit_of_work(write=False) as uow:
        found = list(uow.session.execute(select(model).order_by(model.id)).scalars())
        if model is SalesOrder:
            for order in found:
                order.lines  # noqa: B018 - loaded before the session ends
        uow.session.expunge_all()
        return found


def customers(db: Database) -> dict[int, tuple]:
    """id -> (owner, status, size band, payment terms, created day in China)."""
    return {r[0]: (r[1], r[2], r[3], r[4], today_of(datetime.fromisoformat(r[5])
                                                    .replace(tzinfo=UTC)))
            for r in rows(db, "SELECT id, owner_id, status, size_band, payment_terms_days, "
                              "created_at FROM customers")}


# --- how many, whose ---------------------------------------------------------------------
def test_a_quarter_of_the_customers_have_opportunities_a_third_orders(demo) -> None:
    db, summary = demo
    assert summary.opportunities == opportunities_in(N) == rows(
        db, "SELECT count(*) FROM opportunities")[0][0]
    assert summary.orders == orders_in(N) == rows(db, "SELECT count(*) FROM sales_orders")[0][0]
    assert summary.order_lines == rows(db, "SELECT count(*) FROM sales_order_lines")[0][0]
    (with_chances,), = rows(db, "SELECT count(DISTINCT customer_id) FROM opportunities")
    (with_orders,), = rows(db, "SELECT count(DISTINCT customer_id) FROM sales_orders")
    assert 0.22 * N <= with_chances <= 0.28 * N
    assert 0.30 * N <= with_orders <= 0.36 * N
    # A million customers get over a million order lines (1.2-1.3 a customer).
    assert summary.order_lines >= 1.15 * N
    assert rows(db, "SELECT count(*) FROM sales_orders o JOIN customers c "
                    "ON c.id = o.customer_id WHERE c.status = 'prospect'") == [(0,)]


def test_some_large_customers_have_many_orders(demo) -> None:
    db, _ = demo
    per = rows(db, "SELECT c.size_band, count(*) n FROM sales_orders o JOIN customers c "
                   "ON c.id = o.customer_id GROUP BY o.customer_id ORDER BY n DESC")
    assert per[0][1] >= 10
    assert {size for size, n in per if n >= 8} == {"large"}
    assert Counter(n for _, n in per)[1] > 0.6 * len(per)  # most buy once


def test_owners_terms_and_due_dates_come_from_the_customer(demo) -> None:
    db, _ = demo
    facts = customers(db)
    for o in loaded(db, SalesOrder):
        owner, _, _, terms, created = facts[o.customer_id]
        assert o.salesperson_id == owner == o.created_by == o.updated_by, o.number
        assert o.payment_terms_days == terms
        assert o.due_date == o.order_date + timedelta(days=terms)
        assert o.currency == "CNY"
        assert TODAY - timedelta(days=HISTORY_DAYS - 1) <= o.order_date <= TODAY
        assert o.order_date >= created, o.number
        assert o.created_at <= o.updated_at <= NOW
    for p in loaded(db, Opportunity):
        assert p.owner_id == facts[p.customer_id][0] == p.created_by
        assert p.created_at <= p.updated_at <= NOW


# --- opportunities -----------------------------------------------------------------------
def test_every_stage_with_its_probability_and_weighted_amount(demo) -> None:
    db, _ = demo
    made = loaded(db, Opportunity)
    stages = Counter(p.stage for p in made)
    assert set(stages) == {s for s, _, _ in STAGES}
    assert all(n > 0 for n in stages.values()), stages
    for p in made:
        assert p.probability == FACTORY_PROBABILITY[p.stage], p.number
        assert p.weighted == weighted_amount(p.amount, p.probability), p.number
        assert p.amount > 0 and p.expected_close is not None
        assert p.search_text == sales_search_key(p.name, p.number), p.number
        assert p.name_sort == sort_key(p.name)
    # half up to the cent: an amount whose weighted share ends in half a cent
    assert weighted_amount(Decimal("1000.10"), 25) == Decimal("250.03")


def test_lost_opportunities_have_a_reason_and_closed_ones_a_close(demo) -> None:
    db, _ = demo
    for p in loaded(db, Opportunity):
        assert (p.lost_reason != "") == (p.stage == "lost"), p.number
        assert (p.closed_at is not None) == (p.stage in ("won", "lost")), p.number
        if p.closed_at is not None:
            assert p.created_at <= p.closed_at <= NOW
        else:  # open ones were entered in the last half year
            assert p.created_at >= NOW - timedelta(days=182)


# --- orders and their lines --------------------------------------------------------------
def test_totals_are_the_sums_of_lines_each_by_the_one_rule(demo) -> None:
    db, _ = demo
    products = {p.id: p for p in loaded(db, Product)}
    for o in loaded(db, SalesOrder):
        assert 1 <= len(o.lines) <= 6, o.number
        assert [li.position for li in o.lines] == list(range(1, len(o.lines) + 1))
        for li in o.lines:
            amounts = line_amounts(li.quantity, li.unit_price, li.discount, li.tax_rate)
            assert (li.net, li.tax, li.gross) == (amounts.net, amounts.tax, amounts.gross), \
                (o.number, li.position)
            product = products[li.product_id]
            assert product.active
            assert (li.unit_price, li.unit, li.tax_rate, li.description) == (
                product.list_price, product.unit, product.tax_rate, product.name)
            assert li.discount in (Decimal(0), Decimal("0.05"), Decimal("0.1"))
            assert li.quantity > 0
        assert o.net == sum((li.net for li in o.lines), Decimal(0)), o.number
        assert o.tax == sum((li.tax for li in o.lines), Decimal(0)), o.number
        assert o.gross == sum((li.gross for li in o.lines), Decimal(0)) == o.net + o.tax
        assert o.search_text == sales_search_key("", o.number)
    # every discount is used, and lines of more than one product per order
    assert {r[0] for r in rows(db, "SELECT DISTINCT discount FROM sales_order_lines")} == {
        0, 500, 1000}


def test_statuses_their_times_and_cancel_reasons(demo) -> None:
    db, _ = demo
    made = loaded(db, SalesOrder)
    statuses = Counter(o.status for o in made)
    assert statuses["delivered"] > 0.75 * len(made)
    assert 0.03 * len(made) <= statuses["cancelled"] <= 0.08 * len(made)
    assert statuses["confirmed"] > 0 and statuses["draft"] > 0
    assert statuses["draft"] < statuses["confirmed"]
    for o in made:
        assert (o.cancel_reason != "") == (o.status == "cancelled"), o.number
        assert (o.cancelled_at is not None) == (o.status == "cancelled")
        assert (o.delivered_at is not None) == (o.status == "delivered")
        assert (o.confirmed_at is not None) >= (o.status in ("confirmed", "delivered"))
        assert o.version == 1 + sum(t is not None for t in (
            o.confirmed_at, o.delivered_at, o.cancelled_at)), o.number
        if o.status == "draft":
            assert (TODAY - o.order_date).days <= 45
        times = [t for t in (o.created_at, o.confirmed_at, o.delivered_at, o.cancelled_at)
                 if t is not None]
        assert times == sorted(times) and times[-1] == o.updated_at <= NOW
        assert o.credit_override_reason == ""


def test_orders_follow_the_seasons(demo) -> None:
    db, _ = demo
    made = loaded(db, SalesOrder)
    # The two years hold two of each month: the fourth quarters against March to May.
    months = Counter(o.order_date.month for o in made)
    assert months[10] + months[11] + months[12] > 1.15 * (months[3] + months[4] + months[5])
    assert months[12] > months[3]
    assert months[2] < 0.6 * months[3]  # Chinese New Year
    weekends = sum(1 for o in made if o.order_date.weekday() >= 5)
    assert weekends < 0.12 * len(made)


# --- numbers and counters ----------------------------------------------------------------
def test_numbers_per_year_of_the_order_date_and_counters_past_them(demo) -> None:
    db, summary = demo
    made = loaded(db, SalesOrder)
    per_year: dict[int, list[str]] = {}
    for o in made:
        assert o.number.startswith(f"SO{o.order_date.year}-"), o.number
        per_year.setdefault(o.order_date.year, []).append(o.number)
    assert sorted(per_year) == [TODAY.year - 2, TODAY.year - 1, TODAY.year]
    counters = dict(rows(db, "SELECT name, next_value FROM code_sequences"))
    for year, numbers in per_year.items():
        assert sorted(numbers) == [f"SO{year}-{k:06d}" for k in range(1, len(numbers) + 1)]
        assert counters[f"sales_order_{year}"] == len(numbers) + 1
        assert len(numbers) == sum(order_years(j.count, TODAY)[year] for j in _jobs(
            N, 5, BulkStart(1, 1), (1,), NOW, BulkStart(1, 1)))
    assert [p.number for p in loaded(db, Opportunity)] == [
        f"OP{k:06d}" for k in range(1, summary.opportunities + 1)]
    assert counters["opportunity"] == summary.opportunities + 1


def test_the_next_order_and_opportunity_saved_take_the_next_numbers(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'next.db'}")
    summary = generate_demo(db, customers=300, seed=5, workers=0, now=datetime.now(UTC))
    year = date.today().year  # the year an order's number is taken in
    (used,), = rows(db, f"SELECT count(*) FROM sales_orders WHERE number LIKE 'SO{year}-%'")
    assert used > 0
    services = Services.build(db.unit_of_work)
    admin = services.auth.login("admin", DEMO_PASSWORD, record=False)
    (customer,), = rows(db, "SELECT min(customer_id) FROM sales_orders")
    (product,), = rows(db, "SELECT min(code) FROM products WHERE active = 1")
    order = services.orders.create_order(admin, {"customer": customer},
                                         [{"product": product, "quantity": "2"}]).saved
    assert order.number == f"SO{year}-{used + 1:06d}"
    chance = services.opportunities.create_opportunity(
        admin, {"name": "新商机", "customer": customer, "amount": "1000.00"}).saved
    assert chance.number == f"OP{summary.opportunities + 1:06d}"
    db.dispose()


def test_a_second_run_numbers_after_the_first(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'twice.db'}")
    first = generate_demo(db, customers=60, seed=3, workers=0, now=NOW)
    second = generate_demo(db, customers=60, seed=4, workers=0, now=NOW)
    chances = first.opportunities + second.opportunities
    assert rows(db, "SELECT min(number), max(number), count(*) FROM opportunities") == [
        ("OP000001", f"OP{chances:06d}", chances)]
    for year, n in rows(db, "SELECT substr(number, 3, 4), count(*) FROM sales_orders "
                            "GROUP BY 1"):
        assert rows(db, f"SELECT max(number) FROM sales_orders WHERE number LIKE "
                        f"'SO{year}-%'") == [(f"SO{year}-{n:06d}",)]
    assert rows(db, "SELECT count(*) FROM sales_order_lines l LEFT JOIN sales_orders o "
                    "ON o.id = l.order_id WHERE o.id IS NULL") == [(0,)]
    db.dispose()


def test_jobs_number_each_chunk_after_the_ones_before() -> None:
    jobs = _jobs(12_001, 1, BulkStart(1, 1), (3,), NOW, BulkStart(1, 1))
    catalogue = CatalogueJob(1, 5, 20, BulkStart(1, 1), BulkStart(1, 1), 1, 2, NOW)
    sales = _sales_jobs(jobs, catalogue, BulkStart(4, 9), 7, ((2024, 1), (2025, 5),
                                                              (2026, 1)))
    assert [s.first_opportunity_id for s in sales] == [4, 4 + 1500, 4 + 3000]
    assert [s.first_opportunity_number for s in sales] == [9, 9 + 1500, 9 + 3000]
    assert [s.first_order_id for s in sales] == [7, 7 + 2400, 7 + 4800]
    years = order_years(5000, TODAY)
    assert sum(years.values()) == orders_in(5000) == 2400
    assert dict(sales[2].first_order_numbers) == {
        2024: 1 + 2 * years[2024], 2025: 5 + 2 * years[2025], 2026: 1 + 2 * years[2026]}
    # two years of days, today the last; a year's share as its days' weights
    cal = calendar(TODAY)
    assert len(cal.days) == HISTORY_DAYS and cal.days[-1] == TODAY


# --- the same data again, and the bulk load's indexes -------------------------------------
def snapshot(db: Database) -> list[tuple]:
    return [tuple(r) for table in SALES_TABLES for r in rows(db, f"SELECT * FROM {table}")]


def test_the_same_seed_makes_the_same_sales_in_worker_processes_too(tmp_path, demo) -> None:
    db, _ = demo
    again = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    generate_demo(again, customers=N, seed=5, workers=1, now=NOW)
    assert snapshot(again) == snapshot(db)
    again.dispose()
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    generate_demo(other, customers=N, seed=6, workers=0, now=NOW)
    assert snapshot(other) != snapshot(db)
    other.dispose()


def test_a_big_load_restores_the_sales_indexes(tmp_path, monkeypatch) -> None:
    from app.data.kit import bulk

    monkeypatch.setattr(bulk, "BIG_LOAD", 100)  # take the big-load path with few rows
    db = open_database(f"sqlite:///{tmp_path / 'big.db'}")
    schema = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
              f"{SALES_TABLES!r} ORDER BY name")
    before = rows(db, schema)
    assert len(before) > 10
    generate_demo(db, customers=600, seed=7, workers=0, now=NOW)
    assert rows(db, schema) == before
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    db.dispose()


def test_the_credit_check_sums_what_the_customer_owes(demo) -> None:
    db, _ = demo
    services = Services.build(db.unit_of_work)
    manager = services.auth.login("manager", DEMO_PASSWORD, record=False)
    (customer, ordered), = rows(
        db, "SELECT customer_id, sum(gross) FROM sales_orders WHERE status IN "
            "('confirmed', 'delivered') GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1")
    # What its invoices leave open, and what of its orders is not invoiced (the demo
    # invoices them all: see test_finance_demo.py).
    (open_invoices, billed), = rows(
        db, "SELECT sum(CASE WHEN status IN ('issued', 'partially_paid') THEN gross - paid "
            f"ELSE 0 END), sum(gross) FROM invoices WHERE customer_id = {customer}")
    owing = (open_invoices or 0) + max(ordered - (billed or 0), 0)
    draft = services.orders.create_order(manager, {"customer": customer}, [
        {"product": rows(db, "SELECT min(code) FROM products WHERE active = 1")[0][0],
         "quantity": "1"}]).saved
    check = services.orders.credit_check(manager, draft.id)
    assert check.open == Decimal(owing).scaleb(-2)
    assert check.order == draft.gross > 0
