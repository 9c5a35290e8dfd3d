"""Suppliers' data: the table, its repository and its list. The module's public API."""

from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule
from app.data.suppliers.models import Supplier, SupplierProduct
from app.data.suppliers.queries import SupplierQueries
from app.data.suppliers.repository import (
    SupplierProductRepository,
    SupplierRepository,
    supplier_search_key,
)

__all__ = ["DATA", "Supplier", "SupplierProduct", "SupplierProductRepository",
           "SupplierQueries", "SupplierRepository", "supplier_search_key"]

# Others refer to a supplier by its code (no record scope: suppliers have no owner).
DATA = DataModule("suppliers", refs={"supplier": RefTarget(
    Supplier, Supplier.code, Supplier.name, upper=True)})
