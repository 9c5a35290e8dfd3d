"""Fixtures of the projects screens: a customer of sales1 with projects, and the project
forms the screens open (closed after each test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.projects import ProjectForm


@pytest.fixture
def sales1(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("sales1", ("salesperson",), "王伟")


@pytest.fixture
def customers(services: Services, actor: Actor, sales1: Actor) -> dict[str, Record]:
    """sales1's 北京星河科技 (C000001) and the administrator's Shanghai Harbour (C000002)."""
    mine = services.customers.create_customer(
        actor, {"name": "北京星河科技有限公司", "owner": "sales1"}).saved
    theirs = services.customers.create_customer(
        actor, {"name": "Shanghai Harbour Logistics"}).saved
    return {"sales1": mine, "admin": theirs}


@pytest.fixture
def projects(services: Services, actor: Actor, customers: dict[str, Record]
             ) -> dict[str, Record]:
    made = {}
    for key, customer, values in (
            ("erp", "sales1", {"name": "ERP 实施", "stage": "in_progress",
                               "budget": "1280000", "start_date": "2026-03-01",
                               "end_date": "2026-12-31", "owner": "sales1"}),
            ("crm", "sales1", {"name": "CRM 升级", "stage": "proposal",
                               "start_date": "2026-06-15"}),
            ("done", "sales1", {"name": "仓储改造", "stage": "completed",
                                "start_date": "2025-09-01"}),
            ("port", "admin", {"name": "Port scheduling", "stage": "lead",
                               "start_date": "2026-01-10"})):
        made[key] = services.projects.create_project(
            actor, {**values, "customer": customers[customer].code}).saved
    return made


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProjectForm) or widget.objectName() == "customerForm":
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
