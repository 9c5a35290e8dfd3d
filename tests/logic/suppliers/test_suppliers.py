"""Suppliers: codes, the fields' rules (tax id, rating, payment terms, an address abroad),
duplicates, archive and restore, search, rights, one audit entry per write.

Suppliers have no owner: whoever may view suppliers sees every one of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import NotFound, PermissionDenied, PossibleDuplicate, ValidationError
from app.logic.services import Services
from tests.conftest import Audit

VALID_USCC = "91350100M000100Y43"
Counts = Callable[[], dict[str, int]]


def create(services: Services, actor: Actor, values: dict[str, Any], **more: Any) -> Record:
    return services.suppliers.create_supplier(actor, values, **more).saved


def refused(services: Services, admin: Actor, values: dict[str, Any]) -> dict[str, str]:
    """Create a supplier that must be refused; return {field: error code}."""
    with pytest.raises(ValidationError) as caught:
        services.suppliers.create_supplier(admin, values)
    return {name: error.code for name, error in caught.value.errors.items()}


def names(services: Services, actor: Actor, **query: Any) -> list[str]:
    return [r.name for r in services.suppliers.list_suppliers(actor, ListQuery(**query)).rows]


# --- codes -----------------------------------------------------------------------------------
def test_codes_are_generated_in_order_or_given(services: Services, admin: Actor) -> None:
    first = create(services, admin, {"name": "华东电子元件有限公司"})
    given = create(services, admin, {"name": "Exotic Liquids", "code": "nw-1"})
    second = create(services, admin, {"name": "深圳精密五金厂"})
    assert (first.code, given.code, second.code) == ("S000001", "NW-1", "S000002")
    assert services.suppliers.get_supplier_by_code(admin, "nw-1").id == given.id


def test_a_code_is_used_once(services: Services, admin: Actor, row_counts: Counts) -> None:
    create(services, admin, {"name": "A", "code": "S000009"})
    before = row_counts()
    assert refused(services, admin, {"name": "B", "code": "s000009"}) == {
        "code": "duplicate_code"}
    assert row_counts() == before
    # A generated code skips one that was given.
    create(services, admin, {"name": "C", "code": "S000001"})
    assert create(services, admin, {"name": "D"}).code == "S000002"


# --- fields ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("values", "errors"), [
    ({}, {"name": "required"}),
    ({"name": " "}, {"name": "required"}),
    ({"name": "A", "rating": "E"}, {"rating": "invalid_choice"}),
    ({"name": "A", "rating": "a"}, {"rating": "invalid_choice"}),
    ({"name": "A", "payment_terms_days": "366"}, {"payment_terms_days": "out_of_range"}),
    ({"name": "A", "payment_terms_days": "-1"}, {"payment_terms_days": "out_of_range"}),
    ({"name": "A", "payment_terms_days": "30.5"}, {"payment_terms_days": "not_an_integer"}),
    ({"name": "A", "tax_id": "91350100M000100Y44"}, {"tax_id": "invalid_uscc"}),
    ({"name": "A", "tax_id": "tax?"}, {"tax_id": "invalid_tax_id"}),
    ({"name": "A", "phone": "call me", "email": "a@b", "postal_code": "#1"},
     {"phone": "invalid_phone", "email": "invalid_email", "postal_code": "invalid_postal_code"}),
    ({"name": "A", "country": "中国", "city": "上海"}, {"province": "required"}),
    ({"name": "A", "country": "China", "province": "江苏"}, {"city": "required"}),
    ({"name": "A", "owner": "admin"}, {"owner": "unknown_field"}),
])
def test_bad_values_are_refused_naming_each_field(services: Services, admin: Actor,
                                                  row_counts: Counts, values: dict[str, Any],
                                                  errors: dict[str, str]) -> None:
    before = row_counts()
    assert refused(services, admin, values) == errors
    assert row_counts() == before


@pytest.mark.parametrize(("given", "stored"), [
    (VALID_USCC.lower(), VALID_USCC),  # a Chinese code, its check digit right
    ("9135 0100 M000 100Y 43", VALID_USCC),
    ("110101199003074477", "110101199003074477"),  # a person's resident id
    ("GB123456789", "GB123456789"),  # a British VAT number
    ("gb 123 4567 89", "GB123456789"),
    ("DE-811.569.869", "DE-811.569.869"),
    ("12.345.678/0001-95", "12.345.678/0001-95"),  # a Brazilian CNPJ, 18 characters
    ("ALFKI", "ALFKI"),
])
def test_a_tax_id_is_checked_when_it_is_a_chinese_code_and_taken_as_written_otherwise(
        services: Services, admin: Actor, given: str, stored: str) -> None:
    assert create(services, admin, {"name": "A", "tax_id": given}).tax_id == stored


def test_every_rating_and_the_payment_terms_range(services: Services, admin: Actor) -> None:
    for number, rating in enumerate("ABCD"):
        saved = create(services, admin, {"name": f"S{number}", "rating": rating,
                                          "payment_terms_days": 365 if number else 0})
        assert (saved.rating, saved.payment_terms_days) == (rating, 365 if number else 0)
    assert create(services, admin, {"name": "no rating"}).rating == ""
    assert create(services, admin, {"name": "default terms"}).payment_terms_days == 30


def test_a_supplier_abroad_is_entered_as_it_is(services: Services, admin: Actor) -> None:
    """No province or city needed outside China; an address keeps its lines."""
    saved = create(services, admin, {
        "name": "New England Seafood Cannery", "country": "USA", "province": "MA",
        "city": "Boston", "postal_code": "02134", "phone": "(617) 555-3267",
        "address": "Order Processing Dept.\n2100 Paul Revere Blvd."})
    assert (saved.country, saved.postal_code, saved.address) == (
        "USA", "02134", "Order Processing Dept.\n2100 Paul Revere Blvd.")
    abroad = create(services, admin, {"name": "Exotic Liquids", "country": "UK",
                                      "phone": "(171) 555-2222", "postal_code": "EC1 4SD"})
    assert (abroad.province, abroad.city) == ("", "")
    # In China (the default) the quick add of a name alone is still fine.
    assert create(services, admin, {"name": "杭州包装材料厂"}).country == "中国"


def test_changing_the_country_to_china_asks_for_province_and_city(
        services: Services, admin: Actor) -> None:
    abroad = create(services, admin, {"name": "Tokyo Traders", "country": "Japan",
                                      "city": "Tokyo"})
    with pytest.raises(ValidationError) as caught:
        services.suppliers.update_supplier(admin, abroad.id, abroad.version,
                                           {"country": "中国"})
    assert set(caught.value.errors) == {"province"}
    moved = services.suppliers.update_supplier(
        admin, abroad.id, abroad.version, {"country": "中国", "province": "上海",
                                           "city": "上海"}).saved
    assert (moved.country, moved.version) == ("中国", 2)


# --- duplicates, archive ---------------------------------------------------------------------
def test_a_supplier_with_the_same_name_or_tax_id_is_confirmed_first(
        services: Services, admin: Actor, row_counts: Counts) -> None:
    first = create(services, admin, {"name": "Exotic Liquids", "tax_id": "GB123456789"})
    before = row_counts()
    for values in ({"name": "EXOTIC LIQUIDS"}, {"name": "Other", "tax_id": "gb123456789"}):
        with pytest.raises(PossibleDuplicate) as caught:
            services.suppliers.create_supplier(admin, values)
        assert [r.id for r in caught.value.matches] == [first.id]
    assert row_counts() == before
    assert create(services, admin, {"name": "Exotic Liquids"}, allow_duplicate=True).code \
        == "S000002"


def test_archive_and_restore(services: Services, admin: Actor) -> None:
    kept = create(services, admin, {"name": "甲"})
    gone = create(services, admin, {"name": "乙"})
    archived = services.suppliers.archive_supplier(admin, gone.id, gone.version).saved
    assert archived.archived and names(services, admin) == ["甲"]
    assert names(services, admin, include_archived=True) == ["甲", "乙"]
    # An archived supplier is no duplicate of a new one.
    assert create(services, admin, {"name": "乙"}).name == "乙"
    back = services.suppliers.restore_supplier(admin, gone.id, archived.version).saved
    assert not back.archived and kept.name == "甲"


# --- the list --------------------------------------------------------------------------------
def test_the_list_sorts_by_pinyin_and_finds_by_pinyin_code_phone_and_contact(
        services: Services, admin: Actor) -> None:
    create(services, admin, {"name": "北京电子", "phone": "010-6512 3456"},
           contacts=[{"name": "王伟", "mobile": "13800138000"}])
    create(services, admin, {"name": "安徽包装", "category": "包装"})
    create(services, admin, {"name": "Zeta Parts", "country": "Germany", "city": "Berlin"})
    assert names(services, admin) == ["安徽包装", "北京电子", "Zeta Parts"]
    assert names(services, admin, sort="name", descending=True) == [
        "Zeta Parts", "北京电子", "安徽包装"]
    for search, found in (("bjdz", ["北京电子"]), ("beijing", ["北京电子"]),
                          ("S000002", ["安徽包装"]), ("65123456", ["北京电子"]),
                          ("王伟", ["北京电子"]), ("13800138000", ["北京电子"]),
                          ("berlin", ["Zeta Parts"]), ("nothing", [])):
        assert names(services, admin, search=search) == found, search
    assert names(services, admin, filters=(("category", "包装"),)) == ["安徽包装"]
    assert names(services, admin, filters=(("country", "Germany"),)) == ["Zeta Parts"]
    assert services.suppliers.list_categories(admin) == ["包装"]


def test_a_contact_added_later_finds_its_supplier(services: Services, admin: Actor) -> None:
    supplier = create(services, admin, {"name": "宁波模具厂"})
    services.contacts.add_contact(admin, supplier.id, {"name": "Lars Peterson"}, "supplier")
    assert names(services, admin, search="peterson") == ["宁波模具厂"]
    assert services.suppliers.get(admin, supplier.id).version == 1  # not a supplier edit


# --- rights and the audit log ----------------------------------------------------------------
def test_suppliers_need_the_suppliers_rights_not_an_owner(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    supplier = create(services, admin, {"name": "Exotic Liquids", "country": "UK"})
    manager = make_user("manager", roles=("sales_manager",))  # suppliers: view only
    sales = make_user("sales1", roles=("salesperson",))  # no suppliers rights
    assert services.suppliers.get_supplier(manager, supplier.id).name == "Exotic Liquids"
    assert names(services, manager) == ["Exotic Liquids"]
    with pytest.raises(PermissionDenied):
        services.suppliers.create_supplier(manager, {"name": "X"})
    with pytest.raises(PermissionDenied):
        services.suppliers.update_supplier(manager, supplier.id, 1, {"category": "x"})
    for call in (lambda: services.suppliers.get_supplier(sales, supplier.id),
                 lambda: names(services, sales)):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(NotFound):
        services.suppliers.get_supplier(admin, 999)


def test_each_write_is_one_audit_entry(services: Services, admin: Actor,
                                       audit_log: Callable[[], list[Audit]]) -> None:
    start = len(audit_log())
    saved = create(services, admin, {"name": "Exotic Liquids", "country": "UK"},
                   contacts=[{"name": "Charlotte Cooper"}, {"name": "Regina Murphy"}])
    changed = services.suppliers.update_supplier(admin, saved.id, saved.version,
                                                 {"rating": "A", "category": "饮料"}).saved
    services.suppliers.archive_supplier(admin, saved.id, changed.version)
    entries = audit_log()[start:]
    assert [(e.action, e.entity_type) for e in entries] == [
        ("create", "supplier"), ("create", "contact"), ("create", "contact"),
        ("update", "supplier"), ("archive", "supplier")]
    assert entries[0].changes["name"] == [None, "Exotic Liquids"]
    assert entries[1].changes["supplier"] == [None, saved.id]
    assert entries[3].changes == {"rating": ["", "A"], "category": ["", "饮料"]}
    history = services.suppliers.history(admin, saved.id)
    assert [(h.action, h.entity_type) for h in history][::-1] == [
        (e.action, e.entity_type) for e in entries]
