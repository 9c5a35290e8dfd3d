"""Fixtures of the customer value screens: customers with confirmed orders over the last two
years (a large one, a middling one, a small one, one whose revenue fell, one gone quiet),
recomputed once; and the forms the screens open, closed after each test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.finance import Recomputed
from app.logic.kit.dto import Actor, Record
from app.logic.services import Services

TODAY = date.today()


def confirmed(services: Services, actor: Actor, customer: Record, amount: int,
              days_ago: int) -> Record:
    """A confirmed order of ``customer`` worth ``amount`` (net), dated ``days_ago``."""
    order = services.orders.create_order(
        actor, {"customer": customer.code,
                "order_date": (TODAY - timedelta(days=days_ago)).isoformat()},
        [{"product": "V1000", "quantity": str(amount // 1000)}]).saved
    return services.orders.confirm_order(actor, order.id, order.version).saved


@pytest.fixture
def customers(services: Services, actor: Actor) -> dict[str, Record]:
    """big 600k, mid 150k, small 20k in the last 12 months; falling 200k the 12 months
    before and 10k now (revenue down); quiet 30k 200 days ago (no contact)."""
    services.products.create(actor, {"name": "阀门 Valve", "code": "V1000",
                                     "list_price": "1000.00", "tax_rate": "0",
                                     "unit": "pcs"})
    made = {}
    for key, name in (("big", "华东重工集团"), ("mid", "Harbour Logistics"),
                      ("small", "小微五金店"), ("falling", "下滑贸易有限公司"),
                      ("quiet", "Quiet Trading")):
        made[key] = services.customers.create_customer(actor, {
            "name": name, "status": "active", "credit_limit": "100000000",
            "city": "上海", "province": "上海"}).saved
    for key, amount, days_ago in (("big", 600_000, 30), ("mid", 150_000, 60),
                                  ("small", 20_000, 10), ("falling", 200_000, 500),
                                  ("falling", 10_000, 20), ("quiet", 30_000, 200)):
        confirmed(services, actor, made[key], amount, days_ago)
    return made


@pytest.fixture
def recomputed(services: Services, actor: Actor, customers: dict[str, Record]
               ) -> Recomputed:
    return services.customer_value.recompute(actor)


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test
    without asking about unsaved changes."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
