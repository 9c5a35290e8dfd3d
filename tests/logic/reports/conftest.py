"""The reports' data set: a small, hand-made business built through the real services, once
per test module and database (the reports only read it; a test that writes adds an audit
entry at most), so every figure of the reports can be worked out by hand.

People: sales1 (王伟) and sales2 (Emma Scott), salespeople in 华东销售部 led by manager
(张敏, a sales manager, a member of the team too); sales3 (赵磊) of 华北销售部; auditor
(reports.view and reports.export, all records); agent (service: no reports.view).

Customers (province/city, industry, ownership, status, owner, made on):

    C1 北京星河科技    北京/北京  制造业 private     active    sales1  2024-12-10
    C2 上海申江物流    上海/上海  物流   state       active    sales1  2024-12-20
    C3 Shanghai Harbour 上海/上海 物流   foreign     active    sales2  2025-01-05
    C4 杭州龙井茶业    浙江/杭州  制造业 private     prospect  sales2  (now)
    C5 天津北方机械    天津/天津  制造业 state       dormant   sales3  2023-03-01
    C6 天津港贸易      天津/天津  贸易   collective  lost      sales3  2023-01-15

Products: G100 压力表 100.00 (13% tax), G050 阀门 50.00 (13%), G003 螺丝 3.00 (no tax).

Orders (order date, customer, salesperson = the customer's owner, lines -> net, status):

    O1  2024-12-05 C1 sales1 2 x G100                      = 200.00  delivered
    O2  2024-12-20 C3 sales2 3 x G050 + 10 x G003          = 180.00  confirmed
    O3  2024-12-31 C5 sales3 1 x G100                      = 100.00  confirmed
    O4  2025-01-01 C2 sales1 1 x G050 at 10% off           =  45.00  confirmed
    O5  2025-01-15 C1 sales1 5 x G003 + 1 x G100 @ 100.02  = 115.02  delivered
    O6  2025-01-31 C3 sales2 4 x G100 + 1 x G003 @ 0.01    = 400.01  confirmed
    O7  2025-01-10 C1 sales1 10 x G100                     = 1000.00 draft (no revenue)
    O8  2024-12-10 C3 sales2 7 x G050                      = 350.00  cancelled (none)
    O9  2025-02-01 C1 sales1 1 x G100                      = 100.00  confirmed
    O10 2024-11-30 C2 sales1 1 x G050                      =  50.00  confirmed
    B1  2023-12-15 C1 sales1 1 x G100                      = 100.00  confirmed
    B2  2024-01-20 C3 sales2 2 x G050                      = 100.00  delivered
    B3  2024-01-25 C5 sales3 1 x G050                      =  50.00  confirmed
    B4  2024-01-05 C1 sales1 3 x G100                      = 300.00  cancelled (none)
    B0  2023-06-01 C6 sales3 1 x G100                      = 100.00  confirmed

Opportunities (made on 2025-01-10 unless said; amount, stage now, weighted at the
default probabilities 10/25/50/75/100/0):

    Q1 sales1 1000.00 qualification  100.00      Q2 sales2  500.00 qualification   50.00
    N1 sales1 2000.00 needs_analysis 500.00      P1 sales2 3000.00 proposal      1500.00
    G1 sales1 4000.00 negotiation   3000.00      W1 sales2 5000.00 won           5000.00
    W2 sales3 1000.00 won           1000.00      L1 sales1 2500.00 lost             0.00
    X1 sales1 9999.00 proposal      4999.50  made 2024-11-15 (outside Dec..Jan)

Invoices (issued, gross, due): I1 of O1 (C1) 226.00 issued 2025-01-10, due 2025-02-09;
I3 of O3 (C5) 113.00 issued 2025-01-05, due 2025-02-04; I6 of O6 (C3) 452.01 issued
today, due in 30 days (not yet due).

Tickets: T1 complaint of C1, open, due later; T2 service request of C3, open, due
2025-01-01 (overdue); T3 complaint of C5, open, due 2025-01-01 (overdue); T4 complaint of
C3, resolved (not open), due 2025-01-01.

Customer value recomputed as of 2025-01-31 (docs/credit.md; window 2024-02-02 ..
2025-01-31, the year before 2023-02-03 .. 2024-02-01): revenue C3 580.01, C1 315.02, C5
100.00, C2 95.00 (O10 + O4), C4 and C6 none. Tiers: C3, C1 premium (ahead of them 0% and
53.2%); C5, C2 major (82.1%, 91.3% ahead); C4 potential (a prospect); C6 restricted
(100.00 the year before, nothing now: down 100%). Lifecycle: C2 new (first order
2024-11-30); C1, C3, C5 rising (315.02 vs 100.00, 580.01 vs 100.00, 100.00 vs 50.00); C6
lost (no order since 2023-06-01); C4 none (never ordered).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update

from app.data.customers import Customer
from app.data.database import Database, open_database
from app.data.feedback import Feedback
from app.data.sales import Opportunity
from app.logic.admin import passwords
from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD, BACKENDS, PgServer

Y = 2025  # the year of the Dec..Jan range: December 2024 and January 2025
RANGE = (date(2024, 12, 1), date(2025, 1, 31))
VALUE_DAY = date(2025, 1, 31)  # the customer value's recomputation
DEPT, OTHER_DEPT = "华东销售部", "华北销售部"
FIRST_PASSWORD = "temporary secret 1"
LONG_AGO = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


@dataclass
class Data:
    services: Services
    db: Database
    url: str
    backend: str
    people: dict[str, Actor]
    customers: dict[str, Record]  # C1 .. C6
    orders: dict[str, Record]  # O1 .. O10, B0 .. B4, as they end
    opportunities: dict[str, Record]
    invoices: dict[str, Record]

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]

    def code(self, key: str) -> str:
        return self.customers[key].code

    def number(self, key: str) -> str:
        return self.orders[key].number


def _stamp(db: Database, model: Any, record_id: int, **values: Any) -> None:
    """Put a stored time where time passing would have it (a customer made last year)."""
    with db.unit_of_work() as uow:
        uow.session.execute(update(model).where(model.id == record_id).values(**values))
        uow.commit()


def build(services: Services, db: Database) -> dict[str, Any]:
    """Make the data set above; its people, customers, orders, opportunities, invoices."""
    services.auth.create_admin("admin", ADMIN_PASSWORD, display_name="Ada Admin")
    admin = services.auth.login("admin", ADMIN_PASSWORD)
    for name, label, role in (("sales1", "王伟", "salesperson"),
                              ("sales2", "Emma Scott", "salesperson"),
                              ("sales3", "赵磊", "salesperson"),
                              ("manager", "张敏", "sales_manager"),
                              ("auditor", "孙强", "auditor"), ("agent", "李娜", "service")):
        services.users.add_user(admin, name, FIRST_PASSWORD, label, roles=(role,))
        first = services.auth.login(name, FIRST_PASSWORD)
        services.auth.change_password(first, FIRST_PASSWORD, ADMIN_PASSWORD)
    users = {u.username: u for u in services.users.list_all_users(admin)}
    for dept_name, head, members in ((DEPT, "manager", ("manager", "sales1", "sales2")),
                                     (OTHER_DEPT, None, ("sales3",))):
        dept = services.departments.create_department(admin, dept_name).saved
        for name in members:
            services.users.update_user(admin, users[name].id, users[name].version,
                                       department_id=dept.id)
        if head:
            services.departments.update_department(admin, dept.id, dept.version,
                                                   manager_id=users[head].id)
    people = {name: services.auth.login(name, ADMIN_PASSWORD) for name in users
              if name != "admin"}
    people["admin"] = admin

    customers: dict[str, Record] = {}
    for key, name, province, city, industry, ownership, status, owner, made in (
            ("C1", "北京星河科技", "北京", "北京", "制造业", "private", "active", "sales1",
             datetime(2024, 12, 10, 12, tzinfo=UTC)),
            ("C2", "上海申江物流", "上海", "上海", "物流", "state", "active", "sales1",
             datetime(2024, 12, 20, 12, tzinfo=UTC)),
            ("C3", "Shanghai Harbour Logistics", "上海", "上海", "物流", "foreign", "active",
             "sales2", datetime(2025, 1, 5, 12, tzinfo=UTC)),
            ("C4", "杭州龙井茶业", "浙江", "杭州", "制造业", "private", "prospect", "sales2",
             None),
            ("C5", "天津北方机械", "天津", "天津", "制造业", "state", "dormant", "sales3",
             datetime(2023, 3, 1, 12, tzinfo=UTC)),
            ("C6", "天津港贸易", "天津", "天津", "贸易", "collective", "lost", "sales3",
             datetime(2023, 1, 15, 12, tzinfo=UTC))):
        record = services.customers.create_customer(admin, {
            "name": name, "province": province, "city": city, "industry": industry,
            "ownership": ownership, "status": status, "owner": owner,
            "credit_limit": "1000000", "payment_terms_days": "30"}).saved
        if made is not None:
            _stamp(db, Customer, record.id, created_at=made)
        customers[key] = record

    for values in ({"code": "G100", "name": "压力表", "list_price": "100.00", "tax_rate": "0.13"},
                   {"code": "G050", "name": "阀门", "list_price": "50.00", "tax_rate": "0.13"},
                   {"code": "G003", "name": "螺丝", "list_price": "3.00", "tax_rate": "0"}):
        services.products.create_product(admin, values)

    o = services.orders

    def line(product: str, quantity: str, **more: str) -> dict[str, str]:
        return {"product": product, "quantity": quantity, **more}

    orders: dict[str, Record] = {}
    for key, day, customer, lines, status in (
            ("O1", "2024-12-05", "C1", [line("G100", "2")], "delivered"),
            ("O2", "2024-12-20", "C3", [line("G050", "3"), line("G003", "10")], "confirmed"),
            ("O3", "2024-12-31", "C5", [line("G100", "1")], "confirmed"),
            ("O4", "2025-01-01", "C2", [line("G050", "1", discount="0.1")], "confirmed"),
            ("O5", "2025-01-15", "C1", [line("G003", "5"),
                                        line("G100", "1", unit_price="100.02")], "delivered"),
            ("O6", "2025-01-31", "C3", [line("G100", "4"),
                                        line("G003", "1", unit_price="0.01")], "confirmed"),
            ("O7", "2025-01-10", "C1", [line("G100", "10")], "draft"),
            ("O8", "2024-12-10", "C3", [line("G050", "7")], "cancelled"),
            ("O9", "2025-02-01", "C1", [line("G100", "1")], "confirmed"),
            ("O10", "2024-11-30", "C2", [line("G050", "1")], "confirmed"),
            ("B1", "2023-12-15", "C1", [line("G100", "1")], "confirmed"),
            ("B2", "2024-01-20", "C3", [line("G050", "2")], "delivered"),
            ("B3", "2024-01-25", "C5", [line("G050", "1")], "confirmed"),
            ("B4", "2024-01-05", "C1", [line("G100", "3")], "cancelled"),
            ("B0", "2023-06-01", "C6", [line("G100", "1")], "confirmed")):
        record = o.create_order(admin, {"customer": customers[customer].code,
                                        "order_date": day}, lines).saved
        if status != "draft":
            record = o.confirm_order(admin, record.id, record.version).saved
        if status == "delivered":
            record = o.deliver_order(admin, record.id, record.version).saved
        if status == "cancelled":
            record = o.cancel_order(admin, record.id, record.version, "客户取消").saved
        orders[key] = record

    opportunities: dict[str, Record] = {}
    made_in_range = datetime(2025, 1, 10, 12, tzinfo=UTC)
    p = services.opportunities
    for key, owner, customer, amount, stage, made in (
            ("Q1", "sales1", "C1", "1000.00", "qualification", made_in_range),
            ("Q2", "sales2", "C3", "500.00", "qualification", made_in_range),
            ("N1", "sales1", "C2", "2000.00", "needs_analysis", made_in_range),
            ("P1", "sales2", "C4", "3000.00", "proposal", made_in_range),
            ("G1", "sales1", "C1", "4000.00", "negotiation", made_in_range),
            ("W1", "sales2", "C3", "5000.00", "won", made_in_range),
            ("W2", "sales3", "C5", "1000.00", "won", made_in_range),
            ("L1", "sales1", "C2", "2500.00", "lost", made_in_range),
            ("X1", "sales1", "C1", "9999.00", "proposal",
             datetime(2024, 11, 15, 12, tzinfo=UTC))):
        record = p.create_opportunity(admin, {"name": f"商机 {key}", "amount": amount,
                                              "customer": customers[customer].code,
                                              "owner": owner}).saved
        if stage != record.stage:
            record = p.move_to(admin, record.id, record.version, stage,
                               lost_reason="价格太高" if stage == "lost" else None).saved
        _stamp(db, Opportunity, record.id, created_at=made)
        opportunities[key] = record

    invoices: dict[str, Record] = {}
    for key, order, issued in (("I1", "O1", "2025-01-10"), ("I3", "O3", "2025-01-05"),
                               ("I6", "O6", date.today().isoformat())):
        invoices[key] = services.invoices.invoice_order(
            admin, orders[order].id, True, {"issue_date": issued}).saved

    f = services.feedback
    tickets: dict[str, Record] = {}
    for key, kind, customer in (("T1", "complaint", "C1"), ("T2", "service_request", "C3"),
                                ("T3", "complaint", "C5"), ("T4", "complaint", "C3")):
        tickets[key] = f.create_ticket(admin, {"type": kind, "subject": f"工单 {key}",
                                               "customer": customers[customer].code}).saved
    t4 = tickets["T4"]
    t4 = f.assign_ticket(admin, t4.id, t4.version, "agent").saved
    t4 = f.start_ticket(people["agent"], t4.id, t4.version).saved
    f.resolve_ticket(people["agent"], t4.id, t4.version, "换货", "运输损坏")
    for key in ("T2", "T3", "T4"):
        _stamp(db, Feedback, tickets[key].id, due_at=LONG_AGO)

    services.customer_value.recompute(admin, today=VALUE_DAY)
    customers = {k: services.customers.get(admin, r.id) for k, r in customers.items()}
    return {"people": people, "customers": customers, "orders": orders,
            "opportunities": opportunities, "invoices": invoices}


@pytest.fixture(scope="module", params=BACKENDS)
def data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Data]:
    """The data set above, made once per module and database (the reports only read it)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("reports") / "kehu.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{Path(path).as_posix()}"
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        server.reset()
        url = server.url
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=8,
                                                          parallelism=1))
        database = open_database(url)
        try:
            services = Services.build(database.unit_of_work, database.display_url)
            made = build(services, database)
            yield Data(services, database, url, request.param, **made)
        finally:
            database.dispose()


def month_days(year: int, month: int) -> tuple[date, date]:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), following - timedelta(days=1)
