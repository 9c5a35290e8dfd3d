"""Customers. The module's public API."""

from app.logic.customers.fields import (
    CHURN_REASONS,
    CREDIT_FIELDS,
    CREDIT_RATINGS,
    CREDIT_RIGHT,
    CUSTOMER,
    KINDS,
    LIFECYCLES,
    OWNERSHIPS,
    SIZE_BANDS,
    STATUSES,
    TIERS,
)
from app.logic.customers.scope import require_customer
from app.logic.customers.service import CustomerService, row_of
from app.logic.kit.registry import LogicModule

__all__ = [
    "CHURN_REASONS",
    "CREDIT_FIELDS",
    "CREDIT_RATINGS",
    "CREDIT_RIGHT",
    "CUSTOMER",
    "KINDS",
    "LIFECYCLES",
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
