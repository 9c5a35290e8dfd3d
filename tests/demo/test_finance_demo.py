"""The demo's invoices, payments and allocations (app/demo/finance_rows.py) and the customer
value computed on them at the end of the demo: invoices only of confirmed and delivered
orders and adding up to them, numbers and their counters, every sum and status agreeing
with the allocations, nothing dated after today, every credit rating and tier present (on
the demo the acceptance uses: 600 customers, seed 4); on SQLite and on PostgreSQL when the
tests have one."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.data.customers import Customer
from app.data.database import Database, open_database
from app.data.finance import OPEN_UNTIL, Allocation, Invoice, Payment, finance_search_key
from app.data.kit.audit import AuditEntry
from app.data.kit.base import CodeSequence
from app.data.kit.bulk import SQLITE
from app.data.sales import SalesOrder
from app.demo import DemoSummary, generate_demo
from app.demo.finance_rows import FinanceJob, FinanceMaker
from app.demo.sales_rows import today_of
from app.logic.finance import RATINGS, TIER_WORDS, invoice_status

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = today_of(NOW)
N, SEED = 600, 4  # the acceptance's demo
ZERO = Decimal("0.00")


@pytest.fixture
def demo(database_url: str) -> tuple[Database, DemoSummary]:
    db = open_database(database_url)
    summary = generate_demo(db, customers=N, seed=SEED, workers=0, now=NOW)
    yield db, summary
    db.dispose()


def load(db: Database) -> dict[str, list]:
    with db.unit_of_work(write=False) as uow:
        found = {name: list(uow.session.execute(select(model).order_by(*key)).scalars())
                 for name, model, key in (
                     ("invoices", Invoice, (Invoice.id,)),
                     ("payments", Payment, (Payment.id,)),
                     ("allocations", Allocation, (Allocation.id,)),
                     ("orders", SalesOrder, (SalesOrder.id,)),
                     ("customers", Customer, (Customer.id,)),
                     ("sequences", CodeSequence, (CodeSequence.name,)),
                     ("audit", AuditEntry, (AuditEntry.id,)))}
        uow.session.expunge_all()
    return found


def test_the_demo_bills_its_orders_and_its_customers_pay_them(demo) -> None:
    db, summary = demo
    data = load(db)
    invoices, payments, allocations = data["invoices"], data["payments"], data["allocations"]
    orders = {o.id: o for o in data["orders"]}
    assert summary.invoices == len(invoices) > 0
    assert summary.payments == len(payments) > 0

    # Invoices: of confirmed and delivered orders only, each order billed whole (in one or
    # two invoices), issued on the order's day or after it, due after the order's terms.
    billed: dict[int, list[Invoice]] = defaultdict(list)
    for invoice in invoices:
        order = orders[invoice.order_id]
        assert order.status in ("confirmed", "delivered")
        assert invoice.customer_id == order.customer_id
        assert order.order_date <= invoice.issue_date <= TODAY
        assert invoice.payment_terms_days == order.payment_terms_days
        assert invoice.due_date == invoice.issue_date + timedelta(days=order.payment_terms_days)
        assert invoice.gross == invoice.net + invoice.tax > ZERO
        assert invoice.issued_at is not None and invoice.issued_at <= NOW
        assert invoice.created_at <= invoice.updated_at <= NOW
        billed[order.id].append(invoice)
    owing = {o.id for o in orders.values() if o.status in ("confirmed", "delivered")}
    assert set(billed) == owing
    for order_id, parts in billed.items():
        order = orders[order_id]
        assert len(parts) in (1, 2)
        assert (sum(i.net for i in parts), sum(i.tax for i in parts),
                sum(i.gross for i in parts)) == (order.net, order.tax, order.gross)
    assert 0.03 < sum(len(p) == 2 for p in billed.values()) / len(billed) < 0.2

    # Numbers: a run per year from 1, the year's counter past the last.
    counters = {s.name: s.next_value for s in data["sequences"]}
    for prefix, sequence, rows, day in (("INV", "invoice", invoices, "issue_date"),
                                        ("RC", "payment", payments, "payment_date")):
        by_year: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            year = getattr(row, day).year
            assert row.number[:len(prefix) + 5] == f"{prefix}{year}-"
            by_year[year].append(int(row.number[len(prefix) + 5:]))
        for year, numbers in by_year.items():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
            assert counters[f"{sequence}_{year}"] == len(numbers) + 1

    # The sums: an invoice's paid and a payment's allocated are its allocations'; the
    # status follows what is paid; settled on the day of the last cent (open: OPEN_UNTIL).
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    allocated: dict[int, Decimal] = defaultdict(lambda: ZERO)
    last: dict[int, date] = {}
    by_id = {p.id: p for p in payments}
    for a in allocations:
        assert a.amount > ZERO
        assert a.applied_on == by_id[a.payment_id].payment_date
        paid[a.invoice_id] += a.amount
        allocated[a.payment_id] += a.amount
        last[a.invoice_id] = max(last.get(a.invoice_id, a.applied_on), a.applied_on)
    for invoice in invoices:
        assert invoice.paid == paid[invoice.id] <= invoice.gross
        assert invoice.status == invoice_status(invoice.gross, invoice.paid)
        assert invoice.settled_on == (last[invoice.id] if invoice.status == "paid"
                                      else OPEN_UNTIL)
        assert invoice.search_text == finance_search_key(invoice.number, invoice.notes)
    invoice_of = {i.id: i for i in invoices}
    for payment in payments:
        assert payment.allocated == allocated[payment.id] <= payment.amount
        assert payment.search_text == finance_search_key(payment.number, payment.reference)
        assert payment.created_at <= NOW
    for a in allocations:  # a payment pays its customer's invoices, not before issued
        invoice = invoice_of[a.invoice_id]
        assert by_id[a.payment_id].customer_id == invoice.customer_id
        assert a.applied_on >= invoice.issue_date

    # Nothing dated after today.
    assert max(i.issue_date for i in invoices) <= TODAY
    assert max(p.payment_date for p in payments) <= TODAY
    assert max(a.applied_on for a in allocations) <= TODAY

    # Behaviour: mostly paid, some partly, the last weeks open, some long overdue, a few
    # credits left; mostly bank transfers.
    statuses = Counter(i.status for i in invoices)
    assert statuses["paid"] > 0.6 * len(invoices)
    assert statuses["partially_paid"] > 0 and statuses["issued"] > 0
    assert any(i.status != "paid" and i.due_date >= TODAY for i in invoices)
    assert any(i.status != "paid" and i.due_date < TODAY - timedelta(days=90)
               for i in invoices)
    assert any(p.amount > p.allocated for p in payments)
    methods = Counter(p.method for p in payments)
    assert set(methods) == {"bank_transfer", "acceptance_bill", "cheque", "cash"}
    assert methods.most_common(1)[0][0] == "bank_transfer"
    late = [a for a in allocations if a.applied_on > invoice_of[a.invoice_id].due_date]
    assert 0.05 * len(allocations) < len(late) < 0.5 * len(allocations)

    # Customer value computed once at the end: every rating and tier, key accounts,
    # lifecycle stages and churn warnings.
    customers = [c for c in data["customers"] if c.archived_at is None]
    assert {c.credit_rating for c in customers} >= set(RATINGS)
    assert {c.tier for c in customers} == {t for t, _, _ in TIER_WORDS}
    assert any(c.key_account for c in customers)
    assert {c.lifecycle for c in customers} >= {"new", "lost"}
    assert {c.churn_reason for c in customers} >= {"no_contact", "revenue_down"}
    (recomputed,) = [e for e in data["audit"] if e.action == "recompute_value"]
    assert recomputed.username == "admin"
    (entry,) = [json.loads(e.changes) for e in data["audit"] if e.action == "demo"]
    assert (entry["invoices"], entry["payments"]) == (len(invoices), len(payments))


def test_the_next_invoice_and_payment_saved_get_new_ids(demo) -> None:
    """Loaded with their ids: on a server the id sequences move past them."""
    db, _ = demo
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes the next rowid by itself")
    with db.engine.begin() as conn:
        for table in ("invoices", "payments", "payment_allocations"):
            following = conn.execute(text(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")).scalar_one()
            assert following > conn.execute(text(f"SELECT max(id) FROM {table}")
                                            ).scalar_one(), table


def test_a_big_load_restores_the_finance_tables_indexes(tmp_path, monkeypatch) -> None:
    from app.data.kit import bulk

    monkeypatch.setattr(bulk, "BIG_LOAD", 100)  # take the big-load path with few rows
    db = open_database(f"sqlite:///{tmp_path / 'big.db'}")
    try:
        schema = text("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                      "('invoices', 'payments', 'payment_allocations') ORDER BY name")
        with db.engine.connect() as conn:
            before = list(conn.execute(schema))
        assert len(before) > 15
        generate_demo(db, customers=300, seed=7, workers=0, now=NOW)
        with db.engine.connect() as conn:
            assert list(conn.execute(schema)) == before
            assert list(conn.execute(text("PRAGMA integrity_check"))) == [("ok",)]
            assert list(conn.execute(text("PRAGMA foreign_key_check"))) == []
    finally:
        db.dispose()


FINANCE = ("SELECT * FROM invoices ORDER BY id", "SELECT * FROM payments ORDER BY id",
           "SELECT * FROM payment_allocations ORDER BY id",
           "SELECT name, next_value FROM code_sequences ORDER BY name")


def test_the_same_finance_in_or_out_of_worker_processes(tmp_path) -> None:
    found = []
    for workers in (0, 1):
        db = open_database(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        try:
            generate_demo(db, customers=200, seed=3, workers=workers, now=NOW)
            with db.engine.connect() as conn:
                found.append([list(conn.execute(text(sql))) for sql in FINANCE])
        finally:
            db.dispose()
    assert found[0] == found[1]
    assert all(found[0][:3])


def test_every_rating_and_tier_also_on_the_other_acceptance_demo(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        generate_demo(db, customers=1500, seed=5, workers=0, now=NOW)
        customers = [c for c in load(db)["customers"] if c.archived_at is None]
        assert {c.credit_rating for c in customers} >= set(RATINGS)
        assert {c.tier for c in customers} == {t for t, _, _ in TIER_WORDS}
    finally:
        db.dispose()


def test_the_profiles_are_dealt_in_their_shares() -> None:
    maker = FinanceMaker(FinanceJob(seed=1, index=0, now=NOW), SQLITE)
    deck = Counter(maker.deck(100))
    assert sum(deck.values()) == 100
    assert deck["punctual"] == 56 and deck["defaulter"] == 4
    assert Counter(maker.deck(7)).total() == 7
