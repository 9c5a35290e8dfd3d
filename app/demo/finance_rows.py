"""One chunk's demo invoices, payments and what of each payment went to which invoice, as
rows of plain values. No database access.

An issued invoice for every confirmed or delivered order (about one in ten in two parts,
the second issued one to four weeks after the first), issued on the order's day or a few
days after (never after today), due after the order's payment terms, with the order's net,
tax and gross (a part's net and tax rounded half up, the second part the rest). Each
customer with invoices pays as its profile says, drawn from a deck shuffled per chunk (so
even a small demo has every kind): most pay on time (``punctual``), some pay most of each
invoice on time and the rest later (``reliable``, ``fair``, ``slow``: the shares and days
that make the ratings AA, A and B), some pay whole invoices 10-60 days late (``late``),
some pay part and leave the rest (``partial``), a few stop paying (``defaulter``: nothing
due after a day 100-420 days back is paid). A payment dated after today is not made, so the
last weeks' invoices are open. Most payments are bank transfers, some acceptance bills
(承兑汇票), cheques and cash; a few customers whose invoices are all paid paid a round sum,
the rest left as their credit. Each payment pays one invoice (as by hand), on its day.

Ids and numbers (INV2026-000001, RC2026-000001: a counter per year of the issue or payment
date) depend on how many the chunks before made, which only the chunks know: a chunk's
rows carry ids from 0 and, for numbers, (year, n from 0); ``FinanceNumbers`` in the writing
process turns them into the real ones, chunk by chunk. Drawn from a stream of their own
(seed, chunk): everything else of a seed stays what it was.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from app.data.finance import OPEN_UNTIL
from app.data.kit.bulk import SQLITE, Codec
from app.demo.rows import CUSTOMER_FIELDS
from app.demo.sales_rows import CHINA, ORDER_FIELDS, today_of
from app.demo.vocabulary import weighted

# The worker's rows: id from 0, (year, n from 0) for the number, then the table's columns.
INVOICE_FIELDS = (
    "id", "number", "search_text", "customer_id", "order_id", "status", "issue_date",
    "payment_terms_days", "due_date", "net", "tax", "gross", "paid", "settled_on", "notes",
    "void_reason", "issued_at", "voided_at", "created_at", "created_by", "updated_at",
    "updated_by", "version")
PAYMENT_FIELDS = (
    "id", "number", "search_text", "customer_id", "payment_date", "amount", "method",
    "reference", "notes", "allocated", "created_at", "created_by", "updated_at",
    "updated_by", "version")
ALLOCATION_FIELDS = ("payment_id", "invoice_id", "amount", "applied_on")
BILLED_ORDERS = ("confirmed", "delivered")

# (profile, weight): how a customer pays. The shares paid by the due date and the days
# the rest is late are chosen so the ratings' factory bounds (app/logic/finance/fields.py)
# come out AAA, AA, A, B and C.
PROFILES = (("punctual", 56), ("reliable", 11), ("fair", 9), ("slow", 8), ("late", 8),
            ("partial", 4), ("defaulter", 4))
# profile -> (least share paid by the due date, most, days the rest is late: from, to)
SPLIT_PAYERS = {"reliable": (0.88, 0.96, 3, 20), "fair": (0.72, 0.84, 10, 35),
                "slow": (0.52, 0.66, 15, 50)}
ISSUE_DELAYS = weighted(((0, 40), (1, 20), (2, 15), (3, 10), (5, 8), (7, 7)))
TWO_INVOICES = 0.1  # of the orders: invoiced in two parts
CREDIT = 0.08  # of the customers whose invoices are all paid: a round sum, the rest a credit
METHODS = weighted((("bank_transfer", 76), ("acceptance_bill", 12), ("cheque", 7),
                    ("cash", 5)))
CASH_UP_TO = 5_000_000  # cents: more is paid otherwise
BANKS = ("ICBC", "CCB", "ABC", "BOC", "CMB", "BOCOM", "CIB", "SPDB")
ROUND = 10_000  # cents: parts of invoices are paid in whole hundreds of yuan
THOUSAND = 100_000  # cents

Row = tuple[Any, ...]
FinanceRows = tuple[list[Row], list[Row], list[Row]]  # invoices, payments, allocations

_ORDER = {name: ORDER_FIELDS.index(name)
          for name in ("id", "customer_id", "order_date", "status", "payment_terms_days",
                       "net", "tax")}
_CUSTOMER_ID = CUSTOMER_FIELDS.index("id")


@dataclass(frozen=True)
class FinanceJob:
    """What one chunk's finance needs beside its customers' and orders' rows: who enters
    invoices and payments (the finance user) and when the data is generated relative to."""

    seed: int
    index: int
    now: datetime
    clerk_id: int | None = None


@dataclass
class _Invoice:
    local: int
    customer: int
    order: int
    issue: date
    terms: int
    due: date
    net: int  # cents
    tax: int
    paid: int = 0
    last_paid: date | None = None
    allocations: int = 0

    @property
    def gross(self) -> int:
        return self.net + self.tax


@dataclass
class _Payment:
    day: date
    invoice: _Invoice
    amount: int
    extra: int = 0  # not allocated: the customer's credit


def make_finance(job: FinanceJob, customers: Sequence[Row], orders: Sequence[Row],
                 codec: Codec) -> FinanceRows:
    """The chunk's invoices, payments and allocations of the orders whose rows
    (``ORDER_FIELDS``, in the form ``codec`` gives, sorted by customer) are given, as the
    worker's rows (see the module's doc) in the form ``codec`` gives."""
    return FinanceMaker(job, codec).make(customers, orders)


class FinanceMaker:
    def __init__(self, job: FinanceJob, codec: Codec) -> None:
        self.r = random.Random(f"kehu-demo-finance:{job.seed}:{job.index}")
        self.job = job
        self.codec = codec
        self.today = today_of(job.now)
        self.sqlite = codec is SQLITE

    # --- values as the codec gives them ---------------------------------------------------
    def money(self, cents: int) -> Any:
        return cents if self.sqlite else Decimal(cents).scaleb(-2)

    def day(self, value: date) -> Any:
        return value.isoformat() if self.sqlite else value

    def moment(self, day: date, hour: int) -> Any:
        """``hour`` o'clock and a few minutes in China on ``day`` (not after now)."""
        at = datetime.combine(day, time(hour), tzinfo=UTC) - CHINA + timedelta(
            seconds=int(self.r.random() * 3000))
        return self.codec.moment(min(at, self.job.now))

    # --- the rows -------------------------------------------------------------------------
    def make(self, customers: Sequence[Row], orders: Sequence[Row]) -> FinanceRows:
        by_customer: dict[int, list[Row]] = {}
        at = _ORDER
        for row in orders:
            if row[at["status"]] in BILLED_ORDERS:
                by_customer.setdefault(row[at["customer_id"]], []).append(row)
        buyers = [row[_CUSTOMER_ID] for row in customers if row[_CUSTOMER_ID] in by_customer]
        profiles = self.deck(len(buyers))
        invoices: list[_Invoice] = []
        payments: list[_Payment] = []
        for buyer, profile in zip(buyers, profiles, strict=True):
            own = self.invoices(by_customer[buyer], len(invoices))
            invoices += own
            payments += self.payments(own, profile)
        return self.rows(invoices, payments)

    def deck(self, count: int) -> list[str]:
        """``count`` profiles in the shares of ``PROFILES`` (the largest remainders rounded
        up), shuffled."""
        total = sum(w for _, w in PROFILES)
        exact = [(name, count * w / total) for name, w in PROFILES]
        counts = {name: int(share) for name, share in exact}
        rest = sorted(exact, key=lambda p: int(p[1]) - p[1])[:count - sum(counts.values())]
        for name, _ in rest:
            counts[name] += 1
        deck = [name for name, _ in PROFILES for _ in range(counts[name])]
        self.r.shuffle(deck)
        return deck

    def invoices(self, orders: list[Row], first: int) -> list[_Invoice]:
        """One customer's invoices, in the order of its orders (oldest first)."""
        r, today, at = self.r, self.today, _ORDER
        found: list[_Invoice] = []
        for row in orders:
            ordered = row[at["order_date"]]
            if isinstance(ordered, str):
                ordered = date.fromisoformat(ordered)
            net, tax = _cents(row[at["net"]]), _cents(row[at["tax"]])
            terms = int(row[at["payment_terms_days"]])
            issue = min(today, ordered + timedelta(
                days=ISSUE_DELAYS[int(r.random() * len(ISSUE_DELAYS))]))
            parts: list[tuple[date, int, int]] = [(issue, net, tax)]
            if r.random() < TWO_INVOICES and net > 0:
                share = 0.3 + 0.4 * r.random()
                first_net, first_tax = int(net * share + 0.5), int(tax * share + 0.5)
                later = min(today, issue + timedelta(days=7 + int(r.random() * 22)))
                parts = [(issue, first_net, first_tax),
                         (later, net - first_net, tax - first_tax)]
            for day, part_net, part_tax in parts:
                found.append(_Invoice(first + len(found), row[at["customer_id"]],
                                      row[at["id"]], day, terms,
                                      day + timedelta(days=terms), part_net, part_tax))
        return found

    def payments(self, invoices: list[_Invoice], profile: str) -> list[_Payment]:
        """What the customer paid of its invoices, as ``profile`` says, up to today."""
        rnd, today = self.r.random, self.today
        stop = today - timedelta(days=100 + int(rnd() * 320))  # a defaulter's last due day
        made: list[_Payment] = []
        for invoice in invoices:
            gross, due, issue = invoice.gross, invoice.due, invoice.issue
            if gross <= 0:
                continue
            early = due - timedelta(days=int(rnd() * min(11, (due - issue).days + 1)))
            plan: list[tuple[date, int]]
            kind = profile
            if kind == "defaulter":
                if due > stop:
                    plan = [] if rnd() < 0.7 else [
                        (due + timedelta(days=int(rnd() * 30)),
                         _part(gross, 0.2 + 0.2 * rnd()))]
                    kind = ""
                else:
                    kind = "slow"
            if kind == "punctual":
                plan = [(early, gross)]
            elif kind in SPLIT_PAYERS:
                low, high, first, last = SPLIT_PAYERS[kind]
                if kind == "reliable" and rnd() < 0.5:
                    plan = [(early, gross)]
                else:
                    on_time = _part(gross, low + (high - low) * rnd())
                    plan = [(early, on_time), (due + timedelta(
                        days=first + int(rnd() * (last - first + 1))), gross - on_time)]
            elif kind == "late":
                late = due + timedelta(days=10 + int(rnd() * 51))
                if rnd() < 0.3:
                    half = _part(gross, 0.5)
                    plan = [(late, half),
                            (late + timedelta(days=5 + int(rnd() * 20)), gross - half)]
                else:
                    plan = [(late, gross)]
            elif kind == "partial":
                on_time = _part(gross, 0.3 + 0.3 * rnd())
                plan = [(early, on_time)]
                if rnd() < 0.5:
                    plan.append((due + timedelta(days=30 + int(rnd() * 61)),
                                 gross - on_time))
            for day, amount in plan:
                if day <= today and amount > 0:
                    made.append(_Payment(max(day, issue), invoice, amount))
        made.sort(key=lambda p: (p.day, p.invoice.local))
        if made and rnd() < CREDIT:
            final = made[-1]
            paid = sum(p.amount for p in made)
            if paid == sum(i.gross for i in invoices) and \
                    final.day >= max(i.issue for i in invoices):
                final.extra = THOUSAND - final.amount % THOUSAND \
                    if final.amount % THOUSAND else THOUSAND // 2
        return made

    def rows(self, invoices: list[_Invoice], payments: list[_Payment]) -> FinanceRows:
        """The worker's rows: the payments (each paying one invoice on its day) and their
        allocations in the order of their customers and days, then the invoices."""
        rnd, clerk = self.r.random, self.job.clerk_id
        money, day, moment = self.money, self.day, self.moment
        payment_rows: list[Row] = []
        allocation_rows: list[Row] = []
        counts: dict[int, int] = {}
        payments.sort(key=lambda p: (p.invoice.customer, p.day, p.invoice.local))
        for local, payment in enumerate(payments):
            invoice, amount = payment.invoice, payment.amount
            invoice.paid += amount
            invoice.last_paid = payment.day
            invoice.allocations += 1
            total = amount + payment.extra
            method = METHODS[int(rnd() * len(METHODS))]
            if method == "cash" and total > CASH_UP_TO:
                method = "bank_transfer"
            reference = self.reference(method, payment.day)
            year = payment.day.year
            n = counts.get(year, 0)
            counts[year] = n + 1
            made = moment(payment.day, 9 + int(rnd() * 8))
            payment_rows.append((local, year, n, reference.casefold(), invoice.customer,
                                 day(payment.day), money(total), method, reference, "",
                                 money(amount), made, clerk, made, clerk, 1))
            allocation_rows.append((local, invoice.local, money(amount), day(payment.day)))
        invoice_rows: list[Row] = []
        counts = {}
        for invoice in invoices:
            gross, paid = invoice.gross, invoice.paid
            status = "paid" if paid >= gross else "partially_paid" if paid else "issued"
            settled = invoice.last_paid if status == "paid" and invoice.last_paid else \
                invoice.issue if status == "paid" else OPEN_UNTIL
            year = invoice.issue.year
            n = counts.get(year, 0)
            counts[year] = n + 1
            issued = moment(invoice.issue, 10 + int(rnd() * 7))
            changed = moment(invoice.last_paid, 17) if invoice.last_paid else issued
            invoice_rows.append((
                invoice.local, year, n, invoice.customer, invoice.order, status,
                day(invoice.issue), invoice.terms, day(invoice.due), money(invoice.net),
                money(invoice.tax), money(gross), money(paid), day(settled), "", "", issued,
                None, issued, clerk, changed, clerk, 2 + invoice.allocations))
        return invoice_rows, payment_rows, allocation_rows

    def reference(self, method: str, day: date) -> str:
        """The bank's serial number of a transfer, an acceptance bill's 30 digits, a
        cheque's 8; none for cash."""
        rnd = self.r.random
        if method == "bank_transfer":
            return f"{BANKS[int(rnd() * len(BANKS))]}{day:%Y%m%d}{int(rnd() * 10**6):06d}"
        if method == "acceptance_bill":
            return f"1{int(rnd() * 10**14):014d}{int(rnd() * 10**15):015d}"
        if method == "cheque":
            return f"{int(rnd() * 10**8):08d}"
        return ""


def _cents(value: Any) -> int:
    return value if isinstance(value, int) else int(value * 100)


def _part(gross: int, share: float) -> int:
    """``share`` of ``gross`` in whole hundreds of yuan where the invoice is big enough
    (else to the cent), more than 0 and less than the whole."""
    exact = int(gross * share)
    part = exact - exact % ROUND if gross > 20 * ROUND else exact
    return min(max(part, 1), gross - 1) if gross > 1 else gross


# --- in the writing process: the real ids and numbers --------------------------------------
class FinanceNumbers:
    """The ids and numbers of the chunks' invoices and payments, chunk after chunk: each
    chunk's follow those of the chunks before it (numbers per year, from the first the load
    may use)."""

    def __init__(self, first_invoice_id: int, first_payment_id: int,
                 invoice_numbers: dict[int, int], payment_numbers: dict[int, int]) -> None:
        self.invoice_id = first_invoice_id
        self.payment_id = first_payment_id
        self.invoice_numbers = dict(invoice_numbers)  # year -> the next number
        self.payment_numbers = dict(payment_numbers)
        self.invoices = self.payments = 0

    def place(self, made: FinanceRows) -> FinanceRows:
        """A chunk's rows with their real ids, numbers and search keys."""
        invoices, payments, allocations = made
        invoice_base, payment_base = self.invoice_id, self.payment_id
        firsts = self.invoice_numbers
        counts: dict[int, int] = {}
        placed_invoices = []
        for row in invoices:
            year, n = row[1], row[2]
            counts[year] = n + 1
            text = f"{year}-{firsts.get(year, 1) + n:06d}"
            placed_invoices.append((invoice_base + row[0], "INV" + text, "inv" + text,
                                    *row[3:]))
        for year, count in counts.items():
            firsts[year] = firsts.get(year, 1) + count
        firsts = self.payment_numbers
        counts = {}
        placed_payments = []
        for row in payments:
            year, n = row[1], row[2]
            counts[year] = n + 1
            text = f"{year}-{firsts.get(year, 1) + n:06d}"
            placed_payments.append((payment_base + row[0], "RC" + text,
                                    f"rc{text} {row[3]}" if row[3] else "rc" + text,
                                    *row[4:]))
        for year, count in counts.items():
            firsts[year] = firsts.get(year, 1) + count
        placed_allocations = [(payment_base + a[0], invoice_base + a[1], a[2], a[3])
                              for a in allocations]
        self.invoice_id += len(invoices)
        self.payment_id += len(payments)
        self.invoices += len(invoices)
        self.payments += len(payments)
        return placed_invoices, placed_payments, placed_allocations
