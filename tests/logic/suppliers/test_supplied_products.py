"""The products a supplier supplies: each once, an exact purchase price that is not
negative, a lead time of 0 to 365 days, the supplier's own code; part of the supplier (its
rights, its history), one audit entry per write."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from app.logic.kit.dto import Actor, Record
from app.logic.kit.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from app.logic.services import Services
from tests.conftest import Audit

Counts = Callable[[], dict[str, int]]


@pytest.fixture
def supplier(services: Services, admin: Actor) -> Record:
    return services.suppliers.create_supplier(
        admin, {"name": "Exotic Liquids", "country": "UK"}).saved


@pytest.fixture
def chai(services: Services, admin: Actor) -> Record:
    return services.products.create(admin, {"name": "Chai", "code": "007"}).saved


def supply(services: Services, actor: Actor, supplier: Record, **values: Any) -> Record:
    return services.supplied_products.supply(actor, supplier.id, values).saved


def refused(services: Services, actor: Actor, supplier: Record, **values: Any
            ) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        services.supplied_products.supply(actor, supplier.id, values)
    return {name: error.code for name, error in caught.value.errors.items()}


def test_a_supplier_supplies_a_product_by_its_code(services: Services, admin: Actor,
                                                   supplier: Record, chai: Record) -> None:
    line = supply(services, admin, supplier, product="007", purchase_price="18",
                  lead_time_days="14", supplier_code="EX-CHAI")
    assert (line.product.id, line.product.key, line.product.label) == (chai.id, "007", "Chai")
    assert (line.purchase_price, line.lead_time_days, line.supplier_code) == (
        Decimal("18.00"), 14, "EX-CHAI")
    [kept] = services.suppliers.get_supplier(admin, supplier.id).children["products"]
    assert kept.id == line.id and kept.purchase_price == Decimal("18.00")
    assert services.supplied_products.products_of(admin, supplier.id) == [kept]
    assert services.supplied_products.find_supply(admin, supplier.id, "007").id == line.id


@pytest.mark.parametrize(("values", "errors"), [
    ({"purchase_price": "-0.01", "lead_time_days": "1"}, {"purchase_price": "negative"}),
    ({"purchase_price": "1.005", "lead_time_days": "1"}, {"purchase_price": "too_precise"}),
    ({"purchase_price": "lots", "lead_time_days": "1"}, {"purchase_price": "not_a_number"}),
    ({"lead_time_days": "1"}, {"purchase_price": "required"}),
    ({"purchase_price": "", "lead_time_days": "1"}, {"purchase_price": "required"}),
    ({"purchase_price": "1", "lead_time_days": "366"}, {"lead_time_days": "out_of_range"}),
    ({"purchase_price": "1", "lead_time_days": "-1"}, {"lead_time_days": "out_of_range"}),
    ({"purchase_price": "1", "lead_time_days": "2.5"}, {"lead_time_days": "not_an_integer"}),
    ({"purchase_price": "1"}, {"lead_time_days": "required"}),
    ({"purchase_price": "1", "lead_time_days": "1", "supplier_code": "x" * 41},
     {"supplier_code": "too_long"}),
])
def test_bad_terms_are_refused_and_nothing_is_written(
        services: Services, admin: Actor, supplier: Record, chai: Record, row_counts: Counts,
        values: dict[str, Any], errors: dict[str, str]) -> None:
    before = row_counts()
    assert refused(services, admin, supplier, product="007", **values) == errors
    assert row_counts() == before


def test_zero_and_the_largest_terms_are_fine(services: Services, admin: Actor,
                                             supplier: Record, chai: Record) -> None:
    line = supply(services, admin, supplier, product=chai.id, purchase_price="0",
                  lead_time_days=365)
    assert (line.purchase_price, line.lead_time_days) == (Decimal("0.00"), 365)


def test_a_product_once_per_supplier(services: Services, admin: Actor, supplier: Record,
                                     chai: Record, row_counts: Counts) -> None:
    supply(services, admin, supplier, product="007", purchase_price="18", lead_time_days=3)
    before = row_counts()
    assert refused(services, admin, supplier, product="007", purchase_price="17",
                   lead_time_days=3) == {"product": "supplied"}
    assert row_counts() == before
    # Another supplier may supply it too.
    other = services.suppliers.create_supplier(admin, {"name": "Tokyo Traders",
                                                       "country": "Japan"}).saved
    supply(services, admin, other, product="007", purchase_price="17.50", lead_time_days=20)
    assert [r.supplier.key for r in services.supplied_products.suppliers_of(admin, chai.id)] \
        == ["S000001", "S000002"]


def test_the_product_must_exist_and_be_active(services: Services, admin: Actor,
                                              supplier: Record, chai: Record) -> None:
    assert refused(services, admin, supplier, product="NOPE", purchase_price="1",
                   lead_time_days=1) == {"product": "unknown_product"}
    nowhere = Record("supplier", 999, {}, 1)
    assert refused(services, admin, nowhere, product="007", purchase_price="1",
                   lead_time_days=1) == {"supplier": "unknown_supplier"}
    services.products.update(admin, chai.id, chai.version, {"active": False})
    assert refused(services, admin, supplier, product="007", purchase_price="1",
                   lead_time_days=1) == {"product": "unknown_product"}


def test_new_terms_and_removal(services: Services, admin: Actor, supplier: Record,
                               chai: Record) -> None:
    line = supply(services, admin, supplier, product="007", purchase_price="18",
                  lead_time_days=3)
    changed = services.supplied_products.update_supply(
        admin, line.id, line.version, {"purchase_price": "19.99", "lead_time_days": "5"}).saved
    assert (changed.purchase_price, changed.lead_time_days, changed.version) == (
        Decimal("19.99"), 5, 2)
    with pytest.raises(ConflictError):  # someone saved version 2 meanwhile
        services.supplied_products.update_supply(admin, line.id, line.version,
                                                 {"lead_time_days": "6"})
    with pytest.raises(ValidationError) as caught:  # another product: remove and add
        services.supplied_products.update_supply(admin, line.id, changed.version,
                                                 {"product": chai.id + 1})
    assert set(caught.value.errors) == {"product"}
    services.supplied_products.unsupply(admin, line.id, changed.version)
    assert services.supplied_products.products_of(admin, supplier.id) == []
    with pytest.raises(NotFound):
        services.supplied_products.find_supply(admin, supplier.id, "007")


def test_seeing_needs_suppliers_view_and_changing_suppliers_edit(
        services: Services, admin: Actor, supplier: Record, chai: Record,
        make_user: Callable[..., Actor]) -> None:
    line = supply(services, admin, supplier, product="007", purchase_price="18",
                  lead_time_days=3)
    manager = make_user("manager", roles=("sales_manager",))  # suppliers: view only
    sales = make_user("sales1", roles=("salesperson",))  # no suppliers rights
    assert [r.id for r in services.supplied_products.products_of(manager, supplier.id)] \
        == [line.id]
    for write in (lambda: supply(services, manager, supplier, product="007",
                                 purchase_price="1", lead_time_days=1),
                  lambda: services.supplied_products.update_supply(
                      manager, line.id, line.version, {"lead_time_days": 9}),
                  lambda: services.supplied_products.unsupply(manager, line.id, line.version),
                  lambda: services.supplied_products.products_of(sales, supplier.id)):
        with pytest.raises(PermissionDenied):
            write()


def test_each_write_is_one_audit_entry_in_the_suppliers_history(
        services: Services, admin: Actor, supplier: Record, chai: Record,
        audit_log: Callable[[], list[Audit]]) -> None:
    start = len(audit_log())
    line = supply(services, admin, supplier, product="007", purchase_price="18",
                  lead_time_days=3)
    changed = services.supplied_products.update_supply(admin, line.id, line.version,
                                                       {"purchase_price": "18.5"}).saved
    services.supplied_products.update_supply(admin, line.id, changed.version,
                                             {"purchase_price": "18.50"})  # no change
    history = services.suppliers.history(admin, supplier.id)
    assert [h.action for h in history if h.entity_type == "supplier_product"] == [
        "update", "create"]
    services.supplied_products.unsupply(admin, line.id, changed.version)
    entries = audit_log()[start:]
    assert [(e.action, e.entity_type, e.entity_id) for e in entries] == [
        ("create", "supplier_product", str(line.id)),
        ("update", "supplier_product", str(line.id)),
        ("delete", "supplier_product", str(line.id))]
    assert entries[0].changes["purchase_price"] == [None, "18.00"]
    assert entries[1].changes == {"purchase_price": ["18.00", "18.50"]}
    assert entries[2].changes["supplier"] == [supplier.id, None]
