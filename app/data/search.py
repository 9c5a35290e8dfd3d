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

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    column,
    literal_column,
    select,
    text,
)
from sqlalchemy.sql.selectable import TextualSelect

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+")
TOKEN_CHAR = re.compile(r"[0-9a-z\u00c0-\u024f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NON_DIGIT = re.compile(r"\D+")
PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z\u00c0-\u024f]+")
SEP = " "


SHORT_RUN = 2  # runs up to this length are cached whole; longer ones by word
SHORT_TEXT = 6  # texts up to this length (names, cities) are cached whole
CACHED_PART = 12  # search-key parts up to this length have their tokens cached


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
    not minutes.
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
    """Full pinyin and initials of the Chinese in ``value`` (other characters are skipped)."""
    if len(value) <= SHORT_TEXT:
        return _pinyin_of_short_text(value)
    return pinyin_of_segments(CJK_RUN.findall(value))


@lru_cache(maxsize=400_000)
def _pinyin_of_short_text(value: str) -> tuple[str, str]:
    # People's names and cities repeat a lot: cache them whole.
    return pinyin_of_segments(CJK_RUN.findall(value))


def cjk_grams(value: str) -> list[str]:
    """The CJK characters and character pairs of ``value`` (repeats included)."""
    grams: list[str] = []
    for run in CJK_RUN.findall(value):
        grams.extend(run)
        grams.extend([run[i : i + 2] for i in range(len(run) - 1)])
    return grams


def latin_grams(value: str) -> list[str]:
    """The letters and letter pairs inside the words of ``value`` (so ``ci`` finds Pacific)."""
    grams: list[str] = []
    for word in WORD.findall(value.casefold()):
        grams.extend(word)
        grams.extend([word[i : i + 2] for i in range(len(word) - 1)])
    return grams


def _words(part: str) -> list[str]:
    return _cached_words(part) if len(part) <= CACHED_PART else WORD.findall(part)


@lru_cache(maxsize=300_000)
def _cached_words(part: str) -> list[str]:
    return WORD.findall(part)


def _cjk_grams(part: str) -> list[str]:
    return _cached_cjk_grams(part) if len(part) <= CACHED_PART else cjk_grams(part)


@lru_cache(maxsize=300_000)
def _cached_cjk_grams(part: str) -> list[str]:
    return cjk_grams(part)


def digits(value: str) -> str:
    return NON_DIGIT.sub("", value)


def build_search_key(
    texts: Sequence[str],
    pinyin_texts: Sequence[str],
    phones: Sequence[str],
    pinyin: Sequence[tuple[str, str]] | None = None,
) -> tuple[str, str]:
    """Return ``(search_text, search_short)`` for one customer.

    ``texts`` are searched as written, the first being the name; ``pinyin_texts`` (names)
    also by their pinyin, unless the caller passes ``pinyin`` already computed (the bulk
    path). ``phones`` are searched as written and as bare digits. ``search_short`` holds
    the words (for prefixes such as ``bj``), the one- and two-letter pieces of the name's
    words, and the CJK characters and pairs of every text, each token once.
    """
    name = (texts[0] or "") if texts else ""
    written = [t.casefold() for t in texts if t]
    phones = [p.casefold() for p in phones if p]
    if pinyin is None:
        pinyin = [pinyin_of_text(t or "") for t in pinyin_texts]
    parts = written + phones + [d for d in map(digits, phones) if d]
    for full, ini in pinyin:
        if full:
            parts.append(full)
            parts.append(ini)
    search_text = SEP.join(parts)
    # Tokens part by part (no token spans the separator), so common parts hit the caches.
    tokens = [w for part in parts for w in _words(part)]
    tokens += latin_grams(name)
    tokens += [g for t in written for g in _cjk_grams(t)]
    search_short = SEP.join(dict.fromkeys(tokens))
    return search_text, search_short


def name_sort_key(name: str, pinyin_full: str | None = None) -> str:
    """Sort key: the name with Chinese runs spelled in pinyin, lower-cased, then the name
    itself (so 北京 sorts under "b" and English names stay in place among them).
    ``pinyin_full`` (the pinyin of the whole name) saves the work for all-Chinese names."""
    folded = name.casefold()
    if pinyin_full is not None and CJK_RUN.fullmatch(name):
        spelled = pinyin_full
    else:
        spelled = CJK_RUN.sub(lambda m: pinyin_of_run(m.group())[0], folded)
    return (spelled + " " + folded)[:400]


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


SMALL_HITS = 1_000  # up to this many hits a term's ids are fetched and the page sorted


def match_clause(dialect_name: str, id_column: ColumnElement, search_column: ColumnElement,
                 query: str, connection: Connection | None = None
                 ) -> ColumnElement[bool] | None:
    """A WHERE clause restricting customers to those matching every term of ``query``.

    Given the ``connection`` (SQLite), the clause is also shaped for speed: a term with few
    hits (``SMALL_HITS``) becomes ``id IN (its ids)`` so the query starts from them and sorts
    a handful of rows; otherwise each term is ``+id IN (its FTS query)``, which SQLite can
    only check row by row while it walks the list's sort index, stopping after one page.
    """
    terms = split_terms(query)
    if not terms:
        return None
    clauses = [
        _term_clause(dialect_name, id_column, search_column, term, i)
        for i, term in enumerate(terms)
    ]
    if connection is not None and dialect_name == "sqlite":
        clauses = _shaped(connection, id_column, clauses)
    return and_(*clauses)


def _shaped(connection: Connection, id_column: ColumnElement,
            clauses: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    fewest: list[int] | None = None
    for clause in clauses:
        sub = _fts_of(clause)
        if sub is None:
            continue
        ids = [r[0] for r in connection.execute(sub.limit(SMALL_HITS + 1)).all()]
        if len(ids) <= SMALL_HITS and (fewest is None or len(ids) < len(fewest)):
            fewest = ids
    if fewest is not None:
        return [*_driving(connection, id_column, fewest), *clauses]
    return [_walked(c) for c in clauses]


def _driving(connection: Connection, id_column: ColumnElement,
             ids: list[int]) -> list[ColumnElement[bool]]:
    """``name_sort IN (the hits' sort keys) AND id IN (the hits)``: SQLite then looks the
    hits up through the list's (archived_at, name_sort, id) index, already in order."""
    if not ids:
        return [id_column.in_([])]
    table = id_column.table  # type: ignore[attr-defined]
    name_sort = table.c.name_sort
    keys = connection.execute(select(name_sort).where(id_column.in_(ids))).scalars().all()
    return [name_sort.in_(sorted(set(keys))), id_column.in_(ids)]


def _fts_of(clause: ColumnElement[bool]) -> Any:
    """The FTS select of a term clause (``id IN (select)``), or None for a LIKE term."""
    right = getattr(clause, "right", None)
    element = getattr(right, "element", None)
    return element.subquery().select() if isinstance(element, TextualSelect) else None


def _walked(clause: ColumnElement[bool]) -> ColumnElement[bool]:
    sub = _fts_of(clause)
    if sub is None:
        return clause
    return literal_column("+" + clause.left.compile().string).in_(sub)  # type: ignore[attr-defined]


def _term_clause(dialect_name: str, id_column: ColumnElement, search_column: ColumnElement,
                 term: str, index: int) -> ColumnElement[bool]:
    like = search_column.like(_like_pattern(term), escape="\\")
    if dialect_name != "sqlite" or not TOKEN_CHAR.search(term):
        return like
    if len(term) >= 3:
        return id_column.in_(_fts_subquery("customer_fts", _fts_phrase(term), index))
    # One or two characters: the trigram index cannot help; the short-token index holds
    # CJK characters and pairs as tokens and Latin words (matched by prefix).
    pieces = PIECE.findall(term)
    expression = " AND ".join(
        _fts_phrase(p) if CJK_RUN.fullmatch(p) else _fts_phrase(p) + " *" for p in pieces)
    clause = id_column.in_(_fts_subquery("customer_fts_short", expression, index))
    # Punctuation or mixed scripts: the tokens only narrow it down; LIKE decides.
    return clause if pieces == [term] else and_(clause, like)


def _fts_subquery(table: str, expression: str, index: int) -> TextualSelect:
    param = f"fts_q{index}"
    stmt = text(f"SELECT rowid FROM {table} WHERE {table} MATCH :{param}")
    return stmt.bindparams(**{param: expression}).columns(column("rowid", Integer))
