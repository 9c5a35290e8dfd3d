"""Customers: create, validate, refuse duplicates, update, archive, restore, assign owner.

Writes return a ``Changed``; ``changed.saved`` is the customer as saved (a ``Record``: field
values by name, the owner as a ``Ref``)."""

from __future__ import annotations

import string
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.kit.errors import (
    InvalidQuery,
    NotFound,
    PossibleDuplicate,
    ValidationError,
)
from app.logic.kit.fields import Ref
from app.logic.kit.validation import USCC_CHARS, invisible_char, is_valid_uscc, uscc_check_char
from app.logic.services import Services

VALID_USCC = "91350100M000100Y43"
Counts = Callable[[], dict[str, int]]


def create(services: Services, actor: Actor, values: dict[str, Any],
           allow_duplicate: bool = False) -> Record:
    return services.customers.create_customer(actor, values, allow_duplicate).saved


def refused(services: Services, admin: Actor, values: dict[str, Any]) -> dict[str, str]:
    """Create a customer that must be refused; return {field: error code}."""
    with pytest.raises(ValidationError) as caught:
        services.customers.create_customer(admin, values)
    return {field: error.code for field, error in caught.value.errors.items()}


# --- creating -------------------------------------------------------------------------------
def test_codes_are_generated_in_sequence(services: Services, admin: Actor) -> None:
    codes = [create(services, admin, {"name": f"客户{i}"}).code for i in range(3)]
    assert codes == ["C000001", "C000002", "C000003"]


def test_a_new_customer_has_the_defaults_and_belongs_to_its_creator(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    bob = make_user("bob", "Bob Li", roles=("salesperson",))
    created = create(services, bob, {"name": "  北京科技有限公司  "})
    assert created.name == "北京科技有限公司"
    assert (created.status, created.tier, created.kind) == ("prospect", "ordinary", "company")
    assert created.credit_limit == Decimal("0.00")
    assert created.owner == Ref(bob.user_id, "bob", "Bob Li")
    assert created.version == 1 and not created.archived
    assert services.customers.get_customer(bob, created.id) == created


def test_a_creator_who_may_not_own_customers_leaves_the_owner_empty(
        services: Services, admin: Actor) -> None:
    """Only users with a sales role own customers: the administrator's new customer has no
    owner (the administrator sees all customers, so it stays in view)."""
    created = create(services, admin, {"name": "北京科技有限公司"})
    assert created.owner is None and created.ref_id("owner") is None
    assert services.customers.get_customer(admin, created.id) == created


def test_a_given_code_is_kept_upper_case_and_must_be_unique(services: Services,
                                                            admin: Actor) -> None:
    first = create(services, admin, {"name": "Alpha", "code": "vip-01"})
    assert first.code == "VIP-01"
    assert services.customers.get_customer_by_code(admin, "vip-01").id == first.id
    assert refused(services, admin, {"name": "Beta", "code": "VIP-01"}) == {
        "code": "duplicate_code"}


def test_generated_codes_skip_codes_already_taken(services: Services, admin: Actor) -> None:
    create(services, admin, {"name": "Taken", "code": "C000001"})
    assert create(services, admin, {"name": "Next"}).code == "C000002"


@pytest.mark.parametrize(("values", "errors"), [
    ({"name": ""}, {"name": "required"}),
    ({"name": "   "}, {"name": "required"}),
    ({"name": "x" * 201}, {"name": "too_long"}),
    ({"name": "A", "email": "not-an-email"}, {"email": "invalid_email"}),
    ({"name": "A", "email": "a@b"}, {"email": "invalid_email"}),
    ({"name": "A", "phone": "call me"}, {"phone": "invalid_phone"}),
    ({"name": "A", "fax": "12"}, {"fax": "invalid_phone"}),
    ({"name": "A", "postal_code": "#100000"}, {"postal_code": "invalid_postal_code"}),
    ({"name": "A", "website": "not a site"}, {"website": "invalid_website"}),
    ({"name": "A", "tax_id": "91350100M000100Y44"}, {"tax_id": "invalid_uscc"}),
    ({"name": "A", "tax_id": "tax?"}, {"tax_id": "invalid_tax_id"}),
    ({"name": "A", "credit_limit": "-0.01"}, {"credit_limit": "negative"}),
    ({"name": "A", "credit_limit": "100000000000000.00"}, {"credit_limit": "too_large"}),
    ({"name": "A", "credit_limit": "1.001"}, {"credit_limit": "too_precise"}),
    ({"name": "A", "credit_limit": "lots"}, {"credit_limit": "not_a_number"}),
    ({"name": "A", "credit_limit": "NaN"}, {"credit_limit": "not_a_number"}),
    ({"name": "A", "status": "vip"}, {"status": "invalid_choice"}),
    ({"name": "A", "payment_terms_days": "-1"}, {"payment_terms_days": "out_of_range"}),
    ({"name": "A", "owner": 999}, {"owner": "unknown_user"}),
    ({"name": "A", "owner": "nobody-here"}, {"owner": "unknown_user"}),
    ({"name": "A", "owner_id": 999}, {"owner_id": "unknown_field"}),  # fields, not columns
    ({"name": "A", "colour": "red"}, {"colour": "unknown_field"}),
    ({"name": "", "email": "x", "tax_id": "911101087877586438", "credit_limit": "-1"},
     {"name": "required", "email": "invalid_email", "tax_id": "invalid_uscc",
      "credit_limit": "negative"}),
], ids=lambda v: ",".join(v) if isinstance(v, dict) else None)
def test_invalid_input_is_refused_per_field_and_nothing_is_written(
        services: Services, admin: Actor, row_counts: Counts, values: dict[str, Any],
        errors: dict[str, str]) -> None:
    before = row_counts()
    assert refused(services, admin, values) == errors
    assert row_counts() == before  # no customer, no audit entry, no code used up


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("email", "sales@example.com.cn", "sales@example.com.cn"),
    ("phone", "+86 (10) 6512-3456 转 808", "+86 (10) 6512-3456 转 808"),
    ("postal_code", "100000", "100000"),
    ("website", "https://例子.中国/about", "https://例子.中国/about"),
    ("tax_id", "91350100m000100y43", VALID_USCC),
    ("tax_id", "110101199003074477", "110101199003074477"),  # a person's resident id
    ("credit_limit", "1,234,567.5", Decimal("1234567.50")),
    ("notes", "第一行\n第二行\tTab", "第一行\n第二行\tTab"),
])
def test_valid_values_are_stored_normalised(services: Services, admin: Actor, field: str,
                                            value: str, stored: object) -> None:
    created = create(services, admin, {"name": "Valid Ltd", field: value})
    assert getattr(services.customers.get_customer(admin, created.id), field) == stored


# --- duplicates -----------------------------------------------------------------------------
@pytest.mark.parametrize("same", [
    {"name": "北京科技有限公司"}, {"name": "Acme Ltd", "tax_id": VALID_USCC},
    {"name": "Acme Ltd", "phone": "010-12345678"},
], ids=["same name", "same tax id", "same phone"])
def test_a_possible_duplicate_is_reported_and_can_be_confirmed(
        services: Services, admin: Actor, row_counts: Counts, same: dict[str, str]) -> None:
    original = create(services, admin, {"name": "北京科技有限公司", "tax_id": VALID_USCC,
                                        "phone": "010-12345678"})
    before = row_counts()
    with pytest.raises(PossibleDuplicate) as caught:
        services.customers.create_customer(admin, same)
    assert [m.id for m in caught.value.matches] == [original.id]
    assert "C000001" in str(caught.value)
    assert row_counts() == before
    confirmed = create(services, admin, same, allow_duplicate=True)
    assert confirmed.id != original.id


def test_names_match_as_duplicates_regardless_of_case(services: Services, admin: Actor) -> None:
    services.customers.create_customer(admin, {"name": "Acme Trading"})
    with pytest.raises(PossibleDuplicate):
        services.customers.create_customer(admin, {"name": "ACME trading"})


def test_archived_customers_are_not_duplicates(services: Services, admin: Actor) -> None:
    old = create(services, admin, {"name": "Old Name Ltd"})
    services.customers.archive_customer(admin, old.id, old.version)
    assert create(services, admin, {"name": "Old Name Ltd"}).id != old.id


def test_an_edit_that_makes_a_duplicate_is_reported(services: Services, admin: Actor) -> None:
    services.customers.create_customer(admin, {"name": "First Ltd"})
    second = create(services, admin, {"name": "Second Ltd"})
    with pytest.raises(PossibleDuplicate):
        services.customers.update_customer(admin, second.id, 1, {"name": "first ltd"})
    assert services.customers.get_customer(admin, second.id).name == "Second Ltd"
    renamed = services.customers.update_customer(admin, second.id, 1, {"name": "First Ltd"},
                                                 allow_duplicate=True).saved
    assert renamed.name == "First Ltd"


# --- updating, archiving, owners ------------------------------------------------------------
def test_an_update_changes_only_the_given_fields_and_bumps_the_version(
        services: Services, admin: Actor) -> None:
    created = create(services, admin, {"name": "Acme", "city": "北京", "email": "a@acme.cn"})
    changed = services.customers.update_customer(admin, created.id, created.version,
                                                 {"city": "上海", "credit_limit": "500"})
    assert (changed.action, changed.ids, changed.entity) == ("update", (created.id,),
                                                             "customer")
    updated = changed.saved
    assert (updated.city, updated.credit_limit) == ("上海", Decimal("500.00"))
    assert (updated.name, updated.email) == ("Acme", "a@acme.cn")
    assert updated.version == created.version + 1
    assert updated.updated_at >= created.updated_at


def test_an_update_that_changes_nothing_writes_nothing(services: Services, admin: Actor,
                                                       row_counts: Counts) -> None:
    created = create(services, admin, {"name": "Acme", "city": "北京"})
    before = row_counts()
    same = services.customers.update_customer(admin, created.id, 1, {"city": " 北京 "})
    assert same.version == 1 and same.action == "unchanged"
    assert same.saved == created
    assert row_counts() == before


def test_an_invalid_update_is_refused_and_nothing_changes(services: Services, admin: Actor,
                                                          row_counts: Counts) -> None:
    created = create(services, admin, {"name": "Acme"})
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.customers.update_customer(admin, created.id, 1,
                                           {"name": "", "email": "nope", "city": "上海"})
    assert set(caught.value.errors) == {"name", "email"}
    assert services.customers.get_customer(admin, created.id) == created
    assert row_counts() == before


# --- a customer in China has a province and a city; abroad neither is needed -----------------
@pytest.mark.parametrize(("values", "missing"), [
    ({"name": "A", "country": "中国", "city": "上海"}, {"province"}),
    ({"name": "A", "country": "China", "province": "江苏"}, {"city"}),
    ({"name": "A", "country": " CN ", "province": "浙江", "city": ""}, {"city"}),
])
def test_a_chinese_address_begun_must_name_province_and_city(
        services: Services, admin: Actor, row_counts: Counts, values: dict[str, Any],
        missing: set[str]) -> None:
    before = row_counts()
    assert refused(services, admin, values) == {name: "required" for name in missing}
    assert row_counts() == before


def test_a_customer_abroad_or_a_quick_add_needs_no_province(services: Services,
                                                            admin: Actor) -> None:
    uk = create(services, admin, {"name": "Around the Horn", "code": "AROUT", "country": "UK",
                                  "city": "London", "postal_code": "WA1 1DP",
                                  "phone": "(171) 555-7788"})
    assert (uk.country, uk.province, uk.city, uk.postal_code) == ("UK", "", "London",
                                                                  "WA1 1DP")
    quick = create(services, admin, {"name": "杭州包装材料厂"})  # the default country
    assert (quick.country, quick.province, quick.city) == ("中国", "", "")
    full = create(services, admin, {"name": "B", "country": "中国", "province": "广东",
                                    "city": "深圳"})
    assert (full.province, full.city) == ("广东", "深圳")


def test_moving_a_customer_to_china_asks_for_its_province(services: Services, admin: Actor,
                                                          row_counts: Counts) -> None:
    abroad = create(services, admin, {"name": "Tokyo Traders", "country": "Japan",
                                      "city": "Tokyo"})
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        services.customers.update_customer(admin, abroad.id, 1, {"country": "中国"})
    assert set(caught.value.errors) == {"province"}
    assert row_counts() == before
    moved = services.customers.update_customer(
        admin, abroad.id, 1, {"country": "中国", "province": "上海", "city": "上海"}).saved
    assert (moved.country, moved.province, moved.version) == ("中国", "上海", 2)


def test_a_code_cannot_be_emptied_or_taken_from_another(services: Services,
                                                        admin: Actor) -> None:
    create(services, admin, {"name": "One"})
    two = create(services, admin, {"name": "Two"})
    with pytest.raises(ValidationError, match="code"):
        services.customers.update_customer(admin, two.id, 1, {"code": ""})
    with pytest.raises(ValidationError, match="already used"):
        services.customers.update_customer(admin, two.id, 1, {"code": "c000001"})


def test_archive_hides_and_restore_brings_back(services: Services, admin: Actor) -> None:
    created = create(services, admin, {"name": "Acme"})
    archived = services.customers.archive_customer(admin, created.id, created.version)
    assert archived.action == "archive" and archived.saved.archived
    assert archived.version == created.version + 1
    assert services.customers.get_customer(admin, created.id).archived
    assert services.customers.list_customers(admin, ListQuery()).rows == ()
    assert len(services.customers.list_customers(
        admin, ListQuery(include_archived=True)).rows) == 1
    with pytest.raises(ValidationError, match="already archived"):
        services.customers.archive_customer(admin, created.id, archived.version)
    restored = services.customers.restore_customer(admin, created.id, archived.version)
    assert not services.customers.get_customer(admin, created.id).archived
    assert [r.id for r in services.customers.list_customers(admin, ListQuery()).rows] == [
        created.id]
    with pytest.raises(ValidationError, match="already not archived"):
        services.customers.restore_customer(admin, created.id, restored.version)


def test_assigning_an_owner(services: Services, admin: Actor,
                            make_user: Callable[..., Actor]) -> None:
    bob = make_user("bob", "Bob Li", roles=("salesperson",))
    created = create(services, admin, {"name": "Acme"})
    assigned = services.customers.assign_owner(admin, created.id, created.version,
                                               bob.user_id).saved
    assert assigned.owner == Ref(bob.user_id, "bob", "Bob Li")
    nobody = services.customers.assign_owner(admin, created.id, assigned.version, None).saved
    assert nobody.owner is None
    with pytest.raises(ValidationError, match="owner"):
        services.customers.assign_owner(admin, created.id, nobody.version, 424242)
    by_name = services.customers.update_customer(admin, created.id, nobody.version,
                                                 {"owner": "BOB"}).saved
    assert by_name.ref_id("owner") == bob.user_id  # a user name, as the CLI gives it


def test_one_customer_as_a_list_line_matches_the_list(services: Services, admin: Actor,
                                                       make_user: Callable[..., Actor]) -> None:
    bob = make_user("bob", "Bob Li", roles=("salesperson",))
    mine = create(services, admin, {"name": "Bob's Shop", "city": "上海", "owner": "bob",
                                    "credit_limit": "1234.5"})  # finance.credit: the admin's
    theirs = create(services, admin, {"name": "Admin's Shop"})
    [listed] = services.customers.list_customers(bob, ListQuery()).rows
    line = services.customers.get_customer_row(bob, mine.id)
    assert line == listed
    assert (line.owner.label, line.credit_limit) == ("Bob Li", Decimal("1234.50"))
    # The same rights and record scope as the list: a salesperson sees only their own.
    with pytest.raises(NotFound):
        services.customers.get_customer_row(bob, theirs.id)


def test_the_list_filters_by_an_owner_given_by_id_or_user_name(
        services: Services, admin: Actor, make_user: Callable[..., Actor]) -> None:
    bob = make_user("bob", "Bob Li", roles=("salesperson",))
    mine = create(services, bob, {"name": "Bob's Shop"})
    create(services, admin, {"name": "Nobody's Shop"})
    for owner in (bob.user_id, "bob", "BOB"):
        query = ListQuery(filters=(("owner", owner),))
        assert [r.id for r in services.customers.list_customers(admin, query).rows] == [
            mine.id]
        assert services.customers.count_customers(admin, query) == 1
    with pytest.raises(InvalidQuery, match="no user 'nobody'"):
        services.customers.list_customers(admin, ListQuery(filters=(("owner", "nobody"),)))


def test_missing_customers_are_not_found(services: Services, admin: Actor) -> None:
    with pytest.raises(NotFound):
        services.customers.get_customer(admin, 424242)
    with pytest.raises(NotFound):
        services.customers.update_customer(admin, 424242, 1, {"city": "x"})
    with pytest.raises(NotFound):
        services.customers.get_customer_by_code(admin, "NOPE")


def test_the_list_pages_through_every_customer(services: Services, admin: Actor) -> None:
    for i in range(7):
        create(services, admin, {"name": f"Customer {i}"}, True)
    seen, after = [], None
    while True:
        page = services.customers.list_customers(admin, ListQuery(sort="code"), after, 3)
        seen += [r.code for r in page.rows]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == [f"C00000{i}" for i in range(1, 8)]
    assert services.customers.count_customers(admin, ListQuery()) == 7


# --- validators, for any input --------------------------------------------------------------
first17 = st.text(alphabet=USCC_CHARS, min_size=17, max_size=17)


@given(first17)
def test_any_17_characters_with_their_check_character_are_a_valid_code(body: str) -> None:
    assert is_valid_uscc(body + uscc_check_char(body))


@given(first17, st.integers(0, 17), st.sampled_from(USCC_CHARS + "IOSVZ" + string.digits))
def test_changing_any_one_character_makes_the_code_invalid(body: str, position: int,
                                                           replacement: str) -> None:
    code = body + uscc_check_char(body)
    assume(code[position] != replacement)
    changed = code[:position] + replacement + code[position + 1:]
    assert not is_valid_uscc(changed)


def test_the_published_example_is_valid() -> None:
    assert is_valid_uscc(VALID_USCC) and uscc_check_char(VALID_USCC[:17]) == "3"


SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=200)
TRICKY_NAMES = st.sampled_from([
    "Robert'); DROP TABLE customers;--", "100% Pure_Ltd \"Q\"", "😀 Emoji 商行 🚀",
    "Ελληνική Εταιρεία 北京 Москва", "O'Brien & Sons", "\\x00 not a nul", "ＦＵＬＬＷＩＤＴＨ",
    "עברית עם English", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(TRICKY_NAMES, SAFE_TEXT, st.text(max_size=60)))
def test_any_name_is_stored_verbatim_or_refused_cleanly(services: Services, admin: Actor,
                                                        name: str) -> None:
    try:
        created = create(services, admin, {"name": name}, allow_duplicate=True)
    except ValidationError as error:
        assert set(error.errors) == {"name"}
        assert (not name.strip() or len(name.strip()) > 200
                or any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
                       for c in name.strip())
                or invisible_char(name.strip()))  # bidi controls, zero-width, U+2028
        return
    assert created.name == name.strip()
    assert services.customers.get_customer(admin, created.id).name == name.strip()


@pytest.mark.parametrize("name", ["Bad\x00Name", "Tab\tName", "Bell\x07", "Line\nBreak",
                                  "Del\x7fete", "C1\x85Control"])
def test_control_characters_in_a_name_are_refused(services: Services, admin: Actor,
                                                  name: str) -> None:
    assert refused(services, admin, {"name": name}) == {"name": "control_chars"}
