"""One chunk of demo customers and contacts, as rows of plain values. No database access.

A chunk is fully determined by ``(seed, chunk index)``, so chunks can be made in any order
or in worker processes and the data is the same for the same seed. Rows are tuples of
``CUSTOMER_FIELDS`` and ``CONTACT_FIELDS`` with money, times and dates in the form the
load's ``bulk.Codec`` gives them, so the writing process only hands them to the driver.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

from app.data.kit.bulk import PLAIN, Codec
from app.data.kit.search import customer_search_key, pinyin_of_joined, pinyin_of_text, sort_key
from app.demo import vocabulary as v
from app.logic.kit.validation import USCC_CHARS, USCC_WEIGHTS

CITIES = v.weighted(tuple((c, c.weight) for c in v.CITIES))
INDUSTRIES = v.weighted(tuple((i, i.weight) for i in v.INDUSTRIES))
SUFFIXES = v.weighted(v.SUFFIXES)
SURNAMES = v.weighted(v.SURNAMES)
STATUSES = v.weighted(v.STATUSES)
TIERS = v.weighted(v.TIERS)
OWNERSHIPS = v.weighted(v.OWNERSHIPS)
SIZES = v.weighted(v.SIZES)
RATINGS = v.weighted(v.RATINGS)
SOURCES = v.weighted(v.SOURCES)
TAGS = v.weighted(v.TAGS)
CONTACT_COUNTS = v.weighted(v.CONTACT_COUNTS)
MAILBOXES = ("info", "sales", "contact", "service")
PAYMENT_TERMS = (0, 15, 30, 30, 30, 45, 60, 90)
FIVE_YEARS = 5 * 365 * 86400
POPULATION = 50_000
BLOCK_SIZE = len(USCC_CHARS) ** 3  # texts of one block of a credit code (see _org_blocks)
T = TypeVar("T")
Reading = tuple[str, str]  # full pinyin, initials


@dataclass(frozen=True)
class ChunkJob:
    """What one chunk needs: which customers (numbers and ids) and who owns them."""

    seed: int
    index: int
    first_number: int  # code number of the first customer (C000001 is 1)
    first_id: int
    count: int
    owner_ids: tuple[int, ...]
    now: datetime


class Picker(random.Random):
    """``random.Random`` with cheaper ``choice``, ``randrange`` and ``randint`` (the generator
    makes ~50 draws per customer): one ``random()`` each, scaled, which is uniform enough
    for demo data (every range here is far below 2**53)."""

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]  # narrower: sequences only
        return seq[int(self.random() * len(seq))]

    def randrange(self, stop: int) -> int:  # type: ignore[override]  # one argument form only
        return int(self.random() * stop)

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def person(r: Picker) -> tuple[str, str, str]:
    """(name, gender, e-mail local part) of someone new."""
    gender = "male" if r.random() < 0.55 else "female"
    if r.random() < 0.06:
        first = r.choice(v.EN_FIRST_MALE if gender == "male" else v.EN_FIRST_FEMALE)
        last = r.choice(v.EN_LAST)
        return f"{first} {last}", gender, f"{first}.{last}".lower().replace("'", "")
    chars = v.GIVEN_MALE if gender == "male" else v.GIVEN_FEMALE
    given = r.choice(chars) + (r.choice(chars) if r.random() < 0.55 else "")
    name = r.choice(SURNAMES) + given
    return name, gender, pinyin_of_text(name)[0]


@lru_cache(maxsize=64)
def _division_sum(division: str) -> int:
    pairs = zip("91" + division, USCC_WEIGHTS[:8], strict=True)
    return sum(USCC_CHARS.index(ch) * w for ch, w in pairs)


@lru_cache(maxsize=1)
def _org_blocks() -> tuple[tuple[tuple[str, int], ...], ...]:
    """The nine-character organisation part of a credit code as three blocks of three: for
    each block, every possible text with its part of the weighted sum (3 x 29,791 entries,
    made once per process; a code then costs three draws instead of nine)."""
    n = len(USCC_CHARS)
    blocks = []
    for block in range(3):
        w1, w2, w3 = USCC_WEIGHTS[8 + 3 * block: 11 + 3 * block]
        blocks.append(tuple(
            (USCC_CHARS[a] + USCC_CHARS[b] + USCC_CHARS[c], a * w1 + b * w2 + c * w3)
            for a in range(n) for b in range(n) for c in range(n)))
    return tuple(blocks)


@lru_cache(maxsize=4)
def people(seed: int) -> tuple[tuple[str, str, str], ...]:
    """The demo's population of contact people, the same in every process for a seed."""
    r = Picker(f"kehu-demo-people:{seed}")
    return tuple(person(r) for _ in range(POPULATION))


class RowMaker:
    def __init__(self, job: ChunkJob, codec: Codec) -> None:
        self.r = Picker(f"kehu-demo:{job.seed}:{job.index}")
        self.job = job
        self.codec = codec
        self.people = people(job.seed)
        self.org_blocks = _org_blocks()

    # --- people and numbers ----------------------------------------------------------------
    def person(self) -> tuple[str, str, str]:
        return self.r.choice(self.people)

    def mobile(self) -> str:
        r = self.r
        prefix, rest = r.choice(v.MOBILE_PREFIXES), f"{r.randrange(10**8):08d}"
        style = r.random()
        if style < 0.8:
            return prefix + rest
        if style < 0.9:
            return f"{prefix} {rest[:4]} {rest[4:]}"
        return f"+86 {prefix} {rest[:4]} {rest[4:]}"

    def landline(self, city: v.City) -> str:
        digits = 8 if len(city.area_code) == 3 or self.r.random() < 0.7 else 7
        rest = self.r.randrange(10 ** (digits - 1))
        return f"{city.area_code}-{self.r.randint(2, 8)}{rest:0{digits - 1}d}"

    def uscc(self, city: v.City) -> str:
        """A valid unified social credit code: the check character (GB 32100-2015) from the
        city's cached part of the weighted sum and the three drawn blocks' parts."""
        rnd = self.r.random
        first, second, third = self.org_blocks
        size = BLOCK_SIZE
        t1, s1 = first[int(rnd() * size)]
        t2, s2 = second[int(rnd() * size)]
        t3, s3 = third[int(rnd() * size)]
        total = _division_sum(city.division) + s1 + s2 + s3
        return f"91{city.division}{t1}{t2}{t3}{USCC_CHARS[(31 - total % 31) % 31]}"

    # --- names -----------------------------------------------------------------------------
    def company(self, city: v.City
                ) -> tuple[str, str, str, str, str, tuple[Reading, Reading] | None]:
        """(name, short name, kind, industry, e-mail domain, pinyin of the name and of the
        short name if known)."""
        r = self.r
        roll = r.random()
        if roll < 0.05:
            name, _, _ = self.person()
            return name, "", "individual", "", "", None
        if roll < 0.15:
            return (*self.english_company(), None)
        brand = r.choice(v.BRAND_FIRST) + r.choice(v.BRAND_SECOND)
        industry = r.choice(INDUSTRIES)
        word = r.choice(industry.words)
        prefix = city.name if r.random() < 0.7 else ""
        city_runs = (prefix,) if prefix else ()
        brand_py, _ = pinyin_of_text(brand)
        _, city_ini = pinyin_of_text(city.name)
        domain = f"{brand_py}{city_ini if prefix else industry.latin}{r.choice(v.EMAIL_TLDS)}"
        suffix = r.choice(SUFFIXES)
        # Both readings from cached pieces (see pinyin_of_joined): the short names are too
        # many to read whole (90,000 of them in a million customers).
        readings = (pinyin_of_joined(*city_runs, brand[0], brand[1:], word + suffix),
                    pinyin_of_joined(brand[0], brand[1:], word[:2]))
        return (f"{prefix}{brand}{word}{suffix}", brand + word[:2], "company", industry.name,
                domain, readings)

    def english_company(self) -> tuple[str, str, str, str, str]:
        r = self.r
        adj, noun = r.choice(v.EN_ADJ), r.choice(v.EN_NOUN)
        kind, latin, industry = r.choice(v.EN_KIND)
        if r.random() < 0.15:
            adj = r.choice(v.EN_LAST)
        name = f"{adj} {noun} {kind} {r.choice(v.EN_SUFFIX)}"
        domain = f"{adj}{noun}{latin}.com".lower().replace("'", "").replace("ü", "u")
        return name, f"{adj} {noun}", "company", industry, domain.replace("í", "i")

    # --- rows ------------------------------------------------------------------------------
    def customer(self, offset: int, contacts: list[tuple[Any, ...]]) -> tuple[Any, ...]:
        """One customer as a row of ``CUSTOMER_FIELDS``; its contacts are added to
        ``contacts``. The draws are written out (``choice`` inline): ~50 per customer."""
        r, job, codec = self.r, self.job, self.codec
        rnd = r.random
        city = CITIES[int(rnd() * len(CITIES))]
        name, short, kind, industry, domain, readings = self.company(city)
        company = kind == "company"
        status = STATUSES[int(rnd() * len(STATUSES))]
        size = SIZES[int(rnd() * len(SIZES))] if company else ""
        low, high = v.CREDIT_LIMITS.get(size, (5, 50))
        created = job.now - timedelta(seconds=int(rnd() * FIVE_YEARS))
        updated = created + (job.now - created) * rnd() * rnd()
        number = job.first_number + offset
        owner = job.owner_ids[number % len(job.owner_ids)]
        ownership = OWNERSHIPS[int(rnd() * len(OWNERSHIPS))] if company else ""
        street = v.STREETS[int(rnd() * len(v.STREETS))]
        address = f"{city.name}{street}{1 + int(rnd() * 999)}号"
        postal_code = f"{city.postal}{int(rnd() * 1000):03d}"
        phone = self.landline(city) if company else self.mobile()
        fax = self.landline(city) if company and rnd() < 0.3 else ""
        email = f"{MAILBOXES[int(rnd() * 4)]}@{domain}" if domain else ""
        website = f"www.{domain}" if domain and rnd() < 0.6 else ""
        if company:
            tax_id = self.uscc(city)
            bank_name = f"{v.BANKS[int(rnd() * len(v.BANKS))]}{city.name}分行"
            bank_account = f"6222{int(rnd() * 10**15):015d}"
        else:
            tax_id = bank_name = bank_account = ""
        source = SOURCES[int(rnd() * len(SOURCES))]
        tier = TIERS[int(rnd() * len(TIERS))]
        rating = RATINGS[int(rnd() * len(RATINGS))]
        limit = 0 if status == "prospect" else (low + int(rnd() * (high - low + 1))) * 1000
        terms = PAYMENT_TERMS[int(rnd() * len(PAYMENT_TERMS))]
        tags = TAGS[int(rnd() * len(TAGS))]
        archived = codec.moment(updated) if status == "lost" and rnd() < 0.5 else None
        customer_id = job.first_id + offset
        created_at = codec.moment(created)
        people = [self.contact(customer_id, city, domain, i, created_at, owner)
                  for i in range(CONTACT_COUNTS[int(rnd() * len(CONTACT_COUNTS))])]
        contacts += people
        code = f"C{number:06d}"
        name_pinyin, short_pinyin = readings or (None, None)
        search_text, search_short, name_sort = customer_search_key(
            name, short, code, email, city.name, city.province,
            [c[1] for c in people], [c[7] for c in people],
            [phone, fax, *(c[5] for c in people), *(c[6] for c in people)],
            name_pinyin, short_pinyin)
        return (customer_id, code, name, short, kind, ownership, industry, size, city.province,
                city.name, address, postal_code, phone, fax, email, website, tax_id, bank_name,
                bank_account, source, status, tier, False, rating,
                codec.money(Decimal(limit)), terms, owner, tags, "", archived, created_at,
                owner, codec.moment(updated), owner, 1, search_text, search_short, name_sort,
                _city_sort(city.name))

    def contact(self, customer_id: int, city: v.City, domain: str, index: int,
                created_at: Any, owner: int) -> tuple[Any, ...]:
        """One contact as a row of ``CONTACT_FIELDS``."""
        r, rnd = self.r, self.r.random
        name, gender, local = self.people[int(rnd() * len(self.people))]
        position = v.POSITIONS[int(rnd() * len(v.POSITIONS))]
        department = v.DEPARTMENTS[int(rnd() * len(v.DEPARTMENTS))]
        phone = (f"{self.landline(city)} 转 {r.randint(100, 899)}" if rnd() < 0.3 else "")
        mobile = self.mobile()
        email = f"{local}@{domain or 'example.com'}" if rnd() < 0.7 else ""
        im_handle = f"wx_{local}{1 + int(rnd() * 99)}" if rnd() < 0.3 else ""
        birthday = (self.codec.day(date(r.randint(1960, 2000), r.randint(1, 12),
                                        r.randint(1, 28)))
                    if rnd() < 0.3 else None)
        return (customer_id, name, gender, position, department, phone, mobile, email,
                im_handle, birthday, index == 0, "", created_at, owner, created_at, owner, 1)


CUSTOMER_FIELDS = (
    "id", "code", "name", "short_name", "kind", "ownership", "industry", "size_band",
    "province", "city", "address", "postal_code", "phone", "fax", "email", "website", "tax_id",
    "bank_name", "bank_account", "source", "status", "tier", "tier_override", "credit_rating",
    "credit_limit", "payment_terms_days", "owner_id", "tags", "notes", "archived_at",
    "created_at", "created_by", "updated_at", "updated_by", "version", "search_text",
    "search_short", "name_sort", "city_sort")
CONTACT_FIELDS = (
    "customer_id", "name", "gender", "position", "department", "phone", "mobile", "email",
    "im_handle", "birthday", "is_primary", "notes", "created_at", "created_by", "updated_at",
    "updated_by", "version")


@lru_cache(maxsize=1024)
def _city_sort(city: str) -> str:
    return sort_key(city)


def make_chunk(job: ChunkJob, codec: Codec = PLAIN) -> tuple[list[tuple[Any, ...]],
                                                             list[tuple[Any, ...]]]:
    """The customers and contacts of one chunk, as rows of ``CUSTOMER_FIELDS`` and
    ``CONTACT_FIELDS`` with values in the form ``codec`` gives them."""
    maker = RowMaker(job, codec)
    contacts: list[tuple[Any, ...]] = []
    customers = [maker.customer(offset, contacts) for offset in range(job.count)]
    return customers, contacts
