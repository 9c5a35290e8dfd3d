"""The demo data generator (app/demo: a tool above the layers), on a real temporary SQLite
database, and on PostgreSQL when the tests have one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import pytest
from sqlalchemy import text

from app.data.customers import CustomerRepository, compute_search_key
from app.data.database import Database, open_database
from app.data.kit.audit import verify_chain
from app.data.kit.search import pinyin_of_text, sort_key
from app.demo import DEMO_PASSWORD, DemoSummary, generate_demo
from app.logic.admin import AuthService
from app.logic.customers import CustomerService
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.validation import is_valid_uscc

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
N = 300


def make(tmp_path, name: str, seed: int = 7, workers: int = 0) -> tuple[Database, DemoSummary]:
    db = open_database(f"sqlite:///{tmp_path / name}")
    return db, generate_demo(db, customers=N, seed=seed, workers=workers, now=NOW)


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Database, DemoSummary]:
    db, summary = make(tmp_path_factory.mktemp("demo"), "demo.db")
    yield db, summary
    db.dispose()


def test_counts_and_codes(demo) -> None:
    db, summary = demo
    assert summary.customers == N
    assert rows(db, "SELECT count(*) FROM customers") == [(N,)]
    assert rows(db, "SELECT count(*) FROM contacts WHERE customer_id IS NOT NULL") == [
        (summary.contacts,)]
    assert rows(db, "SELECT count(*) FROM contacts WHERE supplier_id IS NOT NULL") == [
        (summary.supplier_contacts,)]
    codes = [r[0] for r in rows(db, "SELECT code FROM customers ORDER BY id")]
    assert codes == [f"C{i:06d}" for i in range(1, N + 1)]
    assert (summary.first_code, summary.last_code) == ("C000001", f"C{N:06d}")


def test_every_customer_has_one_to_four_contacts(demo) -> None:
    db, _ = demo
    counts = rows(db, "SELECT c.id, count(k.id) FROM customers c "
                      "LEFT JOIN contacts k ON k.customer_id = c.id GROUP BY c.id")
    assert {n for _, n in counts} <= {1, 2, 3, 4}
    assert len(counts) == N


def test_the_data_is_mixed_and_valid(demo) -> None:
    db, summary = demo
    found = rows(db, "SELECT kind, tax_id, status, tier, owner_id, name FROM customers")
    taxes = [tax for kind, tax, *_ in found if kind == "company"]
    assert all(is_valid_uscc(tax) for tax in taxes)
    assert len(set(taxes)) == len(taxes)  # no two companies share a credit code
    # every one of the nine organisation characters varies, across all 31 code characters
    assert all(len({tax[i] for tax in taxes}) >= 25 for i in range(8, 17))
    assert len(Counter(r[2] for r in found)) >= 3
    assert len(Counter(r[3] for r in found)) >= 3
    assert {r[4] for r in found} == set(summary.team)
    assert any(name.isascii() for *_, name in found)
    assert any(not name.isascii() for *_, name in found)


def test_users_and_roles(demo) -> None:
    db, summary = demo
    assert summary.roles == {
        "admin": "admin", "manager": "sales_manager", "sales1": "salesperson",
        "sales2": "salesperson", "sales3": "salesperson", "sales4": "salesperson",
        "sales5": "salesperson", "finance": "finance", "service": "service",
        "auditor": "auditor"}
    assert summary.password == DEMO_PASSWORD
    actor = AuthService(db.unit_of_work).login("sales3", DEMO_PASSWORD)
    assert actor.user_id == next(u.user_id for u in summary.users if u.username == "sales3")


def test_search_keys_are_what_an_edit_would_store(demo) -> None:
    db, _ = demo
    with db.unit_of_work(write=False) as uow:
        for customer_id in range(1, N + 1, 7):
            customer = uow.get(CustomerRepository).get(customer_id)
            assert customer is not None
            stored = (customer.search_text, customer.search_short, customer.name_sort)
            assert stored == compute_search_key(customer), customer.name
            assert customer.city_sort == sort_key(customer.city), customer.city


def test_generated_customers_are_found_by_pinyin(demo) -> None:
    db, _ = demo
    service = CustomerService(db.unit_of_work)
    actor = Actor(user_id=1, username="admin", rights=frozenset({("customers", "view")}),
                  scopes=(("customers", "all"),))
    chinese = rows(db, "SELECT id, code, name FROM customers WHERE kind = 'company' "
                       "AND name NOT GLOB '*[A-Za-z]*' LIMIT 5")
    assert chinese
    for customer_id, code, name in chinese:
        full, initials = pinyin_of_text(name)
        for search in (f"{code} {full}", f"{code} {initials}", f"{code} {name[:2]}"):
            page = service.list_customers(actor, ListQuery(search=search))
            assert [r.id for r in page.rows] == [customer_id], search


def test_one_audit_entry_and_the_chain_verifies(demo) -> None:
    db, _ = demo
    entries = rows(db, "SELECT action, entity_type, changes FROM audit_log WHERE action='demo'")
    assert len(entries) == 1
    assert f'"customers": {N}' in entries[0][2]
    assert f'"projects": {N // 3}' in entries[0][2] and '"suppliers": 5' in entries[0][2]
    with db.unit_of_work(write=False) as uow:
        assert verify_chain(uow.session)[1] is None


def test_money_is_decimal(demo) -> None:
    db, _ = demo
    with db.unit_of_work(write=False) as uow:
        customer = uow.get(CustomerRepository).get(1)
        assert customer is not None
        assert isinstance(customer.credit_limit, Decimal)
        assert customer.version == 1
        assert customer.created_at.tzinfo is not None


def snapshot(db: Database) -> list[tuple]:
    """Every 7th customer and its contacts as the application reads them (not when last
    updated: customer value, computed at the end of the demo, stamps the customers it
    changes with the time it ran)."""
    seen = []
    with db.unit_of_work(write=False) as uow:
        for customer_id in range(1, N + 1, 7):
            c = uow.get(CustomerRepository).get(customer_id)
            assert c is not None
            seen.append((c.code, c.name, c.kind, c.phone, c.email, c.tax_id, c.status,
                         c.tier, c.tier_override, c.credit_limit, c.owner_id, c.archived_at,
                         c.created_at, c.search_text, c.search_short,
                         c.name_sort, c.city_sort, sorted((p.name, p.mobile, p.email, p.birthday,
                                              p.is_primary, p.created_at)
                                             for p in c.contacts)))
    return seen


def test_the_same_data_on_postgresql(pg_server, demo) -> None:
    """Elsewhere than SQLite the rows go through SQLAlchemy with typed values."""
    db, summary = demo
    pg_server.reset()
    server = open_database(pg_server.url)
    try:
        on_server = generate_demo(server, customers=N, seed=7, workers=0, now=NOW)
        assert (on_server.contacts, on_server.last_code) == (summary.contacts, summary.last_code)
        assert snapshot(server) == snapshot(db)
        with server.unit_of_work(write=False) as uow:
            customer = uow.get(CustomerRepository).get(N)
            assert customer is not None
            assert compute_search_key(customer) == (
                customer.search_text, customer.search_short, customer.name_sort)
        # The rows were loaded with their ids: the next one saved must get a new id, not 1.
        with server.engine.begin() as conn:
            for table in ("customers", "contacts"):
                following = conn.execute(text(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")).scalar_one()
                assert following > conn.execute(text(f"SELECT max(id) FROM {table}")
                                                ).scalar_one(), table
    finally:
        server.dispose()


CONTENT = ("SELECT code, name, short_name, phone, email, tax_id, status, tier, credit_limit, "
           "owner_id, created_at, search_text, search_short, name_sort, city_sort FROM customers "
           "ORDER BY id")
CONTACTS = "SELECT customer_id, name, mobile, email, birthday FROM contacts ORDER BY id"


def test_same_seed_same_data_in_or_out_of_worker_processes(tmp_path, demo) -> None:
    db, _ = demo
    again, _ = make(tmp_path, "again.db", workers=1)
    assert rows(again, CONTENT) == rows(db, CONTENT)
    assert rows(again, CONTACTS) == rows(db, CONTACTS)
    again.dispose()


def test_another_seed_other_data(tmp_path, demo) -> None:
    db, _ = demo
    other, _ = make(tmp_path, "other.db", seed=8)
    assert rows(other, CONTENT) != rows(db, CONTENT)
    other.dispose()


def test_a_second_run_adds_after_the_first(tmp_path) -> None:
    db, first = make(tmp_path, "twice.db")
    second = generate_demo(db, customers=10, seed=9, now=NOW)
    assert second.first_code == f"C{N + 1:06d}"
    assert rows(db, "SELECT count(*) FROM customers") == [(N + 10,)]
    assert [u.user_id for u in second.users] == [u.user_id for u in first.users]
    with db.unit_of_work(write=False) as uow:
        assert verify_chain(uow.session)[1] is None
    db.dispose()


def test_a_big_load_indexes_for_search_and_restores_the_schema(tmp_path, monkeypatch) -> None:
    from app.data.kit import bulk

    monkeypatch.setattr(bulk, "BIG_LOAD", 100)  # take the big-load path with few rows
    db = open_database(f"sqlite:///{tmp_path / 'big.db'}")
    schema = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('customers', "
              "'projects') ORDER BY name")
    before = rows(db, schema)
    secure = rows(db, "PRAGMA secure_delete")
    generate_demo(db, customers=N, seed=7, workers=0, now=NOW)
    assert rows(db, schema) == before
    with db.engine.begin() as conn:
        for table in ("customer_fts", "customer_fts_short"):  # each row indexed once
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}_docsize").scalar() == N
            # the load's settings are back to SQLite's defaults for everyday writes
            config = dict(conn.exec_driver_sql(f"SELECT k, v FROM {table}_config").all())
            assert config["automerge"] == 4
            assert config.get("hashsize", 1024 * 1024) == 1024 * 1024
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        # the load stops scrubbing freed pages while it runs, then puts the setting back
        assert conn.exec_driver_sql("PRAGMA secure_delete").all() == secure
        # every index, kept during the load or built at its end, agrees with the table
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    code, name = rows(db, "SELECT code, name FROM customers WHERE id = 17")[0]
    service = CustomerService(db.unit_of_work)
    actor = Actor(user_id=1, username="admin", rights=frozenset({("customers", "view")}),
                  scopes=(("customers", "all"),))
    page = service.list_customers(actor, ListQuery(search=f"{code} {name[-2:]}"))
    assert [r.id for r in page.rows] == [17]
    db.dispose()


def test_short_names_are_read_from_cached_pieces_as_pypinyin_reads_them_whole() -> None:
    """The generator reads a short name (trade name + two characters of the industry word)
    with ``pinyin_of_joined``; for every combination the vocabulary can make, that is the
    reading of the whole short name in context."""
    from app.data.kit.search import pinyin_of_joined
    from app.demo import vocabulary as v

    words = {word[:2] for industry in v.INDUSTRIES for word in industry.words}
    differ = [first + second + word for first in set(v.BRAND_FIRST)
              for second in set(v.BRAND_SECOND) for word in words
              if pinyin_of_joined(first, second, word) != pinyin_of_text(first + second + word)]
    assert differ == []


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are POSIX here")
def test_worker_processes_run_below_the_writers_priority() -> None:
    """The writing process is the load's critical path: the row makers yield to it."""
    from app.demo import generate

    with ProcessPoolExecutor(1, mp_context=get_context("spawn"),
                             initializer=generate._start_worker, initargs=(1,)) as pool:
        assert pool.submit(os.nice, 0).result() == os.nice(0) + generate.WORKER_NICENESS


KILLED_HALF_WAY = """
import os, sys
from app.data.kit import bulk
from app.data.database import open_database
from app.demo import generate as demo

bulk.BIG_LOAD, demo.CHUNK = 100, 500  # the big-load path, several chunks
prepare = bulk.BulkLoad.prepare


def small_cache(self):
    prepare(self)
    self.conn.exec_driver_sql("PRAGMA cache_size=20")  # pages reach the file before commit


def killed(done, total):
    if done >= 1500:
        os._exit(3)  # as if the machine lost power or the process was killed


bulk.BulkLoad.prepare = small_cache
demo.generate_demo(open_database(sys.argv[1]), customers=3000, workers=0, progress=killed)
"""


def test_a_load_killed_half_way_leaves_the_database_as_it_was(tmp_path) -> None:
    """A big load journals on disk (not in memory): the next open rolls the half-written
    load back, and the file is whole."""
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    open_database(url).dispose()
    result = subprocess.run([sys.executable, "-c", KILLED_HALF_WAY, url], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    db = open_database(url)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    for table in ("customers", "users", "projects", "suppliers", "products", "contacts",
                  "supplier_products"):
        assert rows(db, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert rows(db, "SELECT name, next_value FROM code_sequences WHERE next_value > 1") == []
    # and loading again works, on a connection that has used temporary storage already
    assert generate_demo(db, customers=50, seed=2, now=NOW).customers == 50
    db.dispose()

