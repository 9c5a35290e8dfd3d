"""Add, edit or read one contact person: the kit's record form for a contact.

A contact of a customer not saved yet is kept here (checked, not written) and saved with
the customer, in one transaction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.logic.contacts import CONTACT
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ValidationError
from app.ui.kit.context import Context
from app.ui.kit.record_form import RecordForm


class ContactDialog(RecordForm):
    """``customer_id`` None: a new customer's contact, kept in ``local_values``."""

    def __init__(self, context: Context, customer_id: int | None,
                 contact_id: int | None = None, local: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        self.customer_id = customer_id  # before the form loads: may_save reads it
        super().__init__(context, "contacts", CONTACT, contact_id, parent,
                         initial={"is_primary": False, **(local or {})})
        self.setObjectName("contactDialog")
        self.local_values: dict[str, Any] | None = None

    def may_save(self) -> bool:
        if self.customer_id is None:  # kept until the customer is saved
            return self.context.can("customers", "create") and \
                self.context.can("contacts", "create")
        return super().may_save()

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.add_contact(actor, self.customer_id, values)
        return changed

    def on_save(self) -> None:
        if self.customer_id is not None:
            super().on_save()
            return
        values = self.fields.values()
        try:
            CONTACT.normalise({**values, "customer": 0}, creating=True)
        except ValidationError as error:
            self.show_validation(error)
            return
        self.local_values = values
        self.fields.mark_clean()
        self.accept()

    def on_saved(self, changed: Changed) -> None:
        super().on_saved(changed)
        self.fields.mark_clean()
        self.accept()

    def default_size(self) -> QSize:
        return QSize(460, 520)
