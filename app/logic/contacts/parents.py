"""The kinds of record contacts belong to: a contact is a customer's or a supplier's.

Each kind names the contact's reference field, the parent's repository, the rights module
that governs its contacts, and whether its records have an owner (the record scope).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.data.customers import CustomerRepository
from app.data.suppliers import SupplierRepository
from app.logic.kit.errors import InvalidQuery


@dataclass(frozen=True)
class Parent:
    field: str  # the contact's reference field, the parent's entity name: "customer"
    repository: type[Any]  # its repository (get, store_search_key)
    module: str  # the rights module of the parent: "customers"
    owned: bool  # its records have an owner: its record scope governs its contacts

    @property
    def attr(self) -> str:
        return f"{self.field}_id"


PARENTS = (Parent("customer", CustomerRepository, "customers", owned=True),
           Parent("supplier", SupplierRepository, "suppliers", owned=False))
_BY_FIELD = {p.field: p for p in PARENTS}


def parent_kind(name: str) -> Parent:
    """The kind of parent called ``name`` ("customer", "supplier")."""
    found = _BY_FIELD.get(name)
    if found is None:
        raise InvalidQuery(f"contacts belong to {' or '.join(_BY_FIELD)}, not {name!r}")
    return found


def parent_of(contact: Any) -> tuple[Parent, int]:
    """The kind and id of the record a stored contact belongs to."""
    for kind in PARENTS:
        parent_id = getattr(contact, kind.attr)
        if parent_id is not None:
            return kind, int(parent_id)
    raise ValueError(f"contact {contact.id} belongs to no record")
