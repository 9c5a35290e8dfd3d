"""Customer search on a real SQLite database created by the migrations."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from app.data.customers import Customer
from app.data.database import Database, open_database
from app.data.kit import search as search_module
from app.data.kit.search import (
    CJK_RUN,
    WORD,
    build_search_key,
    phone_parts,
    pinyin_of_joined,
    pinyin_of_run,
    pinyin_of_text,
    plan_search,
    term_variants,
)
from app.logic.admin import AuthService
from app.logic.contacts import ContactService
from app.logic.customers import CustomerService
from app.logic.kit.dto import Actor, ListQuery

PASSWORD = "secret123"


class Shop:
    """The services over one database, signed in as an administrator."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.customers = CustomerService(db.unit_of_work)
        self.contacts = ContactService(db.unit_of_work)
        auth = AuthService(db.unit_of_work)
        auth.create_admin("admin", PASSWORD)
        self.actor: Actor = auth.login("admin", PASSWORD)

    def add(self, name: str, **values: object) -> int:
        return self.customers.create_customer(self.actor, {"name": name, **values},
                                              allow_duplicate=True).saved.id

    def found(self, search: str, include_archived: bool = False) -> list[str]:
        page = self.customers.list_customers(
            self.actor, ListQuery(search=search, include_archived=include_archived))
        return [row.name for row in page.rows]

    def found_ids(self, search: str) -> set[int]:
        page = self.customers.list_customers(self.actor, ListQuery(search=search))
        return {row.id for row in page.rows}


@pytest.fixture
def shop(tmp_path: Path, sqlite_template: Path, quick_hashing: None) -> Iterator[Shop]:
    """A copy of the migrated template (migrating afresh costs half a second a test)."""
    shutil.copyfile(sqlite_template, tmp_path / "t.db")
    db = open_database(f"sqlite:///{tmp_path / 't.db'}")
    yield Shop(db)
    db.dispose()


# Thresholds that force each way of running a search (search.plan_search): the small test
# databases would otherwise always drive from the hits. All three must find the same rows.
PLANS = {"drive": {},
         "walk": {"PROBE_HITS": 0, "DRIVE_HITS": -1, "SCAN_SHARE": 2.0},
         "scan": {"PROBE_HITS": 0, "DRIVE_HITS": -1, "SCAN_SHARE": -1.0}}


@pytest.fixture(params=sorted(PLANS))
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    for name, value in PLANS[request.param].items():
        monkeypatch.setattr(search_module, name, value)
    return request.param


@pytest.fixture
def beijing(shop: Shop) -> int:
    customer_id = shop.add("北京科技有限公司", phone="010-12345678", city="北京")
    shop.add("上海贸易有限公司", city="上海")
    shop.contacts.add_contact(shop.actor, customer_id, {"name": "王伟", "mobile": "13812345678"})
    shop.contacts.add_contact(shop.actor, customer_id,
                              {"name": "Pat O'Brien", "mobile": "139 0000 1111"})
    return customer_id


@pytest.mark.parametrize("search", ["bjkj", "beijing", "北京", "BeiJing", "bj", "京科", "伟",
                                    "王伟", "wangwei", "13812", "O'Brien", "o'brien",
                                    "010-1234", "01012345678", "139 0000"])
def test_finds_the_customer_by_pinyin_chinese_phone_and_contact(shop: Shop, beijing: int,
                                                                 search: str, plan: str) -> None:
    assert shop.found(search) == ["北京科技有限公司"]


def test_wildcards_and_quotes_are_searched_literally(shop: Shop, plan: str) -> None:
    shop.add("100% Pure Ltd")
    shop.add("Under_Score Co")
    shop.add('Say "Hi" Inc')
    shop.add("Plain Trading 100 Ltd")
    assert shop.found("%") == ["100% Pure Ltd"]
    assert shop.found("_") == ["Under_Score Co"]
    assert shop.found('"') == ['Say "Hi" Inc']
    assert shop.found('"hi"') == ['Say "Hi" Inc']
    assert shop.found("0%") == ["100% Pure Ltd"]
    assert shop.found("r_s") == ["Under_Score Co"]


def test_a_row_holding_a_terms_trigrams_apart_is_not_found(shop: Shop, plan: str) -> None:
    """The trigram index keeps no positions: it finds every row holding all of a term's
    trigrams, and the search keeps only the rows that hold the term itself."""
    shop.add("Zhan Hangwe Wei Co")  # zha han ang ngw gwe wei, but never zhangwei
    shop.add("张伟贸易")  # its pinyin: zhangweimaoyi
    shop.add("13800 99812 55381")  # 138 381 812, but never 13812
    assert shop.found("zhangwei") == ["张伟贸易"]
    assert shop.found("13812") == []
    assert sorted(shop.found("hang")) == ["Zhan Hangwe Wei Co", "张伟贸易"]
    assert shop.found("812") == ["13800 99812 55381"]
    assert shop.customers.count_customers(shop.actor, ListQuery(search="zhangwei")) == 1


def test_terms_are_combined_with_and(shop: Shop, beijing: int, plan: str) -> None:
    assert shop.found("beijing 13812") == ["北京科技有限公司"]
    assert shop.found("北京 王伟") == ["北京科技有限公司"]
    assert shop.found("beijing 99999") == []
    assert shop.found("上海 王伟") == []


def test_polyphones_are_read_in_context(shop: Shop) -> None:
    shop.add("重庆银行", city="重庆")
    assert pinyin_of_text("重庆银行") == ("chongqingyinhang", "cqyh")
    for search in ("chongqing", "yinhang", "cqyh", "重庆", "银行", "chongqingyinhang"):
        assert shop.found(search) == ["重庆银行"], search
    assert shop.found("zhongqing") == []
    assert shop.found("yinxing") == []


def test_updating_a_contact_updates_the_search(shop: Shop, beijing: int) -> None:
    contact = shop.contacts.list_contacts(shop.actor, beijing)[0]
    shop.contacts.update_contact(shop.actor, contact.id, contact.version,
                                 {"name": "李娜", "mobile": "15000001234"})
    assert shop.found("15000001234") == ["北京科技有限公司"]
    assert shop.found("lina") == ["北京科技有限公司"]
    assert shop.found("13812") == []
    assert shop.found("王伟") == []


def test_removing_a_contact_updates_the_search(shop: Shop, beijing: int) -> None:
    contact = shop.contacts.list_contacts(shop.actor, beijing)[0]
    shop.contacts.remove_contact(shop.actor, contact.id, contact.version)
    assert shop.found("13812") == []
    assert shop.found("wangwei") == []
    assert shop.found("O'Brien") == ["北京科技有限公司"]


def test_editing_the_customer_updates_the_search(shop: Shop, beijing: int) -> None:
    detail = shop.customers.get_customer(shop.actor, beijing)
    shop.customers.update_customer(shop.actor, beijing, detail.version, {"name": "长城电子"})
    assert shop.found("changcheng") == ["长城电子"]
    assert shop.found("bjkj") == []


def test_archived_customers_are_found_only_when_asked_for(shop: Shop, beijing: int) -> None:
    detail = shop.customers.get_customer(shop.actor, beijing)
    shop.customers.archive_customer(shop.actor, beijing, detail.version)
    assert shop.found("beijing") == []
    assert shop.found("beijing", include_archived=True) == ["北京科技有限公司"]


def test_results_come_in_name_order(shop: Shop) -> None:
    for name in ("重庆银行", "北京银行", "Agricultural Bank 银行", "长沙银行"):
        shop.add(name)
    assert shop.found("银行") == ["Agricultural Bank 银行", "北京银行", "长沙银行", "重庆银行"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="北京华信科技转 Müller-3.@", max_size=10), min_size=1, max_size=6),
       st.lists(st.text(alphabet="0123456789 -+()转ext", max_size=14), max_size=3))
def test_the_short_key_holds_every_word_head_and_cjk_gram(texts: list[str],
                                                         phones: list[str]) -> None:
    """Every word's first one or two characters, and every CJK character and pair of every
    text, whatever the key leaves out of search_text or cuts by a faster path."""
    _, short = build_search_key(texts, [], phones)
    tokens = set(short.split())
    for text in [t.casefold() for t in texts] + [p for ph in phones if ph
                                                 for p in phone_parts(ph.casefold())]:
        assert {w[:2] for w in WORD.findall(text)} <= tokens, text
    for text in texts:
        for run in CJK_RUN.findall(text):
            assert set(run) | {run[i:i + 2] for i in range(len(run) - 1)} <= tokens, text


def test_the_search_key_lists_each_short_token_once() -> None:
    text, short = build_search_key(["Pacific 北京北京", "北京"], ["Pacific 北京北京"],
                                   ["010-1"])
    tokens = short.split()
    assert len(tokens) == len(set(tokens))
    assert {"北", "北京", "京北", "ci", "pa", "01", "be", "bj"} <= set(tokens)
    assert "pacific" not in tokens  # words are kept by their first two characters only
    assert "0101" in text


def test_the_search_text_leaves_out_parts_it_already_holds() -> None:
    text, _ = build_search_key(["北京华信科技有限公司", "华信科技", "", "北京"],
                               ["北京华信科技有限公司", "华信科技", "北京"],
                               ["13812345678", "+86 139 0000 1111", "010-8123 4567 转 123"])
    assert text.split(" ") == [
        "北京华信科技有限公司", "13812345678", "8613900001111", "010-8123", "4567", "转", "123",
        "01081234567123", "beijinghuaxinkejiyouxiangongsi", "bjhxkjyxgs"]


def test_a_phone_written_with_separators_is_searched_by_its_digits(shop: Shop) -> None:
    shop.add("深圳电子有限公司", phone="0755-81234567", fax="(0755) 8123-9999")
    shop.add("Plain 3-5 Trading")
    for search in ("0755-8", "0755-81234567", "0755 8123", "(0755)", "8123-9999", "+0755",
                   "075581234567"):
        assert shop.found(search) == ["深圳电子有限公司"], search
    assert shop.found("3-5") == ["Plain 3-5 Trading"]
    assert shop.found("55-81") == ["深圳电子有限公司"]


def test_one_and_two_character_terms_match_word_starts_and_name_pieces(shop: Shop) -> None:
    shop.add("Pacific Ocean Ltd", email="sales@bluewave.com")
    shop.add("北京科技有限公司")
    assert shop.found("ci") == ["Pacific Ocean Ltd"]  # inside a word of the name
    assert shop.found("bl") == ["Pacific Ocean Ltd"]  # the start of a word elsewhere
    assert shop.found("lu") == []  # inside a word that is not the name: not a token
    assert shop.found("b") == ["北京科技有限公司", "Pacific Ocean Ltd"]
    assert shop.found("bj") == ["北京科技有限公司"]
    assert shop.found("科") == ["北京科技有限公司"]


CJK = "北京上海重庆银行长城王伟李娜科技有限公司乐山厦门"
NAME_CHARS = CJK + "abcXYZ019 '%_\"-&.éü"


@given(st.text(alphabet=CJK, min_size=1, max_size=14))
def test_pinyin_of_a_run_is_what_pypinyin_reads(run: str) -> None:
    syllables = lazy_pinyin(run, style=Style.NORMAL, errors="ignore", strict=False)
    assert pinyin_of_run(run) == ("".join(syllables), "".join(s[0] for s in syllables))


@given(st.lists(st.text(alphabet=CJK, min_size=1, max_size=6), min_size=1, max_size=4))
def test_pinyin_of_joined_runs_is_what_pypinyin_reads(runs: list[str]) -> None:
    whole = "".join(runs)
    syllables = lazy_pinyin(whole, style=Style.NORMAL, errors="ignore", strict=False)
    expected = ("".join(syllables), "".join(s[0] for s in syllables))
    assert pinyin_of_joined(*runs) == expected == pinyin_of_run(whole)


def test_phone_like_terms_are_searched_by_their_digits_too() -> None:
    assert term_variants("0755-8") == ["07558", "0755-8"]
    assert term_variants("+86 138") == ["86138", "+86 138"]
    assert term_variants("13812") == ["13812"]
    assert term_variants("-") == ["-"]
    assert term_variants("o'brien") == ["o'brien"]


@pytest.mark.parametrize(("phone", "stored"), [
    ("13812345678", ["13812345678"]),                  # digits only: as they are
    ("0755-81234567", ["075581234567"]),               # digits and separators: the digits
    ("+86 138 1234 5678", ["8613812345678"]),
    ("010-8123 4567 转 123", ["010-8123 4567 转 123", "01081234567123"]),  # and as written
    ("ext", ["ext"]),
])
def test_phones_are_stored_by_their_digits(phone: str, stored: list[str]) -> None:
    assert search_module.phone_parts(phone) == stored


@pytest.fixture(scope="module")
def shared_shop(tmp_path_factory) -> Shop:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('search') / 't.db'}")
    yield Shop(db)
    db.dispose()


_names = itertools.count()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=NAME_CHARS, min_size=1, max_size=24).filter(str.strip),
       data=st.data())
def test_any_substring_of_a_name_finds_the_customer(shared_shop: Shop, plan: str, name: str,
                                                    data: st.DataObject) -> None:
    name = name.strip()
    code = f"H{next(_names):05d}"
    customer_id = shared_shop.add(name, code=code)
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    part = name[start:end]
    if not part.strip():
        return
    # The code narrows the page to this customer; the part must match it too.
    assert customer_id in shared_shop.found_ids(f"{code} {part}")


def test_a_search_is_shaped_by_how_many_customers_each_term_finds(
        shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(12):
        shop.add(f"北京第{n}贸易公司", city="北京", phone=f"010-5555{n:04d}")
    shop.add("北京稀有电子", phone="0755-12345678")
    monkeypatch.setattr(search_module, "PROBE_HITS", 3)
    monkeypatch.setattr(search_module, "DRIVE_HITS", 3)

    def shaped(query: str) -> str:
        with shop.db.engine.connect() as conn:
            plan = plan_search("sqlite", query, conn, Customer.id)
            assert plan is not None
            return str(plan.clause(Customer.id, Customer.search_text).compile(conn))

    # 13 of 13 customers: a 3+ character term is checked with LIKE while walking the list.
    assert "LIKE" in shaped("beijing") and "MATCH" not in shaped("beijing")
    # A 1-2 character term is checked against its hits while walking (no LIKE there).
    assert "+customers.id IN" in shaped("北京") and "LIKE" not in shaped("北京")
    # One hit: the page is read from that hit's sort key; the dense term is still checked.
    both = shaped("beijing 12345678")
    assert "customers.name_sort IN" in both and "LIKE" in both
    assert shop.found("beijing 12345678") == ["北京稀有电子"]
    assert shop.found("0755") == ["北京稀有电子"]


def test_search_results_page_through_in_order_whatever_the_plan(shop: Shop, plan: str) -> None:
    for n in range(23):
        shop.add(f"北京第{n:02d}贸易公司", city="北京", phone=f"010-5555{n:04d}")
        shop.add(f"上海第{n:02d}贸易公司", city="上海")
    query = ListQuery(search="beijing 贸易")
    seen: list[str] = []
    after = None
    while True:
        page = shop.customers.list_customers(shop.actor, query, after=after, limit=5)
        seen += [row.name for row in page.rows]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == sorted(f"北京第{n:02d}贸易公司" for n in range(23))
    assert shop.customers.count_customers(shop.actor, query) == 23
