"""Products' screens: the list and the product form. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.registry import UiModule
from app.ui.products.form import ProductForm
from app.ui.products.list_view import ProductListView

__all__ = ["MODULE", "ProductForm", "ProductListView"]


def product_form(context: Context, product_id: int | None, parent: QWidget | None,
                 values: Mapping[str, Any]) -> ProductForm:
    return ProductForm(context, product_id, parent, initial=dict(values))


# The list has a search box of its own: the window's search box serves the first
# searchable module (customers).
MODULE = UiModule(
    "products", Label("Products", "产品"), ("products", "view"), ProductListView,
    creates=Label("New &product", "新建产品(&P)"), forms={"product": product_form})
