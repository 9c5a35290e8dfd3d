"""Create, read or edit one customer: the kit's record form with the contacts tab and the
owners the signed-in user may choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.logic.customers import CUSTOMER
from app.logic.finance import CREDIT, CREDIT_FIELDS
from app.logic.kit.dto import Changed, Record
from app.ui.contacts import ContactsTab
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm


class CustomerForm(RecordForm):
    def __init__(self, context: Context, customer_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "customers", CUSTOMER, customer_id, parent, initial)
        self.setObjectName("customerForm")

    @property
    def customer_id(self) -> int | None:
        return self.record_id

    def extra_tabs(self) -> list[tuple[QWidget, str]]:
        self.contacts = ContactsTab(self.context)
        return [(self.contacts, self.tr("C&ontacts"))]

    def choices_task(self) -> Any:
        customers, actor = self.context.services.customers, self.context.actor
        unowned = actor.scope("customers") == "all"

        def owners() -> Choices:
            items: list[tuple[str, Any]] = [(self.tr("(nobody)"), None)] if unowned else []
            items += [(f"{r.label} ({r.key})" if r.label != r.key else r.key, r.id)
                      for r in customers.owner_choices(actor)]
            return {"owner": items}

        return owners

    def new_values(self) -> dict[str, Any]:
        values = super().new_values()
        owner = self.fields.editor("owner")
        mine = owner.findData(self.context.actor.user_id)
        values["owner"] = self.context.actor.user_id if mine >= 0 else None
        return values

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        # The credit terms: only with the right finance.credit (the service checks again).
        if not self.context.can("finance", CREDIT):
            for name in CREDIT_FIELDS:
                if name in self.fields.names():
                    self.fields.editor(name).setEnabled(False)
                    self.fields.editor(name).setToolTip(self.tr(
                        "Only a user with the right to change credit terms (Finance) may "
                        "change this."))
        contacts = record.children.get("contacts", ()) if record is not None else ()
        self.contacts.set_contacts(record.id if record is not None else None, contacts)

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.create_customer(actor, values, allow,
                                                   contacts=self.contacts.pending)
        return changed

    def default_size(self) -> QSize:
        return QSize(940, 660)
