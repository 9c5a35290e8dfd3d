"""Fixtures of the finance logic tests: the sales shop (people, customers, products; see
tests/logic/sales/conftest.py) with a finance clerk, and helpers that invoice an order and
receive a payment the way finance would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from app.logic.kit.dto import Actor, Record
from tests.conftest import ADMIN_PASSWORD
from tests.logic.sales.conftest import Shop, shop  # noqa: F401  # the shop fixture, shared

__all__ = ["Books", "books"]


@dataclass
class Books:
    shop: Shop
    finance: Actor

    @property
    def services(self) -> Any:
        return self.shop.services

    def invoice(self, gross_lines: int = 3, customer: str = "house", issue: bool = True,
                **values: Any) -> Record:
        """Confirm an order of ``gross_lines`` x G0100 (1.00, no tax) for ``customer`` and
        invoice it whole (issued unless ``issue`` is false)."""
        order = self.shop.confirmed(customer=customer, lines=(
            {"product": "G0100", "quantity": str(gross_lines)},))
        return self.services.invoices.invoice_order(self.finance, order.id, issue,
                                                    values).saved

    def pay(self, amount: str, customer: str = "house", by_hand: dict[str, str] | None = None,
            day: date | None = None, **values: Any) -> Record:
        given = {"customer": self.shop.customers[customer].code, "amount": amount, **values}
        if day is not None:
            given["payment_date"] = day.isoformat()
        return self.services.payments.receive(self.finance, given, by_hand).saved

    def reload(self, record: Record) -> Record:
        service = self.services.invoices if record.entity == "invoice" \
            else self.services.payments
        return service.get(self.finance, record.id)


@pytest.fixture
def books(shop: Shop, make_user: Callable[..., Actor]) -> Books:  # noqa: F811  # uses the shared fixture
    make_user("finance", "刘芳", roles=("finance",))
    finance = shop.services.auth.login("finance", ADMIN_PASSWORD)
    shop.people["finance"] = finance
    return Books(shop, finance)
