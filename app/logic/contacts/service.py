"""Contacts of a customer: add, change, remove, set primary, on the kit's write path.

A contact belongs to its customer's record scope; a change stores the customer's search key
again (contacts' names and phones find the customer) without changing the customer's
version, and one contact per customer is the primary one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.data.contacts import ContactQueries, ContactRepository
from app.data.customers import CustomerRepository
from app.data.kit.uow import UnitOfWork
from app.logic.contacts.fields import CONTACT
from app.logic.kit.dto import Actor, Changed, Record
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.permissions import require, require_in_scope
from app.logic.kit.service import RecordService


class ContactService(RecordService):
    entity = CONTACT
    repository = ContactRepository
    queries = ContactQueries

    def list_contacts(self, actor: Actor, customer_id: int) -> list[Record]:
        require(actor, "contacts", "view")
        with self._open(actor, write=False) as uow:
            customer = uow.get(CustomerRepository).get(customer_id)
            if customer is None:
                raise NotFound("customer", customer_id)
            require_in_scope(actor, "customers", customer.owner_id, "customer", customer_id)
            return self.records_of(uow, uow.get(ContactRepository).of_customer(customer_id))

    def add_contact(self, actor: Actor, customer_id: int, values: Mapping[str, Any]
                    ) -> Changed:
        return self.create(actor, {**values, "customer": customer_id})

    def update_contact(self, actor: Actor, contact_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, contact_id, expected_version, changes)

    def remove_contact(self, actor: Actor, contact_id: int, expected_version: int) -> Changed:
        return self.delete(actor, contact_id, expected_version)

    def set_primary_contact(self, actor: Actor, contact_id: int, expected_version: int
                            ) -> Changed:
        return self.update(actor, contact_id, expected_version, {"is_primary": True})

    # --- hooks ------------------------------------------------------------------------
    def scope_owner(self, uow: UnitOfWork, record: Any) -> int | None:
        customer = uow.get(CustomerRepository).get(record.customer_id)
        return None if customer is None else customer.owner_id

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is None:
            customer = uow.get(CustomerRepository).get(values["customer"])
            if customer is None:
                raise NotFound("customer", values["customer"])
            require_in_scope(actor, "customers", customer.owner_id, "customer",
                             values["customer"])
        elif "customer" in values and values["customer"] != record.customer_id:
            raise ValidationError({"customer": FieldError(
                "read_only", "a contact cannot move to another customer")})

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        others = [c for c in uow.get(ContactRepository).of_customer(record.customer_id)
                  if c is not record]
        if action == "create" and not others:
            record.is_primary = True
        elif action == "delete":
            if record.is_primary and others and not any(c.is_primary for c in others):
                others[0].is_primary = True
            return
        if record.is_primary:
            for other in others:
                if other.is_primary:
                    other.is_primary = False

    def after_write(self, uow: UnitOfWork, record: Any, action: str,
                    values: Mapping[str, Any]) -> None:
        customers = uow.get(CustomerRepository)
        customer = customers.get(record.customer_id)
        if customer is not None:
            customers.store_search_key(customer)

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        return (("customer", record.customer_id),)
