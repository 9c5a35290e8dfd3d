"""Add, edit or read one contact person of a customer or a supplier: the kit's record form
for a contact.

A contact of a customer (or supplier) not saved yet is kept here (checked, not written) and
saved with it, in one transaction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.logic.contacts import CONTACT, parent_kind
from app.logic.kit.dto import Changed
from app.logic.kit.errors import ValidationError
from app.ui.kit.context import Context
from app.ui.kit.record_form import RecordForm


class ContactDialog(RecordForm):
    """A contact of ``kind`` ("customer" or "supplier") ``parent_id``; ``parent_id`` None:
    a new customer's (or supplier's) contact, kept in ``local_values``."""

    def __init__(self, context: Context, parent_id: int | None,
                 contact_id: int | None = None, local: dict[str, Any] | None = None,
                 parent: QWidget | None = None, *, kind: str = "customer") -> None:
        self.parent_id = parent_id  # before the form loads: may_save reads it
        self.kind = parent_kind(kind)
        super().__init__(context, "contacts", CONTACT, contact_id, parent,
                         initial={"is_primary": False, **(local or {})})
        self.setObjectName("contactDialog")
        self.local_values: dict[str, Any] | None = None

    def may_save(self) -> bool:
        if self.parent_id is None:  # kept until the customer or supplier is saved
            return self.context.can(self.kind.module, "create") and \
                self.context.can("contacts", "create")
        if not self.kind.owned and not self.context.can(self.kind.module, "edit"):
            return False  # a supplier's contacts are changed by who may edit suppliers
        return super().may_save()

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.add_contact(actor, self.parent_id, values,
                                               self.kind.field)
        return changed

    def on_save(self) -> None:
        if self.parent_id is not None:
            super().on_save()
            return
        values = self.fields.values()
        try:
            CONTACT.normalise(values, creating=True)
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
