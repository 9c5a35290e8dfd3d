"""Fixtures of the activities screens: sales1 and sales2 in the manager's team, their
customers, activities around today (one overdue, two today, one in the coming week, one done)
and a month's visits; the forms the screens open are closed after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.activities import ActivityForm


def at(day: date, hour: int) -> str:
    """A local time as a person types it."""
    return datetime.combine(day, time(hour)).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def sales1(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("sales1", ("salesperson",), "王伟")


@pytest.fixture
def customer(services: Services, actor: Actor, sales1: Actor) -> Record:
    return services.customers.create_customer(
        actor, {"name": "北京星河科技有限公司", "owner": "sales1"}).saved


@pytest.fixture
def day_of_sales1(services: Services, sales1: Actor, customer: Record) -> dict[str, Record]:
    today = date.today()
    made = {}
    for key, kind, subject, day, hour in (
            ("overdue", "call", "付款提醒", today - timedelta(days=2), 10),
            ("today", "visit", "季度回访", today, 23),
            ("early", "visit", "Site visit", today, 0),
            ("week", "visit", "新品介绍", today + timedelta(days=3), 9),
            ("later", "task", "年度计划", today + timedelta(days=20), 9)):
        made[key] = services.activities.create_activity(sales1, {
            "kind": kind, "customer": customer.code, "subject": subject,
            "scheduled_at": at(day, hour)}).saved
    return made


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ActivityForm) or widget.objectName() == "customerForm":
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
