"""Suppliers' screens: the list, the supplier form (its contacts and the products it
supplies), and the product form's Suppliers tab, contributed as a Part. The module's public
API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule
from app.ui.suppliers.form import SupplierForm
from app.ui.suppliers.list_view import SupplierListView
from app.ui.suppliers.parts import ProductSuppliersTab
from app.ui.suppliers.supplied import SuppliedProductsTab
from app.ui.suppliers.supply_dialog import SupplyDialog

__all__ = ["MODULE", "ProductSuppliersTab", "SuppliedProductsTab", "SupplierForm",
           "SupplierListView", "SupplyDialog"]


def supplier_form(context: Context, supplier_id: int | None, parent: QWidget | None,
                  values: Mapping[str, Any]) -> SupplierForm:
    return SupplierForm(context, supplier_id, parent, initial=dict(values))


VIEW = ("suppliers", "view")

# The list has a search box of its own: the window's search box serves the first
# searchable module (customers).
MODULE = UiModule(
    "suppliers", Label("Suppliers", "供应商"), VIEW, SupplierListView,
    creates=Label("New &supplier", "新建供应商(&S)"), forms={"supplier": supplier_form},
    parts=(Part("product", Label("Suppliers", "供应商"), ProductSuppliersTab, place="tab",
                right=VIEW),))
