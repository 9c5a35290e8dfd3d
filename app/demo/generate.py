"""Fill a database with realistic demo data: users, customers and their contacts, projects
and activities, suppliers and products.

``generate_demo(db, customers=1_000_000, seed=1)`` creates the demo users (password
``demo1234``), the catalogue (suppliers with their contacts, products and who supplies what:
see catalogue.py), then customers across provinces, industries, sizes, statuses and owners,
each with 1-4 contacts, a project for about every third customer and one or two activities
for most (owned by the customer's owner: see activity_rows.py), a feedback ticket for about
every eighth (worked by the service user: see feedback_rows.py), two years of opportunities
and sales orders with their lines (see sales_rows.py), the invoices of the confirmed and
delivered orders with their customers' payments (see finance_rows.py), one audit entry
summing the run up, and gives the users their roles and the sales team its department, all
in one transaction: a run that is killed leaves nothing behind. The code counters move past
the codes used, so the next record saved gets the next code. Then customer value (ratings,
tiers, key accounts, lifecycle, churn) is computed once, as the administrator would.
Customers and the rows of theirs are made in chunks determined by (seed, chunk); big runs make them
in worker processes while this process writes them and indexes them for search. The
workers end with this process, however it ends.
"""

from __future__ import annotations

import ctypes
import gc
import marshal
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import FrameType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.data.activities import ACTIVITY_BULK, link_primary_contacts
from app.data.customers import CUSTOMER_BULK
from app.data.database import Database
from app.data.feedback import FEEDBACK_BULK
from app.data.feedback import link_primary_contacts as link_ticket_contacts
from app.data.finance import FINANCE_BULK
from app.data.kit import bulk
from app.data.kit.base import CodeSequence
from app.data.projects import PROJECT_BULK
from app.data.sales import SALES_BULK
from app.demo.activity_rows import ACTIVITY_FIELDS, WITH_CONTACT
from app.demo.catalogue import (
    PRODUCT_FIELDS,
    SUPPLIED_FIELDS,
    SUPPLIER_CONTACT_FIELDS,
    SUPPLIER_FIELDS,
    Catalogue,
    CatalogueJob,
    products_for,
    suppliers_for,
)
from app.demo.feedback_rows import CONTACT_CHANNELS, TICKET_FIELDS, tickets_in
from app.demo.finance_rows import (
    ALLOCATION_FIELDS,
    INVOICE_FIELDS,
    PAYMENT_FIELDS,
    FinanceJob,
    FinanceNumbers,
    make_finance,
)
from app.demo.roles import assign_demo_roles
from app.demo.rows import (
    CONTACT_FIELDS,
    CUSTOMER_FIELDS,
    PROJECT_FIELDS,
    ChunkJob,
    Rows,
    make_chunk,
    people,
    projects_in,
)
from app.demo.sales_rows import (
    LINE_FIELDS,
    OPPORTUNITY_FIELDS,
    ORDER_FIELDS,
    SalesJob,
    calendar,
    catalogue_of,
    make_sales,
    opportunities_in,
    order_years,
    orders_in,
    today_of,
)
from app.demo.vocabulary import DEMO_USERS
from app.logic.admin import hash_password
from app.logic.kit.dto import Actor
from app.logic.services import Services

DEMO_PASSWORD = "demo1234"
CHUNK = 5_000
PARALLEL_FROM = 40_000  # customers; smaller runs are made in this process
WINDOW = 12  # chunks made ahead of the writer
WORKER_NICENESS = 10
PR_SET_PDEATHSIG = 1  # Linux's prctl option: a signal for this process when its parent dies

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str  # admin, sales_manager, salesperson, finance, service, auditor
    user_id: int


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    contacts: int
    first_code: str
    last_code: str
    users: tuple[DemoUser, ...]
    password: str
    seconds: float
    projects: int = 0
    suppliers: int = 0
    products: int = 0
    supplier_contacts: int = 0
    activities: int = 0
    tickets: int = 0
    opportunities: int = 0
    orders: int = 0
    order_lines: int = 0
    invoices: int = 0
    payments: int = 0

    @property
    def roles(self) -> dict[str, str]:
        """Username to role name."""
        return {u.username: u.role for u in self.users}

    @property
    def team(self) -> tuple[int, ...]:
        """The ids of the salespeople in the sales manager's team."""
        return tuple(u.user_id for u in self.users if u.role == "salesperson")


def generate_demo(db: Database, customers: int = 1000, seed: int = 1,
                  progress: Progress | None = None, workers: int | None = None,
                  now: datetime | None = None) -> DemoSummary:
    """Add the demo users with their roles and ``customers`` demo customers to ``db`` in
    one transaction.

    ``workers``: processes making rows (default: the CPU count for big runs, none for
    small ones). ``now``: the moment the data is generated relative to (default: now).
    """
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    password_hash = hash_password(DEMO_PASSWORD)  # argon2 is slow: hash once, reuse
    with bulk.bulk_load(db, customers, CUSTOMER_BULK,
                        others=(PROJECT_BULK, ACTIVITY_BULK, FEEDBACK_BULK, *SALES_BULK,
                                *FINANCE_BULK)) as load:
        ids = load.add_users([_user_row(name, label, password_hash, now)
                              for name, label, _ in DEMO_USERS])
        users = tuple(DemoUser(name, label, role, ids[name]) for name, label, role in DEMO_USERS)
        owners = tuple(u.user_id for u in users if u.role == "salesperson")
        project_start = load.start_of("projects", "project")
        first_activity = load.start_of("activities", "activity").customer_id
        ticket_start = load.start_of("feedback", "feedback")
        roles = {u.role: u.user_id for u in users}
        jobs = _jobs(customers, seed, load.start, owners, now, project_start, ticket_start,
                     (roles["service"], roles["admin"]))
        catalogue_job = _catalogue_job(load, customers, seed, users, now)
        opportunity_start = load.start_of("opportunities", "opportunity")
        order_numbers = _order_numbers(load, today_of(now))
        sales = _sales_jobs(jobs, catalogue_job, opportunity_start,
                            load.start_of("sales_orders", "sales_order").customer_id,
                            order_numbers)
        finance = [FinanceJob(job.seed, job.index, now, roles["finance"]) for job in jobs]
        numbers = FinanceNumbers(
            load.start_of("invoices", "invoice").customer_id,
            load.start_of("payments", "payment").customer_id,
            dict(_order_numbers(load, today_of(now), "invoice")),
            dict(_order_numbers(load, today_of(now), "payment")))
        contacts = projects = activities = tickets = opportunities = orders = lines = 0
        catalogues: list[Catalogue] = []  # made while the first chunks are
        made = _made(jobs, load.dialect, workers, customers, lambda: catalogues.append(
            _catalogue(load, catalogue_job)), sales, finance)
        # No cyclic GC: millions of short-lived rows, no cycles among them. Closed however
        # the loop is left (an error, Ctrl+C): the worker processes stop then and there.
        with _without_gc(), closing(made):
            for done, (rows, persons, works, acts, cases, chances, sold, items, *billed) in \
                    enumerate(made):
                load.insert("customers", CUSTOMER_FIELDS, rows)
                load.insert("contacts", CONTACT_FIELDS, persons)
                load.insert("projects", PROJECT_FIELDS, works)
                load.insert("activities", ACTIVITY_FIELDS, acts)
                load.insert("feedback", TICKET_FIELDS, cases)
                load.insert("opportunities", OPPORTUNITY_FIELDS, chances)
                load.insert("sales_orders", ORDER_FIELDS, sold)
                load.insert("sales_order_lines", LINE_FIELDS, items)
                bills, paid, applied = numbers.place((billed[0], billed[1], billed[2]))
                load.insert("invoices", INVOICE_FIELDS, bills)
                load.insert("payments", PAYMENT_FIELDS, paid)
                load.insert("payment_allocations", ALLOCATION_FIELDS, applied)
                contacts += len(persons)
                projects += len(works)
                activities += len(acts)
                tickets += len(cases)
                opportunities += len(chances)
                orders += len(sold)
                lines += len(items)
                if progress is not None:
                    progress(min((done + 1) * CHUNK, customers), customers)
        (catalogue,) = catalogues
        link_primary_contacts(load.conn, WITH_CONTACT, first_activity)
        first = load.start.code_number
        load.set_next_code(first + customers)
        load.set_next_code(project_start.code_number + projects, "project")
        link_ticket_contacts(load.conn, CONTACT_CHANNELS, ticket_start.customer_id)
        load.set_next_code(ticket_start.code_number + tickets, "feedback")
        load.set_next_code(opportunity_start.code_number + opportunities, "opportunity")
        for year, first_number in order_numbers:
            used = sum(order_years(job.count, today_of(now)).get(year, 0) for job in jobs)
            if used:
                load.set_next_code(first_number + used, f"sales_order_{year}")
        for kind, following in (("invoice", numbers.invoice_numbers),
                                ("payment", numbers.payment_numbers)):
            for year, number in following.items():
                if number > 1:
                    load.set_next_code(number, f"{kind}_{year}")
        summary = DemoSummary(customers, contacts, f"C{first:06d}",
                              f"C{first + customers - 1:06d}", users, DEMO_PASSWORD, 0.0,
                              projects=projects, suppliers=len(catalogue.suppliers),
                              products=len(catalogue.products),
                              supplier_contacts=len(catalogue.contacts),
                              activities=activities, tickets=tickets,
                              opportunities=opportunities, orders=orders, order_lines=lines,
                              invoices=numbers.invoices, payments=numbers.payments)
        load.append_audit(user_id=None, username="(demo)", action="demo",
                          entity_type="database", entity_id="",
                          changes={"customers": customers, "contacts": contacts, "seed": seed,
                                   "codes": f"{summary.first_code}-{summary.last_code}",
                                   "projects": projects, "suppliers": summary.suppliers,
                                   "supplier_contacts": summary.supplier_contacts,
                                   "products": summary.products,
                                   "activities": activities, "tickets": tickets,
                                   "opportunities": opportunities, "orders": orders,
                                   "order_lines": lines, "invoices": numbers.invoices,
                                   "payments": numbers.payments,
                                   "supplied_products": len(catalogue.supplied),
                                   "users": [u.username for u in users]})
        with Session(bind=load.conn) as session:  # joins the load's transaction
            assign_demo_roles(session, summary)
    recompute_value(db, roles["admin"], today_of(now))
    return DemoSummary(**{**summary.__dict__, "seconds": time.perf_counter() - started})


def recompute_value(db: Database, admin_id: int, today: date) -> None:
    """Customer value computed once on the demo data (ratings, tiers, key accounts,
    lifecycle, churn), by the logic's own service as the demo's administrator: an actor
    made for that user with just the right it takes (the demo does not sign in: that would
    record a sign-in nobody made)."""
    admin = next(name for name, _, role in DEMO_USERS if role == "admin")
    actor = Actor(user_id=admin_id, username=admin, rights=frozenset({("finance", "value")}),
                  is_admin=True, role_codes=frozenset({"admin"}))
    Services.build(db.unit_of_work).customer_value.recompute(actor, today)


def _user_row(username: str, display_name: str, password_hash: str,
              now: datetime) -> dict[str, Any]:
    return {"username": username, "display_name": display_name,
            "password_hash": password_hash, "is_active": True, "must_change_password": False,
            "failed_logins": 0, "created_at": now, "updated_at": now, "version": 1}


def _catalogue_job(load: bulk.BulkLoad, customers: int, seed: int,
                   users: tuple[DemoUser, ...], now: datetime) -> CatalogueJob:
    """The catalogue's job: known before any chunk is made (the orders' lines take its
    products)."""
    roles = {u.role: u.user_id for u in users}
    return CatalogueJob(
        seed=seed, suppliers=suppliers_for(customers), products=products_for(customers),
        supplier_start=load.start_of("suppliers", "supplier"),
        product_start=load.start_of("products", "product"), admin_id=roles["admin"],
        manager_id=roles["sales_manager"], now=now)


def _catalogue(load: bulk.BulkLoad, job: CatalogueJob) -> Catalogue:
    """The suppliers with their contacts, the products and who supplies what, written and
    their code counters moved past them."""
    supplier_start, product_start = job.supplier_start, job.product_start
    catalogue = catalogue_of(job, bulk.codec_for(load.dialect))
    load.insert("suppliers", SUPPLIER_FIELDS, catalogue.suppliers)
    load.insert("contacts", SUPPLIER_CONTACT_FIELDS, catalogue.contacts)
    load.insert("products", PRODUCT_FIELDS, catalogue.products)
    load.insert("supplier_products", SUPPLIED_FIELDS, catalogue.supplied)
    load.set_next_code(supplier_start.code_number + len(catalogue.suppliers), "supplier")
    load.set_next_code(product_start.code_number + len(catalogue.products), "product")
    return catalogue


def _jobs(customers: int, seed: int, start: bulk.BulkStart, owners: tuple[int, ...],
          now: datetime, projects: bulk.BulkStart,
          tickets: bulk.BulkStart | None = None, workers: tuple[int, ...] = ()
          ) -> list[ChunkJob]:
    """The chunks' jobs; a chunk's projects and tickets follow those of the chunks before
    it. ``workers``: who works tickets (the service user first)."""
    tickets = tickets or bulk.BulkStart(1, 1)
    jobs = []
    made = cases = 0  # projects and tickets of the chunks so far
    for i, offset in enumerate(range(0, customers, CHUNK)):
        count = min(CHUNK, customers - offset)
        jobs.append(ChunkJob(seed=seed, index=i, first_number=start.code_number + offset,
                             first_id=start.customer_id + offset, count=count,
                             owner_ids=owners, now=now,
                             first_project_number=projects.code_number + made,
                             first_project_id=projects.customer_id + made,
                             worker_ids=workers or owners,
                             first_ticket_number=tickets.code_number + cases,
                             first_ticket_id=tickets.customer_id + cases))
        made += projects_in(count)
        cases += tickets_in(count)
    return jobs


def _order_numbers(load: bulk.BulkLoad, today: date, sequence: str = "sales_order"
                   ) -> tuple[tuple[int, int], ...]:
    """(year, the first number the load may use) for each year of the last two: the
    year's counter (``sales_order_<year>``, as ``OrderRepository`` keeps it, or that of
    ``sequence``: ``invoice_<year>``, ``payment_<year>``), or 1."""
    names = {f"{sequence}_{year}": year for year, _, _ in calendar(today).years}
    found = {str(name): int(value) for name, value in load.conn.execute(
        select(CodeSequence.name, CodeSequence.next_value)
        .where(CodeSequence.name.in_(list(names))))}
    return tuple((year, found.get(name, 1)) for name, year in names.items())


def _sales_jobs(jobs: list[ChunkJob], catalogue: CatalogueJob, opportunities: bulk.BulkStart,
                first_order_id: int, numbers: tuple[tuple[int, int], ...]) -> list[SalesJob]:
    """The chunks' sales jobs; a chunk's opportunities and orders (ids, numbers of each
    year) follow those of the chunks before it."""
    found = []
    chances = orders = 0
    next_numbers = dict(numbers)
    for job in jobs:
        found.append(SalesJob(seed=job.seed, index=job.index, now=job.now, catalogue=catalogue,
                              first_opportunity_id=opportunities.customer_id + chances,
                              first_opportunity_number=opportunities.code_number + chances,
                              first_order_id=first_order_id + orders,
                              first_order_numbers=tuple(next_numbers.items())))
        chances += opportunities_in(job.count)
        orders += orders_in(job.count)
        for year, count in order_years(job.count, today_of(job.now)).items():
            next_numbers[year] = next_numbers.get(year, 1) + count
    return found


Made = tuple[Rows, Rows, Rows, Rows, Rows, Rows, Rows, Rows, Rows, Rows, Rows]


def make_encoded(job: ChunkJob, dialect: str, sales: SalesJob | None = None,
                 finance: FinanceJob | None = None) -> Made:
    """One chunk's rows, ready for the database: its customers' and theirs, (``sales``)
    their opportunities, orders and order lines, and (``finance``) the orders' invoices,
    the payments and their allocations (ids and numbers from 0: ``FinanceNumbers``)."""
    codec = bulk.codec_for(dialect)
    chunk = make_chunk(job, codec)
    sold: tuple[Rows, Rows, Rows] = ([], [], []) if sales is None else \
        make_sales(sales, chunk[0], codec)
    billed: tuple[Rows, Rows, Rows] = ([], [], []) if finance is None else \
        make_finance(finance, chunk[0], sold[1], codec)
    return (*chunk, *sold, *billed)


def make_packed(job: ChunkJob, dialect: str, sales: SalesJob | None = None,
                finance: FinanceJob | None = None) -> bytes | Made:
    """``make_encoded`` in a worker process. For SQLite the rows hold only text, numbers and
    None, which ``marshal`` writes and reads back faster than ``pickle`` (no memo of every
    value: 4.6 + 4.8 µs a customer against 6.9 + 5.3); other databases get typed values."""
    rows = make_encoded(job, dialect, sales, finance)
    return marshal.dumps(rows) if dialect == "sqlite" else rows


@contextmanager
def _without_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _start_worker(seed: int) -> None:
    """Ready a worker process: ended with its parent, Ctrl+C left to the parent (which
    stops the pool), no cyclic GC (its rows hold no cycles), the people drawn, and a lower
    priority than the writing process, whose work is the load's critical path (the workers
    make rows ahead of it and use what CPU time it leaves)."""
    _end_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    if hasattr(os, "nice"):  # POSIX; on Windows the workers keep the normal priority
        os.nice(WORKER_NICENESS)
    people(seed)


def _end_with_parent() -> None:
    """End this worker process when its parent ends, even killed with SIGKILL: otherwise
    it waits for work from the dead parent forever. On Linux the kernel kills it at once
    (when the thread that started it ends: the pool lives within one call, on the thread
    that made it); everywhere a thread waits on the parent's sentinel (which reads as ready
    once the parent is gone, also if that happened before this ran) and exits."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_ended, args=(parent,), daemon=True,
                         name="kehu-parent-watch").start()


def _exit_when_ended(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)


@contextmanager
def _terminated_by_exit() -> Iterator[None]:
    """SIGTERM ends this process by ``SystemExit`` (as Ctrl+C does by KeyboardInterrupt):
    the load rolls back and the worker pool is shut down on the way out. Only from the main
    thread, and only where SIGTERM would otherwise end the process on the spot."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def exit_(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, exit_)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _made(jobs: list[ChunkJob], dialect: str, workers: int | None, customers: int,
          meanwhile: Callable[[], None], sales: list[SalesJob] | None = None,
          finance: list[FinanceJob] | None = None) -> Generator[Made, None, None]:
    """The chunks in order, made here or in up to ``workers`` processes. ``meanwhile`` is
    called once before the first chunk is yielded: with workers, once they have their
    first chunks, while they start up and this process would only wait. ``sales``,
    ``finance``: each chunk's sales and finance jobs (none: the chunks have none)."""
    paired: list[tuple[ChunkJob, SalesJob | None, FinanceJob | None]] = [
        (job, sales[i] if sales is not None else None,
         finance[i] if finance is not None and sales is not None else None)
        for i, job in enumerate(jobs)]
    if workers is None:
        workers = (os.cpu_count() or 1) if customers >= PARALLEL_FROM else 0
    if workers <= 0:
        meanwhile()
        for job, sale, bill in paired:
            yield make_encoded(job, dialect, sale, bill)
        return
    seed = jobs[0].seed if jobs else 0
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(seed,))
    with _terminated_by_exit():
        try:
            yield from _made_in(pool, paired, dialect, meanwhile)
        finally:  # done, failed, interrupted or terminated: chunks not begun are dropped
            pool.shutdown(wait=True, cancel_futures=True)


def _made_in(pool: ProcessPoolExecutor,
             jobs: list[tuple[ChunkJob, SalesJob | None, FinanceJob | None]],
             dialect: str, meanwhile: Callable[[], None]) -> Iterator[Made]:
    pending: list[Future[bytes | Made]] = []
    queue = iter(jobs)
    for job, sale, bill in queue:
        pending.append(pool.submit(make_packed, job, dialect, sale, bill))
        if len(pending) >= WINDOW:
            break
    meanwhile()
    while pending:
        made = pending.pop(0).result()
        following = next(queue, None)
        if following is not None:
            job, sale, bill = following
            pending.append(pool.submit(make_packed, job, dialect, sale, bill))
        yield marshal.loads(made) if isinstance(made, bytes) else made
