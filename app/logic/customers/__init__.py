"""Customers. The module's public API."""

from app.logic.customers.fields import (
    CREDIT_RATINGS,
    CUSTOMER,
    KINDS,
    OWNERSHIPS,
    SIZE_BANDS,
    STATUSES,
    TIERS,
)
from app.logic.customers.scope import require_customer
from app.logic.customers.service import CustomerService, row_of
from app.logic.kit.registry import LogicModule

__all__ = [
    "CREDIT_RATINGS",
    "CUSTOMER",
    "KINDS",
    "MODULE",
    "OWNERSHIPS",
    "SIZE_BANDS",
    "STATUSES",
    "TIERS",
    "CustomerService",
    "require_customer",
    "row_of",
]

MODULE = LogicModule("customers", services={"customers": CustomerService},
                     entities=(CUSTOMER,))
