"""Fixtures of the feedback logic tests: the people who work tickets (service agents, one
leading a team), salespeople with their own customers, a sales manager, an auditor and a
role that may edit tickets but not move them; helpers that make tickets and move time on
(a ticket's creation and due times put in the past, as time passing would)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import update

from app.data.database import Database
from app.data.feedback import Feedback
from app.logic.kit.dto import Actor, Record
from app.logic.kit.errors import ValidationError
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

Counts = Callable[[], dict[str, int]]


@dataclass
class Desk:
    """Everyone, and the customers: ``mine`` is sales1's, ``theirs`` sales2's, ``house``
    nobody's (the administrator's)."""

    services: Services
    db: Database
    people: dict[str, Actor]
    customers: dict[str, Record]

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]

    def ticket(self, actor: Actor | None = None, customer: str = "house",
               **values: Any) -> Record:
        """A new ticket of ``customer`` (a complaint, normal priority unless given)."""
        given = {"subject": "发票金额错误", "type": "complaint",
                 "customer": self.customers[customer].code, **values}
        return self.services.feedback.create_ticket(actor or self["admin"], given).saved

    def moved(self, record: Record, *steps: str, actor: Actor | None = None) -> Record:
        """``record`` moved through ``steps`` (transition names) by ``actor`` (the
        administrator), with what each needs: assigned to lina, resolved with a
        resolution and cause, closed with a satisfaction of 4."""
        feedback = self.services.feedback
        who = actor or self["admin"]
        needs: dict[str, dict[str, Any]] = {
            "assign": {"assignee": "lina"},
            "resolve": {"resolution": "已重开发票", "cause": "开票模板税率错误"},
            "close": {"satisfaction": 4}}
        for step in steps:
            record = feedback.transit(who, record.id, record.version, step,
                                      needs.get(step, {})).saved
        return record

    def set_times(self, record: Record, **times: datetime) -> Record:
        """Put a ticket's stored times (``created_at``, ``due_at``) where time passing
        would have them."""
        with self.db.unit_of_work() as uow:
            uow.session.execute(update(Feedback).where(Feedback.id == record.id)
                                .values(**times))
            uow.commit()
        return self.services.feedback.get_ticket(self["admin"], record.id)


@pytest.fixture
def desk(services: Services, db: Database, admin: Actor,
         make_user: Callable[..., Actor]) -> Desk:
    """lina and zhao: service agents in the service team led by chen (service too); sales1
    and sales2: salespeople in manager's team; auditor; editor: may edit tickets but not
    move them (a copy of Service without the five moves)."""
    services.roles.create_role(admin, "ticket_editor", "Ticket editor", copy_from="service")
    role = services.roles.get_role(admin, "ticket_editor")
    services.roles.update_role(admin, "ticket_editor", role.version, rights={
        (m, a) for m, a in role.rights
        if m != "feedback" or a in ("view", "create", "edit")})
    for name, label, roles in (
            ("lina", "李娜", ("service",)), ("zhao", "赵丽", ("service",)),
            ("chen", "陈强", ("service",)), ("sales1", "王伟", ("salesperson",)),
            ("sales2", "Emma Scott", ("salesperson",)), ("manager", "张敏", ("sales_manager",)),
            ("auditor", "孙强", ("auditor",)), ("editor", "周杰", ("ticket_editor",))):
        make_user(name, label, roles=roles)
    by_name = {u.username: u for u in services.users.list_all_users(admin)}
    for dept_name, head, members in (("客服部", "chen", ("lina", "zhao")),
                                     ("华东销售部", "manager", ("sales1", "sales2"))):
        dept = services.departments.create_department(admin, dept_name).saved
        for name in (head, *members):
            services.users.update_user(admin, by_name[name].id, by_name[name].version,
                                       department_id=dept.id)
        services.departments.update_department(admin, dept.id, dept.version,
                                               manager_id=by_name[head].id)
    people = {name: services.auth.login(name, ADMIN_PASSWORD) for name in by_name
              if name != "admin"}
    people["admin"] = admin
    customers = {
        "mine": services.customers.create_customer(
            people["sales1"], {"name": "北京星河科技有限公司"}).saved,
        "theirs": services.customers.create_customer(
            people["sales2"], {"name": "Shanghai Harbour Logistics"}).saved,
        "house": services.customers.create_customer(admin, {"name": "广州南方贸易"}).saved}
    for key, names in (("mine", ("李娜", "王强")), ("theirs", ("Tom Baker",)),
                       ("house", ("刘洋",))):
        for i, name in enumerate(names):
            services.contacts.add_contact(admin, customers[key].id,
                                          {"name": name, "is_primary": i == 0})
    return Desk(services, db, people, customers)


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}
