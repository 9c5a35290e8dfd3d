"""Contacts of a customer or a supplier: add, change, remove, set primary, on the kit's
write path.

A contact belongs to exactly one parent (``PARENTS``): a customer's contact counts among
its customer's owner's records (the customers' record scope); a supplier's follows the
suppliers' rights (suppliers have no owner: viewing suppliers shows their contacts,
changing them needs the right to edit suppliers). A change stores the parent's search key
again (contacts' names and phones find it) without changing the parent's version, and one
contact per parent is the primary one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.data.contacts import ContactQueries, ContactRepository
from app.data.kit.uow import UnitOfWork
from app.logic.contacts.fields import CONTACT
from app.logic.contacts.parents import PARENTS, Parent, parent_kind, parent_of
from app.logic.kit.dto import Actor, Changed, Record
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.permissions import RecordScope, may_see, require
from app.logic.kit.service import RecordService


class ContactService(RecordService):
    entity = CONTACT
    repository = ContactRepository
    queries = ContactQueries

    def list_contacts(self, actor: Actor, parent_id: int, parent: str = "customer"
                      ) -> list[Record]:
        """The contacts of customer (or, with ``parent`` "supplier", supplier)
        ``parent_id``; NotFound for one the actor may not see."""
        require(actor, "contacts", "view")
        kind = parent_kind(parent)
        with self._open(actor, write=False) as uow:
            self._parent_row(uow, actor, kind, parent_id)
            return self.records_of(uow, uow.get(ContactRepository).of_parent(kind.attr,
                                                                               parent_id))

    def add_contact(self, actor: Actor, parent_id: int, values: Mapping[str, Any],
                    parent: str = "customer") -> Changed:
        return self.create(actor, {**values, parent_kind(parent).field: parent_id})

    def update_contact(self, actor: Actor, contact_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, contact_id, expected_version, changes)

    def remove_contact(self, actor: Actor, contact_id: int, expected_version: int) -> Changed:
        return self.delete(actor, contact_id, expected_version)

    def set_primary_contact(self, actor: Actor, contact_id: int, expected_version: int
                            ) -> Changed:
        return self.update(actor, contact_id, expected_version, {"is_primary": True})

    # --- hooks ------------------------------------------------------------------------
    def record_scope(self, uow: UnitOfWork, record: Any) -> RecordScope:
        kind, parent_id = parent_of(record)
        if not kind.owned:
            return RecordScope(kind.module, None, owned=False)
        row = uow.get(kind.repository).get(parent_id)
        return RecordScope(kind.module, None if row is None else row.owner_id)

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is None:
            given = [p for p in PARENTS if values.get(p.field) is not None]
            if not given:
                raise ValidationError({PARENTS[0].field: FieldError(
                    "required", "is required: a contact belongs to a customer or a "
                                "supplier")})
            if len(given) > 1:
                raise ValidationError({given[1].field: FieldError(
                    "one_parent", "must be empty: a contact belongs to a customer or a "
                                  "supplier, not both")})
            self._parent_row(uow, actor, given[0], values[given[0].field], write=True)
            return
        for p in PARENTS:
            if p.field in values and values[p.field] != getattr(record, p.attr):
                raise ValidationError({p.field: FieldError(
                    "read_only", f"a contact cannot move to another {p.field}")})
        self._require_parent_edit(actor, parent_of(record)[0])

    def check_delete(self, uow: UnitOfWork, actor: Actor, record: Any) -> None:
        self._require_parent_edit(actor, parent_of(record)[0])

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        kind, parent_id = parent_of(record)
        others = [c for c in uow.get(ContactRepository).of_parent(kind.attr, parent_id)
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
        kind, parent_id = parent_of(record)
        parents = uow.get(kind.repository)
        row = parents.get(parent_id)
        if row is not None:
            parents.store_search_key(row)

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        kind, parent_id = parent_of(record)
        return ((kind.field, parent_id),)

    # --- helpers ----------------------------------------------------------------------
    def _parent_row(self, uow: UnitOfWork, actor: Actor, kind: Parent, parent_id: int,
                    write: bool = False) -> Any:
        """The customer or supplier ``parent_id``, if the actor may see it (else NotFound,
        as for a missing one) and, with ``write``, change its contacts."""
        row = uow.get(kind.repository).get(parent_id)
        scope = RecordScope(kind.module, getattr(row, "owner_id", None), kind.owned)
        if row is None or not may_see(actor, scope):
            raise NotFound(kind.field, parent_id)
        if write:
            self._require_parent_edit(actor, kind)
        return row

    @staticmethod
    def _require_parent_edit(actor: Actor, kind: Parent) -> None:
        """A supplier's contacts are part of the supplier: changing them needs the right to
        edit suppliers (a customer's need its record scope only, checked on loading)."""
        if not kind.owned:
            require(actor, kind.module, "edit")
