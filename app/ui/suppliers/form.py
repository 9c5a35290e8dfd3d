"""Create, read or edit one supplier: the kit's record form with the contacts tab (the same
component customers have) and the products it supplies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.suppliers import SUPPLIER
from app.ui.contacts import ContactsTab
from app.ui.kit.context import Context
from app.ui.kit.record_form import RecordForm
from app.ui.suppliers.supplied import SuppliedProductsTab


class SupplierForm(RecordForm):
    def __init__(self, context: Context, supplier_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "suppliers", SUPPLIER, supplier_id, parent, initial)
        self.setObjectName("supplierForm")

    @property
    def supplier_id(self) -> int | None:
        return self.record_id

    def extra_tabs(self) -> list[tuple[QWidget, str]]:
        self.contacts = ContactsTab(self.context, kind="supplier")
        self.supplied = SuppliedProductsTab(self.context)
        return [(self.contacts, self.tr("C&ontacts")),
                (self.supplied, self.tr("&Products supplied"))]

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        contacts = record.children.get("contacts", ()) if record is not None else ()
        self.contacts.set_contacts(record.id if record is not None else None, contacts)
        self.supplied.set_supplier(record)

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.create_supplier(actor, values, allow,
                                                   contacts=self.contacts.pending)
        return changed

    def default_size(self) -> QSize:
        return QSize(940, 660)
