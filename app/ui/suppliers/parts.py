"""What suppliers add to the product form (registered as a ``Part`` in ``MODULE``): a
Suppliers tab listing who supplies the product, at what price and lead time; a supplier
opens in its form. It follows supplied products saved anywhere (the change hub)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.kit.fields import Label
from app.logic.suppliers import SUPPLIED
from app.ui.kit.context import Context
from app.ui.kit.opener import open_record
from app.ui.kit.parts import FormPart
from app.ui.suppliers.supplied import Column, SuppliedModel, fit_columns, supplied_table

SUPPLIER_COLUMNS: tuple[Column, ...] = (
    ("supplier", "key", Label("Supplier code", "供应商编号")), ("supplier", "label", None),
    ("supplier_code", "", None), ("purchase_price", "", None), ("lead_time_days", "", None))


class ProductSuppliersTab(FormPart):
    """Who supplies the product (suppliers not archived, by name); Enter or a double click
    opens the supplier."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("productSuppliersTab")
        self.model = SuppliedModel(SUPPLIER_COLUMNS, self)
        self.table = supplied_table(self.model, "productSuppliersTable")
        self.table.activated.connect(self.on_activated)
        self.hint = QLabel()
        self.hint.setObjectName("productSuppliersHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        if record is None:
            self.model.set_rows([])
            self.hint.setText(self.tr("Save the product first; its suppliers add it on "
                                      "their Products supplied tab."))
            return
        self.load(record.id)

    def load(self, product_id: int) -> None:
        service, actor = self.context.services.supplied_products, self.context.actor
        self.context.runner.run(lambda: service.suppliers_of(actor, product_id),
                                lambda found: self.on_loaded(product_id, found),
                                self.on_failed, context=self)

    def on_loaded(self, product_id: int, rows: list[Record]) -> None:
        if product_id != self.parent_id:
            return
        self.model.set_rows(rows)
        fit_columns(self.table)
        if rows:
            self.table.selectRow(0)
        self.hint.setText(self.tr("Suppliers: %1").replace("%1", str(len(rows))) if rows
                          else self.tr("No supplier supplies this product yet."))

    def on_failed(self, _error: Exception) -> None:
        """The form itself reports a product that is gone."""

    def on_activated(self, *_args: Any) -> QDialog | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        supplier = self.model.row_at(rows[0].row()).supplier
        return open_record(self.context, "supplier", supplier.id, self)

    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and changed.entity in (SUPPLIED.name, "supplier") and \
                (changed.entity == "supplier" or changed.touches("product", self.parent_id)):
            self.load(self.parent_id)
