"""The customer search key and the search query.

Each customer row carries ``search_text`` (name, short name, code, phones and their digits,
email, city, contacts' names and phones, and the pinyin of Chinese text, full and initials)
and ``search_short`` (CJK unigrams and bigrams, words, pinyin, digits) as space-separated
tokens. On SQLite two FTS5 tables index them (created by the first migration and kept in
step by triggers): a trigram table for terms of three or more characters and a unicode61
table for one- and two-character terms, which the trigram tokenizer cannot match. Other
databases use ``LIKE`` on the lower-cased key (PostgreSQL backs it with a pg_trgm index).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, column, text
from sqlalchemy.sql.selectable import TextualSelect

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+")
TOKEN_CHAR = re.compile(r"[0-9a-z\u00c0-\u024f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NON_DIGIT = re.compile(r"\D+")
SEP = " "


SHORT_RUN = 4  # runs up to this length (names, cities) are cached whole


@lru_cache(maxsize=200_000)
def _pinyin_of_word(word: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore", strict=False)
    return "".join(syllables), "".join(s[0] for s in syllables if s)


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    from pypinyin.seg.mmseg import seg

    return seg


def pinyin_of_run(run: str) -> tuple[str, str]:
    """Full pinyin and initials of one run of CJK characters, read in context.

    Exactly what ``pypinyin.lazy_pinyin`` gives for the whole run: pypinyin cuts a run into
    the words of its phrase dictionary (forward maximum matching) and reads each word alone,
    which is how polyphones get their reading (重庆 chongqing, 银行 yinhang). We make the same
    cut (about 5 µs) and cache each word's reading, so a million company names cost seconds,
    not minutes. Short runs (people's names, cities) are cached whole.
    """
    if len(run) <= SHORT_RUN:
        return _pinyin_of_word(run)
    fulls: list[str] = []
    initials: list[str] = []
    for word in _segmenter().cut(run):
        full, ini = _pinyin_of_word(word)
        fulls.append(full)
        initials.append(ini)
    return "".join(fulls), "".join(initials)


def pinyin_of_segments(segments: Iterable[str]) -> tuple[str, str]:
    """Pinyin of a text given as segments, each segment read on its own.

    Equal to ``pinyin_of_text`` of the joined text only when no dictionary word spans two
    segments; callers that need the stored search key use ``pinyin_of_text``.
    """
    fulls: list[str] = []
    initials: list[str] = []
    for segment in segments:
        for run in CJK_RUN.findall(segment):
            full, ini = pinyin_of_run(run)
            fulls.append(full)
            initials.append(ini)
    return "".join(fulls), "".join(initials)


def pinyin_of_text(value: str) -> tuple[str, str]:
    return pinyin_of_segments(CJK_RUN.findall(value))


def cjk_grams(value: str) -> list[str]:
    grams: list[str] = []
    for run in CJK_RUN.findall(value):
        grams.extend(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def digits(value: str) -> str:
    return NON_DIGIT.sub("", value)


def build_search_key(
    texts: Sequence[str],
    pinyin_texts: Sequence[str],
    phones: Sequence[str],
    pinyin: Sequence[tuple[str, str]] | None = None,
) -> tuple[str, str]:
    """Return ``(search_text, search_short)`` for one customer.

    ``texts`` are searched as written; ``pinyin_texts`` (names) also by their pinyin,
    unless the caller passes ``pinyin`` already computed (the bulk path). ``phones`` are
    searched as written and as bare digits.
    """
    texts = [t or "" for t in texts]
    phones = [p or "" for p in phones]
    if pinyin is None:
        pinyin = [pinyin_of_text(t or "") for t in pinyin_texts]
    phone_digits = [digits(p) for p in phones]
    parts = [t.casefold() for t in texts if t]
    parts += [p.casefold() for p in phones if p]
    parts += [d for d in phone_digits if d]
    for full, ini in pinyin:
        if full:
            parts.append(full)
            parts.append(ini)
    search_text = SEP.join(parts)
    words = set(WORD.findall(search_text))
    grams = cjk_grams(SEP.join(t for t in texts if t))
    search_short = SEP.join(sorted(words) + grams)
    return search_text, search_short


def name_sort_key(name: str, pinyin_full: str | None = None) -> str:
    """Sort key: the name with Chinese runs replaced by their pinyin, lower-cased."""
    if pinyin_full is not None:
        return (pinyin_full + " " + name.casefold())[:400]
    return CJK_RUN.sub(lambda m: pinyin_of_run(m.group())[0], name).casefold()[:400]


def customer_search_key(customer: Mapping[str, Any], contacts: Sequence[Mapping[str, Any]]
                        ) -> tuple[str, str, str]:
    """``(search_text, search_short, name_sort)`` of a customer given as plain values.

    The same fields as ``app.data.repositories.compute_search_key`` reads from the ORM
    objects, so bulk loads store exactly what an edit through the services would store.
    """
    def get(row: Mapping[str, Any], key: str) -> str:
        return row.get(key) or ""

    names = [get(c, "name") for c in contacts]
    texts = [get(customer, k) for k in ("name", "short_name", "code", "email", "city",
                                        "province")]
    texts += names + [get(c, "email") for c in contacts]
    pinyin_texts = [get(customer, "name"), get(customer, "short_name"), get(customer, "city"),
                    *names]
    phones = [get(customer, "phone"), get(customer, "fax"),
              *(get(c, "phone") for c in contacts), *(get(c, "mobile") for c in contacts)]
    pinyin = [pinyin_of_text(t) for t in pinyin_texts]
    search_text, search_short = build_search_key(texts, pinyin_texts, phones, pinyin)
    name = get(customer, "name")
    return search_text, search_short, name_sort_key(name, pinyin[0][0] or None)


def split_terms(query: str) -> list[str]:
    return [t for t in query.casefold().split() if t]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_clause(dialect_name: str, id_column: ColumnElement, search_column: ColumnElement,
                 query: str) -> ColumnElement[bool] | None:
    """A WHERE clause restricting customers to those matching every term of ``query``."""
    terms = split_terms(query)
    if not terms:
        return None
    clauses = [
        _term_clause(dialect_name, id_column, search_column, term, i)
        for i, term in enumerate(terms)
    ]
    return and_(*clauses)


def _term_clause(dialect_name: str, id_column: ColumnElement, search_column: ColumnElement,
                 term: str, index: int) -> ColumnElement[bool]:
    if dialect_name == "sqlite" and TOKEN_CHAR.search(term):
        if len(term) >= 3:
            sub = _fts_subquery("customer_fts", _fts_phrase(term), index)
        elif CJK_RUN.fullmatch(term):
            sub = _fts_subquery("customer_fts_short", _fts_phrase(term), index)
        else:
            sub = _fts_subquery("customer_fts_short", _fts_phrase(term) + " *", index)
        return id_column.in_(sub)
    return search_column.like(_like_pattern(term), escape="\\")


def _fts_subquery(table: str, expression: str, index: int) -> TextualSelect:
    param = f"fts_q{index}"
    stmt = text(f"SELECT rowid FROM {table} WHERE {table} MATCH :{param}")
    return stmt.bindparams(**{param: expression}).columns(column("rowid", Integer))
