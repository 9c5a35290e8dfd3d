"""Contact use cases: add, update, remove, set primary. Contacts hang under a customer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.data.models import Contact
from app.data.uow import StaleRecord, UnitOfWork
from app.logic import conversions
from app.logic.auditing import created, diff
from app.logic.base import Service
from app.logic.dto import Actor, Changed, ContactDetail
from app.logic.errors import FieldError, NotFound, ValidationError
from app.logic.permissions import require, require_in_scope
from app.logic.validation import EMAIL, PHONE, Checker

GENDERS = ("male", "female")
CONTACT_FIELDS = conversions.CONTACT_FIELDS


def normalise_contact(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError({f: FieldError("unknown_field", "is not a contact field")
                               for f in sorted(unknown)})
    c = Checker()
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "name":
            out[name] = c.text(name, value, 100, required=True)
        elif name in ("position", "department", "im_handle"):
            out[name] = c.text(name, value, 100)
        elif name in ("phone", "mobile"):
            out[name] = c.pattern(name, value, PHONE, "invalid_phone", "is not a phone number", 40)
        elif name == "email":
            out[name] = c.pattern(name, value, EMAIL, "invalid_email",
                                  "is not an e-mail address", 254)
        elif name == "gender":
            out[name] = c.choice(name, value, GENDERS, allow_empty=True)
        elif name == "birthday":
            out[name] = c.optional_date(name, value)
        elif name == "is_primary":
            out[name] = c.boolean(name, value)
        elif name == "notes":
            out[name] = c.text(name, value, 5000, multiline=True)
    if c.errors:
        raise ValidationError(c.errors)
    return out


class ContactService(Service):
    def list_contacts(self, actor: Actor, customer_id: int) -> list[ContactDetail]:
        require(actor, "contacts", "view")
        with self._open(actor, write=False) as uow:
            customer = uow.customers.get(customer_id)
            if customer is None:
                raise NotFound("customer", customer_id)
            require_in_scope(actor, "customers", customer.owner_id, "view")
            return [conversions.contact_detail(c) for c in customer.contacts]

    def add_contact(self, actor: Actor, customer_id: int, values: Mapping[str, Any]
                    ) -> ContactDetail:
        require(actor, "contacts", "create")
        clean = normalise_contact({"is_primary": False, **values})
        if "name" not in clean:
            raise ValidationError({"name": FieldError("required", "is required")})
        with self._open(actor) as uow:
            customer = uow.customers.get(customer_id)
            if customer is None:
                raise NotFound("customer", customer_id)
            require_in_scope(actor, "customers", customer.owner_id, "edit")
            if not customer.contacts:
                clean["is_primary"] = True
            elif clean["is_primary"]:
                for other in customer.contacts:
                    other.is_primary = False
            contact = Contact(**clean, created_by=actor.user_id, updated_by=actor.user_id)
            customer.contacts.append(contact)
            uow.flush()
            uow.customers.store_search_key(customer)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="create",
                             entity_type="contact", entity_id=contact.id,
                             changes={"customer_id": [None, customer.id], **created(clean)})
            uow.commit()
            return conversions.contact_detail(contact)

    def update_contact(self, actor: Actor, contact_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> ContactDetail:
        require(actor, "contacts", "edit")
        clean = normalise_contact(changes)
        with self._open(actor) as uow:
            contact = self._load(uow, actor, contact_id, expected_version)
            before = conversions.contact_values(contact)
            changed = diff(before, {**before, **clean})
            if not changed:
                return conversions.contact_detail(contact)
            if clean.get("is_primary"):
                self._clear_primary(contact)
            for key in changed:
                setattr(contact, key, clean[key])
            contact.updated_by = actor.user_id
            self._flush(uow, contact, expected_version)
            uow.customers.store_search_key(contact.customer)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="update",
                             entity_type="contact", entity_id=contact.id, changes=changed)
            uow.commit()
            return conversions.contact_detail(contact)

    def remove_contact(self, actor: Actor, contact_id: int, expected_version: int) -> Changed:
        require(actor, "contacts", "delete")
        with self._open(actor) as uow:
            contact = self._load(uow, actor, contact_id, expected_version)
            customer = contact.customer
            before = conversions.contact_values(contact)
            customer.contacts.remove(contact)
            if before["is_primary"] and customer.contacts:
                customer.contacts[0].is_primary = True
            self._flush(uow, contact, expected_version)
            uow.customers.store_search_key(customer)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="delete",
                             entity_type="contact", entity_id=contact_id,
                             changes={"customer_id": [customer.id, None],
                                      **diff(before, dict.fromkeys(before))})
            uow.commit()
            return Changed("contact", (contact_id,))

    def set_primary_contact(self, actor: Actor, contact_id: int, expected_version: int
                            ) -> ContactDetail:
        require(actor, "contacts", "edit")
        return self.update_contact(actor, contact_id, expected_version, {"is_primary": True})

    @staticmethod
    def _clear_primary(contact: Contact) -> None:
        for other in contact.customer.contacts:
            if other is not contact and other.is_primary:
                other.is_primary = False

    @staticmethod
    def _load(uow: UnitOfWork, actor: Actor, contact_id: int, expected_version: int) -> Contact:
        contact = uow.contacts.get(contact_id)
        if contact is None:
            raise NotFound("contact", contact_id)
        require_in_scope(actor, "customers", contact.customer.owner_id, "edit")
        if contact.version != expected_version:
            raise conversions.conflict(uow, contact, expected_version)
        return contact

    @staticmethod
    def _flush(uow: UnitOfWork, contact: Contact, expected_version: int) -> None:
        try:
            uow.flush()
        except StaleRecord:
            fresh = uow.contacts.get(contact.id)
            if fresh is None:
                raise NotFound("contact", contact.id) from None
            raise conversions.conflict(uow, fresh, expected_version) from None
