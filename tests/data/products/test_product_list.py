"""The products list by keyset: every sort (name and category by pinyin, code, list price)
in both directions, its filters and the search by code, name and pinyin; the migration's
list indexes on each database; and references to a product (only an active one that is not
archived may be referred to anew)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import inspect, select

from app.data.database import Database
from app.data.kit.keyset import ListRequest
from app.data.kit.search import sort_key
from app.data.products import Product, ProductQueries, ProductRepository

ROWS = 30
T0 = datetime(2026, 1, 1, tzinfo=UTC)
FIELDS = ("code", "name", "category", "unit", "list_price", "active")
NAMES = ("北京螺丝", "alpha bolt", "上海垫圈", "Zeta nut", "安装服务")
CATEGORIES = ("五金", "hardware", "", "服务")


@pytest.fixture
def products(db: Database) -> list[dict[str, Any]]:
    """30 products: ties in every sort, blank categories, some inactive, some archived; ids
    follow none of the sorts."""
    with db.unit_of_work() as uow:
        repo = uow.get(ProductRepository)
        for i in range(ROWS):
            product = Product(
                code=f"{(i * 7) % ROWS:03d}", name=NAMES[i % 5] + str(i % 3),
                category=CATEGORIES[i % 4], unit=("pcs", "kg")[i % 2],
                list_price=Decimal(i % 6) * 10 + Decimal("0.05"), cost=Decimal("1.00"),
                tax_rate="0.13", active=i % 5 != 0, archived_at=None if i % 9 else T0)
            repo.prepare(product)
            uow.session.add(product)
        uow.commit()
        rows = uow.session.execute(select(Product)).scalars()
        return [{"id": p.id, "code": p.code, "name": sort_key(p.name),
                 "category": sort_key(p.category), "list_price": p.list_price,
                 "raw_category": p.category, "unit": p.unit, "active": p.active,
                 "archived": p.archived_at is not None} for p in rows]


def expected(rows: list[dict[str, Any]], sort: str, descending: bool, keep: Any) -> list[int]:
    kept = sorted((r for r in rows if keep(r) and not r["archived"]),
                  key=lambda r: (r[sort], r["id"]))
    ids = [r["id"] for r in kept]
    return ids[::-1] if descending else ids


def walk(db: Database, request: ListRequest, limit: int) -> Iterator[int]:
    after = None
    for _ in range(ROWS + 2):
        with db.unit_of_work(write=False) as uow:
            rows, after = uow.get(ProductQueries).page(request, after, limit)
        yield from (r.id for r in rows)
        if after is None:
            return
    pytest.fail("paging did not reach the end")


def count(db: Database, request: ListRequest) -> int:
    with db.unit_of_work(write=False) as uow:
        return uow.get(ProductQueries).count(request)


CASES = {
    "all": ({}, lambda r: True),
    "category 五金": ({"filters": (("category", "五金"),)}, lambda r: r["raw_category"] == "五金"),
    "inactive": ({"filters": (("active", False),)}, lambda r: not r["active"]),
    "kg, active": ({"filters": (("active", True), ("unit", "kg"))},
                   lambda r: r["active"] and r["unit"] == "kg"),
    "price 10.05-30.05": ({"ranges": (("list_price", Decimal("10.05"), Decimal("30.05")),)},
                          lambda r: Decimal("10.05") <= r["list_price"] <= Decimal("30.05")),
}


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", ["name", "code", "category", "list_price"])
def test_paging_visits_every_row_once_in_order(db: Database, products: list[dict[str, Any]],
                                               sort: str, descending: bool) -> None:
    for label, (given, keep) in CASES.items():
        want = expected(products, sort, descending, keep)
        assert want, label
        request = ListRequest(fields=FIELDS, sort=sort, descending=descending, **given)
        for limit in (1, 4, len(want)):
            assert list(walk(db, request, limit)) == want, (label, limit)
        assert count(db, request) == len(want), label


def test_names_and_categories_sort_by_pinyin_with_blank_categories_last(
        db: Database, products: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(ProductQueries).page(ListRequest(fields=FIELDS, sort="name"),
                                                None, ROWS)
        by_category, _ = uow.get(ProductQueries).page(
            ListRequest(fields=FIELDS, sort="category"), None, ROWS)
    heads = list(dict.fromkeys(r.name[:-1] for r in rows))
    # 安装 (an), alpha, 北京 (bei), 上海 (shang), Zeta: pinyin and Latin letters together.
    assert heads == ["alpha bolt", "安装服务", "北京螺丝", "上海垫圈", "Zeta nut"]
    categories = list(dict.fromkeys(r.category for r in by_category))
    assert categories == ["服务", "hardware", "五金", ""]  # fu, h, wu; blanks last


def test_codes_keep_their_leading_zeros(db: Database, products: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(ProductQueries).page(ListRequest(fields=FIELDS, sort="code"),
                                                None, 3)
        found = uow.get(ProductRepository).by_key("007")
    assert [r.code for r in rows] == ["001", "002", "004"]  # 000 and 003 are archived
    assert found is not None and found.code == "007"


def test_the_rows_hold_exact_prices_and_the_flags(db: Database,
                                                  products: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(ProductQueries).page(
            ListRequest(fields=FIELDS, sort="code", filters=(("active", False),)), None, 50)
    assert rows and all(r.active is False for r in rows)
    assert all(isinstance(r.list_price, Decimal) and r.list_price % 10 == Decimal("0.05")
               for r in rows)


def test_the_search_finds_code_name_and_pinyin(db: Database,
                                               products: list[dict[str, Any]]) -> None:
    def found(text: str) -> int:
        return count(db, ListRequest(fields=(), sort="name", search=text))

    current = [r for r in products if not r["archived"]]
    assert found("beijing") == found("北京") == found("bjls") > 0
    assert found("luosi") == found("螺丝") == found("北京")
    assert found("007") == 1
    assert found("BOLT") == found("alpha")
    assert found("北京 alpha") == 0
    assert sum(found(n[:2]) for n in NAMES) == len(current)


def test_the_categories_in_use_the_most_used_first(db: Database,
                                                   products: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        categories = uow.get(ProductRepository).categories()
    assert sorted(categories) == sorted(["五金", "hardware", "服务"])  # blank left out
    assert categories[0] in ("五金", "hardware")  # 8 each; 服务 has 7


def test_the_migration_made_the_list_indexes_of_this_database(db: Database) -> None:
    with db.unit_of_work(write=False) as uow:
        connection = uow.session.connection()
        indexes = {i["name"]: i for i in inspect(connection).get_indexes("products")}
        dialect = connection.dialect.name
    kind = "list" if dialect == "sqlite" else "unarchived"
    for name, column in (("code", "code"), ("name", "name_sort"),
                         ("category", "category_sort"), ("price", "list_price")):
        columns = indexes[f"ix_products_{kind}_{name}"]["column_names"]
        # SQLite's hold the search key and the filtered columns: a search or a filter
        # reads from the table only the rows it shows.
        assert columns == (["archived_at", column, "id", "search_text", "category", "unit",
                            "active", "tax_rate"] if dialect == "sqlite" else [column, "id"])
    assert indexes["ix_products_category"]["column_names"] == ["category", "id"]
    if dialect == "postgresql":  # the search's trigram index, made by hand as the customers'
        with db.engine.connect() as conn:
            made = conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'product_search_trgm'"
            ).scalar_one()
        assert "gin (search_text gin_trgm_ops)" in made


def test_a_reference_to_a_product_is_usable_only_while_active_and_not_archived(
        db: Database) -> None:
    with db.unit_of_work() as uow:
        repo = uow.get(ProductRepository)
        on_sale = repo.new({"code": "A1", "name": "On sale"}, None)
        stopped = repo.new({"code": "B2", "name": "Stopped", "active": False}, None)
        archived = repo.new({"code": "C3", "name": "Archived", "archived_at": T0}, None)
        uow.commit()
        ids = (on_sale.id, stopped.id, archived.id)
    with db.unit_of_work(write=False) as uow:
        assert uow.refs.find("product", "a1") == ids[0]  # codes are found as typed
        assert [uow.refs.usable("product", i) for i in ids] == [True, False, False]
        assert uow.refs.describe("product", ids)[ids[1]] == ("B2", "Stopped")
