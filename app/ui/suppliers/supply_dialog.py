"""One product a supplier supplies: the product found by its code or name as the user types
(and fixed once saved: remove the line and add the other product), the supplier's own code
for it, the purchase price and the lead time, each checked beside its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QWidget

from app.logic.kit.dto import Changed, ListQuery, Record
from app.logic.suppliers import SUPPLIED
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.type_search import search_as_typed

PRODUCTS_OFFERED = 200  # products in the list before the user types; a search finds more


def product_text(code: str, name: str) -> str:
    return f"{code}  {name}"


class SupplyDialog(RecordForm):
    """One product of supplier ``supplier_id`` (``supplied_id`` None: a new one). The
    product is found by its code or name as the user types; once saved it stays (remove
    the line and add the other product)."""

    def __init__(self, context: Context, supplier_id: int, supplied_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        self.supplier_id = supplier_id
        super().__init__(context, "supplied_products", SUPPLIED, supplied_id, parent)
        self.setObjectName("supplyDialog")

    def _build(self) -> None:
        super()._build()
        self.history_button.hide()  # the supplier's History shows these lines' changes
        self._product_search()

    # --- the product, found as the user types -----------------------------------------------
    @property
    def product_combo(self) -> QComboBox:
        combo: QComboBox = self.fields.editor("product")
        return combo

    def _product_search(self) -> None:
        combo = self.product_combo
        self._search_timer = search_as_typed(
            combo, self.tr("Type a product's code or name"), self.search_products, self)

    def search_products(self) -> None:
        """Products whose code, name or pinyin hold what was typed become choices too."""
        text = self.product_combo.currentText().strip()
        if not text or not self.context.can("products", "view"):
            return
        service, actor = self.context.services.products, self.context.actor
        query = ListQuery(search=text, filters=(("active", True),))
        self.context.runner.run(lambda: service.list_page(actor, query, limit=50).rows,
                                self.on_products_found, self.on_products_failed,
                                context=self)

    def on_products_found(self, rows: Any) -> None:
        for row in rows:
            self.fields.add_choice("product", product_text(row.code, row.name), row.id)

    def on_products_failed(self, _error: Exception) -> None:
        """A search the list refuses (too long): the choices stay as they were."""

    def choices_task(self) -> Any:
        products, actor = self.context.services.products, self.context.actor
        can_list = actor.can("products", "view")

        def choices() -> Choices:
            if not can_list:
                return {}
            rows = products.list_page(actor, ListQuery(filters=(("active", True),),
                                                       sort="code"),
                                      limit=PRODUCTS_OFFERED).rows
            return {"product": [(product_text(r.code, r.name), r.id) for r in rows]}

        return choices

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None:
            self.product_combo.setCurrentIndex(-1)  # chosen, never assumed
            self.fields.mark_clean()
        else:
            product = record.product
            self.product_combo.setItemText(self.product_combo.currentIndex(),
                                           product_text(product.key, product.label))
        self.product_combo.setEnabled(record is None and not self.fields.read_only)

    def _show_heading(self) -> None:
        super()._show_heading()
        if self.record is not None:
            product = self.record.product
            text = product_text(product.key, product.label)
            self.setWindowTitle(f"{self.entity.label.text(self._language)} {text}[*]")
            self.title.setText(text)

    def may_save(self) -> bool:
        return self.context.can("suppliers", "edit")

    def create_values(self) -> dict[str, Any]:
        """A product typed (a code or a name) but not picked from the list is sent as
        typed: the service finds it by its code or says there is no such product."""
        values = super().create_values()
        combo = self.product_combo
        typed = combo.currentText().strip()
        if typed and (combo.currentIndex() < 0 or combo.itemText(combo.currentIndex())
                      != combo.currentText()):
            values["product"] = typed
        return values

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.supply(actor, self.supplier_id, values)
        return changed

    def on_saved(self, changed: Changed) -> None:
        super().on_saved(changed)
        self.fields.mark_clean()
        self.accept()

    def default_size(self) -> QSize:
        return QSize(480, 340)
