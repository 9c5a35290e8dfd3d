"""Fixtures of the sales screens: a salesperson and a manager of one team, customers of
the salesperson (one with a credit limit of 101.68), a product at 33.33 with 13% tax, a few
opportunities across the stages, and the forms the screens open (closed after each test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services

from ..conftest import PASSWORD


@pytest.fixture
def team(services: Services, actor: Actor, make_actor: Callable[..., Actor]
         ) -> dict[str, Actor]:
    """sales1 and the manager in one department (the manager's team); sales2 outside it."""
    made = {"sales1": make_actor("sales1", ("salesperson",), "王伟"),
            "sales2": make_actor("sales2", ("salesperson",), "李娜"),
            "manager": make_actor("boss", ("sales_manager",), "经理")}
    by_name = {u.username: u for u in services.users.list_all_users(actor)}
    dept = services.departments.create_department(actor, "华东销售部").saved
    for name in ("sales1", "boss"):
        services.users.update_user(actor, by_name[name].id, by_name[name].version,
                                   department_id=dept.id)
    services.departments.update_department(actor, dept.id, dept.version,
                                           manager_id=by_name["boss"].id)
    # signed in again: the team is read at sign-in
    return {key: services.auth.login(a.username, PASSWORD + "-x") for key, a in made.items()}


@pytest.fixture
def customers(services: Services, actor: Actor, team: dict[str, Actor]) -> dict[str, Record]:
    c = services.customers
    return {"probe": c.create_customer(actor, {
                "name": "信用测试有限公司", "owner": "sales1", "credit_limit": "101.68",
                "payment_terms_days": "30"}).saved,
            "big": c.create_customer(actor, {
                "name": "Atlas Stone Software", "owner": "sales1",
                "credit_limit": "1000000"}).saved,
            "other": c.create_customer(actor, {"name": "Harbour Logistics",
                                               "owner": "sales2"}).saved}


@pytest.fixture
def product(services: Services, actor: Actor) -> Record:
    return services.products.create(actor, {"name": "压力表 Gauge", "code": "G3333",
                                            "list_price": "33.33", "tax_rate": "0.13",
                                            "unit": "pcs"}).saved


@pytest.fixture
def opportunities(services: Services, team: dict[str, Actor],
                  customers: dict[str, Record]) -> dict[str, Record]:
    """sales1's at qualification (1000), proposal (2000) and negotiation (4000); sales2's at
    qualification (8000)."""
    o = services.opportunities
    made = {}
    for key, who, customer, amount, stage in (
            ("q", "sales1", "big", "1000", None), ("p", "sales1", "big", "2000", "proposal"),
            ("n", "sales1", "probe", "4000", "negotiation"),
            ("other", "sales2", "other", "8000", None)):
        actor = team[who]
        record = o.create_opportunity(actor, {"name": f"Deal {key}", "amount": amount,
                                              "customer": customers[customer].code}).saved
        if stage:
            record = o.move_to(actor, record.id, record.version, stage).saved
        made[key] = record
    return made


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            if hasattr(widget, "_lines_dirty"):
                widget._lines_dirty = False
            widget.close()
            widget.deleteLater()
