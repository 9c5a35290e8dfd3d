"""Products: codes (generated, or given with their leading zeros), exact prices, units and tax
rates with their words in both languages, the tax rate of new products an administrator sets,
the cost warning, archive and restore, one audit entry per write, and a refused write leaving
nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import ConflictError, PermissionDenied, ValidationError
from app.logic.products import FACTORY_TAX_RATE, PRODUCT, TAX_RATES, UNITS, ProductService
from app.logic.services import Services

Counts = Callable[[], dict[str, int]]


def add(services: Services, actor: Actor, name: str = "螺丝 M8", **values: object) -> Record:
    return services.products.create_product(actor, {"name": name, **values}).saved


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}


# --- codes -----------------------------------------------------------------------------------
def test_a_product_gets_the_next_code_and_its_defaults(services: Services,
                                                       admin: Actor) -> None:
    first, second = add(services, admin), add(services, admin, "垫圈")
    assert (first.code, second.code) == ("G000001", "G000002")
    assert (first.unit, first.tax_rate, first.active, first.category) == (
        "pcs", "0.13", True, "")
    assert (first.list_price, first.cost, first.version) == (Decimal("0.00"),
                                                             Decimal("0.00"), 1)


def test_a_given_code_keeps_its_leading_zeros_and_is_found_by_them(
        services: Services, admin: Actor) -> None:
    given = add(services, admin, "零件 007", code="007")
    assert given.code == "007"
    assert services.products.get_product_by_code(admin, "007").id == given.id
    assert services.products.get_product_by_code(admin, " 007 ").id == given.id
    lower = add(services, admin, "Bolt", code="sku-a1")
    assert lower.code == "SKU-A1"  # codes are upper case, found as typed
    assert services.products.get_product_by_code(admin, "sku-a1").id == lower.id
    # 7 and 007 are two codes.
    assert add(services, admin, "Seven", code="7").code == "7"


def test_a_code_must_be_free_and_well_formed(services: Services, admin: Actor,
                                             row_counts: Counts) -> None:
    add(services, admin, code="007")
    before = row_counts()
    with pytest.raises(ValidationError) as taken:
        add(services, admin, "Another", code="007")
    assert codes(taken.value) == {"code": "duplicate_code"}
    with pytest.raises(ValidationError) as bad:
        add(services, admin, "Another", code="M8 x 20")
    assert codes(bad.value) == {"code": "invalid_code"}
    assert row_counts() == before
    other = add(services, admin, "Other")
    with pytest.raises(ValidationError) as changed:
        services.products.update_product(admin, other.id, other.version, {"code": "007"})
    assert codes(changed.value) == {"code": "duplicate_code"}


def test_a_generated_code_skips_one_given_by_hand(services: Services, admin: Actor) -> None:
    add(services, admin, code="G000001")
    assert add(services, admin, "Next").code == "G000002"


# --- prices ----------------------------------------------------------------------------------
def test_prices_are_exact_money(services: Services, admin: Actor) -> None:
    big = add(services, admin, list_price="12345678901234.56", cost="0.10")
    read = services.products.get_product(admin, big.id)
    assert read.list_price == Decimal("12345678901234.56")
    assert read.cost + Decimal("0.20") == Decimal("0.30")
    assert add(services, admin, "Full-width", list_price="１２.３０").list_price == \
        Decimal("12.30")


@pytest.mark.parametrize(("value", "code"), [
    ("-5", "negative"), ("-0.01", "negative"), ("0.001", "too_precise"),
    ("abc", "not_a_number"), ("1e3", "not_a_number")])
@pytest.mark.parametrize("field", ["list_price", "cost"])
def test_a_bad_price_is_refused_and_nothing_is_written(
        services: Services, admin: Actor, row_counts: Counts, field: str, value: str,
        code: str) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        add(services, admin, "Bad price", **{field: value})
    assert codes(caught.value) == {field: code}
    assert row_counts() == before


def test_several_bad_fields_are_named_at_once(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.products.create_product(admin, {
            "list_price": "-5", "cost": "x", "unit": "dozen", "tax_rate": "0.15",
            "active": "maybe", "colour": "red"})
    assert codes(caught.value) == {"colour": "unknown_field"}  # unknown fields come first
    with pytest.raises(ValidationError) as caught:
        services.products.create_product(admin, {
            "list_price": "-5", "cost": "x", "unit": "dozen", "tax_rate": "0.15",
            "active": "maybe", "name": "x" * 201})
    assert codes(caught.value) == {
        "list_price": "negative", "cost": "not_a_number", "unit": "invalid_choice",
        "tax_rate": "invalid_choice", "active": "not_a_boolean", "name": "too_long"}
    with pytest.raises(ValidationError) as nameless:
        services.products.create_product(admin, {"category": "五金"})
    assert codes(nameless.value) == {"name": "required"}


# --- the cost warning ------------------------------------------------------------------------
def test_a_cost_above_the_list_price_is_saved_with_a_warning(services: Services,
                                                             admin: Actor) -> None:
    warned = services.products.create_product(admin, {"name": "Loss leader",
                                                      "list_price": "9.90", "cost": "12"})
    assert warned.saved.cost == Decimal("12.00")  # saved all the same
    assert [(w.en, w.zh) for w in warned.warnings] == [
        ("The cost is above the list price.", "成本价高于标准售价。")]
    equal = services.products.create_product(admin, {"name": "At cost", "list_price": "12",
                                                     "cost": "12"})
    assert equal.warnings == ()
    # Lowering the price of a product below its cost warns too; raising it again does not.
    lowered = services.products.update_product(admin, equal.saved.id, 1, {"list_price": "11"})
    assert len(lowered.warnings) == 1
    raised = services.products.update_product(admin, equal.saved.id, 2, {"list_price": "20"})
    assert raised.warnings == ()


def test_the_warning_reads_what_is_typed_and_is_silent_while_it_cannot(
        services: Services) -> None:
    assert PRODUCT.warnings_for({"list_price": "100", "cost": "100.01"})
    assert PRODUCT.warnings_for({"list_price": "１００", "cost": "99"}) == ()
    assert PRODUCT.warnings_for({"list_price": "", "cost": "5"})  # no price yet: 0.00
    assert PRODUCT.warnings_for({"list_price": "10", "cost": "5."}) == ()
    assert PRODUCT.warnings_for({"list_price": "10", "cost": "-50"}) == ()  # an error, not this
    assert PRODUCT.warnings_for({"list_price": "10", "cost": "12,0"})  # 120 with a comma


# --- units and tax rates ---------------------------------------------------------------------
def test_units_are_a_short_list_with_both_languages(services: Services, admin: Actor) -> None:
    unit = PRODUCT.field("unit")
    assert {"pcs", "unit", "set", "box", "kg", "hour", "item", "m", "t"} <= set(unit.values)
    words = {v: (unit.choice_label(v, "en"), unit.choice_label(v, "zh_CN")) for v, _, _ in UNITS}
    assert words["pcs"] == ("Piece", "个") and words["unit"] == ("Unit", "台")
    assert words["set"] == ("Set", "套") and words["box"] == ("Box", "箱")
    assert add(services, admin, unit="kg").unit == "kg"
    with pytest.raises(ValidationError) as caught:
        add(services, admin, unit="个")  # the stored value, not the word
    assert codes(caught.value) == {"unit": "invalid_choice"}


def test_tax_rates_are_the_listed_ones_stored_exactly(services: Services,
                                                      admin: Actor) -> None:
    rate = PRODUCT.field("tax_rate")
    assert rate.values == ("0", "0.01", "0.03", "0.06", "0.09", "0.13")
    assert [rate.choice_label(v, "en") for v, _, _ in TAX_RATES] == [
        "0%", "1%", "3%", "6%", "9%", "13%"]
    six = add(services, admin, tax_rate="0.06")
    assert services.products.get_product(admin, six.id).tax_rate == "0.06"
    assert ProductService.tax_rate_of(six) == Decimal("0.06")
    assert ProductService.tax_rate_of(add(services, admin, "Zero", tax_rate="0")) == 0
    for bad in ("0.15", "13%", "0.130", "13"):
        with pytest.raises(ValidationError) as caught:
            add(services, admin, "Bad", tax_rate=bad)
        assert codes(caught.value) == {"tax_rate": "invalid_choice"}


def test_new_products_get_the_tax_rate_an_administrator_set(
        services: Services, admin: Actor, audit_log: Callable[[], list],
        make_user: Callable[..., Actor]) -> None:
    before = add(services, admin, "Before")
    assert before.tax_rate == FACTORY_TAX_RATE == "0.13"
    settings = services.product_settings.get_product_settings(admin)
    assert (settings.default_tax_rate, settings.version) == ("0.13", 1)
    changed = services.product_settings.set_default_tax_rate(admin, "0.09", settings.version)
    assert (changed.saved.default_tax_rate, changed.saved.version) == ("0.09", 2)
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type, entry.username) == (
        "update", "product_settings", "admin")
    assert entry.changes == {"default_tax_rate": ["0.13", "0.09"]}
    assert add(services, admin, "After").tax_rate == "0.09"
    assert add(services, admin, "Given", tax_rate="0.06").tax_rate == "0.06"
    assert add(services, admin, "Blank", tax_rate="").tax_rate == "0.09"
    assert services.products.get_product(admin, before.id).tax_rate == "0.13"  # kept
    assert services.products.new_defaults(admin)["tax_rate"] == "0.09"
    # Whoever views products reads the setting (a salesperson's new product form).
    seller = make_user("seller", roles=("salesperson",))
    assert services.product_settings.get_product_settings(seller).default_tax_rate == "0.09"
    assert services.products.new_defaults(seller)["tax_rate"] == "0.09"


def test_only_an_administrator_sets_the_default_tax_rate_and_only_to_a_listed_rate(
        services: Services, admin: Actor, make_user: Callable[..., Actor],
        row_counts: Counts) -> None:
    manager = make_user("manager", roles=("sales_manager",))
    before = row_counts()
    with pytest.raises(PermissionDenied):
        services.product_settings.set_default_tax_rate(manager, "0.06")
    with pytest.raises(ValidationError) as caught:
        services.product_settings.set_default_tax_rate(admin, "0.15")
    assert codes(caught.value) == {"default_tax_rate": "invalid_choice"}
    assert row_counts() == before
    unchanged = services.product_settings.set_default_tax_rate(admin, "0.13")
    assert unchanged.action == "unchanged"


def test_two_administrators_setting_the_rate_at_once_the_second_is_told(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    other = make_user("admin2")
    read = services.product_settings.get_product_settings(admin).version
    services.product_settings.set_default_tax_rate(other, "0.06", read)
    with pytest.raises(ConflictError):
        services.product_settings.set_default_tax_rate(admin, "0.03", read)
    assert services.products.new_defaults(admin)["tax_rate"] == "0.06"


# --- active, archive, audit ------------------------------------------------------------------
def test_every_write_is_one_audit_entry(services: Services, admin: Actor,
                                        audit_log: Callable[[], list]) -> None:
    start = len(audit_log())
    p = add(services, admin, "Audited", list_price="10")
    p = services.products.update_product(admin, p.id, p.version, {"active": "no"}).saved
    p = services.products.archive_product(admin, p.id, p.version).saved
    services.products.restore_product(admin, p.id, p.version)
    entries = audit_log()[start:]
    assert [(e.action, e.entity_type) for e in entries] == [
        ("create", "product"), ("update", "product"), ("archive", "product"),
        ("restore", "product")]
    assert entries[0].changes["list_price"] == [None, "10.00"]
    assert entries[1].changes == {"active": [True, False]}


def test_archived_products_leave_the_list_and_come_back(services: Services,
                                                        admin: Actor) -> None:
    kept, gone = add(services, admin, "Kept"), add(services, admin, "Gone")
    archived = services.products.archive_product(admin, gone.id, gone.version).saved
    assert archived.archived
    listed = services.products.list_products(admin, ListQuery()).rows
    assert [r.id for r in listed] == [kept.id]
    everything = services.products.list_products(admin, ListQuery(include_archived=True))
    assert {r.id for r in everything.rows} == {kept.id, gone.id}
    assert services.products.get_product(admin, gone.id).archived  # still readable
    with pytest.raises(ValidationError) as twice:
        services.products.archive_product(admin, gone.id, archived.version)
    assert codes(twice.value) == {"archived": "no_change"}
    restored = services.products.restore_product(admin, gone.id, archived.version).saved
    assert not restored.archived
    assert services.products.count(admin, ListQuery()) == 2


def test_the_list_filters_by_active_category_and_unit_and_searches_pinyin(
        services: Services, admin: Actor) -> None:
    add(services, admin, "不锈钢螺丝", category="五金", unit="box")
    add(services, admin, "安装服务", category="服务", unit="hour", active=False)
    add(services, admin, "Copper wire", category="五金", unit="m")

    def names(**query: object) -> list[str]:
        return [r.name for r in services.products.list_products(admin, ListQuery(
            **query)).rows]  # type: ignore[arg-type]

    assert names() == ["安装服务", "不锈钢螺丝", "Copper wire"]  # an, bu, c
    assert names(filters=(("active", "no"),)) == ["安装服务"]
    assert names(filters=(("category", "五金"),), sort="name", descending=True) == [
        "Copper wire", "不锈钢螺丝"]
    assert names(filters=(("unit", "hour"),)) == ["安装服务"]
    assert names(search="buxiugang") == names(search="bxg") == ["不锈钢螺丝"]
    assert names(search="g000003") == ["Copper wire"]
    assert services.products.list_categories(admin) == ["五金", "服务"]


# --- scope and rights ------------------------------------------------------------------------
def test_products_have_no_record_scope(services: Services, admin: Actor,
                                       make_user: Callable[..., Actor]) -> None:
    """A salesperson (products.view only) sees every product, whoever entered it, and may
    not change any."""
    made = [add(services, admin, f"Product {i}") for i in range(3)]
    seller = make_user("seller", roles=("salesperson",))
    assert services.products.count(seller, ListQuery()) == 3
    assert services.products.get_product(seller, made[0].id).name == "Product 0"
    with pytest.raises(PermissionDenied):
        add(services, seller, "Mine")
    with pytest.raises(PermissionDenied):
        services.products.update_product(seller, made[0].id, 1, {"name": "x"})
    with pytest.raises(PermissionDenied):
        services.products.archive_product(seller, made[0].id, 1)


def test_a_sales_manager_keeps_the_catalogue_but_does_not_remove_from_it(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    manager = make_user("manager", roles=("sales_manager",))
    assert {a for m, a in manager.rights if m == "products"} == {
        "view", "create", "edit", "export"}
    p = add(services, manager, "Manager's", list_price="5")
    p = services.products.update_product(manager, p.id, p.version, {"list_price": "6"}).saved
    assert p.list_price == Decimal("6.00") and p.code == "G000001"
    with pytest.raises(PermissionDenied):
        services.products.archive_product(manager, p.id, p.version)
    admin_rights = {a for m, a in admin.rights if m == "products"}
    assert {"view", "create", "edit", "delete", "export"} <= admin_rights


# --- a product on a new order line -----------------------------------------------------------
def test_only_an_active_product_not_archived_goes_on_a_new_order_line(
        services: Services, admin: Actor) -> None:
    on_sale = add(services, admin, "On sale", code="007")
    stopped = add(services, admin, "Stopped", code="008")
    stopped = services.products.update_product(admin, stopped.id, 1, {"active": False}).saved
    shelved = add(services, admin, "Shelved", code="009")
    services.products.archive_product(admin, shelved.id, 1)
    assert services.products.product_for_new_line(admin, "007").id == on_sale.id
    assert services.products.product_for_new_line(admin, on_sale.id).code == "007"
    for given, code, message in (
            ("008", "inactive_product", "product 008 is inactive"),
            (stopped.id, "inactive_product", "product 008 is inactive"),
            ("009", "archived_product", "product 009 is archived"),
            ("404", "unknown_product", "there is no product '404'")):
        with pytest.raises(ValidationError) as caught:
            services.products.product_for_new_line(admin, given)
        assert {f: (e.code, e.message) for f, e in caught.value.errors.items()} == {
            "product": (code, message)}
    # An order made before keeps its product: reading it is always fine.
    assert services.products.get_product(admin, stopped.id).active is False
    assert services.products.get_product(admin, shelved.id).archived
    # Active again: it may go on new lines again.
    services.products.update_product(admin, stopped.id, stopped.version, {"active": True})
    assert services.products.product_for_new_line(admin, "008").id == stopped.id
