"""The customers' own sections of the customer form's Overview: the key facts and the
primary contact (other modules add theirs: open projects, tickets, orders...)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.contacts import CONTACT
from app.logic.customers import CUSTOMER
from app.logic.kit.dto import Changed, Record
from app.ui.kit.context import Context
from app.ui.kit.parts import OverviewSection

KEY_FACTS = ("code", "status", "tier", "owner", "industry", "city", "country", "phone",
             "credit_rating", "credit_limit", "payment_terms_days")
CONTACT_FACTS = ("name", "position", "phone", "mobile", "email")


class KeyFacts(OverviewSection):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerKeyFacts")

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        self.show_fields(CUSTOMER, record, KEY_FACTS)


class PrimaryContact(OverviewSection):
    """The customer's primary contact; follows contacts added, changed or removed."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerPrimaryContact")
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        self.show_contacts(record.children.get("contacts", ()) if record else ())

    def show_contacts(self, contacts: tuple[Record, ...] | list[Record]) -> None:
        primary = next((c for c in contacts if c.get("is_primary")), None)
        if primary is None:
            self.show_text([self.tr("No contact yet")] if self.parent_record else [])
            return
        self.show_fields(CONTACT, primary, CONTACT_FACTS)

    def on_changed(self, changed: Changed) -> None:
        customer_id = self.parent_id
        if customer_id is None or changed.entity != "contact" or \
                not changed.touches("customer", customer_id) or \
                not self.context.can("contacts", "view"):
            return
        service, actor = self.context.services.contacts, self.context.actor
        self.context.runner.run(lambda: service.list_contacts(actor, customer_id),
                                lambda found: self.on_reloaded(customer_id, found),
                                self.on_failed, context=self)

    def on_reloaded(self, customer_id: int, contacts: list[Record]) -> None:
        if customer_id == self.parent_id:
            self.show_contacts(contacts)

    def on_failed(self, _error: Exception) -> Any:
        return None  # the form itself reports a customer that is gone
