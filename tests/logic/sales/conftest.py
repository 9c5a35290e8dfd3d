"""Fixtures of the sales logic tests: two salespeople in a team led by a sales manager, a
salesperson of another team, a clerk who may edit orders but not move them, customers with
their credit limits and payment terms, and products (one no longer sold); helpers that make
orders and opportunities the way a person would."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from app.data.database import Database
from app.logic.kit.dto import Actor, Record
from app.logic.kit.errors import ValidationError
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

Counts = Callable[[], dict[str, int]]
LineSpec = dict[str, Any]


@dataclass
class Shop:
    """Everyone, the customers and the products.

    Customers: ``mine`` is sales1's (credit limit 101.69, 45 days), ``theirs`` sales2's
    (limit 100000.00, 30 days), ``north`` sales3's (another team), ``zero`` sales1's with no
    credit limit (0.00, 30 days), ``house`` the administrator's (limit 1000000.00, 60 days).
    Products: G3333 压力表 (33.33, 13%, pcs), G0100 螺丝 (1.00, 0%, box), G0300 垫片 (3.00,
    6%, kg) and G9999 停产阀门 (99.00, 9%), no longer active."""

    services: Services
    db: Database
    people: dict[str, Actor]
    customers: dict[str, Record]
    products: dict[str, Record]

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]

    def order(self, actor: Actor | None = None, customer: str = "house",
              lines: Sequence[LineSpec] = ({"product": "G3333", "quantity": "3"},),
              **values: Any) -> Record:
        """A new draft order of ``customer`` with ``lines`` (by default 3 x G3333)."""
        given = {"customer": self.customers[customer].code, **values}
        return self.services.orders.create_order(actor or self["admin"], given,
                                                 list(lines)).saved

    def confirmed(self, actor: Actor | None = None, customer: str = "house",
                  lines: Sequence[LineSpec] = ({"product": "G3333", "quantity": "3"},),
                  **values: Any) -> Record:
        record = self.order(actor, customer, lines, **values)
        return self.services.orders.confirm_order(actor or self["admin"], record.id,
                                                  record.version).saved

    def opportunity(self, actor: Actor | None = None, customer: str = "house",
                    amount: str = "1000.00", stage: str | None = None,
                    **values: Any) -> Record:
        """A new opportunity of ``customer`` (moved to ``stage`` when given; lost with a
        reason)."""
        who = actor or self["admin"]
        o = self.services.opportunities
        record = o.create_opportunity(who, {"name": f"商机 {amount}", "amount": amount,
                                            "customer": self.customers[customer].code,
                                            **values}).saved
        if stage is not None and stage != record.stage:
            reason = "价格太高" if stage == "lost" else None
            record = o.move_to(who, record.id, record.version, stage, lost_reason=reason).saved
        return record

    def reload(self, record: Record) -> Record:
        service = self.services.orders if record.entity == "order" \
            else self.services.opportunities
        return service.get(self["admin"], record.id)


@pytest.fixture
def shop(services: Services, db: Database, admin: Actor,
         make_user: Callable[..., Actor]) -> Shop:
    """sales1 and sales2: salespeople in 华东销售部 led by manager (a sales manager); sales3 a
    salesperson of 华北销售部; auditor; clerk: may view, add and edit orders but has none of
    the moves (a copy of Salesperson without confirm, deliver, cancel, seeing every customer
    and order)."""
    services.roles.create_role(admin, "order_clerk", "Order clerk", copy_from="salesperson")
    role = services.roles.get_role(admin, "order_clerk")
    services.roles.update_role(admin, "order_clerk", role.version, rights={
        (m, a) for m, a in role.rights
        if m != "sales" or a in ("view", "create", "edit")},
        scopes={**dict(role.scopes), "customers": "all", "sales": "all"})
    for name, label, roles in (
            ("sales1", "王伟", ("salesperson",)), ("sales2", "Emma Scott", ("salesperson",)),
            ("sales3", "赵磊", ("salesperson",)), ("manager", "张敏", ("sales_manager",)),
            ("auditor", "孙强", ("auditor",)), ("clerk", "周杰", ("order_clerk",))):
        make_user(name, label, roles=roles)
    by_name = {u.username: u for u in services.users.list_all_users(admin)}
    for dept_name, head, members in (("华东销售部", "manager", ("sales1", "sales2")),
                                     ("华北销售部", None, ("sales3",))):
        dept = services.departments.create_department(admin, dept_name).saved
        for name in (*((head,) if head else ()), *members):
            services.users.update_user(admin, by_name[name].id, by_name[name].version,
                                       department_id=dept.id)
        if head:
            services.departments.update_department(admin, dept.id, dept.version,
                                                   manager_id=by_name[head].id)
    people = {name: services.auth.login(name, ADMIN_PASSWORD) for name in by_name
              if name != "admin"}
    people["admin"] = admin
    c = services.customers
    customers = {key: c.create_customer(admin, values).saved for key, values in (
        ("mine", {"name": "北京星河科技有限公司", "owner": "sales1", "credit_limit": "101.69",
                  "payment_terms_days": "45"}),
        ("theirs", {"name": "Shanghai Harbour Logistics", "owner": "sales2",
                    "credit_limit": "100000", "payment_terms_days": "30"}),
        ("north", {"name": "天津北方机械", "owner": "sales3", "credit_limit": "100000",
                   "payment_terms_days": "30"}),
        ("zero", {"name": "无信用额度贸易", "owner": "sales1", "credit_limit": "0",
                  "payment_terms_days": "30"}),
        ("house", {"name": "广州南方贸易", "credit_limit": "1000000",
                   "payment_terms_days": "60"}))}
    p = services.products
    products = {values["code"]: p.create_product(admin, values).saved for values in (
        {"code": "G3333", "name": "压力表", "list_price": "33.33", "tax_rate": "0.13",
         "unit": "pcs"},
        {"code": "G0100", "name": "螺丝", "list_price": "1.00", "tax_rate": "0", "unit": "box"},
        {"code": "G0300", "name": "垫片", "list_price": "3.00", "tax_rate": "0.06",
         "unit": "kg"},
        {"code": "G9999", "name": "停产阀门", "list_price": "99.00", "tax_rate": "0.09"})}
    gone = products["G9999"]
    products["G9999"] = p.update_product(admin, gone.id, gone.version, {"active": False}).saved
    return Shop(services, db, people, customers, products)


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}
