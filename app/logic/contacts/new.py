"""Contacts saved with a new customer or supplier, in the same transaction: one audit entry
each, the first the primary one unless another is marked. The parent's service passes
``build`` and ``after`` to the kit's create (``RecordService._create``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.data.contacts import ContactRepository
from app.data.kit.uow import UnitOfWork
from app.logic.contacts.fields import CONTACT
from app.logic.contacts.parents import PARENTS, parent_kind
from app.logic.kit.dto import Actor
from app.logic.kit.errors import ValidationError
from app.logic.kit.permissions import require
from app.logic.kit.trail import created


class NewContacts:
    """``contacts`` (their field values) of a new ``parent`` ("customer", "supplier"),
    checked as contacts before anything is written (errors named ``contacts.<field>``)."""

    def __init__(self, actor: Actor, parent: str, contacts: Sequence[Mapping[str, Any]]
                 ) -> None:
        require(actor, "contacts", "create")
        self.actor = actor
        self.kind = parent_kind(parent)
        self.people = [contact_values(c) for c in contacts]
        if self.people and not any(p.get("is_primary") for p in self.people):
            self.people[0]["is_primary"] = True

    def build(self, uow: UnitOfWork, parent: Any) -> dict[str, list[Any]]:
        """The contacts added to ``parent`` (not flushed yet); no changes of the parent's
        own audit entry."""
        model = uow.get(ContactRepository).model
        for person in self.people:
            attrs = {CONTACT.field(n).attr: v for n, v in person.items()}
            parent.contacts.append(model(**attrs, created_by=self.actor.user_id,
                                         updated_by=self.actor.user_id))
        return {}

    def after(self, uow: UnitOfWork, parent: Any) -> dict[str, list[Any]]:
        """The contacts' audit entries, once the flush gave them their ids."""
        for contact, person in zip(parent.contacts, self.people, strict=True):
            uow.audit.append(user_id=self.actor.user_id, username=self.actor.username,
                             action="create", entity_type=CONTACT.name, entity_id=contact.id,
                             changes={self.kind.field: [None, parent.id], **created(person)})
        return {}


def contact_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A contact's values checked as a contact, without its (not yet saved) parent."""
    try:
        clean = CONTACT.normalise({k: v for k, v in values.items()
                                   if k not in {p.field for p in PARENTS}}, creating=True)
    except ValidationError as error:
        raise ValidationError({f"contacts.{k}": v for k, v in error.errors.items()}) from None
    return clean
