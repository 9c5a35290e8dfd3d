"""Fixtures of the activities logic tests: a sales team (manager with sales1 and sales2), a
salesperson of another team, an auditor, their customers and contacts; a helper that plans
activities; and the local time zone set to Shanghai (UTC+8), so local days and months are
not UTC's."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from app.logic.kit.dto import Actor, Record
from app.logic.kit.errors import ValidationError
from app.logic.services import Services
from tests.conftest import ADMIN_PASSWORD

Counts = Callable[[], dict[str, int]]


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
class Team:
    """Everyone, and the customers: ``mine`` is sales1's, ``theirs`` sales2's, ``far`` the
    outsider's (another team), ``house`` the administrator's."""

    services: Services
    people: dict[str, Actor]
    customers: dict[str, Record]
    contacts: dict[str, int]

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]

    def activity(self, actor: str = "sales1", customer: str = "mine",
                 at: datetime | str = "2026-03-10 10:00", **values: Any) -> Record:
        """A new activity of ``customer`` planned by ``actor`` (a visit unless given)."""
        given = {"subject": "拜访采购部", "customer": self.customers[customer].code,
                 "scheduled_at": at, **values}
        return self.services.activities.create_activity(self[actor], given).saved

    def done(self, record: Record, actor: str = "sales1", **more: Any) -> Record:
        return self.services.activities.mark_done(self[actor], record.id, record.version,
                                                  **more).saved


@pytest.fixture
def team(services: Services, admin: Actor, make_user: Callable[..., Actor]) -> Team:
    for name, label, roles in (
            ("manager", "张敏", ("sales_manager",)), ("sales1", "王伟", ("salesperson",)),
            ("sales2", "Emma Scott", ("salesperson",)),
            ("outsider", "刘洋", ("salesperson",)), ("auditor", "孙强", ("auditor",)),
            ("service", "赵丽", ("service",))):
        make_user(name, label, roles=roles)
    by_name = {u.username: u for u in services.users.list_all_users(admin)}
    dept = services.departments.create_department(admin, "华东销售部").saved
    for name in ("manager", "sales1", "sales2"):
        services.users.update_user(admin, by_name[name].id, by_name[name].version,
                                   department_id=dept.id)
    services.departments.update_department(admin, dept.id, dept.version,
                                           manager_id=by_name["manager"].id)
    people = {name: services.auth.login(name, ADMIN_PASSWORD) for name in by_name
              if name != "admin"}
    people["admin"] = admin
    customers = {
        "mine": services.customers.create_customer(people["sales1"],
                                                   {"name": "北京星河科技有限公司"}).saved,
        "theirs": services.customers.create_customer(
            people["sales2"], {"name": "Shanghai Harbour Logistics"}).saved,
        "far": services.customers.create_customer(people["outsider"],
                                                  {"name": "成都远山商贸"}).saved,
        "house": services.customers.create_customer(admin, {"name": "广州南方贸易"}).saved}
    contacts = {}
    for key, name in (("mine", "李娜"), ("theirs", "Tom Baker")):
        added = services.contacts.add_contact(admin, customers[key].id,
                                              {"name": name, "is_primary": True})
        contacts[key] = added.ids[0]
    return Team(services, people, customers, contacts)


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}
