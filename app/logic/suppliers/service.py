"""Supplier use cases on the kit's write path, plus what only suppliers have: their contacts
saved with a new supplier, the duplicate check, the categories in use; and the products a
supplier supplies (``SuppliedProductService``).

Suppliers have no owner (no record scope): the rights of the module ``suppliers`` decide
who sees and changes them. A supplier's contacts are the contacts module's
(app.logic.contacts), the same component customers use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.data.kit.uow import UnitOfWork
from app.data.suppliers import (
    SupplierProductRepository,
    SupplierQueries,
    SupplierRepository,
)
from app.logic.contacts import CONTACT, NewContacts
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.service import RecordService, build_records
from app.logic.suppliers.fields import SUPPLIED, SUPPLIER


class SupplierService(RecordService):
    entity = SUPPLIER
    repository = SupplierRepository
    queries = SupplierQueries
    line_entity = CONTACT  # an import's ContactName, ContactTitle: the primary contact

    def create_with_lines(self, actor: Actor, values: Mapping[str, Any],
                          lines: Sequence[Mapping[str, Any]]) -> Changed:
        """A supplier with its contacts (an import's row: the first is the primary)."""
        return self.create_supplier(actor, values, contacts=lines)

    # --- named use cases --------------------------------------------------------------
    def get_supplier(self, actor: Actor, supplier_id: int) -> Record:
        return self.get(actor, supplier_id)

    def get_supplier_by_code(self, actor: Actor, code: str) -> Record:
        return self.get_by_key(actor, code)

    def list_suppliers(self, actor: Actor, query: ListQuery,
                       after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_supplier(self, actor: Actor, values: Mapping[str, Any],
                        allow_duplicate: bool = False,
                        contacts: Sequence[Mapping[str, Any]] = ()) -> Changed:
        """A new supplier, with ``contacts`` (their field values) saved with it in the same
        transaction (one audit entry each); the first is the primary one unless another
        is marked."""
        if not contacts:
            return self.create(actor, values, allow_duplicate=allow_duplicate)
        people = NewContacts(actor, "supplier", contacts)
        return self._create(actor, values, allow_duplicate=allow_duplicate,
                            build=people.build, after=people.after)

    def update_supplier(self, actor: Actor, supplier_id: int, expected_version: int,
                        changes: Mapping[str, Any], allow_duplicate: bool = False) -> Changed:
        return self.update(actor, supplier_id, expected_version, changes,
                           allow_duplicate=allow_duplicate)

    def archive_supplier(self, actor: Actor, supplier_id: int, expected_version: int
                         ) -> Changed:
        return self.archive(actor, supplier_id, expected_version)

    def restore_supplier(self, actor: Actor, supplier_id: int, expected_version: int
                         ) -> Changed:
        return self.restore(actor, supplier_id, expected_version)

    def list_categories(self, actor: Actor) -> list[str]:
        """The categories suppliers are in, the most frequent first (the list's filter)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return uow.get(SupplierRepository).in_use("category")

    def list_countries(self, actor: Actor) -> list[str]:
        """The countries suppliers are in, the most frequent first (the list's filter)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return uow.get(SupplierRepository).in_use("country")

    # --- hooks ------------------------------------------------------------------------
    def duplicates(self, uow: UnitOfWork, actor: Actor, values: Mapping[str, Any],
                   exclude_id: int | None) -> list[Any]:
        return list(uow.get(SupplierRepository).find_duplicates(
            str(values.get("name") or ""), str(values.get("tax_id") or ""), exclude_id))

    def children(self, uow: UnitOfWork, record: Any) -> dict[str, tuple[Record, ...]]:
        return {"contacts": tuple(build_records(uow, CONTACT, record.contacts)),
                "products": tuple(build_records(uow, SUPPLIED, record.products))}

    def _shown_to(self, actor: Actor, record: Record) -> Record:
        """Contacts only for users who may view contacts."""
        if actor.can(CONTACT.module, "view"):
            return record
        return record.with_children("contacts", ())

    def child_subjects(self, uow: UnitOfWork, record: Any) -> list[tuple[str, str]]:
        return [*((CONTACT.name, str(c.id)) for c in record.contacts),
                *((SUPPLIED.name, str(p.id)) for p in record.products)]


class SuppliedProductService(RecordService):
    """The products a supplier supplies, each once: the supplier's own code for it, the
    purchase price (exact money, not negative) and the lead time (0-365 days). Part of the
    supplier: seeing them needs ``suppliers.view``, changing them ``suppliers.edit``;
    each change is one audit entry of its own and counts in the supplier's history."""

    entity = SUPPLIED
    repository = SupplierProductRepository

    def products_of(self, actor: Actor, supplier_id: int) -> list[Record]:
        """What supplier ``supplier_id`` supplies, in the order it was added."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            if uow.get(SupplierRepository).get(supplier_id) is None:
                raise NotFound("supplier", supplier_id)
            return self.records_of(uow, uow.get(SupplierProductRepository)
                                   .of_supplier(supplier_id))

    def suppliers_of(self, actor: Actor, product_id: int) -> list[Record]:
        """Who supplies product ``product_id`` (suppliers not archived, by name)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return self.records_of(uow, uow.get(SupplierProductRepository)
                                   .of_product(product_id))

    def supply(self, actor: Actor, supplier_id: int, values: Mapping[str, Any]) -> Changed:
        """Supplier ``supplier_id`` supplies a product (``values``: product, purchase_price,
        lead_time_days, supplier_code)."""
        return self.create(actor, {**values, "supplier": supplier_id})

    def update_supply(self, actor: Actor, supplied_id: int, expected_version: int,
                      changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, supplied_id, expected_version, changes)

    def unsupply(self, actor: Actor, supplied_id: int, expected_version: int) -> Changed:
        """The supplier no longer supplies that product."""
        return self.delete(actor, supplied_id, expected_version)

    def find_supply(self, actor: Actor, supplier_id: int, product: int | str) -> Record:
        """How supplier ``supplier_id`` supplies ``product`` (its id, or its code as a
        person types it: ``007``); NotFound when it does not."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            product_id = uow.refs.find("product", product) if isinstance(product, str) \
                else product
            found = None if product_id is None else \
                uow.get(SupplierProductRepository).pair(supplier_id, product_id)
            if found is None:
                raise NotFound("supplied product", product)
            return self.record_of(uow, found)

    # --- hooks ------------------------------------------------------------------------
    def _require(self, actor: Actor, action: str) -> None:
        """Adding, changing or removing a supplied product is editing its supplier."""
        super()._require(actor, "view" if action == "view" else "edit")

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is not None:
            for name in ("supplier", "product"):
                if name in values and values[name] != getattr(record, f"{name}_id"):
                    raise ValidationError({name: FieldError(
                        "read_only", f"a supplied product cannot change its {name}: remove "
                                     "it and add the other")})
            return
        if uow.get(SupplierRepository).get(values["supplier"]) is None:
            raise NotFound("supplier", values["supplier"])
        if uow.get(SupplierProductRepository).pair(values["supplier"], values["product"]):
            raise ValidationError({"product": FieldError(
                "supplied", "is already supplied by this supplier")})

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        return (("supplier", record.supplier_id), ("product", record.product_id))
