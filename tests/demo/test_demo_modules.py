"""The demo's projects, suppliers and products (app/demo/rows.py ProjectMaker, catalogue.py):
how many, whose, valid, findable, the code counters after them, who sees which; on a real
temporary SQLite database and on PostgreSQL when the tests have one."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import product as combinations

import pytest
from sqlalchemy import select, text

from app.data.database import Database, open_database
from app.data.kit.bulk import BulkStart
from app.data.kit.search import pinyin_of_text, sort_key
from app.data.products import Product, product_search_key
from app.data.projects import Project, project_search_key
from app.data.suppliers import Supplier, SupplierProduct, SupplierRepository, supplier_search_key
from app.demo import DEMO_PASSWORD, DemoSummary, generate_demo
from app.demo import vocabulary as v
from app.demo.catalogue import CatalogueJob, make_catalogue, products_for, suppliers_for
from app.demo.generate import _jobs
from app.demo.rows import CODE_MARK, _project_keys, projects_in
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import PermissionDenied
from app.logic.kit.validation import CHINA, is_valid_uscc
from app.logic.products import TAX_RATES, UNITS
from app.logic.projects import STAGES
from app.logic.services import Services

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = NOW.date()
N = 1500


def rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Database, DemoSummary]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('modules') / 'demo.db'}")
    summary = generate_demo(db, customers=N, seed=5, workers=0, now=NOW)
    yield db, summary
    db.dispose()


@pytest.fixture(scope="module")
def signed_in(demo) -> dict[str, Actor]:
    """The demo users who matter here, signed in with the demo password."""
    db, _ = demo
    services = Services.build(db.unit_of_work)
    return {name: services.auth.login(name, DEMO_PASSWORD, record=False)
            for name in ("admin", "manager", "sales1", "finance")}


def services_of(db: Database) -> Services:
    return Services.build(db.unit_of_work)


# --- projects ---------------------------------------------------------------------------------
def test_a_project_for_about_every_third_customer(demo) -> None:
    db, summary = demo
    assert summary.projects == projects_in(N) == N // 3
    codes = [r[0] for r in rows(db, "SELECT code FROM projects ORDER BY id")]
    assert codes == [f"P{i:06d}" for i in range(1, N // 3 + 1)]
    per_customer = Counter(r[0] for r in rows(db, "SELECT customer_id FROM projects"))
    assert N / 5 < len(per_customer) < N / 3  # most have one project, some two or three
    assert {1, 2} <= set(per_customer.values()) and max(per_customer.values()) <= 5
    # the projects come in their customers' order, so a customer's codes are together
    ids = [r[0] for r in rows(db, "SELECT customer_id FROM projects ORDER BY id")]
    assert ids == sorted(ids)


def test_every_stage_and_both_languages_are_there(demo) -> None:
    db, _ = demo
    stages = Counter(r[0] for r in rows(db, "SELECT stage FROM projects"))
    assert set(stages) == {value for value, _, _ in STAGES}
    assert min(stages.values()) >= N // 3 * 0.03
    names = [r[0] for r in rows(db, "SELECT name FROM projects")]
    english = [n for n in names if n.isascii()]
    assert 0.03 * len(names) < len(english) < 0.5 * len(names)
    assert len(set(names)) > len(names) / 2
    described = rows(db, "SELECT count(*) FROM projects WHERE description != ''")[0][0]
    assert 0 < described < len(names)


def test_the_chunks_projects_follow_each_other() -> None:
    """A chunk's first project code and id are known before any chunk is made."""
    jobs = _jobs(12_001, 1, BulkStart(customer_id=1, code_number=1), (3,), NOW,
                 BulkStart(customer_id=7, code_number=9))
    assert [j.count for j in jobs] == [5000, 5000, 2001]
    assert [j.first_project_number for j in jobs] == [9, 9 + 1667, 9 + 2 * 1667]
    assert [j.first_project_id for j in jobs] == [7, 7 + 1667, 7 + 2 * 1667]
    assert (projects_in(1), projects_in(2001), projects_in(5000)) == (1, 667, 1667)


def test_a_project_is_owned_by_its_customers_owner_and_its_dates_fit_its_stage(demo) -> None:
    db, summary = demo
    found = rows(db, "SELECT p.owner_id, c.owner_id, p.created_by, p.stage, p.start_date, "
                     "p.end_date, c.created_at, p.created_at, p.updated_at "
                     "FROM projects p JOIN customers c ON c.id = p.customer_id")
    assert len(found) == summary.projects
    assert {r[0] for r in found} == set(summary.team)
    for owner, customer_owner, created_by, stage, start, end, since, made, changed in found:
        assert owner == customer_owner == created_by
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        assert end >= start >= date.fromisoformat(since[:10]), (stage, start, end, since)
        assert since <= made <= changed <= "2026-06-01 08:00:00.000000"
        if stage in ("lead", "proposal"):
            assert start >= TODAY
        elif stage == "in_progress":
            assert start <= TODAY <= end
        else:
            assert end <= TODAY


def test_budgets_are_exact_money(demo) -> None:
    db, _ = demo
    with db.unit_of_work(write=False) as uow:
        budgets = list(uow.session.execute(select(Project.budget)).scalars())
    assert all(isinstance(b, Decimal) and b > 0 and b == b.quantize(Decimal("0.01"))
               for b in budgets)
    assert any(b % 10_000 == 0 for b in budgets)  # most in whole ten thousands
    assert any(b % 1 != 0 for b in budgets)  # a few to the fen


def test_the_project_names_search_keys_are_exact_for_every_name_the_vocabulary_makes() -> None:
    """A project's search key is made per name with a mark for the code (names repeat):
    for every Chinese and English name the vocabulary can make, replacing the mark with a
    code gives what the projects' repository stores."""
    places = ("", *v.PROJECT_PLACES, "2026年度")
    names = [p + s + a for p, s, a in combinations(places, v.PROJECT_SUBJECTS,
                                                  v.PROJECT_ACTIONS)]
    # a city and a site before each subject and action (all of them would take seconds)
    cities = [c.name + site for c in v.CITIES for site in v.PROJECT_SITES]
    works = list(combinations(v.PROJECT_SUBJECTS, v.PROJECT_ACTIONS))
    names += [city + "".join(works[i * 7 % len(works)]) for i, city in enumerate(cities)]
    places = ("", *(p + " " for p in v.EN_PROJECT_PLACES), "2026 ")
    names += [f"{p}{s} {a}" for p, s, a in combinations(places, v.EN_PROJECT_SUBJECTS,
                                                       v.EN_PROJECT_ACTIONS)]
    wrong = []
    for name in names:
        template, name_sort = _project_keys.__wrapped__(name)
        if CODE_MARK in name.casefold() or name_sort != sort_key(name) or any(
                template.replace(CODE_MARK, code.casefold(), 1)
                != project_search_key(name, code) for code in ("P012345", "P1234567")):
            wrong.append(name)
    assert wrong == []


# --- suppliers and products ---------------------------------------------------------------
def test_the_catalogue_scales_with_the_customers_with_a_minimum() -> None:
    assert [suppliers_for(n) for n in (1, 1500, 100_000, 200_000, 1_000_000)] == [
        5, 5, 200, 400, 2000]
    assert [products_for(n) for n in (1, 1500, 2500, 100_000, 1_000_000)] == [
        20, 20, 25, 1000, 10_000]


@pytest.fixture(scope="module")
def catalogue():
    """The catalogue of a 200,000-customer demo, made without a database."""
    return make_catalogue(CatalogueJob(
        seed=1, suppliers=suppliers_for(200_000), products=products_for(200_000),
        supplier_start=BulkStart(1, 1), product_start=BulkStart(1, 1), admin_id=1,
        manager_id=2, now=NOW))


def test_suppliers_in_china_and_abroad(catalogue) -> None:
    suppliers = catalogue.suppliers
    assert len(suppliers) == 400
    assert [s[1] for s in suppliers] == [f"S{i:06d}" for i in range(1, 401)]
    china = [s for s in suppliers if s[6] == "中国"]
    abroad = [s for s in suppliers if s[6] != "中国"]
    assert len(abroad) == len([k for k in range(400) if k % 7 == 3])
    assert {s[6] for s in abroad} == {c.name for c in v.ABROAD}
    assert all(s[6].casefold() not in CHINA and s[7] == "" and s[8] for s in abroad)
    assert all(s[7] and s[8] and is_valid_uscc(s[14]) for s in china)
    assert {s[4] for s in suppliers} == {"A", "B", "C", "D", ""}
    assert all(0 <= s[5] <= 365 for s in suppliers)
    assert {s[3] for s in suppliers} == {c.name for c in v.CATEGORIES}
    assert len({s[2] for s in suppliers}) > 390  # names hardly ever repeat


def test_products_are_a_realistic_catalogue(catalogue) -> None:
    products = catalogue.products
    assert len(products) == 2000
    assert [p[1] for p in products] == [f"G{i:06d}" for i in range(1, 2001)]
    assert {p[4] for p in products} <= {code for code, _, _ in UNITS}
    assert {"pcs", "unit", "set", "box", "kg", "hour"} <= {p[4] for p in products}
    assert {p[7] for p in products} == {rate for rate, _, _ in TAX_RATES}
    prices = [(p[5], p[6]) for p in products]  # money as the codec gives it: Decimal
    assert all(isinstance(m, Decimal) and m == m.quantize(Decimal("0.01")) and m > 0
               for pair in prices for m in pair)
    below = sum(cost < price for price, cost in prices)
    assert 0.9 * len(prices) < below < len(prices)  # the cost usually below the price
    inactive = sum(not p[8] for p in products)
    assert 0 < inactive < 0.1 * len(products)
    english = sum(p[2].isascii() for p in products)
    assert 0.05 * len(products) < english < 0.3 * len(products)


def test_suppliers_supply_products_of_their_category(catalogue) -> None:
    category = {s[0]: s[3] for s in catalogue.suppliers}
    abroad = {s[0] for s in catalogue.suppliers if s[6] != "中国"}
    product = {p[0]: p for p in catalogue.products}
    pairs = [(sp[0], sp[1]) for sp in catalogue.supplied]
    assert len(pairs) == len(set(pairs))  # a product once per supplier
    assert len({p for _, p in pairs}) > 0.8 * len(product)
    assert len({s for s, _ in pairs}) > 0.9 * len(category)
    for supplier_id, product_id, code, price, lead_time, *_ in catalogue.supplied:
        assert category[supplier_id] == product[product_id][3]
        assert code and isinstance(price, Decimal) and price > 0
        assert (20 if supplier_id in abroad else 2) <= lead_time <= 90


def test_a_tiny_demo_has_a_catalogue_too(demo) -> None:
    db, summary = demo
    assert (summary.suppliers, summary.products) == (5, 20)
    assert rows(db, "SELECT count(*) FROM suppliers") == [(5,)]
    assert rows(db, "SELECT count(*) FROM products") == [(20,)]
    assert rows(db, "SELECT count(*) FROM supplier_products")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM suppliers WHERE country != '中国'") == [(1,)]


def test_a_suppliers_contacts_belong_to_it(demo, signed_in) -> None:
    db, summary = demo
    contacts = rows(db, "SELECT supplier_id, customer_id, name, is_primary FROM contacts "
                        "WHERE supplier_id IS NOT NULL ORDER BY id")
    assert len(contacts) == summary.supplier_contacts
    assert all(customer is None for _, customer, _, _ in contacts)
    per_supplier = Counter(s for s, *_ in contacts)
    assert set(per_supplier) == {r[0] for r in rows(db, "SELECT id FROM suppliers")}
    assert set(per_supplier.values()) <= {1, 2}
    assert Counter(s for s, _, _, primary in contacts if primary) == Counter(set(per_supplier))
    services, admin = services_of(db), signed_in["admin"]
    for supplier_id in per_supplier:
        record = services.suppliers.get_supplier(admin, supplier_id)
        names = [c.name for c in record.children["contacts"]]
        assert names == [name for s, _, name, _ in contacts if s == supplier_id]
        found = services.suppliers.list_suppliers(admin, ListQuery(search=names[-1]))
        assert supplier_id in [r.id for r in found.rows]  # found by its contact


def test_keys_are_what_a_save_would_store(demo) -> None:
    db, _ = demo
    with db.unit_of_work(write=False) as uow:
        projects = uow.session.execute(select(Project)).scalars().all()
        assert projects
        for p in projects:
            assert (p.search_text, p.name_sort) == (project_search_key(p.name, p.code),
                                                    sort_key(p.name)), p.name
        products = uow.session.execute(select(Product)).scalars().all()
        for g in products:
            assert (g.search_text, g.name_sort, g.category_sort) == (
                product_search_key(g.name, g.code), sort_key(g.name), sort_key(g.category))
        repository = uow.get(SupplierRepository)
        for supplier_id in uow.session.execute(select(Supplier.id)).scalars().all():
            s = repository.get(supplier_id)
            assert s is not None
            assert (s.search_text, s.name_sort, s.city_sort) == (
                supplier_search_key(s), sort_key(s.name), sort_key(s.city)), s.name


def test_products_and_projects_are_found_by_pinyin(demo, signed_in) -> None:
    db, _ = demo
    services, manager = services_of(db), signed_in["manager"]
    chinese = [(i, code, name) for i, code, name in
               rows(db, "SELECT id, code, name FROM products ORDER BY id")
               if not name.isascii()]
    assert len(chinese) > 10
    for product_id, code, name in chinese:
        full, initials = pinyin_of_text(name)
        found = services.products.list_products(manager, ListQuery(search=full))
        assert product_id in [r.id for r in found.rows], (name, full)
        for search in (f"{code} {full}", f"{code} {initials}"):
            page = services.products.list_products(manager, ListQuery(search=search))
            assert [r.id for r in page.rows] == [product_id], search
    project_id, code, name = next(
        (i, code, name) for i, code, name in
        rows(db, "SELECT id, code, name FROM projects ORDER BY id") if not name.isascii())
    full, _ = pinyin_of_text(name)
    page = services.projects.list_projects(manager, ListQuery(search=f"{code} {full}"))
    assert [r.id for r in page.rows] == [project_id]


# --- who sees what, and the codes after the demo -------------------------------------------
def test_a_salesperson_sees_the_projects_of_own_customers_only(demo, signed_in) -> None:
    db, summary = demo
    services = services_of(db)
    sales1 = signed_in["sales1"]
    seen = {r.id for r in services.projects.rows(sales1, ListQuery())}
    own = {r[0] for r in rows(db, "SELECT p.id FROM projects p JOIN customers c ON "
                                  f"c.id = p.customer_id WHERE c.owner_id = {sales1.user_id}")}
    assert seen == own
    assert 0 < len(seen) < summary.projects
    # the sales manager's team is every salesperson: all projects; the administrator too
    for name in ("manager", "admin"):
        assert services.projects.count(signed_in[name], ListQuery()) == summary.projects
    # a salesperson sees the catalogue's products, not the suppliers; finance neither
    assert services.products.count(sales1, ListQuery()) == summary.products
    with pytest.raises(PermissionDenied):
        services.suppliers.count(sales1, ListQuery())
    assert services.suppliers.count(signed_in["manager"], ListQuery()) == summary.suppliers
    with pytest.raises(PermissionDenied):
        services.projects.count(signed_in["finance"], ListQuery())


def test_the_next_code_follows_the_demos_codes(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'codes.db'}")
    summary = generate_demo(db, customers=30, seed=3, workers=0, now=NOW)
    services = services_of(db)
    admin = services.auth.login("admin", DEMO_PASSWORD, record=False)
    customer = services.customers.create_customer(
        admin, {"name": "下一个客户有限公司", "province": "北京市", "city": "北京"}).saved
    assert customer.code == "C000031"
    project = services.projects.create_project(
        admin, {"name": "新项目", "customer": customer.code}).saved
    assert project.code == f"P{summary.projects + 1:06d}" == "P000011"
    product = services.products.create_product(admin, {"name": "新产品"}).saved
    assert product.code == f"G{summary.products + 1:06d}"
    supplier = services.suppliers.create_supplier(
        admin, {"name": "新供应商有限公司", "province": "北京市", "city": "北京"}).saved
    assert supplier.code == f"S{summary.suppliers + 1:06d}"
    db.dispose()


def test_a_second_run_adds_projects_and_a_catalogue_after_the_first(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'twice.db'}")
    first = generate_demo(db, customers=30, seed=3, workers=0, now=NOW)
    second = generate_demo(db, customers=30, seed=4, workers=0, now=NOW)
    assert rows(db, "SELECT min(code), max(code), count(*) FROM projects") == [
        ("P000001", f"P{first.projects + second.projects:06d}", 20)]
    assert rows(db, "SELECT min(code), max(code) FROM suppliers") == [("S000001", "S000010")]
    assert rows(db, "SELECT max(code) FROM products") == [("G000040",)]
    db.dispose()


# --- the same data elsewhere and again ------------------------------------------------------
def snapshot(db: Database) -> list[tuple]:
    """The projects, suppliers with their contacts, products and what each supplies, as the
    application reads them."""
    seen: list[tuple] = []
    with db.unit_of_work(write=False) as uow:
        s = uow.session
        for p in s.execute(select(Project).order_by(Project.id)).scalars():
            seen.append((p.id, p.code, p.customer_id, p.name, p.stage, p.budget, p.start_date,
                         p.end_date, p.owner_id, p.description, p.name_sort, p.search_text,
                         p.created_at, p.updated_at))
        repository = uow.get(SupplierRepository)
        for supplier_id in s.execute(select(Supplier.id).order_by(Supplier.id)).scalars():
            r = repository.get(supplier_id)
            assert r is not None
            seen.append((r.code, r.name, r.country, r.province, r.city, r.phone, r.tax_id,
                         r.rating, r.search_text, r.created_at,
                         [(c.name, c.email, c.mobile, c.is_primary) for c in r.contacts]))
        for g in s.execute(select(Product).order_by(Product.id)).scalars():
            seen.append((g.code, g.name, g.unit, g.list_price, g.cost, g.tax_rate, g.active,
                         g.search_text, g.created_at))
        for sp in s.execute(select(SupplierProduct).order_by(SupplierProduct.id)).scalars():
            seen.append((sp.supplier_id, sp.product_id, sp.supplier_code, sp.purchase_price,
                         sp.lead_time_days))
    return seen


def test_the_same_projects_and_catalogue_on_postgresql(pg_server, demo) -> None:
    db, summary = demo
    pg_server.reset()
    server = open_database(pg_server.url)
    try:
        on_server = generate_demo(server, customers=N, seed=5, workers=0, now=NOW)
        assert (on_server.projects, on_server.suppliers, on_server.products) == (
            summary.projects, summary.suppliers, summary.products)
        assert snapshot(server) == snapshot(db)
        counters = "SELECT name, next_value FROM code_sequences ORDER BY name"
        assert rows(server, counters) == rows(db, counters)
        with server.engine.begin() as conn:  # the ids go on after the loaded rows
            for table in ("projects", "suppliers", "products", "supplier_products"):
                following = conn.execute(text(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")).scalar_one()
                assert following > conn.execute(text(f"SELECT max(id) FROM {table}")
                                                ).scalar_one(), table
        services = services_of(server)
        sales1 = services.auth.login("sales1", DEMO_PASSWORD, record=False)
        mine = services.projects.count(sales1, ListQuery())
        assert 0 < mine < summary.projects
        manager = services.auth.login("manager", DEMO_PASSWORD, record=False)
        name = rows(server, "SELECT name FROM products WHERE name ~ '[一-龥]' "
                            "ORDER BY id LIMIT 1")[0][0]
        found = services.products.list_products(
            manager, ListQuery(search=pinyin_of_text(name)[0]))
        assert name in [r.name for r in found.rows]
    finally:
        server.dispose()


def test_the_same_seed_gives_the_same_modules_in_worker_processes(tmp_path, demo) -> None:
    db, _ = demo
    again = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    generate_demo(again, customers=N, seed=5, workers=1, now=NOW)
    assert snapshot(again) == snapshot(db)
    again.dispose()
