"""One chunk's demo opportunities, sales orders and their lines, as rows of plain values. No
database access.

Two years of sales: opportunities for about a quarter of the customers across the six stages
of the pipeline (the stage's default probability, the weighted amount half up to the cent,
an expected close date; lost ones with their reason), and orders for about a third of them
(none for prospects): seasonal (more in the fourth quarter, fewer in February and around
Chinese New Year and on weekends), a few key accounts (large customers) with many orders,
most delivered, some confirmed, a few recent drafts and about 5% cancelled with the reason;
1-6 lines each of the demo's active products at their list price, unit and tax rate, with
quantities and discounts (0, 5%, 10%). A line's and an order's net, tax and gross are those
of ``app.logic.sales.line_amounts``, the one rule of totals. Each opportunity and order is
its customer's owner's; an order has its customer's payment terms and the due date after
them.

A chunk of n customers has ``opportunities_in(n)`` opportunities and ``orders_in(n)``
orders, of them ``order_years(n, today)[year]`` dated in each year, so every chunk's first
ids and numbers (OP000001, SO2026-000001: a counter per year of the order date) are known
before any chunk is made, as the projects' and tickets' are. Drawn from a stream of their
own (seed, chunk): the customers and everything else of a seed stay what they were. The
products are the demo catalogue's (``catalogue.make_catalogue``, replayed once per process
from the same job).
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from app.data.kit.bulk import SQLITE, Codec
from app.data.kit.search import sort_key
from app.data.sales import sales_search_key
from app.demo.catalogue import PRODUCT_FIELDS, Catalogue, CatalogueJob, make_catalogue
from app.demo.rows import CUSTOMER_FIELDS
from app.demo.vocabulary import weighted
from app.logic.sales import FACTORY_PROBABILITY, line_amounts, weighted_amount

OPPORTUNITY_FIELDS = (
    "id", "number", "name", "customer_id", "stage", "amount", "probability", "weighted",
    "expected_close", "owner_id", "source", "lost_reason", "notes", "closed_at", "name_sort",
    "search_text", "created_at", "created_by", "updated_at", "updated_by", "version")
ORDER_FIELDS = (
    "id", "number", "customer_id", "order_date", "salesperson_id", "status",
    "payment_terms_days", "due_date", "currency", "opportunity_id", "notes", "net", "tax",
    "gross", "cancel_reason", "credit_override_reason", "confirmed_at", "delivered_at",
    "cancelled_at", "search_text", "created_at", "created_by", "updated_at", "updated_by",
    "version")
LINE_FIELDS = (
    "order_id", "position", "product_id", "description", "quantity", "unit", "unit_price",
    "discount", "tax_rate", "net", "tax", "gross")

OPPORTUNITIES_PER_100 = 30  # a quarter of the customers, some with two
ORDERS_PER_100 = 48  # a third of the customers, key accounts with many
HISTORY_DAYS = 730
CHINA = timedelta(hours=8)  # orders are dated and entered in China's time
MARK = "op000000"  # an opportunity number none has, marking the number in a search key

STAGES = weighted((("qualification", 22), ("needs_analysis", 17), ("proposal", 14),
                   ("negotiation", 9), ("won", 22), ("lost", 16)))
SOURCES = weighted((("existing", 30), ("referral", 20), ("website", 15), ("exhibition", 12),
                    ("cold_call", 10), ("partner", 8), ("other", 5)))
LOST_REASONS = ("价格高于竞争对手", "客户预算取消", "选择了竞争对手的方案", "项目无限期延期",
                "客户需求发生变化", "交期无法满足客户要求", "客户内部决策人变更",
                "技术方案未通过评审")
EN_LOST_REASONS = ("Price above the competition", "Budget cancelled",
                   "Chose a competitor's offer", "Project postponed")
CANCEL_REASONS = ("客户取消采购计划", "客户要求合并到新订单", "价格调整后重新下单",
                  "交期无法满足，客户取消", "下单信息有误，重新录入", "客户资金未到位")
EN_CANCEL_REASONS = ("The customer cancelled the purchase", "Replaced by a new order",
                     "Entered by mistake")
SUBJECTS = ("办公设备采购", "生产线自动化改造", "年度维保服务合同", "仓储物流系统升级",
            "信息化系统建设", "实验室设备更新", "安防监控系统", "厂房照明节能改造",
            "包装材料年度采购", "IT基础设施扩容", "员工劳保用品采购", "车间空调系统更换",
            "年度耗材框架协议", "新工厂设备配套", "数据中心机房建设", "电气控制柜改造")
EN_SUBJECTS = ("Office equipment", "Production line automation", "Annual service contract",
               "Warehouse system upgrade", "IT infrastructure expansion",
               "Packaging materials supply", "Lab equipment renewal")
# Opportunity amounts by the customer's size band, in thousands of yuan.
AMOUNTS = {"micro": (5, 80), "small": (20, 300), "medium": (100, 1500), "large": (500, 8000),
           "": (2, 40)}
LINE_COUNTS = weighted(((1, 30), (2, 25), (3, 17), (4, 12), (5, 9), (6, 7)))
# (discount, in ten-thousandths)
DISCOUNTS = weighted((((Decimal(0), 0), 70), ((Decimal("0.05"), 500), 20),
                      ((Decimal("0.1"), 1000), 10)))
WHOLE_UNITS = frozenset({"pcs", "unit", "set", "box", "item", "pack", "times", "hour", "day",
                         "month", "year"})
KEY_ACCOUNT = 0.25  # of the large customers with orders: many orders
KEY_WEIGHT = 60  # a key account's share of the further orders, against 1 for the others
# The order's status by its age in days: (up to, ((status, weight), ...)).
STATUS_BY_AGE = (
    (7, weighted((("draft", 25), ("confirmed", 50), ("delivered", 20), ("cancelled", 5)))),
    (45, weighted((("draft", 3), ("confirmed", 30), ("delivered", 62), ("cancelled", 5)))),
    (HISTORY_DAYS + 1, weighted((("confirmed", 1), ("delivered", 94), ("cancelled", 5)))),
)
MONTHS = (0.95, 0.6, 1.0, 1.0, 0.95, 1.05, 0.9, 0.9, 1.05, 1.1, 1.3, 1.5)  # Q4 the most
WEEKEND = 0.2
# Chinese New Year's Day; the week before and the two after have few orders.
NEW_YEAR = (date(2022, 2, 1), date(2023, 1, 22), date(2024, 2, 10), date(2025, 1, 29),
            date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13),
            date(2030, 2, 3), date(2031, 1, 23), date(2032, 2, 11), date(2033, 1, 31),
            date(2034, 2, 19), date(2035, 2, 8))
HOLIDAY = 0.15

Row = tuple[Any, ...]
SalesRows = tuple[list[Row], list[Row], list[Row]]  # opportunities, orders, lines


@dataclass(frozen=True)
class SalesJob:
    """What one chunk's sales need beside its customers' rows: where its opportunities and
    orders begin (ids, numbers: per year of the order date), the catalogue whose products
    the lines take, and when the data is generated relative to."""

    seed: int
    index: int
    now: datetime
    catalogue: CatalogueJob
    first_opportunity_id: int = 1
    first_opportunity_number: int = 1
    first_order_id: int = 1
    first_order_numbers: tuple[tuple[int, int], ...] = ()  # (year, its first number)


def opportunities_in(customers: int) -> int:
    """How many opportunities a chunk of ``customers`` customers has: 30 per 100."""
    return (customers * OPPORTUNITIES_PER_100 + 99) // 100


def orders_in(customers: int) -> int:
    """How many orders a chunk of ``customers`` customers has: 48 per 100."""
    return (customers * ORDERS_PER_100 + 99) // 100


def today_of(now: datetime) -> date:
    """The day in China at ``now``."""
    return (now.astimezone(UTC) + CHINA).date()


# --- the calendar: days of the last two years with their weight ---------------------------
@dataclass(frozen=True)
class Calendar:
    days: tuple[date, ...]  # the last HISTORY_DAYS days, oldest first, today last
    cumulative: tuple[float, ...]  # of the days' weights
    years: tuple[tuple[int, int, int], ...]  # (year, first day's index, past its last)


@lru_cache(maxsize=4)
def calendar(today: date) -> Calendar:
    first = today - timedelta(days=HISTORY_DAYS - 1)
    days = tuple(first + timedelta(days=k) for k in range(HISTORY_DAYS))
    total, cumulative = 0.0, []
    for day in days:
        total += _weight(day)
        cumulative.append(total)
    years = []
    for year in range(first.year, today.year + 1):
        low = bisect.bisect_left(days, max(first, date(year, 1, 1)))
        high = bisect.bisect_right(days, min(today, date(year, 12, 31)))
        years.append((year, low, high))
    return Calendar(days, tuple(cumulative), tuple(years))


def _weight(day: date) -> float:
    weight = MONTHS[day.month - 1] * (WEEKEND if day.weekday() >= 5 else 1.0)
    for new_year in NEW_YEAR:
        if -7 <= (day - new_year).days <= 14:
            return weight * HOLIDAY
    return weight


@lru_cache(maxsize=16)
def order_years(customers: int, today: date) -> dict[int, int]:
    """How many of a chunk's ``orders_in(customers)`` orders are dated in each year of the
    last two (by the calendar's weights: the largest remainders rounded up)."""
    cal, total = calendar(today), orders_in(customers)
    mass = {year: _mass(cal, low, high) for year, low, high in cal.years}
    whole = sum(mass.values())
    exact = {year: total * m / whole for year, m in mass.items()}
    counts = {year: int(share) for year, share in exact.items()}
    by_remainder = sorted(exact, key=lambda y: (counts[y] - exact[y], y))
    for year in by_remainder[:total - sum(counts.values())]:
        counts[year] += 1
    return counts


def _mass(cal: Calendar, low: int, high: int) -> float:
    if high <= low:
        return 0.0
    return cal.cumulative[high - 1] - (cal.cumulative[low - 1] if low else 0.0)


# --- the products the lines take ---------------------------------------------------------
@dataclass(frozen=True)
class Pick:
    id: int
    name: str
    unit: str
    price: Decimal
    encoded_price: Any  # as the codec gives it
    tax_rate: str
    cost: float  # the price, to draw quantities with


@lru_cache(maxsize=1)
def catalogue_of(job: CatalogueJob, codec: Codec) -> Catalogue:
    """The demo catalogue of ``job``: made once per process (the writing process inserts
    it; a worker reads its products)."""
    return make_catalogue(job, codec)


@lru_cache(maxsize=1)
def picks_of(job: CatalogueJob, codec: Codec) -> tuple[Pick, ...]:
    """The catalogue's active products, as an order line takes them."""
    at = {name: PRODUCT_FIELDS.index(name)
          for name in ("id", "name", "unit", "list_price", "tax_rate", "active")}
    found = []
    for row in catalogue_of(job, codec).products:
        if not row[at["active"]]:
            continue
        price = row[at["list_price"]]
        exact = price if isinstance(price, Decimal) else Decimal(int(price)).scaleb(-2)
        found.append(Pick(row[at["id"]], row[at["name"]], row[at["unit"]], exact, price,
                          row[at["tax_rate"]], float(exact)))
    return tuple(sorted(found, key=lambda p: p.price))


# --- the customers' facts ----------------------------------------------------------------
@dataclass(frozen=True)
class Buyer:
    """What a customer's sales need of its row."""

    id: int
    created: date  # in China
    size: str
    english: bool
    owner: int | None
    credit_limit: Decimal
    terms: int
    status: str


_AT = {name: CUSTOMER_FIELDS.index(name)
       for name in ("id", "name", "kind", "size_band", "credit_limit", "payment_terms_days",
                    "owner_id", "status", "created_at")}


class Buyers:
    """The facts of a chunk's customer rows (values as any codec gives them), each read
    when first asked for (most customers have no sales)."""

    def __init__(self, customers: Sequence[Row]) -> None:
        self.rows = customers
        self.read: dict[int, Buyer] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def status(self, offset: int) -> str:
        return str(self.rows[offset][_AT["status"]])

    def __getitem__(self, offset: int) -> Buyer:
        found = self.read.get(offset)
        if found is None:
            found = self.read[offset] = _buyer(self.rows[offset])
        return found


def _buyer(row: Row) -> Buyer:
    at = _AT
    created = row[at["created_at"]]
    if isinstance(created, str):
        created = datetime.fromisoformat(created).replace(tzinfo=UTC)
    limit = row[at["credit_limit"]]
    if not isinstance(limit, Decimal):
        limit = Decimal(int(limit)).scaleb(-2)
    return Buyer(row[at["id"]], today_of(created), row[at["size_band"]],
                 row[at["name"]].isascii(), row[at["owner_id"]], limit,
                 int(row[at["payment_terms_days"]]), row[at["status"]])


# --- the rows ----------------------------------------------------------------------------
def make_sales(job: SalesJob, customers: Sequence[Row], codec: Codec) -> SalesRows:
    """The chunk's opportunities, orders and order lines, of the customers whose rows
    (``CUSTOMER_FIELDS``) are given, as rows of ``OPPORTUNITY_FIELDS``, ``ORDER_FIELDS``
    and ``LINE_FIELDS`` in the form ``codec`` gives."""
    maker = SalesMaker(job, codec)
    buyers = Buyers(customers)
    return maker.opportunities(buyers), *maker.orders(buyers)


class SalesMaker:
    """A chunk's sales, from a stream of their own."""

    def __init__(self, job: SalesJob, codec: Codec) -> None:
        self.r = random.Random(f"kehu-demo-sales:{job.seed}:{job.index}")
        self.job = job
        self.codec = codec
        self.today = today_of(job.now)
        self.calendar = calendar(self.today)
        self.picks = picks_of(job.catalogue, codec)
        self.prices = [p.cost for p in self.picks]
        self.exact = codec is not SQLITE  # Decimals for SQLAlchemy; integers for sqlite3

    # --- opportunities ---------------------------------------------------------------------
    def opportunities(self, buyers: Buyers) -> list[Row]:
        """``opportunities_in(len(buyers))``: a quarter of the customers one each, some of
        them a second, in the customers' order."""
        r, n = self.r, len(buyers)
        total = opportunities_in(n)
        chosen = r.sample(range(n), min(n, (n + 3) // 4)) if n else []
        offsets = sorted(chosen + [chosen[int(r.random() * len(chosen))]
                                   for _ in range(total - len(chosen))])
        return [self.opportunity(k, buyers[offset]) for k, offset in enumerate(offsets)]

    def opportunity(self, k: int, buyer: Buyer) -> Row:
        r, codec, now, today = self.r, self.codec, self.job.now, self.today
        rnd = r.random
        stage = STAGES[int(rnd() * len(STAGES))]
        since = max(buyer.created, today - timedelta(days=HISTORY_DAYS - 1))
        closed_at = None
        lost_reason = ""
        closed = stage in ("won", "lost")
        if closed:  # opened and closed within the two years
            opened = since + timedelta(days=int(rnd() * ((today - since).days + 1)))
        else:  # open: entered in the last half year, to close within the next
            recent = max(since, today - timedelta(days=180))
            opened = recent + timedelta(days=int(rnd() * ((today - recent).days + 1)))
        created = min(now, _moment(opened, 9 + int(rnd() * 9), rnd()))
        if closed:
            closed_day = min(today, opened + timedelta(days=7 + int(rnd() * 120)))
            closed_at = max(created, min(now, _moment(closed_day, 10 + int(rnd() * 8), rnd())))
            expected = closed_day + timedelta(days=int(rnd() * 21) - 10)
            changed = closed_at
            version = 2 + int(rnd() * 3)
            if stage == "lost":
                lost_reason = r.choice(EN_LOST_REASONS if buyer.english else LOST_REASONS)
        else:
            expected = max(opened + timedelta(days=14), today - timedelta(days=20)) + \
                timedelta(days=int(rnd() * 180))
            version = 1 + int(rnd() * 3)
            changed = created + (now - created) * rnd() * rnd()
        amount = self.amount(buyer.size)
        probability = FACTORY_PROBABILITY[stage]
        name = self.name(buyer.english, opened.year)
        number = f"OP{self.job.first_opportunity_number + k:06d}"
        template, name_sort = _opportunity_keys(name)
        owner = buyer.owner
        return (self.job.first_opportunity_id + k, number, name, buyer.id, stage,
                codec.money(amount), probability,
                codec.money(weighted_amount(amount, probability)), codec.day(expected), owner,
                SOURCES[int(rnd() * len(SOURCES))], lost_reason, "",
                None if closed_at is None else codec.moment(closed_at), name_sort,
                template.replace(MARK, number.casefold(), 1), codec.moment(created), owner,
                codec.moment(changed), owner, version)

    def amount(self, size: str) -> Decimal:
        """Exact: mostly whole thousands of yuan, some hundreds."""
        r = self.r
        low, high = AMOUNTS.get(size, AMOUNTS[""])
        thousands = r.randint(low, high)
        if r.random() < 0.7:
            return Decimal(thousands * 1000)
        return Decimal(thousands * 1000 + r.randint(1, 9) * 100)

    def name(self, english: bool, year: int) -> str:
        r = self.r
        if english:
            return f"{r.choice(EN_SUBJECTS)} {year}" if r.random() < 0.4 else \
                r.choice(EN_SUBJECTS)
        return f"{year}年{r.choice(SUBJECTS)}" if r.random() < 0.4 else r.choice(SUBJECTS)

    # --- orders ----------------------------------------------------------------------------
    def orders(self, buyers: Buyers) -> tuple[list[Row], list[Row]]:
        """``orders_in(len(buyers))`` orders, ``order_years`` of them in each year, and
        their lines, in the customers' order: a third of the customers (not prospects)
        one each, the further orders drawn by weight (a key account's: ``KEY_WEIGHT``)."""
        r, rnd = self.r, self.r.random
        n = len(buyers)
        total = orders_in(n)
        eligible = [i for i in range(n) if buyers.status(i) != "prospect"] or list(range(n))
        if not eligible:
            return [], []
        chosen = [buyers[i] for i in sorted(r.sample(eligible, min(len(eligible),
                                                                   n // 3 or 1, total)))]
        weights = [KEY_WEIGHT if b.size == "large" and rnd() < KEY_ACCOUNT else 1
                   for b in chosen]
        cumulative, running = [], 0
        for w in weights:
            running += w
            cumulative.append(running)
        slots = list(chosen)
        for _ in range(total - len(chosen)):
            slots.append(chosen[bisect.bisect_right(cumulative, rnd() * running)])
        dates = self.dates(slots, dict(order_years(n, self.today)))
        counts: dict[int, int] = {}
        for buyer in slots:
            counts[buyer.id] = counts.get(buyer.id, 0) + 1
        order = sorted(range(len(slots)), key=lambda i: (slots[i].id, dates[i]))
        numbers = dict(self.job.first_order_numbers)
        orders: list[Row] = []
        lines: list[Row] = []
        for k, i in enumerate(order):
            day = dates[i]
            number = numbers.get(day.year, 1)
            numbers[day.year] = number + 1
            orders.append(self.order(self.job.first_order_id + k,
                                     f"SO{day.year}-{number:06d}", slots[i], day,
                                     counts[slots[i].id], lines))
        return orders, lines

    def dates(self, slots: Sequence[Buyer], left: dict[int, int]) -> list[date]:
        """An order date for each slot, ``order_years`` of them in each year and none before
        its customer was created (the newest customers placed first, each in a year with
        orders left that it existed in), by the calendar's weights within the year."""
        r, cal = self.r, self.calendar
        dates: list[date] = [self.today] * len(slots)
        for i in sorted(range(len(slots)), key=lambda i: slots[i].created, reverse=True):
            created = slots[i].created
            open_years = [(y, low, high) for y, low, high in cal.years
                          if left.get(y, 0) > 0 and cal.days[high - 1] >= created]
            if not open_years:  # none left it existed in: the latest year with orders left
                open_years = [max((y for y in cal.years if left.get(y[0], 0) > 0),
                                  key=lambda y: y[0])]
            weight = sum(left[y] for y, _, _ in open_years)
            pick = r.random() * weight
            chosen = open_years[-1]
            for option in open_years:
                pick -= left[option[0]]
                if pick < 0:
                    chosen = option
                    break
            year, low, high = chosen
            left[year] -= 1
            start = max(low, bisect.bisect_left(cal.days, created))
            start = min(start, high - 1)
            base = cal.cumulative[start - 1] if start else 0.0
            at = base + r.random() * (cal.cumulative[high - 1] - base)
            dates[i] = cal.days[min(bisect.bisect_left(cal.cumulative, at, start, high),
                                    high - 1)]
        return dates

    def order(self, order_id: int, number: str, buyer: Buyer, day: date, orders_of: int,
              lines: list[Row]) -> Row:
        """One order as a row of ``ORDER_FIELDS``; its lines are added to ``lines``."""
        r, codec, now = self.r, self.codec, self.job.now
        rnd = r.random
        age = (self.today - day).days
        statuses = next(s for upto, s in STATUS_BY_AGE if age <= upto)
        status = statuses[int(rnd() * len(statuses))]
        created = min(now - timedelta(minutes=1 + int(rnd() * 30)),
                      _moment(day, 9 + int(rnd() * 9), rnd()))
        confirmed = delivered = cancelled = None
        version = 1
        if status in ("confirmed", "delivered") or (status == "cancelled" and rnd() < 0.5):
            confirmed = min(now, created + timedelta(hours=1 + 47 * rnd() * rnd()))
            version = 2
        if status == "delivered":
            assert confirmed is not None
            delivered = confirmed + timedelta(days=2 + 19 * rnd())
            if delivered > now:  # not yet: still confirmed
                status, delivered = "confirmed", None
            else:
                version = 3
        if status == "cancelled":
            cancelled = min(now, (confirmed or created) + timedelta(days=1 + 9 * rnd()))
            version += 1
        # About half the customer's credit limit over all its orders, spread on the lines
        # (only to draw quantities: floats; the amounts are exact).
        budget = max(2000.0, float(buyer.credit_limit) / 2 / orders_of)
        count = LINE_COUNTS[int(rnd() * len(LINE_COUNTS))]
        net = tax = Decimal(0)
        money, exact = codec.money, self.exact
        used: set[int] = set()
        for position in range(1, count + 1):
            pick, quantity, thousandths = self.line(budget / count, used)
            discount, ten_thousandths = DISCOUNTS[int(rnd() * len(DISCOUNTS))]
            amounts = line_amounts(quantity, pick.price, discount, pick.tax_rate)
            net += amounts.net
            tax += amounts.tax
            line_net, line_tax = money(amounts.net), money(amounts.tax)
            lines.append((order_id, position, pick.id, pick.name,
                          quantity if exact else thousandths, pick.unit, pick.encoded_price,
                          discount if exact else ten_thousandths, pick.tax_rate, line_net,
                          line_tax, line_net + line_tax))
        reason = ""
        if status == "cancelled":
            reason = r.choice(EN_CANCEL_REASONS if buyer.english else CANCEL_REASONS)
        seller = buyer.owner
        moment = codec.moment
        made = moment(created)
        moves = [None if t is None else moment(t) for t in (confirmed, delivered, cancelled)]
        changed = next((t for t in (moves[1], moves[2], moves[0]) if t is not None), made)
        order_net, order_tax = money(net), money(tax)
        return (order_id, number, buyer.id, codec.day(day), seller, status, buyer.terms,
                codec.day(day + timedelta(days=buyer.terms)), "CNY", None, "", order_net,
                order_tax, order_net + order_tax, reason, "", *moves, number.casefold(),
                made, seller, changed, seller, version)

    def line(self, budget: float, used: set[int]) -> tuple[Pick, Decimal, int]:
        """A product not on the order yet (``used``: mostly) within ``budget`` if one drawn
        is (the cheaper of two otherwise) and a quantity that spends about the budget (and
        the quantity in thousandths): whole for pieces and services, to a tenth for
        kilograms, metres, litres, to a thousandth for tonnes."""
        r, picks = self.r, self.picks
        for _ in range(4):
            pick = picks[int(r.random() * len(picks))]
            if pick.cost > budget:
                affordable = bisect.bisect_right(self.prices, budget)
                other = picks[int(r.random() * max(affordable, 1))]
                pick = min(pick, other, key=lambda p: p.cost)
            if pick.id not in used:
                break
        used.add(pick.id)
        units = budget * (0.3 + 0.9 * r.random()) / pick.cost if pick.cost else 1.0
        if pick.unit in WHOLE_UNITS:
            whole = max(1, min(int(units), 500))
            return pick, Decimal(whole), whole * 1000
        if pick.unit == "t":
            thousandths = max(500, min(int(units * 1000), 200_000))
            return pick, Decimal(thousandths).scaleb(-3), thousandths
        tenths = max(10, min(int(units * 10), 20_000))
        return pick, Decimal(tenths).scaleb(-1), tenths * 100


def _moment(day: date, hour: int, fraction: float) -> datetime:
    """``hour`` o'clock and ``fraction`` of an hour in China on ``day``, in UTC."""
    local = datetime.combine(day, time(hour), tzinfo=UTC) + timedelta(seconds=int(
        fraction * 3600))
    return local - CHINA


@lru_cache(maxsize=4096)
def _opportunity_keys(name: str) -> tuple[str, str]:
    """The search key of an opportunity named ``name`` with ``MARK`` for its number, and the
    name's sort key: what the repository stores, per name (names repeat)."""
    return sales_search_key(name, MARK.upper()), sort_key(name)
