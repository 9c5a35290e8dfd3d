"""The demo's catalogue: suppliers with their contacts, products, and which supplier supplies
which product, as rows of plain values. No database access.

200 suppliers and 1,000 products per 100,000 customers, at least ``MIN_SUPPLIERS`` and
``MIN_PRODUCTS`` (a tiny demo has a catalogue too). Determined by the seed alone and made in
the writing process: a million customers' catalogue (2,000 suppliers, 10,000 products) takes
well under a second. Rows are tuples of the ``*_FIELDS`` below, with values in the form the
load's ``bulk.Codec`` gives them; every row carries the sort and search keys the modules'
repositories store on a save.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from app.data.kit.bulk import PLAIN, BulkStart, Codec
from app.data.kit.search import pinyin_of_text, sort_key
from app.data.products import product_search_key
from app.data.suppliers import supplier_search_key
from app.demo import vocabulary as v
from app.demo.rows import CITIES, CONTACT_FIELDS, SUFFIXES, Drawer

SUPPLIERS_PER_100K = 200
PRODUCTS_PER_100K = 1_000
MIN_SUPPLIERS = 5
MIN_PRODUCTS = 20
ABROAD_EVERY = 7  # one supplier in 7 is abroad: the 4th, the 11th...
CATEGORIES = v.weighted(tuple((c, c.weight) for c in v.CATEGORIES))
COUNTRIES = v.weighted(tuple((c, c.weight) for c in v.ABROAD))
RATINGS = v.weighted(v.SUPPLIER_RATINGS)
SUPPLIERS_OF_A_PRODUCT = v.weighted(((0, 10), (1, 55), (2, 25), (3, 10)))
MAILBOXES = ("sales", "info", "service", "export")
MODEL_LETTERS = "ABCDEFGHJKLMNPRSTXYZ"
CENT = Decimal("0.01")
THREE_YEARS = 3 * 365 * 86400
FIVE_YEARS = 5 * 365 * 86400
Row = tuple[Any, ...]

SUPPLIER_FIELDS = (
    "id", "code", "name", "category", "rating", "payment_terms_days", "country", "province",
    "city", "address", "postal_code", "phone", "fax", "email", "tax_id", "bank_name",
    "bank_account", "notes", "archived_at", "name_sort", "city_sort", "search_text",
    "created_at", "created_by", "updated_at", "updated_by", "version")
# A supplier's contact: the contacts' fields with supplier_id in customer_id's place.
SUPPLIER_CONTACT_FIELDS = ("supplier_id", *CONTACT_FIELDS[1:])
PRODUCT_FIELDS = (
    "id", "code", "name", "category", "unit", "list_price", "cost", "tax_rate", "active",
    "description", "archived_at", "name_sort", "category_sort", "search_text", "created_at",
    "created_by", "updated_at", "updated_by", "version")
SUPPLIED_FIELDS = (
    "supplier_id", "product_id", "supplier_code", "purchase_price", "lead_time_days",
    "created_at", "created_by", "updated_at", "updated_by", "version")


def suppliers_for(customers: int) -> int:
    return max(MIN_SUPPLIERS, customers * SUPPLIERS_PER_100K // 100_000)


def products_for(customers: int) -> int:
    return max(MIN_PRODUCTS, customers * PRODUCTS_PER_100K // 100_000)


@dataclass(frozen=True)
class CatalogueJob:
    """What the catalogue needs: how many of each, where their ids and codes begin, who
    entered them (suppliers: ``admin_id``, products: ``manager_id``) and when."""

    seed: int
    suppliers: int
    products: int
    supplier_start: BulkStart  # ``customer_id``: the first free id
    product_start: BulkStart
    admin_id: int
    manager_id: int
    now: datetime


@dataclass
class Catalogue:
    suppliers: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    products: list[Row] = field(default_factory=list)
    supplied: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    """What the supplied products need of a supplier."""

    supplier_id: int
    category: str
    prefix: str  # of its own product codes: HX-20481
    abroad: bool


class CatalogueMaker(Drawer):
    def __init__(self, job: CatalogueJob, codec: Codec) -> None:
        super().__init__(f"kehu-demo-catalogue:{job.seed}", codec)
        self.job = job

    def make(self) -> Catalogue:
        job, made = self.job, Catalogue()
        sources = [self.supplier(k, made) for k in range(job.suppliers)]
        by_category: dict[str, list[_Source]] = {}
        for source in sources:
            by_category.setdefault(source.category, []).append(source)
        for k in range(job.products):
            self.product(k, by_category, made)
        return made

    # --- suppliers -------------------------------------------------------------------------
    def supplier(self, k: int, made: Catalogue) -> _Source:
        """One supplier and its one or two contacts. The first suppliers cover the
        categories one each (so even a tiny demo's products have suppliers); every
        ``ABROAD_EVERY``th is abroad, written as it is there (no province)."""
        r, rnd, job, codec = self.r, self.r.random, self.job, self.codec
        category = (v.CATEGORIES[k] if k < len(v.CATEGORIES)
                    else CATEGORIES[int(rnd() * len(CATEGORIES))])
        supplier_id = job.supplier_start.customer_id + k
        code = f"S{job.supplier_start.code_number + k:06d}"
        abroad = k % ABROAD_EVERY == 3
        created = job.now - timedelta(seconds=int(rnd() * FIVE_YEARS))
        updated = created + (job.now - created) * rnd() * rnd()
        created_at = codec.moment(created)
        if abroad:
            values, prefix, people = self.abroad(category)
        else:
            values, prefix, people = self.in_china(category)
        contacts = [self.contact(supplier_id, person, created_at, i == 0, abroad)
                    for i, person in enumerate(people)]
        made.contacts += contacts
        rating = RATINGS[int(rnd() * len(RATINGS))]
        terms = (r.choice((0, 30, 60, 90)) if abroad
                 else v.SUPPLIER_TERMS[int(rnd() * len(v.SUPPLIER_TERMS))])
        notes = r.choice(v.SUPPLIER_NOTES) if rnd() < 0.25 else ""
        record = SimpleNamespace(code=code, category=category.name, **values, contacts=[
            SimpleNamespace(name=c[1], email=c[7], phone=c[5], mobile=c[6]) for c in contacts])
        made.suppliers.append((
            supplier_id, code, values["name"], category.name, rating, terms, values["country"],
            values["province"], values["city"], values["address"], values["postal_code"],
            values["phone"], values["fax"], values["email"], values["tax_id"],
            values["bank_name"], values["bank_account"], notes, None, sort_key(values["name"]),
            _sort_key(values["city"]), supplier_search_key(record), created_at,
            job.admin_id, codec.moment(updated), job.admin_id, 1))
        return _Source(supplier_id, category.name, prefix, abroad)

    def in_china(self, category: v.Category
                 ) -> tuple[dict[str, str], str, list[tuple[str, str, str, str]]]:
        """A supplier in China: its values, the prefix of its product codes, and its
        contacts (name, gender, e-mail, phone)."""
        r, rnd = self.r, self.r.random
        city = CITIES[int(rnd() * len(CITIES))]
        brand = r.choice(v.BRAND_FIRST) + r.choice(v.BRAND_SECOND)
        word = r.choice(category.words)
        brand_py, brand_ini = pinyin_of_text(brand)
        domain = f"{brand_py}{pinyin_of_text(word)[1]}{r.choice(v.EMAIL_TLDS)}"
        prefix = city.name if rnd() < 0.6 else ""
        values = {
            "name": f"{prefix}{brand}{word}{r.choice(SUFFIXES)}", "country": "中国",
            "province": city.province, "city": city.name,
            "address": f"{city.name}{r.choice(v.STREETS)}{r.randint(1, 999)}号",
            "postal_code": f"{city.postal}{r.randrange(1000):03d}",
            "phone": self.landline(city), "fax": self.landline(city) if rnd() < 0.4 else "",
            "email": f"{r.choice(MAILBOXES)}@{domain}", "tax_id": self.uscc(city),
            "bank_name": f"{r.choice(v.BANKS)}{city.name}分行",
            "bank_account": f"6222{r.randrange(10**15):015d}"}
        people = []
        for _ in range(self.contacts_count()):
            name, gender, local = self.person()
            phone = f"{self.landline(city)} 转 {r.randint(100, 899)}" if rnd() < 0.3 else ""
            people.append((name, gender, f"{local}@{domain}", phone))
        return values, brand_ini.upper(), people

    def abroad(self, category: v.Category
               ) -> tuple[dict[str, str], str, list[tuple[str, str, str, str]]]:
        r, rnd = self.r, self.r.random
        country = COUNTRIES[int(rnd() * len(COUNTRIES))]
        adj, noun = r.choice(v.EN_ADJ), r.choice(v.EN_NOUN)
        domain = f"{adj}{noun}{country.domain}".lower()
        values = {
            "name": f"{adj} {noun} {r.choice(category.en_words)} {r.choice(country.suffixes)}",
            "country": country.name, "province": "", "city": r.choice(country.cities),
            "address": r.choice(country.streets).format(n=r.randint(1, 200)),
            "postal_code": self.digits(country.postal), "phone": self.digits(country.phone),
            "fax": self.digits(country.phone) if rnd() < 0.3 else "",
            "email": f"{r.choice(MAILBOXES)}@{domain}", "tax_id": self.digits(country.tax_id),
            "bank_name": r.choice(country.banks),
            "bank_account": self.digits(country.account)}
        people = []
        for _ in range(self.contacts_count()):
            name = r.choice(country.people)
            phone = (f"{self.digits(country.phone)} ext. {r.randint(10, 899)}"
                     if rnd() < 0.5 else "")
            people.append((name, "", f"{_ascii(name)}@{domain}", phone))
        return values, (adj[0] + noun[0]).upper(), people

    def contacts_count(self) -> int:
        return 1 if self.r.random() < 0.6 else 2

    def contact(self, supplier_id: int, person: tuple[str, str, str, str], created_at: Any,
                primary: bool, abroad: bool) -> Row:
        """A row of ``SUPPLIER_CONTACT_FIELDS``; the first of a supplier is its primary."""
        r = self.r
        name, gender, email, phone = person
        position = r.choice(v.EN_SUPPLIER_POSITIONS if abroad else v.SUPPLIER_POSITIONS)
        mobile = "" if abroad else self.mobile()
        return (supplier_id, name, gender, position, "Sales" if abroad else "销售部", phone,
                mobile, email, "", None, primary, "", created_at, self.job.admin_id,
                created_at, self.job.admin_id, 1)

    def digits(self, pattern: str) -> str:
        """``pattern`` with every ``#`` a digit drawn."""
        rnd = self.r.random
        return "".join(str(int(rnd() * 10)) if ch == "#" else ch for ch in pattern)

    # --- products --------------------------------------------------------------------------
    def product(self, k: int, by_category: dict[str, list[_Source]], made: Catalogue) -> None:
        """One product (Chinese or English name, a unit and the category's tax rate mostly,
        exact prices with the cost usually below the list price, a few not for sale) and
        who supplies it: up to three suppliers of its category at their own code, price
        and lead time."""
        r, rnd, job, codec = self.r, self.r.random, self.job, self.codec
        category = CATEGORIES[int(rnd() * len(CATEGORIES))]
        item = r.choice(category.items)
        spec_zh, _, spec_en = r.choice(item.specs).partition("/")
        english = rnd() < 0.12
        model = (f"{r.choice(MODEL_LETTERS)}{r.choice(MODEL_LETTERS)}-{r.randint(100, 9999)}"
                 if rnd() < 0.6 else "")
        words = (item.en, spec_en or spec_zh) if english else (item.zh, spec_zh)
        name = " ".join(w for w in (*words, model) if w)
        product_id = job.product_start.customer_id + k
        code = f"G{job.product_start.code_number + k:06d}"
        price = self.price(item)
        margin = (r.randint(102, 115) if rnd() < 0.02 else r.randint(45, 92))  # percent
        cost = (price * margin / 100).quantize(CENT, rounding=ROUND_HALF_EVEN)
        created = job.now - timedelta(seconds=int(rnd() * THREE_YEARS))
        updated = created + (job.now - created) * rnd() * rnd()
        description = r.choice(v.PRODUCT_NOTES) if rnd() < 0.3 else ""
        made.products.append((
            product_id, code, name, category.name, item.unit, codec.money(price),
            codec.money(cost), self.tax_rate(category), rnd() >= 0.05, description, None,
            sort_key(name), _sort_key(category.name), product_search_key(name, code),
            codec.moment(created), job.manager_id, codec.moment(updated), job.manager_id, 1))
        sources = by_category.get(category.name, [])
        count = min(len(sources),
                    SUPPLIERS_OF_A_PRODUCT[int(rnd() * len(SUPPLIERS_OF_A_PRODUCT))])
        for source in r.sample(sources, count):
            purchase = (cost * r.randint(85, 105) / 100).quantize(CENT, rounding=ROUND_HALF_EVEN)
            lead_time = r.randint(20, 90) if source.abroad else r.randint(2, 30)
            made.supplied.append((
                source.supplier_id, product_id, f"{source.prefix}-{r.randint(1000, 99999)}",
                codec.money(purchase), lead_time, codec.moment(created), job.manager_id,
                codec.moment(created), job.manager_id, 1))

    def price(self, item: v.Item) -> Decimal:
        """Exact: whole yuan, a price ending in 9, or yuan and fen."""
        r, rnd = self.r, self.r.random
        yuan = r.randint(item.low, item.high)
        style = rnd()
        if style < 0.4 or yuan < 10:
            return Decimal(yuan)
        if style < 0.7:
            return Decimal(yuan // 10 * 10 + 9 if yuan >= 100 else yuan)
        return Decimal(yuan * 100 + r.randint(0, 99)).scaleb(-2)

    def tax_rate(self, category: v.Category) -> str:
        """The category's rate; a few goods from small taxpayers (3%, 1%) or exempt (0%)."""
        roll = self.r.random()
        if category.tax_rate == "0.06":
            return "0.03" if roll < 0.05 else "0.06"
        if roll < 0.05:
            return "0.03"
        if roll < 0.06:
            return "0.01"
        if roll < 0.08:
            return "0"
        return category.tax_rate


def _ascii(name: str) -> str:
    """An e-mail's local part of a person's name: Jörg Becker -> jorg.becker."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return folded.lower().replace(" ", ".").replace("-", "")


@lru_cache(maxsize=1024)
def _sort_key(text: str) -> str:
    return sort_key(text)


def make_catalogue(job: CatalogueJob, codec: Codec = PLAIN) -> Catalogue:
    return CatalogueMaker(job, codec).make()

