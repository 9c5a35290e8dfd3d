"""The service and finance reports (service-analysis, activities, receivables-aging, arrears,
credit, key-accounts, churn) against figures worked out by hand from a small business built
through the real services, in Shanghai's time (UTC+8), so a local day is not UTC's.

People: admin (Ada Admin), sales1 (王伟) and sales2 (no display name: shown as "sales2"),
salespeople; agent (李娜, service) works the tickets.

Customers (owner, credit limit; all active, 30 days' terms):

    A 甲方科技  sales1  1000.00  key account (by hand), rating AA (by hand)
    B 乙方物流  sales2   400.00  key account (by hand), rating B (by hand)
    C 丙方贸易  sales1     0.00  rating C (by hand)
    D 丁方工厂  nobody     0.00  (nothing but tickets and one visit)
    E 戊方商行  sales1  2000.00  key account (by hand), archived

Product P100 at 100.00, no tax. Orders (confirmed; over the limit with a reason, which
the override list shows), invoices (issued on the order date, due 30 days later) and
payments:

    OB0 2024-01-15 B 20 x P = 2000.00  over the limit   (not invoiced)
    OC1 2024-06-01 C  1 x P =  100.00  over (no limit)   IC1 due 2024-07-01, unpaid
    OB1 2024-12-01 B  3 x P =  300.00  over the limit    IB1 due 2024-12-31, 100.00 paid
                                                          on 2025-04-01 (after AS_OF)
    OA1 2025-01-10 A 12 x P = 1200.00  over the limit    IA1 due 2025-02-09, 200.00 paid
                                                          on 2025-02-20
    OA2 2025-03-01 A  2 x P =  200.00  over the limit    IA2 due 2025-03-31, unpaid
    OB2 2025-03-20 B  1 x P =  100.00  over the limit    IB2 due 2025-04-19, unpaid

Customer value recomputed as of 2025-03-15 (the 365 days 2024-03-16 .. 2025-03-15, the
365 before 2023-03-17 .. 2024-03-15): A 1400.00 (OA1 + OA2), nothing before; B 300.00
(OB1; OB2 is later), 2000.00 before (OB0): down 85%, so "revenue_down" and declining; C
100.00 (OC1), no order nor activity done since 2024-06-01, more than 90 days: "no_contact"
(lifecycle new: first order within the year).

Visits (local times; "call" is no visit): V5 sales1 A 2025-01-01 06:00 done (UTC still
2024-12-31); V6 sales1 A 2024-12-31 23:00 done (before the range); V1 sales1 A 01-15
done; V10 sales1 A 01-20 planned; V2 sales1 A 02-01 07:00 planned (UTC: January); V3
sales2 B 02-10 07:00 done (UTC: 02-09); V4 sales2 B 02-20 planned; V7 sales2 B call 01-20
done; V8 admin D 01-05 done; V9 sales1 A 2025-03-05 07:30 done (after the range).

Tickets (times in UTC, put in place through the database: the services stamp the time of
the call), the range 2025-01-01 .. 2025-02-28 local being [2024-12-31 16:00, 2025-02-28
16:00) UTC:

    T7  complaint A  2024-12-31 17:00  assigned                        (in: local 01-01)
    T8  complaint A  2024-12-31 15:00  new                             (out: local 12-31)
    T1  complaint A  2025-01-05 10:00  closed, 5; resolved in 10 h, due in 72 h (met)
    T2  complaint A  2025-01-20 00:00  closed, 2; resolved in 30.5 h, due in 24 h (missed)
    T3  complaint A  2025-02-01 00:00  in progress
    T4  complaint B  2025-02-15 00:00  new
    T5  service request B 2025-01-10 00:00  resolved in 2 h, due in 72 h (met)
    T6  service request C 2025-02-27 17:00  closed, 4; resolved in 5 h, due in 4 h
                                             (missed; in: local 02-28 01:00)
    T9  fault report D 2025-02-28 16:30  closed, 1                      (out: local 03-01)
    T10 praise D     2025-01-15 00:00  new
    T11 fault report D 2025-01-25 00:00  resolved in 100 h, due in 72 h (missed)
    S1..S10 suggestions of D, 2025-02-0n 00:00, resolved in n hours, due in 72 h (met)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from app.data.database import Database
from app.data.feedback import Feedback
from app.logic.kit.dto import Actor, Record
from app.logic.reports import Params
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

RANGE = Params(start=date(2025, 1, 1), end=date(2025, 2, 28))
EMPTY = Params(start=date(2023, 1, 1), end=date(2023, 1, 31))
AS_OF = date(2025, 3, 15)
VALUE_DAY = date(2025, 3, 15)


@pytest.fixture
def shanghai() -> Iterator[None]:
    """Local time is Shanghai's (UTC+8, no summer time) for the test."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone can only be changed where time.tzset exists")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@dataclass
class Book:
    services: Services
    people: dict[str, Actor]
    customers: dict[str, Record]
    orders: dict[str, Record]
    invoices: dict[str, Record]

    def code(self, key: str) -> str:
        return self.customers[key].code

    def name(self, key: str) -> str:
        return self.customers[key].name

    def run(self, who: str, report: str, params: Params = RANGE) -> dict[str, list[Any]]:
        """The report's rows per section, as --json gives them (the section key dropped)."""
        found: dict[str, list[Any]] = {}
        made = self.services.reports.run(self.people[who], report, params)
        for table in made.tables:
            found[table.section.key] = []
        for row in made.as_json():
            section = row.pop("section", made.tables[0].section.key)
            found[section].append(row)
        return found


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def book(shanghai: None, services: Services, db: Database, admin: Actor,
         make_user: Callable[..., Actor]) -> Book:
    make_user("sales1", "王伟", roles=("salesperson",))
    make_user("sales2", "", roles=("salesperson",))
    make_user("agent", "李娜", roles=("service",))
    people = {name: services.auth.login(name, ADMIN_PASSWORD)
              for name in ("sales1", "sales2", "agent")}
    people["admin"] = admin

    customers: dict[str, Record] = {}
    for key, name, owner, limit in (("A", "甲方科技", "sales1", "1000"),
                                    ("B", "乙方物流", "sales2", "400"),
                                    ("C", "丙方贸易", "sales1", "0"),
                                    ("D", "丁方工厂", None, "0"),
                                    ("E", "戊方商行", "sales1", "2000")):
        customers[key] = services.customers.create_customer(admin, {
            "name": name, "status": "active", "credit_limit": limit,
            "payment_terms_days": "30", **({"owner": owner} if owner else {})}).saved
    services.products.create_product(admin, {"code": "P100", "name": "泵",
                                              "list_price": "100.00", "tax_rate": "0"})
    value = services.customer_value
    for key in ("A", "B", "E"):
        value.set_key_account(admin, customers[key].code, True, "战略客户")
    e = customers["E"]
    services.customers.archive_customer(admin, e.id, services.customers.get(admin, e.id)
                                        .version)

    orders: dict[str, Record] = {}
    invoices: dict[str, Record] = {}
    for key, day, customer, quantity, invoiced in (
            ("OB0", "2024-01-15", "B", "20", False), ("OC1", "2024-06-01", "C", "1", True),
            ("OB1", "2024-12-01", "B", "3", True), ("OA1", "2025-01-10", "A", "12", True),
            ("OA2", "2025-03-01", "A", "2", True), ("OB2", "2025-03-20", "B", "1", True)):
        order = services.orders.create_order(
            admin, {"customer": customers[customer].code, "order_date": day},
            [{"product": "P100", "quantity": quantity}]).saved
        reason = "年度框架合同" if key == "OA1" else "老客户"
        orders[key] = services.orders.confirm_order(admin, order.id, order.version,
                                                    reason).saved
        if invoiced:
            invoices["I" + key[1:]] = services.invoices.invoice_order(
                admin, order.id, True, {"issue_date": day}).saved
    for customer, amount, day in (("A", "200.00", "2025-02-20"), ("B", "100.00", "2025-04-01")):
        services.payments.receive(admin, {"customer": customers[customer].code,
                                          "amount": amount, "payment_date": day})

    acts = services.activities
    for owner, customer, at, kind, done in (
            ("sales1", "A", "2025-01-01 06:00", "visit", True),
            ("sales1", "A", "2024-12-31 23:00", "visit", True),
            ("sales1", "A", "2025-01-15 10:00", "visit", True),
            ("sales1", "A", "2025-01-20 10:00", "visit", False),
            ("sales1", "A", "2025-02-01 07:00", "visit", False),
            ("sales2", "B", "2025-02-10 07:00", "visit", True),
            ("sales2", "B", "2025-02-20 10:00", "visit", False),
            ("sales2", "B", "2025-01-20 10:00", "call", True),
            ("admin", "D", "2025-01-05 10:00", "visit", True),
            ("sales1", "A", "2025-03-05 07:30", "visit", True)):
        made = acts.create_activity(admin, {"subject": "拜访", "kind": kind, "owner": owner,
                                            "customer": customers[customer].code,
                                            "scheduled_at": at}).saved
        if done:
            acts.mark_done(admin, made.id, made.version)

    feedback = services.feedback
    needs: dict[str, dict[str, Any]] = {"assign": {"assignee": "agent"},
                                        "resolve": {"resolution": "已处理", "cause": "操作"}}
    tickets: list[tuple[str, str, datetime, tuple[str, ...], int | None, float | None,
                        float]] = [
        # kind, customer, made (UTC), moves, satisfaction, hours to resolve, hours due
        ("complaint", "A", _utc(2024, 12, 31, 17), ("assign",), None, None, 72),
        ("complaint", "A", _utc(2024, 12, 31, 15), (), None, None, 72),
        ("complaint", "A", _utc(2025, 1, 5, 10), ("assign", "start", "resolve", "close"), 5,
         10, 72),
        ("complaint", "A", _utc(2025, 1, 20), ("assign", "start", "resolve", "close"), 2,
         30.5, 24),
        ("complaint", "A", _utc(2025, 2, 1), ("assign", "start"), None, None, 72),
        ("complaint", "B", _utc(2025, 2, 15), (), None, None, 72),
        ("service_request", "B", _utc(2025, 1, 10), ("assign", "start", "resolve"), None, 2,
         72),
        ("service_request", "C", _utc(2025, 2, 27, 17), ("assign", "start", "resolve",
                                                         "close"), 4, 5, 4),
        ("fault_report", "D", _utc(2025, 2, 28, 16, 30), ("assign", "start", "resolve",
                                                          "close"), 1, 3, 72),
        ("praise", "D", _utc(2025, 1, 15), (), None, None, 72),
        ("fault_report", "D", _utc(2025, 1, 25), ("assign", "start", "resolve"), None, 100,
         72),
        *(("suggestion", "D", _utc(2025, 2, n), ("assign", "start", "resolve"), None,
           float(n), 72) for n in range(1, 11))]
    for kind, customer, made_at, moves, score, resolve_hours, due_hours in tickets:
        ticket = feedback.create_ticket(admin, {"type": kind, "subject": "问题",
                                                "customer": customers[customer].code}).saved
        for move in moves:
            values = dict(needs.get(move, {}))
            if move == "close":
                values["satisfaction"] = score
            ticket = feedback.transit(admin, ticket.id, ticket.version, move, values).saved
        times: dict[str, Any] = {"created_at": made_at,
                                 "due_at": made_at + timedelta(hours=due_hours)}
        if resolve_hours is not None:
            times["resolved_at"] = made_at + timedelta(hours=resolve_hours)
        with db.unit_of_work() as uow:  # the times the services stamp with "now"
            uow.session.execute(update(Feedback).where(Feedback.id == ticket.id)
                                .values(**times))
            uow.commit()

    value.recompute(admin, today=VALUE_DAY)
    for key, grade in (("A", "AA"), ("B", "B"), ("C", "C")):
        value.set_rating(admin, customers[key].code, grade, "财务评估")
    customers = {k: services.customers.get(admin, r.id) for k, r in customers.items()}
    return Book(services, people, customers, orders, invoices)


def none_resolved(kind: str) -> dict[str, Any]:
    return {"type": kind, "resolved": 0, "average_hours": None, "p90_hours": None,
            "sla_met": 0, "sla_met_share": None}


def counts(kind: str, tickets: int = 0, new: int = 0, assigned: int = 0, in_progress: int = 0,
           resolved: int = 0, closed: int = 0) -> dict[str, Any]:
    return {"type": kind, "tickets": tickets, "new": new, "assigned": assigned,
            "in_progress": in_progress, "resolved": resolved, "closed": closed}


def scores(*tickets: tuple[int, str | None]) -> list[dict[str, Any]]:
    return [{"score": n + 1, "tickets": k, "share": s} for n, (k, s) in enumerate(tickets)]


# --- service analysis --------------------------------------------------------------------------
def test_service_analysis_of_the_range_by_local_days(book: Book) -> None:
    got = book.run("admin", "service-analysis")
    # In the range: T7 (local 01-01 01:00), T1, T2, T3, T4, T5, T6 (local 02-28 01:00),
    # T10, T11, S1..S10; T8 (local 12-31 23:00) and T9 (local 03-01 00:30) are not.
    assert got["by_type"] == [
        counts("complaint", 5, new=1, assigned=1, in_progress=1, closed=2),  # T4 T7 T3 T1 T2
        counts("service_request", 2, resolved=1, closed=1),  # T5, T6
        counts("fault_report", 1, resolved=1),  # T11
        counts("suggestion", 10, resolved=10),  # S1..S10
        counts("praise", 1, new=1)]  # T10
    assert got["resolution"] == [
        # T1 10 h (met), T2 30.5 h (missed): average 20.25 -> 20.3 (half up); the 90th
        # percentile of 2 is the 2nd (ceil 1.8): 30.5.
        {"type": "complaint", "resolved": 2, "average_hours": "20.3", "p90_hours": "30.5",
         "sla_met": 1, "sla_met_share": "0.5000"},
        # T5 2 h (met), T6 5 h (due in 4: missed).
        {"type": "service_request", "resolved": 2, "average_hours": "3.5",
         "p90_hours": "5.0", "sla_met": 1, "sla_met_share": "0.5000"},
        {"type": "fault_report", "resolved": 1, "average_hours": "100.0",
         "p90_hours": "100.0", "sla_met": 0, "sla_met_share": "0.0000"},
        # 1 .. 10 h: average 5.5; nearest rank ceil(0.9 x 10) = 9: 9 h, not the largest.
        {"type": "suggestion", "resolved": 10, "average_hours": "5.5", "p90_hours": "9.0",
         "sla_met": 10, "sla_met_share": "1.0000"},
        none_resolved("praise")]
    # Scored: T1 5, T2 2, T6 4 (T9's 1 lies outside): a third each.
    assert got["satisfaction"] == scores((0, "0.0000"), (1, "0.3333"), (0, "0.0000"),
                                         (1, "0.3333"), (1, "0.3333"))
    # A: T7, T1, T2, T3 (T7 and T3 open; T8 outside); B: T4 (open).
    assert got["complaints"] == [
        {"code": book.code("A"), "name": "甲方科技", "complaints": 4, "open": 2},
        {"code": book.code("B"), "name": "乙方物流", "complaints": 1, "open": 1}]


def test_service_analysis_of_a_salesperson_counts_their_customers_tickets(book: Book
                                                                          ) -> None:
    got = book.run("sales1", "service-analysis")  # A and C
    assert got["by_type"] == [
        counts("complaint", 4, assigned=1, in_progress=1, closed=2),  # T7 T3 T1 T2
        counts("service_request", 1, closed=1),  # T6
        counts("fault_report"), counts("suggestion"), counts("praise")]
    assert got["resolution"] == [
        {"type": "complaint", "resolved": 2, "average_hours": "20.3", "p90_hours": "30.5",
         "sla_met": 1, "sla_met_share": "0.5000"},
        {"type": "service_request", "resolved": 1, "average_hours": "5.0",
         "p90_hours": "5.0", "sla_met": 0, "sla_met_share": "0.0000"},
        none_resolved("fault_report"), none_resolved("suggestion"), none_resolved("praise")]
    assert got["satisfaction"] == scores((0, "0.0000"), (1, "0.3333"), (0, "0.0000"),
                                         (1, "0.3333"), (1, "0.3333"))
    assert got["complaints"] == [
        {"code": book.code("A"), "name": "甲方科技", "complaints": 4, "open": 2}]
    # sales2: B's T4 and T5 only.
    got = book.run("sales2", "service-analysis")
    assert [r["tickets"] for r in got["by_type"]] == [1, 1, 0, 0, 0]
    assert got["complaints"] == [
        {"code": book.code("B"), "name": "乙方物流", "complaints": 1, "open": 1}]


def test_service_analysis_of_an_empty_range_gives_zeros(book: Book) -> None:
    got = book.run("admin", "service-analysis", EMPTY)
    assert got["by_type"] == [counts(k) for k in ("complaint", "service_request",
                                                   "fault_report", "suggestion", "praise")]
    assert got["resolution"] == [none_resolved(k) for k in (
        "complaint", "service_request", "fault_report", "suggestion", "praise")]
    assert got["satisfaction"] == scores(*[(0, None)] * 5)
    assert got["complaints"] == []


# --- the visit plan ----------------------------------------------------------------------------
def visits(month: str, username: str, name: str, planned: int, done: int,
           completion: str | None) -> dict[str, Any]:
    return {"month": month, "username": username, "salesperson": name, "planned": planned,
            "done": done, "completion": completion}


def test_activities_per_local_month_and_owner(book: Book) -> None:
    # January (local): sales1 V5 (01-01 06:00, UTC still 2024), V1 done, V10 planned: 2 of
    # 3; admin (no salesperson, but owns V8, done); sales2 nothing (a salesperson: listed).
    # February: sales1 V2 (local 02-01 07:00, UTC January) planned; sales2 V3 done, V4
    # planned. V6 (local 12-31), V9 (03-05) and the call V7 are not counted.
    assert book.run("admin", "activities") == {"visits": [
        visits("2025-01", "admin", "Ada Admin", 1, 1, "1.0000"),
        visits("2025-01", "sales1", "王伟", 3, 2, "0.6667"),
        visits("2025-01", "sales2", "sales2", 0, 0, None),
        visits("2025-02", "sales1", "王伟", 1, 0, "0.0000"),
        visits("2025-02", "sales2", "sales2", 2, 1, "0.5000")]}
    assert book.run("sales1", "activities") == {"visits": [
        visits("2025-01", "sales1", "王伟", 3, 2, "0.6667"),
        visits("2025-02", "sales1", "王伟", 1, 0, "0.0000")]}
    # One day at each end: 2025-01-01 (V5) .. 2025-01-01, and the range narrowed by owner.
    one_day = Params(start=date(2025, 1, 1), end=date(2025, 1, 1), owner="sales1")
    assert book.run("admin", "activities", one_day) == {"visits": [
        visits("2025-01", "sales1", "王伟", 1, 1, "1.0000")]}
    # Nothing planned: each salesperson in scope with zeros.
    assert book.run("admin", "activities", EMPTY) == {"visits": [
        visits("2023-01", "sales1", "王伟", 0, 0, None),
        visits("2023-01", "sales2", "sales2", 0, 0, None)]}


# --- receivables ------------------------------------------------------------------------------
def buckets(*amounts: tuple[str, str | None]) -> list[dict[str, Any]]:
    names = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")
    return [{"bucket": n, "amount": a, "share": s} for n, (a, s) in zip(names, amounts,
                                                                      strict=True)]


def test_receivables_aging_as_of_a_past_day(book: Book) -> None:
    # As of 2025-03-15: IA2 200.00 not yet due; IA1 1200.00 - 200.00 paid on 02-20 =
    # 1000.00, 34 days past due (31-60); IB1 300.00 (the 100.00 came on 04-01, after),
    # 74 days (61-90); IC1 100.00, 257 days (over 90); IB2 was issued later. 1600.00 in all.
    got = book.run("admin", "receivables-aging", Params(as_of=AS_OF))
    assert got["buckets"] == buckets(("200.00", "0.1250"), ("0.00", "0.0000"),
                                     ("1000.00", "0.6250"), ("300.00", "0.1875"),
                                     ("100.00", "0.0625"))
    a, b, c = (book.code(k) for k in "ABC")
    assert got["customers"] == [
        {"code": a, "name": "甲方科技", "open": "1200.00", "overdue": "1000.00",
         "current": "200.00", "days_1_30": "0.00", "days_31_60": "1000.00",
         "days_61_90": "0.00", "days_over_90": "0.00"},
        {"code": b, "name": "乙方物流", "open": "300.00", "overdue": "300.00",
         "current": "0.00", "days_1_30": "0.00", "days_31_60": "0.00",
         "days_61_90": "300.00", "days_over_90": "0.00"},
        {"code": c, "name": "丙方贸易", "open": "100.00", "overdue": "100.00",
         "current": "0.00", "days_1_30": "0.00", "days_31_60": "0.00",
         "days_61_90": "0.00", "days_over_90": "100.00"}]
    # sales1: A and C, 1300.00: 200/1300 = 0.1538, 1000/1300 = 0.7692, 100/1300 = 0.0769.
    mine = book.run("sales1", "receivables-aging", Params(as_of=AS_OF))
    assert mine["buckets"] == buckets(("200.00", "0.1538"), ("0.00", "0.0000"),
                                      ("1000.00", "0.7692"), ("0.00", "0.0000"),
                                      ("100.00", "0.0769"))
    assert [r["code"] for r in mine["customers"]] == [a, c]
    # Before anything was issued: nothing owed, no share of nothing.
    none = book.run("admin", "receivables-aging", Params(as_of=date(2024, 1, 1)))
    assert none == {"buckets": buckets(*[("0.00", None)] * 5), "customers": []}


def test_arrears_as_of_a_past_day(book: Book) -> None:
    a, b, c = (book.code(k) for k in "ABC")
    # IA2 (due 03-31) is not yet due on 2025-03-15.
    assert book.run("admin", "arrears", Params(as_of=AS_OF)) == {"invoices": [
        {"invoice": book.invoices["IC1"].number, "code": c, "name": "丙方贸易",
         "due_date": "2024-07-01", "days_late": 257, "open": "100.00", "salesperson": "王伟"},
        {"invoice": book.invoices["IB1"].number, "code": b, "name": "乙方物流",
         "due_date": "2024-12-31", "days_late": 74, "open": "300.00",
         "salesperson": "sales2"},  # no display name: the user name
        {"invoice": book.invoices["IA1"].number, "code": a, "name": "甲方科技",
         "due_date": "2025-02-09", "days_late": 34, "open": "1000.00",
         "salesperson": "王伟"}]}
    assert [r["invoice"] for r in book.run("sales2", "arrears", Params(as_of=AS_OF))[
        "invoices"]] == [book.invoices["IB1"].number]
    # On its due date an invoice is not late yet: as of 2024-07-01, nothing.
    assert book.run("admin", "arrears", Params(as_of=date(2024, 7, 1))) == {"invoices": []}
    # As of 2024-07-02: IC1 one day late.
    assert book.run("admin", "arrears", Params(as_of=date(2024, 7, 2)))["invoices"][0][
        "days_late"] == 1


# --- credit -----------------------------------------------------------------------------------
def rating(grade: str, customers: int = 0, limits: str = "0.00", amount: str = "0.00"
           ) -> dict[str, Any]:
    return {"rating": grade, "customers": customers, "credit_limit": limits, "open": amount}


def test_credit_ratings_limit_use_and_overrides(book: Book) -> None:
    a, b = book.code("A"), book.code("B")
    # Open today (every payment applied): A IA1 1000.00 + IA2 200.00; B IB1 200.00 + IB2
    # 100.00; C IC1 100.00. E is archived; D was never rated.
    got = book.run("admin", "credit")
    assert got["ratings"] == [rating("AAA"), rating("AA", 1, "1000.00", "1200.00"),
                              rating("A"), rating("B", 1, "400.00", "300.00"),
                              rating("C", 1, "0.00", "100.00"), rating("", 1)]
    # A 1200/1000 = 1.2, B 300/400 = 0.75; C has no limit.
    assert got["limit_use"] == [
        {"code": a, "name": "甲方科技", "rating": "AA", "credit_limit": "1000.00",
         "open": "1200.00", "use": "1.2000"},
        {"code": b, "name": "乙方物流", "rating": "B", "credit_limit": "400.00",
         "open": "300.00", "use": "0.7500"}]
    # Of the orders confirmed over the limit only OA1 is dated in the range.
    assert got["overrides"] == [
        {"order": book.orders["OA1"].number, "code": a, "name": "甲方科技",
         "order_date": "2025-01-10", "gross": "1200.00", "salesperson": "王伟",
         "reason": "年度框架合同"}]
    # As of 2025-03-15 (IB1's 100.00 came later, IB2 was not issued yet; IA1 and IA2 as
    # now), the first row only (--top 1).
    past = book.run("admin", "credit", Params(start=RANGE.start, end=RANGE.end,
                                              as_of=AS_OF, top=1))
    assert past["ratings"][1] == rating("AA", 1, "1000.00", "1200.00")
    assert past["ratings"][3] == rating("B", 1, "400.00", "300.00")
    assert [(r["code"], r["use"]) for r in past["limit_use"]] == [(a, "1.2000")]


def test_credit_of_a_salesperson(book: Book) -> None:
    got = book.run("sales1", "credit")  # A and C (E archived)
    assert got["ratings"] == [rating("AAA"), rating("AA", 1, "1000.00", "1200.00"),
                              rating("A"), rating("B"), rating("C", 1, "0.00", "100.00"),
                              rating("")]
    assert [r["code"] for r in got["limit_use"]] == [book.code("A")]
    assert [r["order"] for r in got["overrides"]] == [book.orders["OA1"].number]
    assert book.run("sales2", "credit")["overrides"] == []
    assert book.run("admin", "credit", EMPTY)["overrides"] == []


# --- key accounts and churn -------------------------------------------------------------------
def test_key_accounts(book: Book) -> None:
    got = book.run("admin", "key-accounts")
    # A: 1400.00, nothing before (no trend); owes 1200.00 today, all overdue; visits done
    # in the range V5 and V1 (V6 before it, V10 and V2 planned); last visit V9 (local
    # 2025-03-05, UTC 03-04); complaints in the range T7, T1, T2, T3; open now T7, T3, T8.
    # B: 300.00 against 2000.00: -0.8500; owes 300.00 (IB1 200.00 + IB2 100.00), overdue;
    # V3 (local 02-10, UTC 02-09), the call not; T4. E is archived.
    assert got == {"accounts": [
        {"code": book.code("A"), "name": "甲方科技", "salesperson": "王伟",
         "revenue": "1400.00", "revenue_before": "0.00", "trend": None, "open": "1200.00",
         "overdue": "1200.00", "visits": 2, "last_visit": "2025-03-05", "complaints": 4,
         "open_complaints": 3},
        {"code": book.code("B"), "name": "乙方物流", "salesperson": "sales2",
         "revenue": "300.00", "revenue_before": "2000.00", "trend": "-0.8500",
         "open": "300.00", "overdue": "300.00", "visits": 1, "last_visit": "2025-02-10",
         "complaints": 1, "open_complaints": 1}]}
    # As of 2025-03-15 (A: IA2 not yet due), over an empty range.
    early = book.run("admin", "key-accounts", Params(start=EMPTY.start, end=EMPTY.end,
                                                      as_of=AS_OF))["accounts"]
    assert [(r["open"], r["overdue"], r["visits"], r["complaints"], r["last_visit"])
            for r in early] == [("1200.00", "1000.00", 0, 0, "2025-03-05"),
                                ("300.00", "300.00", 0, 0, "2025-02-10")]
    assert [r["code"] for r in book.run("sales2", "key-accounts")["accounts"]] == [
        book.code("B")]


def test_churn(book: Book) -> None:
    b = {"code": book.code("B"), "name": "乙方物流", "salesperson": "sales2",
         "reason": "revenue_down", "lifecycle": "declining", "revenue": "300.00",
         "revenue_before": "2000.00", "last_order": "2025-03-20",
         "last_activity": "2025-02-10"}  # V3: local 02-10 07:00 (UTC 02-09)
    c = {"code": book.code("C"), "name": "丙方贸易", "salesperson": "王伟",
         "reason": "no_contact", "lifecycle": "new", "revenue": "100.00",
         "revenue_before": "0.00", "last_order": "2024-06-01", "last_activity": None}
    assert book.run("admin", "churn") == {"customers": [b, c]}  # by revenue before
    assert book.run("sales1", "churn") == {"customers": [c]}
    assert book.run("sales2", "churn") == {"customers": [b]}
