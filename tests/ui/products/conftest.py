"""Fixtures of the products screens: a small catalogue, a salesperson, the translation, and
the product forms the screens open (closed after each test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, Record
from app.logic.services import Services
from app.ui.products import ProductForm

CATALOGUE = (
    ("screws", {"name": "不锈钢螺丝 M8×20", "category": "五金", "unit": "box",
                "list_price": "36", "cost": "21.5"}),
    ("service", {"name": "安装调试服务", "category": "服务", "unit": "hour",
                 "list_price": "280", "cost": "150", "tax_rate": "0.06"}),
    ("wire", {"name": "Copper wire 2.5mm²", "category": "五金", "unit": "m",
              "list_price": "4.2", "cost": "3.1"}),
    ("printer", {"name": "旧款打印机 LP-1", "category": "办公设备", "unit": "unit",
                 "list_price": "899", "cost": "620", "active": False}),
    ("part", {"name": "零件 007", "code": "007", "category": "五金", "list_price": "12.30"}),
)


@pytest.fixture
def products(services: Services, actor: Actor) -> dict[str, Record]:
    return {key: services.products.create_product(actor, values).saved
            for key, values in CATALOGUE}


@pytest.fixture
def seller(make_actor: Callable[..., Actor]) -> Actor:
    return make_actor("sales1", ("salesperson",), "王伟")


@pytest.fixture(autouse=True)
def close_forms(qapp) -> Iterator[None]:
    """Forms opened through the opener are top-level windows: closed after each test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ProductForm):
            widget.fields.mark_clean()
            widget.close()
            widget.deleteLater()
