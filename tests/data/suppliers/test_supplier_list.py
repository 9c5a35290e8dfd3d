"""The suppliers list by keyset (sorts by pinyin, blanks last, filters, archived), the
schema migration 0012 made (list indexes, a product once per supplier, a contact with one
parent), and the contacts list and references with contacts of two kinds of parent: a
customer's by its owner, a supplier's by the suppliers' view right."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from app.data.admin import User
from app.data.contacts import Contact, ContactQueries
from app.data.customers import Customer
from app.data.database import Database
from app.data.kit.keyset import ListRequest
from app.data.products import ProductRepository
from app.data.suppliers import (
    Supplier,
    SupplierProduct,
    SupplierQueries,
    SupplierRepository,
)

ROWS = 24
T0 = datetime(2026, 1, 1, tzinfo=UTC)
FIELDS = ("code", "name", "category", "rating", "city", "country")
NAMES = ("北京", "alpha", "上海", "Zeta")


@pytest.fixture
def suppliers(db: Database) -> list[dict[str, Any]]:
    """24 suppliers, ties in every sort, blank categories and cities, some archived; ids
    follow none of the sorts."""
    with db.unit_of_work() as uow:
        repo = uow.get(SupplierRepository)
        for i in range(ROWS):
            repo.new({"code": f"S{(i * 7) % ROWS:03d}", "name": f"{NAMES[i % 4]}{i % 3}",
                      "category": ("五金", "", "packaging")[i % 3],
                      "rating": ("A", "B", "", "D")[i % 4],
                      "city": ("", "广州", "Berlin", "安庆")[i % 4],
                      "country": ("中国", "Germany")[i % 2],
                      "archived_at": None if i % 7 else T0}, None)
        uow.commit()
        rows = uow.session.execute(select(Supplier)).scalars()
        return [{"id": s.id, "code": s.code, "name": s.name_sort, "category": s.category,
                 "rating": s.rating, "city": s.city_sort, "country": s.country,
                 "archived": s.archived_at is not None} for s in rows]


def walk(db: Database, request: ListRequest, limit: int) -> Iterator[int]:
    after = None
    for _ in range(ROWS + 2):
        with db.unit_of_work(write=False) as uow:
            rows, after = uow.get(SupplierQueries).page(request, after, limit)
        yield from (r.id for r in rows)
        if after is None:
            return
    pytest.fail("paging did not reach the end")


def count(db: Database, request: ListRequest) -> int:
    with db.unit_of_work(write=False) as uow:
        return uow.get(SupplierQueries).count(request)


CASES = {
    "all": ({}, lambda r: not r["archived"]),
    "archived too": ({"include_archived": True}, lambda r: True),
    "category": ({"filters": (("category", "五金"),)},
                 lambda r: r["category"] == "五金" and not r["archived"]),
    "rating and country": ({"filters": (("country", "Germany"), ("rating", "B"))},
                           lambda r: (r["country"], r["rating"]) == ("Germany", "B")
                           and not r["archived"]),
}


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", ["name", "code", "category", "rating", "city"])
def test_paging_visits_every_row_once_in_order(db: Database, suppliers: list[dict[str, Any]],
                                               sort: str, descending: bool) -> None:
    for label, (given, keep) in CASES.items():
        kept = sorted((r for r in suppliers if keep(r)), key=lambda r: (r[sort], r["id"]))
        want = [r["id"] for r in kept][::-1 if descending else 1]
        assert want, label
        request = ListRequest(fields=FIELDS, sort=sort, descending=descending, **given)
        for limit in (1, 5, len(want)):
            assert list(walk(db, request, limit)) == want, (label, limit)
        assert count(db, request) == len(want), label


def test_names_and_cities_sort_by_pinyin_with_blanks_last(
        db: Database, suppliers: list[dict[str, Any]]) -> None:
    with db.unit_of_work(write=False) as uow:
        by_name, _ = uow.get(SupplierQueries).page(ListRequest(fields=FIELDS, sort="name"),
                                                   None, ROWS)
        by_city, _ = uow.get(SupplierQueries).page(ListRequest(fields=FIELDS, sort="city"),
                                                   None, ROWS)
    assert list(dict.fromkeys(r.name[:-1] for r in by_name)) == [
        "alpha", "北京", "上海", "Zeta"]
    assert list(dict.fromkeys(r.city for r in by_city)) == ["安庆", "Berlin", "广州", ""]


def test_the_migration_made_the_list_indexes_and_the_rules(db: Database) -> None:
    with db.unit_of_work(write=False) as uow:
        connection = uow.session.connection()
        found = inspect(connection)
        indexes = {i["name"]: i["column_names"] for i in found.get_indexes("suppliers")}
        contact_indexes = {i["name"]: i["column_names"] for i in found.get_indexes("contacts")}
        checks = {c["name"] for c in found.get_check_constraints("contacts")}
        unique = [u["column_names"] for u in found.get_unique_constraints("supplier_products")]
        nullable = {c["name"]: c["nullable"] for c in found.get_columns("contacts")}
        dialect = connection.dialect.name
    kind = "list" if dialect == "sqlite" else "unarchived"
    for name, column in (("code", "code"), ("name", "name_sort"), ("category", "category"),
                         ("rating", "rating"), ("city", "city_sort"),
                         ("updated", "updated_at")):
        assert indexes[f"ix_suppliers_{kind}_{name}"] == (
            ["archived_at", column, "id"] if dialect == "sqlite" else [column, "id"])
    assert contact_indexes["ix_contacts_supplier"] == ["supplier_id", "id"]
    assert contact_indexes["ix_contacts_customer"] == ["customer_id", "id"]
    assert "ck_contacts_one_parent" in checks
    assert unique == [["product_id", "supplier_id"]]
    assert nullable["customer_id"] and nullable["supplier_id"]


def test_a_product_is_supplied_once_per_supplier(db: Database) -> None:
    with db.unit_of_work() as uow:
        supplier = uow.get(SupplierRepository).new({"code": "S1", "name": "A"}, None)
        product = uow.get(ProductRepository).new({"code": "P1", "name": "B"}, None)
        uow.flush()
        for _ in range(2):
            uow.session.add(SupplierProduct(supplier_id=supplier.id, product_id=product.id,
                                            purchase_price=Decimal("1.00")))
        with pytest.raises(IntegrityError):
            uow.session.flush()


# --- contacts of customers and of suppliers ----------------------------------------------------
@pytest.fixture
def contacts(db: Database) -> dict[str, int]:
    """Contacts of a customer of owner 1, of an unowned customer and of a supplier."""
    with db.unit_of_work() as uow:
        owner = User(username="owner1", password_hash="-")
        uow.session.add(owner)
        uow.flush()
        mine = Customer(code="C1", name="mine", owner_id=owner.id)
        unowned = Customer(code="C2", name="nobody's")
        supplier = uow.get(SupplierRepository).new({"code": "S1", "name": "supplier"}, None)
        uow.session.add_all([mine, unowned])
        uow.flush()
        made = {"mine": Contact(name="mine", customer_id=mine.id),
                "unowned": Contact(name="unowned", customer_id=unowned.id),
                "supplier": Contact(name="supplier", supplier_id=supplier.id)}
        uow.session.add_all(made.values())
        uow.commit()
        return {"owner": owner.id, **{k: c.id for k, c in made.items()}}


@pytest.mark.parametrize(("scope", "viewable", "seen"), [
    (None, {"suppliers"}, {"mine", "unowned", "supplier"}),  # all, may view suppliers
    (None, set(), {"mine", "unowned"}),  # all customers, no suppliers right
    ("owner", {"suppliers", "customers"}, {"mine", "supplier"}),  # own customers
    ("owner", set(), {"mine"}),
    ("nobody", {"suppliers"}, {"supplier"}),  # an empty scope: no customer at all
    ("nobody", set(), set()),
])
def test_the_contacts_list_shows_a_suppliers_contacts_by_the_right_to_view_suppliers(
        db: Database, contacts: dict[str, int], scope: str | None, viewable: set[str],
        seen: set[str]) -> None:
    owners = {None: None, "owner": {contacts["owner"]}, "nobody": set()}[scope]
    request = ListRequest(fields=("name",), sort="name", scope=owners,
                          viewable=frozenset(viewable))
    with db.unit_of_work(write=False) as uow:
        rows, _ = uow.get(ContactQueries).page(request, None, 10)
        total = uow.get(ContactQueries).count(request)
    assert {r.name for r in rows} == seen
    assert total == len(seen)


def test_a_contact_reference_names_whose_rights_govern_it(
        db: Database, contacts: dict[str, int]) -> None:
    with db.unit_of_work(write=False) as uow:
        assert uow.refs.scope_of("contact", contacts["mine"]) == (
            "customers", contacts["owner"], True)
        assert uow.refs.scope_of("contact", contacts["unowned"]) == ("customers", None, True)
        assert uow.refs.scope_of("contact", contacts["supplier"]) == ("suppliers", None, False)
        assert uow.refs.scope_of("contact", 999) is None
        assert uow.refs.scope_of("supplier", 1) is None  # suppliers have no owner
        assert uow.refs.find("supplier", "s1") == 1


def test_a_contact_changes_the_suppliers_search_key_not_its_version(
        db: Database, contacts: dict[str, int]) -> None:
    with db.unit_of_work() as uow:
        repo = uow.get(SupplierRepository)
        supplier = repo.by_key("S1")
        assert supplier is not None and "supplier" in supplier.search_text
        supplier.contacts[0].name = "Charlotte Cooper"
        uow.flush()
        repo.store_search_key(supplier)
        uow.commit()
    with db.unit_of_work(write=False) as uow:
        stored = uow.get(SupplierRepository).by_key("S1")
        assert stored is not None and "charlotte cooper" in stored.search_text
        assert stored.version == 1
