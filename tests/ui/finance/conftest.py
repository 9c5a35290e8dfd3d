"""Fixtures of the finance screens: two customers (one with 30 days' terms), a product at
100.00 with 13% tax, a confirmed order, and invoices: an old one issued (overdue), a newer
one issued, a draft; the forms the screens open are closed after each test, clean."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services


@pytest.fixture
def customers(services: Services, actor: Actor) -> dict[str, Record]:
    c = services.customers
    return {"acme": c.create_customer(actor, {
                "name": "北京星河科技有限公司", "credit_limit": "1000000",
                "payment_terms_days": "30"}).saved,
            "other": c.create_customer(actor, {"name": "Harbour Logistics",
                                               "credit_limit": "1000000"}).saved}


@pytest.fixture
def invoices(services: Services, actor: Actor, customers: dict[str, Record]
             ) -> dict[str, Record]:
    """acme: "old" issued 2025-01-10 (1,130.00, due 2025-02-09: overdue), "new" issued
    2025-03-01 (2,260.00, due 2025-03-31); "draft" (565.00); other: "theirs" issued
    (339.00)."""
    i = services.invoices
    made = {}
    for key, customer, net, tax, day, issue in (
            ("old", "acme", "1000", "130", "2025-01-10", True),
            ("new", "acme", "2000", "260", "2025-03-01", True),
            ("draft", "acme", "500", "65", "2025-03-05", False),
            ("theirs", "other", "300", "39", "2025-02-01", True)):
        record = i.create_invoice(actor, {"customer": customers[customer].id, "net": net,
                                          "tax": tax, "issue_date": day}).saved
        if issue:
            record = i.issue_invoice(actor, record.id, record.version).saved
        made[key] = record
    return made


@pytest.fixture
def order(services: Services, actor: Actor, customers: dict[str, Record]) -> Record:
    """A confirmed order of acme: 2 x 100.00 at 13% tax (226.00)."""
    product = services.products.create(actor, {"name": "压力表 Gauge", "code": "G100",
                                               "list_price": "100", "tax_rate": "0.13",
                                               "unit": "pcs"}).saved
    made = services.orders.create_order(actor, {"customer": customers["acme"].id},
                                        [{"product": product.id, "quantity": "2"}]).saved
    return services.orders.confirm_order(actor, made.id, made.version, None).saved


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test,
    marked clean first (a dirty form would ask, and wait)."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            clean = getattr(widget, "mark_clean", None)
            if callable(clean):
                clean()
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
