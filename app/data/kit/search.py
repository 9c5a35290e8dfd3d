"""The customer search key and the search query.

Each customer row carries ``search_text`` (name, short name, code, email, city, contacts'
names and e-mails, phones, and the pinyin of Chinese names, full and initials) and
``search_short`` (CJK characters and pairs, the first two characters of every word, the
name's letters and letter pairs) as space-separated tokens. On SQLite two FTS5 tables index
them (created by the first migration and kept in step by triggers): a trigram table for
terms of three or more characters and a unicode61 table for one- and two-character terms,
which the trigram tokenizer cannot match. Neither keeps token positions (``detail=none``,
revision 0006), which only phrase queries need: a term of four or more characters is asked
for as all of its trigrams and confirmed with ``LIKE`` on the row. Other databases use
``LIKE`` on the lower-cased key (PostgreSQL backs it with a pg_trgm index).

Both keys are kept small, because the FTS indexes cost time to build and space in
proportion to them, without changing what a term finds:

- ``search_text`` leaves out a part that is already a substring of the text before it (the
  short name inside the name, its pinyin inside the name's pinyin, the city inside the
  name, a contact's pinyin inside the contact's e-mail): a term holds no space, so it
  finds the same rows.
- Phones are stored by their digits; as written too only when they hold more than digits
  and the separators `` -+().`` (``010-8123 4567 转 123``). A term made only of digits and
  those separators is searched as its digits as well as written (``0755-8`` finds
  ``0755-81234567``; ``3-5`` still finds "Plain 3-5 Trading"). A phone fragment needs three
  digits to be found inside a number; two match the start of one, like any word.
- ``search_short`` serves only one- and two-character terms, so a word is stored by its
  first two characters: a two-character term matches that token exactly, a one-character
  term matches it by prefix (``"b" *``). Inside the name's words every letter and pair is
  a token (``ci`` finds Pacific), and CJK characters and pairs are tokens everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import add
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    text,
)

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[0-9a-z\u00c0-\u024f]+")
TOKEN_CHAR = re.compile(r"[0-9a-z\u00c0-\u024f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NON_DIGIT = re.compile(r"\D+")
PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z\u00c0-\u024f]+")
PHONE_LIKE = re.compile(r"[0-9 ()+.\-]*")  # digits and the separators phones are written with
PHONE_SEPARATORS = b" ()+.-"
# For ASCII text: every byte that is no word character (WORD) becomes a space.
WORD_BREAKS = bytes(c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz" else 32
                    for c in range(256))
SEP = " "


SHORT_RUN = 2  # runs up to this length are cached whole; longer ones by word
SHORT_TEXT = 6  # texts up to this length (names, cities) are cached whole


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


@lru_cache(maxsize=300_000)
def _cut_reading(run: str) -> tuple[str, str, str]:
    """Pinyin and initials of all words but the last of pypinyin's cut of ``run``, and that
    last word."""
    *head, last = _segmenter().cut(run)
    readings = [_pinyin_of_word(word) for word in head]
    return "".join(r[0] for r in readings), "".join(r[1] for r in readings), last


def pinyin_of_joined(*runs: str) -> tuple[str, str]:
    """``pinyin_of_run("".join(runs))`` for CJK runs, from cached pieces.

    The forward maximum matching cut of ``first + second`` keeps every word of ``first``'s
    cut but the last (each of them ended where the dictionary had no longer word, before
    ``second`` began); from that last word on it is the cut of ``last + second``. So a demo
    company name (city, the two characters of the trade name, industry and suffix) costs a
    few cache look-ups whose keys repeat: the words before the last run (``_joined_head``),
    the last words and the industry words are few.
    """
    full, initials, last = _joined_head(runs[:-1])
    head_full, head_initials, last = _cut_reading(last + runs[-1])
    last_full, last_initials = _pinyin_of_word(last)
    return full + head_full + last_full, initials + head_initials + last_initials


@lru_cache(maxsize=100_000)
def _joined_head(runs: tuple[str, ...]) -> tuple[str, str, str]:
    """Pinyin and initials of ``"".join(runs)`` but its cut's last word, and that word."""
    full = initials = last = ""
    for run in runs:
        head_full, head_initials, last = _cut_reading(last + run)
        full += head_full
        initials += head_initials
    return full, initials, last


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
        grams += run
        grams += map(add, run, run[1:])
    return grams


def latin_grams(value: str) -> list[str]:
    """The letters and letter pairs inside the words of ``value`` (so ``ci`` finds Pacific)."""
    grams: list[str] = []
    for word in WORD.findall(value.casefold()):
        grams.extend(word)
        grams.extend([word[i : i + 2] for i in range(len(word) - 1)])
    return grams


def digits(value: str) -> str:
    return NON_DIGIT.sub("", value)


def phone_parts(phone: str) -> list[str]:
    """How a phone number (case-folded) is stored: its digits, and as written too when it
    holds more than digits and separators (``010-8123 4567 转 123``)."""
    if phone.isascii():  # most are: bytes.translate drops the separators in one step
        if phone.isdigit():
            return [phone]
        bare = phone.encode().translate(None, PHONE_SEPARATORS).decode()
        if bare.isdigit():
            return [bare]
    bare = digits(phone)
    if PHONE_LIKE.fullmatch(phone):
        return [bare] if bare else [phone]
    return [phone, bare] if bare else [phone]


def _without_repeats(parts: Iterable[str]) -> tuple[str, list[str]]:
    """The parts joined by ``SEP``, leaving out any part already inside the text so far (a
    term never holds ``SEP``, so it finds the same rows either way); and, for each part,
    the part if it was kept, else ""."""
    text = ""
    kept: list[str] = []
    for part in parts:
        if part and part not in text:
            text = f"{text}{SEP}{part}" if text else part
            kept.append(part)
        else:
            kept.append("")
    return text, kept


def build_search_key(
    texts: Sequence[str],
    pinyin_texts: Sequence[str],
    phones: Sequence[str],
    pinyin: Sequence[tuple[str, str]] | None = None,
) -> tuple[str, str]:
    """Return ``(search_text, search_short)`` for one customer.

    ``texts`` are searched as written, the first being the name; ``pinyin_texts`` (names)
    also by their pinyin, unless the caller passes ``pinyin`` already computed (the bulk
    path). ``phones`` are searched by their digits (see ``phone_parts``). ``search_text``
    leaves out parts already inside it. ``search_short`` holds the first one or two
    characters of every word of every part (for prefixes such as ``bj``), the one- and
    two-letter pieces of the name's words, and the CJK characters and pairs of every text,
    each token once.
    """
    name = (texts[0] or "") if texts else ""
    written = [t.casefold() for t in texts if t]
    if pinyin is None:
        pinyin = [pinyin_of_text(t or "") for t in pinyin_texts]
    parts = written + [p for phone in phones if phone for p in phone_parts(phone.casefold())]
    for full, ini in pinyin:
        if full:
            parts.append(full)
            parts.append(ini)
    # Word heads: ASCII parts (codes, e-mails, phones, pinyin) cut with one bytes.translate,
    # the others by the regular expression (SEP is no word character, so no word spans two
    # parts). CJK grams only of the written parts kept in search_text: a part left out lies
    # inside one kept before it, so its characters and pairs are already there.
    text, kept = _without_repeats(parts)
    tokens = [w[:2] for w in SEP.join([p for p in parts if p.isascii()]).encode()
              .translate(WORD_BREAKS).decode().split()]
    tokens += [w[:2] for w in WORD.findall(SEP.join([p for p in parts if not p.isascii()]))]
    tokens += latin_grams(name)
    tokens += cjk_grams(SEP.join([p for p in kept[:len(written)] if not p.isascii()]))
    return text, SEP.join(dict.fromkeys(tokens))


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


def customer_search_key(name: str, short: str, code: str, email: str, city: str,
                        province: str, contact_names: Sequence[str],
                        contact_emails: Sequence[str], phones: Sequence[str],
                        name_pinyin: tuple[str, str] | None = None,
                        short_pinyin: tuple[str, str] | None = None) -> tuple[str, str, str]:
    """``(search_text, search_short, name_sort)`` of a customer: what an edit stores
    (``app.data.repositories.compute_search_key``) and what a bulk load stores.

    ``phones``: the customer's phone and fax, then the contacts' phones, then their
    mobiles. ``name_pinyin``, ``short_pinyin``: ``pinyin_of_text`` of the name and of the
    short name when the caller has them (``pinyin_of_joined``).
    """
    texts = [name, short, code, email, city, province, *contact_names, *contact_emails]
    pinyin = [name_pinyin or pinyin_of_text(name), short_pinyin or pinyin_of_text(short),
              pinyin_of_text(city), *map(pinyin_of_text, contact_names)]
    search_text, search_short = build_search_key(texts, (), phones, pinyin)
    return search_text, search_short, name_sort_key(name, pinyin[0][0] or None)


def split_terms(query: str) -> list[str]:
    return [t for t in query.casefold().split() if t]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# How a term's hits are combined with the list's sort order (SQLite; see ``plan_search``).
PROBE_HITS = 200  # the probe reads this many of a term's hits, in rowid order (an estimate
# from 200 is within about 15% at 95% confidence when the hits are spread over the ids)
DRIVE_HITS = 4_000  # a term with up to this many hits (counted or estimated) drives
SCAN_SHARE = 0.03  # a 3+ character term in more than this share of customers: LIKE

# FTS table, MATCH expression, and whether the rows it finds are exactly the term's (else a
# few more, which LIKE on the row's search text narrows down).
FtsMatch = tuple[str, str, bool]


@dataclass(frozen=True)
class TermPlan:
    """One term: ``fts``, the SQL of the rowids its FTS queries find ("" when the indexes
    cannot help: only punctuation, or not SQLite); ``confirm``, whether ``LIKE`` on the
    row (any of its ``variants`` patterns) must decide; and the plan (``drive``, ``walk``,
    ``scan``; ``as_is`` where no probe shaped it). Holds SQL text and parameter names only,
    so plans of the same shape build the same statement."""

    index: int
    fts: str
    confirm: bool
    variants: int
    plan: str


@dataclass(frozen=True)
class SearchPlan:
    """A search as a WHERE clause with named parameters. ``shape`` identifies the SQL:
    searches of the same shape differ only in ``params``, so a statement built once for a
    shape is reused (``clause`` is only called to build one)."""

    terms: tuple[TermPlan, ...]
    params: Mapping[str, Any]
    fence: bool = False  # PostgreSQL: read the page from the hits (see ``_server_plan``)

    @property
    def shape(self) -> tuple[object, ...]:
        return (*self.terms, "fence") if self.fence else self.terms

    def clause(self, id_column: ColumnElement[Any], search_column: ColumnElement[Any]
               ) -> ColumnElement[bool]:
        clauses: list[ColumnElement[bool]] = []
        for term in self.terms:
            clauses.extend(_term_clauses(term, id_column, search_column))
        return and_(*clauses)


def plan_search(dialect_name: str, query: str, connection: Connection | None = None,
                id_column: ColumnElement[Any] | None = None,
                search_column: ColumnElement[Any] | None = None) -> SearchPlan | None:
    """How to restrict customers to those matching every term of ``query``.

    Given the ``connection`` and the customers' ``id_column`` (SQLite), each term is also
    planned by how many customers it finds, which a cheap probe (the first ``PROBE_HITS``
    hits of its FTS query, in rowid order) counts or estimates:

    - *drive*: the term with the fewest hits, when they are few (``DRIVE_HITS``), gives the
      page's rows: SQLite collects them, finds their sort keys and reads them through the
      list's sort index in order (``13812``: 1,154 of 1M customers);
    - *walk*: otherwise a term is ``+id IN (its FTS query)``, which SQLite checks row by
      row while it walks the list's sort index, stopping after one page (``伟``);
    - *scan*: a term of three or more characters found in more than ``SCAN_SHARE`` of the
      customers is checked with ``LIKE`` on the row's search text during that walk, which
      stops after a few thousand rows, instead of collecting its hits from the FTS index
      first (``beijing``: 100,000 hits cost SQLite's FTS5 about 20 ms; the walk, 5 ms).

    All three find the same rows. The trigram index keeps no positions (``detail=none``):
    a term of four or more characters finds the rows holding all of its trigrams, and
    ``LIKE`` on the row's case-folded search text keeps those that hold the term itself
    (for ``zhangwei`` 8,730 rows hold its trigrams, 5,005 the term).

    On PostgreSQL a term is ``LIKE`` on the search text (backed by the trigram index), or,
    one or two Chinese characters, the short-token index (``tokens``); given the
    ``connection`` and the ``search_column`` the page is planned by the search's hits
    (``_server_plan``).
    """
    terms = split_terms(query)
    if not terms:
        return None
    params: dict[str, Any] = {}
    planned: list[TermPlan] = []
    few: list[tuple[float, int]] = []  # (hits, position) of the terms with few hits
    for i, term in enumerate(terms):
        variants = term_variants(term)
        fts, exact = _fts_for(dialect_name, variants, i, params)
        plan = "as_is"
        if connection is not None and id_column is not None and fts:
            hits, share = _probe(connection, id_column, fts, params)
            if hits <= DRIVE_HITS:
                few.append((hits, len(planned)))
                plan = "walk"
            elif share > SCAN_SHARE and all(len(v) >= 3 and TOKEN_CHAR.search(v)
                                            for v in variants):
                plan = "scan"
            else:
                plan = "walk"
        elif dialect_name == "postgresql" and short_cjk(variants):
            params[f"tokens_q{i}"] = term
            plan, exact = "tokens", True
        confirm = (not fts and plan != "tokens") or not exact or plan == "scan"
        if confirm:
            for j, variant in enumerate(variants):
                params[f"like_q{i}_{j}"] = like_pattern(variant)
        planned.append(TermPlan(i, fts if plan != "scan" else "", confirm, len(variants),
                                plan))
    if few:
        position = min(few)[1]
        planned[position] = replace(planned[position], plan="drive")
    if dialect_name == "postgresql" and connection is not None and id_column is not None \
            and search_column is not None:
        return _server_plan(SearchPlan(tuple(planned), params), connection, id_column,
                            search_column)
    return SearchPlan(tuple(planned), params)


# PostgreSQL reads a page of a search in one of two ways, chosen by the planner's estimate
# of the search's hits (EXPLAIN of its WHERE clause: the statistics of the trigram-indexed
# search text, a histogram of 1,000 values (migration 0009), and of the short-token index,
# which count the tokens, come within a few percent at 200,000 customers):
#
# - up to ``SERVER_DRIVE_HITS``: the hits are collected through the indexes and sorted
#   (``fence``: the page is read from a subquery the planner cannot walk in the list's
#   order; 3,240 hits of ``0755-8``: 20 ms);
# - more: the planner walks the list's index checking ``LIKE`` on each row, stopping after
#   a page (``科技``: 24,000 hits, 3 ms). Left to itself it walked for the few hits too,
#   expecting them spread over the list; but a city's customers are named after it and lie
#   together in the list's order (``0755-8``, Shenzhen's phones: 37,000 rows walked, 100
#   ms; ``zhengzhou``, 4,660 hits: 75 ms).
#
# The short-token index finds a page's few hits of one or two Chinese characters (``王伟``,
# 1 ms); walking, ``LIKE`` on the row is 20 times cheaper than making the row's tokens.
SERVER_DRIVE_HITS = 6_000
SHORT_TOKENS = "simple"  # the text search configuration of the short-token index
_ESTIMATES: dict[tuple[object, ...], str] = {}


def short_cjk(variants: Sequence[str]) -> bool:
    """A term the short-token index finds exactly as ``LIKE`` would: one or two Chinese
    characters (``search_short`` holds every character and pair of the search text's
    Chinese)."""
    return all(len(v) <= 2 and CJK_RUN.fullmatch(v) for v in variants)


def _server_plan(plan: SearchPlan, connection: Connection, id_column: ColumnElement[Any],
                 search_column: ColumnElement[Any]) -> SearchPlan:
    sql = _ESTIMATES.get(plan.shape)
    if sql is None:
        if len(_ESTIMATES) > 256:
            _ESTIMATES.clear()
        stmt: Any = select(literal_column("1")).where(plan.clause(id_column, search_column))
        sql = _ESTIMATES[plan.shape] = "EXPLAIN (FORMAT JSON) " + str(
            stmt.compile(dialect=connection.dialect))
    explained = connection.exec_driver_sql(sql, dict(plan.params)).scalar_one()
    if explained[0]["Plan"]["Plan Rows"] <= SERVER_DRIVE_HITS:
        return replace(plan, fence=True)
    params = dict(plan.params)
    terms = []
    for term in plan.terms:
        if term.plan == "tokens":
            params[f"like_q{term.index}_0"] = like_pattern(params[f"tokens_q{term.index}"])
            term = replace(term, plan="as_is", confirm=True)
        terms.append(term)
    return SearchPlan(tuple(terms), params)


def _short_tokens(id_column: ColumnElement[Any], index: int) -> ColumnElement[bool]:
    config: Any = literal_column(f"'{SHORT_TOKENS}'")
    tokens = func.to_tsvector(config, id_column.table.c.search_short)
    return tokens.op("@@")(func.to_tsquery(config, bindparam(f"tokens_q{index}")))


def _fts_for(dialect_name: str, variants: Sequence[str], index: int,
             params: dict[str, Any]) -> tuple[str, bool]:
    """The SQL of the rowids the FTS indexes find for any of a term's ``variants`` (its
    values added to ``params``), and whether those rows are exactly the term's; ``""`` when
    the indexes cannot help."""
    if dialect_name != "sqlite":
        return "", False
    matches = [fts_match(v) for v in variants]
    if any(m is None for m in matches):
        return "", False
    return (_fts_sql(matches, str(index), params),  # type: ignore[arg-type]  # None ruled out above
            all(m[2] for m in matches))  # type: ignore[index]  # None ruled out above


def _fts_sql(matches: Sequence[FtsMatch], key: str, params: dict[str, Any]) -> str:
    """The rowids matching any of ``matches``: one MATCH per table, a UNION across them."""
    by_table: dict[str, list[str]] = {}
    for table, expression, _ in matches:
        by_table.setdefault(table, []).append(expression)
    selects: list[str] = []
    for j, (table, expressions) in enumerate(by_table.items()):
        param = f"fts_q{key}" + (f"_{j}" if j else "")
        selects.append(f"SELECT rowid FROM {table} WHERE {table} MATCH :{param}")
        params[param] = (expressions[0] if len(expressions) == 1
                         else " OR ".join(f"({e})" for e in expressions))
    return " UNION ".join(selects)


def _rowids(sql: str) -> Any:
    return text(sql).columns(column("rowid", Integer))


def _term_clauses(term: TermPlan, id_column: ColumnElement[Any], search_column: ColumnElement[Any]
                  ) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if term.plan == "tokens":
        clauses.append(_short_tokens(id_column, term.index))
    if term.fts:
        if term.plan == "drive":
            table = id_column.table
            keys = select(table.c.name_sort).where(id_column.in_(_rowids(term.fts)))
            # Sort keys from the index, ids checked per row: with both usable by the index
            # SQLite would try every pair of a key and an id.
            clauses.append(table.c.name_sort.in_(keys))
        column = id_column if term.plan == "as_is" else unindexed(id_column)
        clauses.append(column.in_(_rowids(term.fts)))
    if term.confirm:
        clauses.append(or_(*(search_column.like(bindparam(f"like_q{term.index}_{j}"),
                                                escape="\\")
                             for j in range(term.variants))))
    return clauses


_PROBES: dict[tuple[str, int, str], Any] = {}


def _probe(connection: Connection, id_column: ColumnElement[Any], sql: str,
           params: Mapping[str, Any]) -> tuple[float, float]:
    """``(hits, share of customers)`` of a term: counted when the probe reads all of them,
    else estimated from how far into the customers' ids its first ``PROBE_HITS`` reached.
    One statement (built once per FTS query shape); both ends of the ids are index
    look-ups."""
    key = (sql, PROBE_HITS, str(id_column))
    stmt = _PROBES.get(key)
    if stmt is None:
        sub = _rowids(sql).subquery().select()
        rowid = sub.selected_columns[0]
        first = sub.order_by(rowid).limit(PROBE_HITS + 1).subquery()
        table = id_column.table
        stmt = _PROBES[key] = select(
            func.count(), func.max(first.c[0]),
            select(func.min(id_column)).select_from(table).scalar_subquery(),
            select(func.max(id_column)).select_from(table).scalar_subquery(),
        ).select_from(first)
    read, reached, low, high = connection.execute(stmt, dict(params)).one()
    if read <= PROBE_HITS or not low:
        return float(read), 0.0
    share = read / max(1, reached - low + 1)
    return share * (high - low + 1), share


def unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """``+column``: SQLite then uses no index for a condition on it (checks it per row)."""
    return literal_column("+" + column.compile().string, column.type)


def term_variants(term: str) -> list[str]:
    """What one term is searched as: itself, and a phone number written with separators
    (``0755-8``, ``+86 138``) first as its bare digits, since phones are stored by those."""
    if PHONE_LIKE.fullmatch(term):
        bare = digits(term)
        if bare and bare != term:
            return [bare, term]
    return [term]


def fts_match(term: str) -> FtsMatch | None:
    """How the FTS indexes look for a (case-folded) term, or None when they cannot (no
    letter, digit or CJK character in it)."""
    if not TOKEN_CHAR.search(term):
        return None
    if len(term) >= 3:
        # The trigram index holds which rows have a trigram, not where (``detail=none``): a
        # longer term is all of its trigrams, exactly the term only with three characters.
        grams = dict.fromkeys(term[i : i + 3] for i in range(len(term) - 2))
        return "customer_fts", " AND ".join(map(_fts_phrase, grams)), len(term) == 3
    # One or two characters: the trigram index cannot help; the short-token index holds
    # CJK characters and pairs, and the first two characters of every word (so a
    # two-character piece matches a token exactly and one character by prefix).
    pieces = PIECE.findall(term)
    expression = " AND ".join(
        _fts_phrase(p) if len(p) == 2 or CJK_RUN.fullmatch(p) else _fts_phrase(p) + " *"
        for p in pieces)
    # Punctuation or mixed scripts: the tokens only narrow it down; LIKE decides.
    return "customer_fts_short", expression, pieces == [term]


SORT_KEY_MAX = 199


def sort_key(text: str) -> str:
    """The stored sort key of a text column: Chinese spelled in pinyin (北京 under "b"),
    then the text, with blanks last: "0" leads every text's key and a blank's key is "1",
    a digit that orders the same in every database's collation."""
    text = text.strip()
    return ("0" + name_sort_key(text))[:SORT_KEY_MAX] if text else "1"
