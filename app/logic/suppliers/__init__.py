"""Suppliers and the products they supply. The module's public API."""

from app.logic.kit.registry import LogicModule
from app.logic.suppliers.fields import LEAD_TIME_MAX, RATINGS, SUPPLIED, SUPPLIER
from app.logic.suppliers.service import SuppliedProductService, SupplierService

__all__ = ["LEAD_TIME_MAX", "MODULE", "RATINGS", "SUPPLIED", "SUPPLIER",
           "SuppliedProductService", "SupplierService"]

MODULE = LogicModule("suppliers", services={"suppliers": SupplierService,
                                            "supplied_products": SuppliedProductService},
                     entities=(SUPPLIER, SUPPLIED))
