"""The suppliers page: the kit's list with its own search box and its filters (category,
rating, country); a supplier opens in its form (app/ui/kit/opener.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.suppliers import SUPPLIER
from app.ui.kit.context import Context
from app.ui.kit.list_view import RecordListView
from app.ui.kit.opener import open_record


def categories(context: Context) -> list[tuple[str, Any]]:
    return [(c, c) for c in context.services.suppliers.list_categories(context.actor)]


def countries(context: Context) -> list[tuple[str, Any]]:
    return [(c, c) for c in context.services.suppliers.list_countries(context.actor)]


class SupplierListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "suppliers", SUPPLIER,
                         filters=("category", "rating", "country"),
                         loaders={"category": categories, "country": countries},
                         reload_on={"supplier": ("category", "country")},
                         search_box=True, parent=parent)
        self.sig_open.connect(self.open_supplier)
        # A rating reads "B (good)": wider than a choice's usual column; so is the
        # country's filter word.
        self.table.horizontalHeader().resizeSection(self.model.column_of("rating"), 120)
        self.filter_combos["country"].setMinimumContentsLength(14)

    def new_record(self) -> QDialog | None:
        if not self.context.can("suppliers", "create"):
            return None
        return open_record(self.context, "supplier", None, self)

    def open_supplier(self, supplier_id: int) -> QDialog | None:
        return open_record(self.context, "supplier", supplier_id, self)
