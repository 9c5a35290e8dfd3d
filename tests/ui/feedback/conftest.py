"""Fixtures of the feedback screens: a service agent, a salesperson's customer and the
administrator's, tickets of both (one overdue), and the forms the screens open (closed after
each test)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.feedback import FeedbackForm


@pytest.fixture
def agent(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("lina", ("service",), "李娜")


@pytest.fixture
def sales1(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("sales1", ("salesperson",), "王伟")


@pytest.fixture
def customers(services: Services, actor: Actor, sales1: Actor) -> dict[str, Record]:
    mine = services.customers.create_customer(
        actor, {"name": "北京星河科技有限公司", "owner": "sales1"}).saved
    theirs = services.customers.create_customer(
        actor, {"name": "Shanghai Harbour Logistics"}).saved
    return {"sales1": mine, "admin": theirs}


def make_overdue(tmp_path: Path, number: str) -> None:
    """Put a ticket's due time in the past, as time passing would (the test database is
    the services' SQLite file)."""
    with sqlite3.connect(tmp_path / "t.db") as db:
        db.execute("UPDATE feedback SET due_at = '2026-01-05 08:00:00.000000' "
                   "WHERE number = ?", (number,))


@pytest.fixture
def tickets(services: Services, actor: Actor, agent: Actor, customers: dict[str, Record],
            tmp_path: Path) -> dict[str, Record]:
    """late: lina's, assigned and overdue; mine: lina's in progress; new: nobody's;
    closed: lina's, closed; other: sales1's customer's, new."""
    feedback = services.feedback
    made = {}
    for key, customer, values in (
            ("late", "admin", {"subject": "发票抬头错误", "type": "complaint",
                               "priority": "urgent"}),
            ("mine", "admin", {"subject": "Printer jams", "type": "fault_report"}),
            ("new", "admin", {"subject": "请求上门培训", "type": "service_request"}),
            ("closed", "admin", {"subject": "Thanks for the quick fix", "type": "praise"}),
            ("other", "sales1", {"subject": "送货延迟", "type": "complaint"})):
        made[key] = feedback.create_ticket(actor, {**values,
                                                   "customer": customers[customer].code}
                                           ).saved
    for key in ("late", "mine", "closed"):
        t = made[key]
        t = feedback.assign_ticket(actor, t.id, t.version, "lina").saved
        if key != "late":
            t = feedback.start_ticket(actor, t.id, t.version).saved
        if key == "closed":
            t = feedback.resolve_ticket(actor, t.id, t.version, "Fixed", "A worn roller").saved
            t = feedback.close_ticket(actor, t.id, t.version, 5).saved
        made[key] = t
    make_overdue(tmp_path, made["late"].number)
    return {k: feedback.get_ticket(actor, t.id) for k, t in made.items()}


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FeedbackForm) or widget.objectName() == "customerForm":
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
