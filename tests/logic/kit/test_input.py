"""Input that used to crash or stall: searches are limited in length and words before any
database sees them; NUL and lone surrogates are usage errors, not internal ones; single-line
text refuses bidirectional controls and zero-width characters; a phone needs digits; numbers
take ASCII and full-width digits and nothing else Python would."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.logic.audit import AuditFilter
from app.logic.customers import CUSTOMER
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import InvalidQuery, InvalidSearch, ValidationError
from app.logic.kit.export import ExportSpec
from app.logic.kit.validation import (
    SEARCH_MAX_CHARS,
    SEARCH_MAX_TERMS,
    Checker,
    check_search,
    whole_number,
)
from app.logic.services import Services

LONGEST = "x" * SEARCH_MAX_CHARS
MOST_WORDS = " ".join(f"w{n}" for n in range(SEARCH_MAX_TERMS))


# --- searches ------------------------------------------------------------------------------
@pytest.mark.parametrize(("search", "code", "said"), [
    ("x" * 50_010, "too_long", "this one has 50,010 characters and 1 word"),
    (LONGEST + "y", "too_long", "201 characters"),
    (" ".join(["ab"] * 600), "too_long", "this one has 1,799 characters and 600 words"),
    (" ".join(["a"] * 17), "too_many_terms", "33 characters and 17 words"),
    (MOST_WORDS + " one-more", "too_many_terms", "17 words"),
    ("ab\x00c", "control_chars", "control characters"),
    ("ab\ud800", "control_chars", "control characters"),
    ("ab\x1bc", "control_chars", "control characters"),
])
def test_a_search_over_the_limits_is_refused_naming_them(search: str, code: str,
                                                         said: str) -> None:
    with pytest.raises(InvalidSearch) as refused:
        check_search(search)
    assert refused.value.code == code
    assert said in str(refused.value)
    if code != "control_chars":
        assert "at most 200 characters and 16 words" in str(refused.value)
    assert isinstance(refused.value, InvalidQuery)  # a usage error: exit 2 in the CLI
    assert refused.value.exit_code == 2


def test_a_search_at_the_limits_is_taken_stripped() -> None:
    assert check_search(f"  {LONGEST}\t") == LONGEST
    assert check_search(MOST_WORDS) == MOST_WORDS
    assert check_search("北京\n伟") == "北京\n伟"  # a line break separates words
    assert check_search("   ") == ""


def refused_by_every_list(services: Services, admin: Actor, tmp_path: Path,
                          search: str) -> list[str]:
    """The lists that did NOT refuse ``search`` with InvalidSearch."""
    query = ListQuery(search=search)
    calls: dict[str, Any] = {
        "customers page": lambda: services.customers.list_page(admin, query),
        "customers count": lambda: services.customers.count(admin, query),
        "customers rows": lambda: list(services.customers.rows(admin, query)),
        "customers export": lambda: services.customers.export(
            admin, ExportSpec(query, ("code", "name"), "en"), tmp_path / "c.xlsx"),
        "contacts page": lambda: services.contacts.list_page(admin, query),
        "users rows": lambda: list(services.users.rows(admin, query)),
        "audit list": lambda: services.audit.list_audit_entries(
            admin, AuditFilter(text=search)),
        "audit count": lambda: services.audit.count_audit_entries(
            admin, AuditFilter(text=search)),
    }
    missed = []
    for name, call in calls.items():
        try:
            call()
        except InvalidSearch:
            continue
        missed.append(name)
    return missed


@pytest.mark.parametrize("search", [
    "x" * 50_010,  # SQLite: "LIKE or GLOB pattern too complex"
    " ".join(f"w{n}" for n in range(600)),  # SQLite: "Expression tree is too large"
    "ab\x00c",  # SQLite: "unterminated string"; PostgreSQL refuses NUL in text
    "ab\ud800",  # UnicodeEncodeError in the driver
], ids=["50010-bytes", "600-words", "nul", "surrogate"])
def test_every_list_refuses_such_a_search_before_the_database(
        services: Services, admin: Actor, tmp_path: Path, search: str) -> None:
    services.customers.create_customer(admin, {"name": "Searched Ltd"},
                                       contacts=[{"name": "王伟"}])
    assert refused_by_every_list(services, admin, tmp_path, search) == []


def test_searches_at_the_limits_run_on_every_list(services: Services, admin: Actor) -> None:
    services.customers.create_customer(admin, {"name": "Searched Ltd", "phone": "010-1234"})
    for search in (LONGEST, MOST_WORDS, "-" * SEARCH_MAX_CHARS, "0755-8 " * SEARCH_MAX_TERMS,
                   "伟" * SEARCH_MAX_CHARS, "%_\\" * (SEARCH_MAX_CHARS // 3)):
        query = ListQuery(search=search)
        assert services.customers.list_page(admin, query).rows == ()
        assert services.customers.count(admin, query) == 0
        assert services.contacts.list_page(admin, query).rows == ()
        assert list(services.users.rows(admin, query)) == []
        assert services.audit.list_audit_entries(admin, AuditFilter(text=search)) == []


# --- NUL and lone surrogates in filters and keys -------------------------------------------
@pytest.mark.parametrize("bad", ["a\x00", "a\ud800"])
@pytest.mark.parametrize("name", ["owner", "city", "status"])
def test_a_filter_with_nul_or_a_lone_surrogate_is_a_usage_error(
        services: Services, admin: Actor, name: str, bad: str) -> None:
    with pytest.raises(InvalidQuery):
        services.customers.count(admin, ListQuery(filters=((name, bad),)))


@pytest.mark.parametrize("bad", ["C000001\x00", "C\ud800"])
def test_a_key_with_nul_or_a_lone_surrogate_is_a_usage_error(
        services: Services, admin: Actor, bad: str) -> None:
    services.customers.create_customer(admin, {"name": "Keyed Ltd"})
    with pytest.raises(InvalidQuery, match="control characters"):
        services.customers.get_by_key(admin, bad)
    with pytest.raises(InvalidQuery, match="control characters"):
        services.customers.id_of(admin, bad)


@pytest.mark.parametrize("bad", ["sales1\x00", "sales\ud800"])
def test_a_reference_set_with_nul_or_a_lone_surrogate_is_a_field_error(
        services: Services, admin: Actor, bad: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.customers.create_customer(admin, {"name": "Owned Ltd", "owner": bad})
    assert refused.value.errors["owner"].code == "control_chars"


# --- invisible characters in text ----------------------------------------------------------
INVISIBLE = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u200e", "\u200f",
             "\u2066", "\u2067", "\u2068", "\u2069", "\u061c",
             "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def error_of(name: str, value: Any) -> tuple[Any, str | None]:
    c = Checker()
    got = CUSTOMER.field(name).normalise(c, value)
    problem = c.errors.get(name)
    return got, problem.code if problem else None


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda ch: f"U+{ord(ch):04X}")
@pytest.mark.parametrize("name", ["name", "short_name", "city", "address", "email",
                                  "bank_account", "notes"])
def test_single_line_text_and_notes_refuse_bidi_and_zero_width_characters(
        name: str, ch: str) -> None:
    assert error_of(name, f"Acme{ch}gnp.exe")[1] == "invisible_chars"


def test_the_message_names_the_character() -> None:
    with pytest.raises(ValidationError, match=r"name: .*direction-changing.*\(U\+202E\)"):
        CUSTOMER.normalise({"name": "Acme\u202egnp.exe"}, creating=True)


def test_notes_keep_line_breaks_and_tabs_but_single_line_text_does_not() -> None:
    assert error_of("notes", "line one\r\nline two\tend") == ("line one\r\nline two\tend",
                                                               None)
    assert error_of("notes", "a\x00b")[1] == "control_chars"
    assert error_of("address", "line one\nline two")[1] == "control_chars"
    assert error_of("address", "a\tb")[1] == "control_chars"
    assert error_of("address", "one\u2028two")[1] == "invisible_chars"
    assert error_of("address", "a\x85b")[1] == "control_chars"  # C1: NEXT LINE
    assert error_of("address", "a\ud800b")[1] == "control_chars"


def test_ordinary_text_of_every_script_is_kept() -> None:
    for text in ("北京科技有限公司", "Müller & Söhne GmbH", "شركة", "Ελληνικά", "株式会社",
                 "O'Brien (UK) Ltd.", "李 ·  伟"):
        assert error_of("name", text) == (text, None)


# --- phones --------------------------------------------------------------------------------
@pytest.mark.parametrize("phone", ["-----", "()", "...", "+ ( ) -", "12", "1-2", "- - 1 2"])
def test_a_phone_needs_digits(phone: str) -> None:
    assert error_of("phone", phone)[1] == "invalid_phone"


@pytest.mark.parametrize("phone", ["010-81234567", "+86 (10) 6512-3456 转 808",
                                   "13800138000", "(171) 555-7788", "030-0074321", "110",
                                   "0755-8123 4567 ext 12", "+49 30 1234567"])
def test_phones_people_write_are_kept(phone: str) -> None:
    assert error_of("phone", phone) == (phone, None)


def test_the_fax_and_contacts_phones_need_digits_too(services: Services,
                                                      admin: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        services.customers.create_customer(admin, {"name": "Fax Ltd", "fax": "-----"})
    assert refused.value.errors["fax"].code == "invalid_phone"
    customer = services.customers.create_customer(admin, {"name": "Phones Ltd"}).saved
    with pytest.raises(ValidationError) as refused:
        services.contacts.create(admin, {"name": "Li", "customer": customer.code,
                                         "mobile": "----"})
    assert refused.value.errors["mobile"].code == "invalid_phone"


# --- numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "stored"), [
    ("５００", Decimal("500.00")), ("５００．５", Decimal("500.50")),
    ("５０，０００．００", Decimal("50000.00")), ("1,000", Decimal("1000.00")),
    (" 12.5 ", Decimal("12.50")), (".5", Decimal("0.50")), ("7.", Decimal("7.00")),
    (Decimal("1E+2"), Decimal("100.00")), (250, Decimal("250.00")), (0.1, Decimal("0.10")),
])
def test_money_takes_ascii_and_full_width_digits(raw: Any, stored: Decimal) -> None:
    got, problem = error_of("credit_limit", raw)
    assert (got, problem) == (stored, None)
    assert got.as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["1_000", "1_000.00", "٥٠٠", "۵۰۰", "५००", "১০০", "1e3",
                                 "1E+2", "0x10", "５００円", "+-5", "1 000", "½", "²", True])
def test_money_refuses_other_digits_underscores_and_exponents(raw: Any) -> None:
    assert error_of("credit_limit", raw) == (Decimal("0.00"), "not_a_number")


def test_a_negative_full_width_amount_is_negative_not_garbage() -> None:
    assert error_of("credit_limit", "－５")[1] == "negative"


@pytest.mark.parametrize(("raw", "stored"), [
    ("３０", 30), (" 45 ", 45), ("+60", 60), (90, 90), ("０", 0),
])
def test_integers_take_ascii_and_full_width_digits(raw: Any, stored: int) -> None:
    assert error_of("payment_terms_days", raw) == (stored, None)


@pytest.mark.parametrize("raw", ["1_000", "٣٠", "३०", "30.0", "3e1", "thirty", "", "²",
                                 True, 30.0])
def test_integers_refuse_anything_else(raw: Any) -> None:
    assert error_of("payment_terms_days", raw)[1] == "not_an_integer"


def test_whole_number_is_strict() -> None:
    assert whole_number("１２３") == 123
    assert whole_number("－７") == -7
    assert whole_number("9" * 5000) is None  # more digits than int() converts
    assert [whole_number(t) for t in ("1_0", "٣", "1.0", "", "-", "0x1")] == [None] * 6
