"""One chunk of demo customers, their contacts and projects, as rows of plain values. No
database access.

A chunk is fully determined by ``(seed, chunk index)``, so chunks can be made in any order
or in worker processes and the data is the same for the same seed. Rows are tuples of
``CUSTOMER_FIELDS``, ``CONTACT_FIELDS`` and ``PROJECT_FIELDS`` with money, times and dates
in the form the load's ``bulk.Codec`` gives them, so the writing process only hands them to
the driver. A chunk of n customers has ``projects_in(n)`` projects (a third), so every
chunk's first project code is known before any chunk is made.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

from app.data.kit.bulk import PLAIN, Codec
from app.data.kit.search import customer_search_key, pinyin_of_joined, pinyin_of_text, sort_key
from app.data.projects import project_search_key
from app.demo import vocabulary as v
from app.demo.activity_rows import make_activities
from app.demo.feedback_rows import make_tickets
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
PROJECT_STAGES = v.weighted(v.PROJECT_STAGES)
PROJECT_SHARE = 3  # a project per this many customers
MAILBOXES = ("info", "sales", "contact", "service")
PAYMENT_TERMS = (0, 15, 30, 30, 30, 45, 60, 90)
FIVE_YEARS = 5 * 365 * 86400
POPULATION = 50_000
BLOCK_SIZE = len(USCC_CHARS) ** 3  # texts of one block of a credit code (see _org_blocks)
T = TypeVar("T")
Reading = tuple[str, str]  # full pinyin, initials
# What a customer's projects need of it: created, size band, English name, city, owner, id.
Facts = tuple[datetime, str, bool, str, int, int]


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
    first_project_number: int = 1  # code number of the chunk's first project (P000001 is 1)
    first_project_id: int = 1
    worker_ids: tuple[int, ...] = ()  # who works feedback tickets: the service user first
    first_ticket_number: int = 1  # of the chunk's first feedback ticket (F000001 is 1)
    first_ticket_id: int = 1


def projects_in(customers: int) -> int:
    """How many projects a chunk of ``customers`` customers has: a third, rounded up."""
    return (customers + PROJECT_SHARE - 1) // PROJECT_SHARE


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


class Drawer:
    """Draws people, phone numbers and credit codes (customers' and suppliers' alike)."""

    def __init__(self, stream: str, codec: Codec) -> None:
        self.r = Picker(stream)
        self.codec = codec
        self.org_blocks = _org_blocks()

    # --- people and numbers ----------------------------------------------------------------
    def person(self) -> tuple[str, str, str]:
        return person(self.r)

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


class RowMaker(Drawer):
    def __init__(self, job: ChunkJob, codec: Codec) -> None:
        super().__init__(f"kehu-demo:{job.seed}:{job.index}", codec)
        self.job = job
        self.people = people(job.seed)
        self.facts: list[Facts] = []  # of each customer made, for its projects

    def person(self) -> tuple[str, str, str]:
        """Someone of the seed's population (customers' contacts are drawn from it)."""
        return self.r.choice(self.people)

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
        self.facts.append((created, size, company and readings is None, city.name, owner,
                           customer_id))
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


PROJECT_FIELDS = (
    "id", "code", "customer_id", "name", "stage", "budget", "start_date", "end_date",
    "owner_id", "description", "archived_at", "name_sort", "search_text", "created_at",
    "created_by", "updated_at", "updated_by", "version")


class ProjectMaker:
    """A chunk's projects, drawn from a stream of their own: the customers of a seed stay
    what they were before there were projects."""

    def __init__(self, job: ChunkJob, codec: Codec) -> None:
        self.r = Picker(f"kehu-demo-projects:{job.seed}:{job.index}")
        self.job = job
        self.codec = codec
        self.today = job.now.astimezone(UTC).date()

    def projects(self, facts: Sequence[Facts]) -> list[tuple[Any, ...]]:
        """``projects_in(len(facts))`` projects of customers drawn with repeats (most of
        those with projects have one, some two or three), in the customers' order."""
        rnd = self.r.random
        offsets = sorted(int(rnd() * len(facts)) for _ in range(projects_in(len(facts))))
        return [self.project(k, facts[offset]) for k, offset in enumerate(offsets)]

    def project(self, k: int, facts: Facts) -> tuple[Any, ...]:
        """One project as a row of ``PROJECT_FIELDS``: its owner is its customer's owner, its
        dates fit its stage (a lead starts later, a completed project has ended) and never
        begin before the customer was created; it ends on or after its start."""
        r, codec, now = self.r, self.codec, self.job.now
        rnd = r.random
        created, size, english, city, owner, customer_id = facts
        stage = PROJECT_STAGES[int(rnd() * len(PROJECT_STAGES))]
        start, end = self.dates(stage, created.astimezone(UTC).date())
        if stage in ("lead", "proposal"):  # entered lately, to start later
            opened = now - timedelta(days=r.randint(0, 120), seconds=int(rnd() * 86400))
        else:  # entered a while before it started
            opened = datetime(start.year, start.month, start.day, tzinfo=UTC) - timedelta(
                days=r.randint(0, 60), seconds=int(rnd() * 86400))
        made = min(max(created, opened), now)
        changed = made + (now - made) * rnd()
        if stage in ("completed", "cancelled"):  # changed when it closed, at the latest
            closed = datetime(end.year, end.month, end.day, 18, tzinfo=UTC)
            changed = max(changed, min(closed, now))
        number = self.job.first_project_number + k
        code = f"P{number:06d}"
        name = self.name(english or rnd() < 0.08, city, start.year)
        template, name_sort = _project_keys(name)
        search_text = template.replace(CODE_MARK, code.casefold(), 1)
        notes = v.EN_PROJECT_NOTES if name.isascii() else v.PROJECT_NOTES
        description = notes[int(rnd() * len(notes))] if rnd() < 0.35 else ""
        return (self.job.first_project_id + k, code, customer_id, name, stage,
                codec.money(self.budget(size)), codec.day(start), codec.day(end), owner,
                description, None, name_sort, search_text, codec.moment(made), owner,
                codec.moment(changed), owner, 1)

    def dates(self, stage: str, since: date) -> tuple[date, date]:
        r, today = self.r, self.today
        if stage in ("lead", "proposal"):
            start = today + timedelta(days=r.randint(0 if stage == "proposal" else 15, 180))
            return start, start + timedelta(days=r.randint(30, 365))
        if stage == "in_progress":
            start = max(since, today - timedelta(days=r.randint(1, 300)))
            return start, today + timedelta(days=r.randint(0, 300))
        end = today - timedelta(days=int(self.r.random() * ((today - since).days + 1)))
        length = min(r.randint(30, 365), (end - since).days)
        return end - timedelta(days=length), end

    def budget(self, size: str) -> Decimal:
        """Exact money: most in whole ten thousands of yuan, some in hundreds, a few to the
        fen."""
        r, rnd = self.r, self.r.random
        low, high = v.PROJECT_BUDGETS[size]
        yuan = r.randint(low, high) * 10_000
        style = rnd()
        if style < 0.7:
            return Decimal(yuan)
        if style < 0.9:
            return Decimal(yuan + int(rnd() * 100) * 100)
        return Decimal(yuan * 100 + int(rnd() * 1_000_000)).scaleb(-2)

    def name(self, english: bool, city: str, year: int) -> str:
        r, rnd = self.r, self.r.random
        if english:
            place = rnd()
            where = (r.choice(v.EN_PROJECT_PLACES) + " " if place < 0.35
                     else f"{year} " if place < 0.45 else "")
            return (f"{where}{r.choice(v.EN_PROJECT_SUBJECTS)} "
                    f"{r.choice(v.EN_PROJECT_ACTIONS)}")
        # The rarer shapes are the many (city and site: 156 of them), so each worker process
        # reads few distinct names (see _project_keys).
        place = rnd()
        if place < 0.4:
            where = r.choice(v.PROJECT_PLACES)
        elif place < 0.5:
            where = city + r.choice(v.PROJECT_SITES)
        elif place < 0.55:
            where = f"{year}年度"
        else:
            where = ""
        return f"{where}{r.choice(v.PROJECT_SUBJECTS)}{r.choice(v.PROJECT_ACTIONS)}"


CODE_MARK = "p000000"  # a project code no project has, marking the code in a search key


@lru_cache(maxsize=50_000)
def _project_keys(name: str) -> tuple[str, str]:
    """The search key of a project named ``name`` with ``CODE_MARK`` for its code, and the
    name's sort key: what the projects' repository stores, per name (names repeat) rather
    than per project. Replacing the mark with the code gives ``project_search_key(name,
    code)``: the code is kept as written after the name (no demo name holds a code), and
    whether the name's pinyin (letters only) is kept does not depend on the code's digits."""
    return project_search_key(name, CODE_MARK), sort_key(name)


@lru_cache(maxsize=1024)
def _city_sort(city: str) -> str:
    return sort_key(city)


Rows = list[tuple[Any, ...]]
Chunk = tuple[Rows, Rows, Rows, Rows, Rows]


def make_chunk(job: ChunkJob, codec: Codec = PLAIN) -> Chunk:
    """The customers, contacts, projects, activities and feedback tickets of one chunk, as
    rows of ``CUSTOMER_FIELDS``, ``CONTACT_FIELDS``, ``PROJECT_FIELDS``, ``ACTIVITY_FIELDS``
    and ``TICKET_FIELDS`` with values in the form ``codec`` gives them."""
    maker = RowMaker(job, codec)
    contacts: list[tuple[Any, ...]] = []
    customers = [maker.customer(offset, contacts) for offset in range(job.count)]
    return (customers, contacts, ProjectMaker(job, codec).projects(maker.facts),
            make_activities(job.seed, job.index, job.now, maker.facts, codec),
            make_tickets(job, maker.facts, codec))
