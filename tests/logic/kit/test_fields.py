"""Field declarations drive normalisation: one line per field says what a value may be, and
every kind turns raw input (a form's text, a CLI ``--set``) into its stored form or a
per-field error code. The entity checks names (unknown, read-only), fills defaults and
requires what must be given; lists' filters and sorts are checked against it too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.logic.admin import USER
from app.logic.customers import CUSTOMER
from app.logic.kit import fields as f
from app.logic.kit.dto import Actor
from app.logic.kit.entity import Entity
from app.logic.kit.errors import FieldError, InvalidQuery, ValidationError
from app.logic.kit.fields import Label, Ref
from app.logic.kit.validation import Checker
from app.logic.services import Services
from app.logic.suppliers import SUPPLIED

VALID_USCC = "91350100M000100Y43"
RESIDENT_ID = "110101199003074477"

THING = Entity(
    name="thing", module="things", label=Label("Thing", "东西"), plural=Label("Things", "东西"),
    key="code", scope="",
    fields=(
        f.text("name", "Name", "名称", 10, required=True, sortable=True),
        f.text("code", "Code", "编号", 8, kind="code"),
        f.notes("notes", "Notes", "备注", 50),
        f.lines("address", "Address", "地址", 30),
        f.text("phone", "Phone", "电话", 40, kind="phone"),
        f.text("email", "E-mail", "电子邮件", 254, kind="email"),
        f.text("postal_code", "Postal code", "邮政编码", 16, kind="postal_code"),
        f.text("website", "Website", "网址", 254, kind="website"),
        f.text("tax_id", "Tax ID", "税号", 32, kind="tax_id"),
        f.choice("colour", "Colour", "颜色", (("red", "Red", "红"), ("blue", "Blue", "蓝")),
                 default="red", filterable=True, sortable=True),
        f.choice("size", "Size", "尺寸", (("s", "Small", "小"), ("l", "Large", "大")),
                 required=False, filterable=True),
        f.money("price", "Price", "价格"),
        f.money("deposit", "Deposit", "押金", default=None),
        f.integer("count", "Count", "数量", 1, 99, default=1),
        f.integer("rank", "Rank", "排名", -5, 5),
        f.boolean("ok", "OK", "正常"),
        f.day("due", "Due", "到期日"),
        f.reference("owner", "Owner", "负责人", "user", filterable=True),
        f.moment("created_at", "Created", "创建时间", sortable=True),
    ),
    default_sort="name",
)


def normalise(name: str, value: Any) -> tuple[Any, str | None]:
    """(stored value, error code or None) for one field of THING."""
    c = Checker()
    stored = THING.field(name).normalise(c, value)
    error = c.errors.get(name)
    return stored, error.code if error else None


def cases(name: str, *rows: tuple[Any, Any, str | None]) -> list[Any]:
    return [pytest.param(name, raw, stored, code, id=f"{name}={raw!r}")
            for raw, stored, code in rows]


@pytest.mark.parametrize(("name", "raw", "stored", "code"), [
    *cases("name", ("  Acme  ", "Acme", None), ("x" * 10, "x" * 10, None),
           ("x" * 11, "x" * 11, "too_long"), ("", "", "required"), ("   ", "", "required"),
           (None, "", "required"), ("a\x00b", "a\x00b", "control_chars"),
           ("tab\there", "tab\there", "control_chars"), ("line\nbreak", None, "control_chars"),
           ("c1\x85c2", "c1\x85c2", "control_chars"), ("北京 😀", "北京 😀", None),
           (123, "123", None)),
    *cases("address", ("Dept. 7\n2100 Paul Revere", "Dept. 7\n2100 Paul Revere", None),
           ("x" * 31, "x" * 31, "too_long"),
           ("bell\x07", "bell\x07", "control_chars")),
    *cases("deposit", ("", Decimal("0.00"), None), ("12.5", Decimal("12.50"), None)),
    *cases("notes", ("第一行\n第二行\tTab", "第一行\n第二行\tTab", None),
           ("bell\x07", "bell\x07", "control_chars"), ("x" * 51, "x" * 51, "too_long"),
           ("", "", None)),
    *cases("code", ("vip-01", "VIP-01", None), ("  ab_9 ", "AB_9", None), ("", "", None),
           ("a b", "A B", "invalid_code"), ("x" * 9, "X" * 9, "too_long"),
           ("编号", "编号", "invalid_code")),
    *cases("phone", ("+86 (10) 6512-3456 转 808", "+86 (10) 6512-3456 转 808", None),
           ("010-1234 ext 5", "010-1234 ext 5", None), ("call me", "call me", "invalid_phone"),
           ("12", "12", "invalid_phone"), ("", "", None)),
    *cases("email", ("sales@example.com.cn", "sales@example.com.cn", None),
           ("a@b", "a@b", "invalid_email"), ("no at.cn", "no at.cn", "invalid_email")),
    *cases("postal_code", ("100000", "100000", None), ("SW1A 1AA", "SW1A 1AA", None),
           ("#100000", "#100000", "invalid_postal_code")),
    *cases("website", ("https://例子.中国/about", "https://例子.中国/about", None),
           ("example.com", "example.com", None), ("not a site", "not a site", "invalid_website")),
    *cases("tax_id", ("91350100m000100y43", VALID_USCC, None),
           ("9135 0100 M000 100Y 43", VALID_USCC, None), (RESIDENT_ID, RESIDENT_ID, None),
           ("91350100M000100Y44", "91350100M000100Y44", "invalid_uscc"),
           ("tax?", "TAX?", "invalid_tax_id"), ("123-456-789", "123-456-789", None),
           # Any other tax number is taken as written: a VAT number, a CNPJ, an old id.
           ("gb 123 4567 89", "GB123456789", None),
           ("12.345.678/0001-95", "12.345.678/0001-95", None), ("ALFKI", "ALFKI", None),
           ("ABCDEFGHJKLMNPQRTU", "ABCDEFGHJKLMNPQRTU", "invalid_uscc"),
           ("GB_123", "GB_123", "invalid_tax_id"),
           ("", "", None)),
    *cases("colour", ("blue", "blue", None), (" red ", "red", None),
           ("green", "green", "invalid_choice"), ("Blue", "Blue", "invalid_choice"),
           ("", "", "invalid_choice")),
    *cases("size", ("l", "l", None), ("", "", None), (None, "", None),
           ("xl", "xl", "invalid_choice")),
    *cases("price", ("1,234,567.5", Decimal("1234567.50"), None),
           ("0.1", Decimal("0.10"), None), (Decimal("99999999999999.99"),
                                            Decimal("99999999999999.99"), None),
           ("", Decimal("0.00"), None), (12, Decimal("12.00"), None),
           ("1.001", Decimal("0.00"), "too_precise"), ("-0.01", Decimal("0.00"), "negative"),
           ("100000000000000.00", Decimal("0.00"), "too_large"),
           ("lots", Decimal("0.00"), "not_a_number"), ("NaN", Decimal("0.00"), "not_a_number"),
           ("Infinity", Decimal("0.00"), "not_a_number")),
    *cases("count", ("7", 7, None), (99, 99, None), ("100", 100, "out_of_range"),
           ("0", 0, "out_of_range"), ("seven", 1, "not_an_integer"),
           ("1.5", 1, "not_an_integer")),
    *cases("rank", ("-5", -5, None), ("", None, None), (None, None, None),
           ("6", 6, "out_of_range")),
    *cases("ok", (True, True, None), ("yes", True, None), ("Y", True, None), ("1", True, None),
           ("on", True, None), ("true", True, None), ("no", False, None), ("0", False, None),
           ("", False, None), ("off", False, None), ("maybe", False, "not_a_boolean")),
    *cases("due", ("2026-12-04", date(2026, 12, 4), None), (date(2026, 1, 1),
                                                            date(2026, 1, 1), None),
           ("", None, None), ("2026-02-30", None, "invalid_date"),
           ("tomorrow", None, "invalid_date")),
    *cases("owner", (7, 7, None), ("sales1", "sales1", None), (" C000123 ", "C000123", None),
           (Ref(3, "bob", "Bob Li"), 3, None), ("", None, None), (None, None, None)),
])
def test_each_kind_normalises_or_names_the_problem(name: str, raw: Any, stored: Any,
                                                    code: str | None) -> None:
    got, error = normalise(name, raw)
    assert error == code
    if stored is not None or code is None:
        assert got == stored
    if isinstance(stored, Decimal):
        assert got.as_tuple().exponent == -2  # money keeps exactly two places


def test_a_required_reference_must_be_given() -> None:
    c = Checker()
    assert SUPPLIED.field("product").normalise(c, "") is None
    assert c.errors == {"product": FieldError("required", "is required")}


# --- the entity -----------------------------------------------------------------------------
def codes(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {name: error.code for name, error in caught.value.errors.items()}


def test_unknown_and_read_only_fields_are_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        THING.normalise({"name": "A", "colour_id": "red", "created_at": "2026-01-01"})
    assert codes(caught) == {"colour_id": "unknown_field", "created_at": "read_only"}
    with pytest.raises(ValidationError) as caught:
        USER.normalise({"roles": "admin"})  # roles are set by their own use case
    assert codes(caught) == {"roles": "read_only"}
    with pytest.raises(ValidationError) as caught:
        CUSTOMER.normalise({"owner_id": 3})  # field names, not columns
    assert codes(caught) == {"owner_id": "unknown_field"}


def test_creating_fills_the_defaults_and_requires_what_must_be_given() -> None:
    clean = THING.normalise({"name": " Acme "}, creating=True)
    assert clean == {"name": "Acme", "colour": "red", "price": Decimal("0.00"), "count": 1,
                     "ok": False}
    with pytest.raises(ValidationError) as caught:
        THING.normalise({"price": "-1"}, creating=True)
    assert codes(caught) == {"name": "required", "price": "negative"}
    customer = CUSTOMER.normalise({"name": "北京科技有限公司"}, creating=True)
    assert {k: customer[k] for k in ("status", "tier", "kind", "payment_terms_days",
                                     "credit_limit", "tier_override")} == {
        "status": "prospect", "tier": "ordinary", "kind": "company",
        "payment_terms_days": 30, "credit_limit": Decimal("0.00"), "tier_override": False}


def test_changing_touches_only_the_given_fields() -> None:
    assert THING.normalise({"price": "5"}) == {"price": Decimal("5.00")}
    assert THING.normalise({}) == {}
    with pytest.raises(ValidationError) as caught:
        THING.normalise({"name": ""})  # given empty: still required
    assert codes(caught) == {"name": "required"}


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        CUSTOMER.normalise({"name": "", "email": "x", "tax_id": "911101087877586438",
                            "credit_limit": "-1", "status": "vip"}, creating=True)
    assert codes(caught) == {"name": "required", "email": "invalid_email",
                             "tax_id": "invalid_uscc", "credit_limit": "negative",
                             "status": "invalid_choice"}


# --- filters and sorts ----------------------------------------------------------------------
def test_a_filter_value_is_stored_form_and_checked() -> None:
    assert THING.filter_value("colour", "blue") == "blue"
    assert THING.filter_value("owner", "7") == "7"  # a key: the service looks it up
    assert CUSTOMER.filter_value("status", "active") == "active"
    assert CUSTOMER.filter_value("owner", 3) == 3


@pytest.mark.parametrize(("entity", "name", "value", "named"), [
    (CUSTOMER, "status", "bogus", ("prospect", "active", "dormant", "lost", "'bogus'")),
    (CUSTOMER, "tier", "", ("premium", "major", "ordinary", "restricted", "potential")),
    (CUSTOMER, "nosuchfield", "x", ("'nosuchfield'", "status", "tier", "owner", "city")),
    (CUSTOMER, "name", "Acme", ("'name'", "status")),  # a field, but not a filter
    (THING, "size", "xl", ("s, l",)),
    (THING, "name", "x", ("filters: colour, size, owner",)),
])
def test_an_unknown_filter_or_value_names_the_valid_ones(entity: Entity, name: str,
                                                         value: str,
                                                         named: tuple[str, ...]) -> None:
    with pytest.raises(InvalidQuery) as caught:
        entity.filter_value(name, value)
    assert caught.value.exit_code == 2  # a usage error, never an empty list
    for word in named:
        assert word in str(caught.value)


def test_sorts_are_checked_and_aliases_kept() -> None:
    assert CUSTOMER.sort_value("") == "name"
    assert CUSTOMER.sort_value("city") == "city"
    assert CUSTOMER.sort_value("updated") == "updated_at"  # the sort's older name
    assert THING.sort_value("created_at") == "created_at"
    with pytest.raises(InvalidQuery) as caught:
        CUSTOMER.sort_value("nosuch")
    assert "'nosuch'" in str(caught.value)
    assert all(s in str(caught.value) for s in ("name", "code", "status", "tier", "owner",
                                                 "city", "created_at", "updated_at"))
    with pytest.raises(InvalidQuery, match="sorts: name, colour, created_at"):
        THING.sort_value("price")  # a field, but not a sort


# --- what `kehu <module> fields --json` prints ----------------------------------------------
def test_describe_says_what_each_field_takes() -> None:
    described = {d["name"]: d for d in CUSTOMER.describe()}
    assert list(described) == [x.name for x in CUSTOMER.fields]
    assert described["credit_limit"] == {
        "name": "credit_limit", "type": "money", "required": False,
        "label": {"en": "Credit limit", "zh": "信用额度"}, "default": "0.00"}
    assert described["name"] == {"name": "name", "type": "text", "required": True,
                                 "label": {"en": "Name", "zh": "名称"}, "length": 200}
    assert described["payment_terms_days"]["range"] == [0, 3650]
    assert described["payment_terms_days"]["default"] == 30
    assert described["status"]["choices"][0] == {"value": "prospect", "en": "Prospect",
                                                  "zh": "意向客户"}
    assert described["status"]["default"] == "prospect"
    assert described["owner"]["type"] == "reference"
    assert described["owner"]["references"] == "user"
    assert described["tax_id"]["type"] == "tax_id"
    assert described["created_at"]["read_only"] is True
    assert "read_only" not in described["name"]
    assert {d["type"] for d in described.values()} <= set(f.KINDS)


# --- references, resolved by the service -----------------------------------------------------
def test_a_reference_is_taken_by_id_or_by_key(services: Services, admin: Actor,
                                              make_user: Callable[..., Actor]) -> None:
    sales = make_user("sales1", "王伟", roles=("salesperson",))
    by_key = services.customers.create(admin, {"name": "Alpha", "owner": "SALES1"}).saved
    by_id = services.customers.create(admin, {"name": "Beta", "owner": sales.user_id}).saved
    assert by_key.owner == by_id.owner == Ref(sales.user_id, "sales1", "王伟")
    contact = services.contacts.create(admin, {"name": "李娜", "customer": by_key.code}).saved
    assert contact.customer == Ref(by_key.id, by_key.code, "Alpha")
    assert services.contacts.create(admin, {"name": "张敏", "customer": by_id.id}
                                    ).saved.ref_id("customer") == by_id.id
    for value, kind in (("C999999", "customer"), (424242, "customer")):
        with pytest.raises(ValidationError) as caught:
            services.contacts.create(admin, {"name": "x", "customer": value})
        assert codes(caught) == {"customer": f"unknown_{kind}"}
