"""The products page: the kit's list with its own search box (code, name, pinyin) and its
filters (category, unit, active); a product opens in its form (app/ui/kit/opener.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.products import PRODUCT
from app.ui.kit.context import Context
from app.ui.kit.list_view import RecordListView
from app.ui.kit.opener import open_record


def categories(context: Context) -> list[tuple[str, Any]]:
    return [(c, c) for c in context.services.products.list_categories(context.actor)]


class ProductListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "products", PRODUCT,
                         filters=("category", "unit", "active"),
                         loaders={"category": categories},
                         reload_on={"product": ("category",)},
                         search_box=True, parent=parent)
        self.sig_open.connect(self.open_product)

    def new_record(self) -> QDialog | None:
        if not self.context.can("products", "create"):
            return None
        return open_record(self.context, "product", None, self)

    def open_product(self, product_id: int) -> QDialog | None:
        return open_record(self.context, "product", product_id, self)
