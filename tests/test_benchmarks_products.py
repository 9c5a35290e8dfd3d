"""The products benchmark (``python -m benchmarks --only-products``) on a tiny database: it
builds, measures the three lists through the services and their raw limits, exports, and
writes its own section of docs/benchmarks.md. No timings are checked, only that the figures
are there and the data looks as the app makes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.data.database import open_database
from app.data.kit.search import sort_key
from app.data.products import Product, ProductRepository
from app.data.suppliers import Supplier, SupplierRepository
from benchmarks import catalogue, products, report

TOTAL = 300


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    path, seconds = products.prepare(TOTAL, 1, False, folder)
    assert seconds is not None
    assert products.prepare(TOTAL, 1, False, folder) == (path, None)  # cached
    return path


def test_the_database_has_the_products_and_suppliers_asked_for(built: Path) -> None:
    with sqlite3.connect(built) as conn:
        count = conn.execute("SELECT count(*) FROM products").fetchone()[0]
        suppliers = conn.execute("SELECT count(*) FROM suppliers").fetchone()[0]
        projects = conn.execute("SELECT count(*) FROM projects").fetchone()[0]
        codes = [r[0] for r in conn.execute("SELECT code FROM products")]
        counter = conn.execute(
            "SELECT next_value FROM code_sequences WHERE name = 'product'").fetchone()[0]
    assert count == TOTAL and suppliers == 50 and projects > 0
    assert len(set(codes)) == TOTAL
    assert any(c.startswith("000") and c.isdigit() for c in codes)  # leading zeros kept
    assert any("-" in c for c in codes) and any(c.startswith("G") for c in codes)
    assert f"G{counter:06d}" not in codes and f"G{counter - 1:06d}" in codes


def test_the_keys_are_those_the_repositories_store(built: Path) -> None:
    db = open_database(f"sqlite:///{built}", upgrade=False)
    try:
        with db.unit_of_work(write=False) as uow:
            made = uow.session.query(Product).order_by(Product.id.desc()).limit(50).all()
            for product in made:
                fresh = Product(name=product.name, code=product.code,
                                category=product.category)
                uow.get(ProductRepository).prepare(fresh)
                assert (fresh.name_sort, fresh.category_sort, fresh.search_text) == (
                    product.name_sort, product.category_sort, product.search_text)
            supplier = uow.session.query(Supplier).order_by(Supplier.id.desc()).first()
            assert supplier is not None and not supplier.contacts
            again = Supplier(**{k: getattr(supplier, k) for k in (
                "name", "code", "category", "city", "country", "email", "phone", "fax")})
            uow.get(SupplierRepository).prepare(again)
            assert (again.name_sort, again.search_text) == (supplier.name_sort,
                                                            supplier.search_text)
            assert supplier.city_sort == sort_key(supplier.city)
    finally:
        db.dispose()


def test_a_run_measures_the_three_lists_and_the_export(
        built: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    results = products.run(built, repeat=1, total=TOTAL)
    names = [r.name for r in results]
    for prefix in ("products: ", "suppliers: ", "projects: "):
        assert any(n.startswith(prefix + "open list") for n in names)
    assert "products: first page by list_price desc" in names
    assert f"products: page after row {TOTAL // 2:,} (name)" in names
    assert any(n.startswith("products: search code prefix") for n in names)
    assert all(len(r.ours.seconds) == len(r.raw.seconds) == 1 for r in results)
    opened = next(r for r in results if r.name == "products: count (list opened)")
    with sqlite3.connect(built) as conn:
        current = conn.execute(
            "SELECT count(*) FROM products WHERE archived_at IS NULL").fetchone()[0]
    assert opened.note == f"{current:,}"

    figures = products.export(built, repeat=1)
    assert figures["rows"] == current and figures["columns"] == len(products.PRODUCT.listed)
    summary = products.export_summary(figures)

    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\ncustomers' figures\n\n<!-- server results: begin -->\n"
                    "server\n<!-- server results: end -->\n", encoding="utf-8")
    monkeypatch.setattr(report, "DOCS", docs)
    section = report.products_section(results, TOTAL, None, "uv run ...", summary)
    marks = (report.PRODUCTS_BEGIN, report.PRODUCTS_END)
    report.write_section(section, *marks)
    report.write_section(section.replace("uv run ...", "again"), *marks)
    text = docs.read_text(encoding="utf-8")
    assert text.count(report.PRODUCTS_BEGIN) == 1 and "again" in text
    assert text.index("customers' figures") < text.index(report.PRODUCTS_BEGIN) \
        < text.index("<!-- server results: begin -->")
    assert "| products: open list |" in text and "ProductService.export" in text
    report.write_docs("# Benchmarks\n\nnew customers' figures\n")  # a full run's first part
    text = docs.read_text(encoding="utf-8")
    assert "new customers' figures" in text and "again" in text and "server" in text


def test_the_catalogue_draws_the_same_rows_from_the_same_seed() -> None:
    from datetime import UTC, datetime

    from app.data.kit.bulk import SQLITE, BulkStart

    def rows() -> list[tuple[object, ...]]:
        maker = catalogue.Maker(1, datetime(2026, 1, 1, tzinfo=UTC), SQLITE)
        return [maker.product(k, BulkStart(1, 1), 1) for k in range(20)]

    first = rows()
    assert first == rows()
    code = catalogue.PRODUCT_FIELDS.index("code")
    assert [r[code] for r in first[:4]] == ["00000001", "00000002", "00000003", "00000004"]
