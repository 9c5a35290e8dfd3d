"""Fixtures of the suppliers' screens: suppliers at home and abroad, products, what they
supply, and the forms the screens open (closed after each test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services


@pytest.fixture
def products(services: Services, actor: Actor) -> dict[str, Record]:
    return {code: services.products.create(actor, {"name": name, "code": code}).saved
            for code, name in (("CHAI", "Chai 奶茶"), ("007", "精密轴承 6204"),
                               ("BOX", "包装纸箱"))}


@pytest.fixture
def suppliers(services: Services, actor: Actor, products: dict[str, Record]
              ) -> dict[str, Record]:
    """Exotic Liquids (UK, A, with two contacts, supplying CHAI and 007), 宁波精密轴承
    (中国, B, 007) and Tokyo Traders (Japan, no rating)."""
    exotic = services.suppliers.create_supplier(actor, {
        "name": "Exotic Liquids", "country": "UK", "city": "London", "rating": "A",
        "category": "Beverages", "phone": "(171) 555-2222"}, contacts=[
        {"name": "Charlotte Cooper", "position": "Purchasing Manager"},
        {"name": "Regina Murphy"}]).saved
    ningbo = services.suppliers.create_supplier(actor, {
        "name": "宁波精密轴承", "province": "浙江", "city": "宁波", "rating": "B",
        "category": "轴承"}).saved
    tokyo = services.suppliers.create_supplier(actor, {
        "name": "Tokyo Traders", "country": "Japan", "category": "Beverages"}).saved
    supply = services.supplied_products.supply
    supply(actor, exotic.id, {"product": "CHAI", "purchase_price": "18", "lead_time_days": 14,
                              "supplier_code": "EX-CHAI"})
    supply(actor, exotic.id, {"product": "007", "purchase_price": "9.50", "lead_time_days": 30})
    supply(actor, ningbo.id, {"product": "007", "purchase_price": "8.60", "lead_time_days": 7})
    return {"exotic": services.suppliers.get(actor, exotic.id),
            "ningbo": services.suppliers.get(actor, ningbo.id), "tokyo": tokyo}


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.objectName() in (
                "supplierForm", "productForm", "supplyDialog", "contactDialog"):
            fields = getattr(widget, "fields", None)
            if fields is not None:
                fields.mark_clean()
            widget.close()
            widget.deleteLater()
