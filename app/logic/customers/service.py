"""Customer use cases on the kit's write path, plus what only customers have: the
duplicate check, owners from the sales roles within the actor's scope, the city list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.data.admin import UserRepository
from app.data.customers import CustomerQueries, CustomerRepository
from app.data.kit.uow import UnitOfWork
from app.logic.contacts import CONTACT, NewContacts
from app.logic.customers.fields import CREDIT_FIELDS, CREDIT_RIGHT, CUSTOMER
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, PermissionDenied, ValidationError
from app.logic.kit.fields import Ref, plain
from app.logic.kit.permissions import owner_scope, require
from app.logic.kit.service import RecordService, build_records


class CustomerService(RecordService):
    entity = CUSTOMER
    repository = CustomerRepository
    queries = CustomerQueries
    line_entity = CONTACT  # an import's ContactName, ContactTitle: the primary contact

    def create_with_lines(self, actor: Actor, values: Mapping[str, Any],
                          lines: Sequence[Mapping[str, Any]]) -> Changed:
        """A customer with its contacts (an import's row: the first is the primary)."""
        return self.create_customer(actor, values, contacts=lines)

    # --- named use cases --------------------------------------------------------------
    def get_customer(self, actor: Actor, customer_id: int) -> Record:
        return self.get(actor, customer_id)

    def get_customer_by_code(self, actor: Actor, code: str) -> Record:
        return self.get_by_key(actor, code)

    def get_customer_row(self, actor: Actor, customer_id: int) -> Any:
        """One customer as a line of the list shows it (to redraw that line after an edit
        without reloading the list); NotFound once it left the actor's view."""
        require(actor, "customers", "view")
        record = self.get(actor, customer_id)
        return row_of(record)

    def list_customers(self, actor: Actor, query: ListQuery,
                       after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def count_customers(self, actor: Actor, query: ListQuery) -> int:
        return self.count(actor, query)

    def create_customer(self, actor: Actor, values: Mapping[str, Any],
                        allow_duplicate: bool = False,
                        contacts: Sequence[Mapping[str, Any]] = ()) -> Changed:
        """A new customer, with ``contacts`` (their field values) saved with it in the same
        transaction (one audit entry each); the first is the primary one unless another
        is marked."""
        if not contacts:
            return self.create(actor, values, allow_duplicate=allow_duplicate)
        people = NewContacts(actor, "customer", contacts)
        return self._create(actor, values, allow_duplicate=allow_duplicate,
                            build=people.build, after=people.after)

    def update_customer(self, actor: Actor, customer_id: int, expected_version: int,
                        changes: Mapping[str, Any], allow_duplicate: bool = False) -> Changed:
        return self.update(actor, customer_id, expected_version, changes,
                           allow_duplicate=allow_duplicate)

    def assign_owner(self, actor: Actor, customer_id: int, expected_version: int,
                     owner_id: int | None) -> Changed:
        return self.update(actor, customer_id, expected_version, {"owner": owner_id},
                           allow_duplicate=True)

    def archive_customer(self, actor: Actor, customer_id: int, expected_version: int
                         ) -> Changed:
        return self.archive(actor, customer_id, expected_version)

    def restore_customer(self, actor: Actor, customer_id: int, expected_version: int
                         ) -> Changed:
        return self.restore(actor, customer_id, expected_version)

    def list_cities(self, actor: Actor) -> list[str]:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return uow.get(CustomerRepository).cities()

    def owner_choices(self, actor: Actor) -> list[Ref]:
        """Who may own customers, as the actor may choose them: active users holding a
        sales role, within the actor's record scope, by user name."""
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            users = uow.get(UserRepository).sales_users(owner_scope(actor, "customers"))
            return [Ref(u.id, u.username, u.display_name or u.username) for u in users]

    # --- hooks ------------------------------------------------------------------------
    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        self._check_credit_terms(actor, values, record)
        if record is None and "owner" not in values:
            users = uow.get(UserRepository)
            values["owner"] = actor.user_id if users.is_sales_user(actor.user_id) else None
            if values["owner"] is None:
                self._check_unowned(actor)
            return
        if "owner" in values and (record is None or values["owner"] != record.owner_id):
            self._check_owner(uow, actor, values["owner"])

    def _check_credit_terms(self, actor: Actor, values: Mapping[str, Any],
                            record: Any | None) -> None:
        """The credit limit, payment terms and rating change only with the right
        finance.credit (a new customer without it keeps the defaults): the credit check
        rests on them."""
        if actor.can(*CREDIT_RIGHT):
            return
        defaults = CUSTOMER.defaults()
        for name in CREDIT_FIELDS:
            if name not in values:
                continue
            before = getattr(record, name) if record is not None else \
                defaults.get(name, CUSTOMER.field(name).default)
            if plain(values[name] or None) != plain(before or None):
                raise PermissionDenied(*CREDIT_RIGHT)

    def _check_owner(self, uow: UnitOfWork, actor: Actor, owner_id: int | None) -> None:
        if owner_id is None:
            self._check_unowned(actor)
            return
        allowed = owner_scope(actor, "customers")
        if allowed is not None and owner_id not in allowed:
            raise PermissionDenied("customers", "edit", "permission denied: that owner is "
                                   "outside your scope")
        if not uow.get(UserRepository).is_sales_user(owner_id):
            raise ValidationError({"owner": FieldError(
                "not_a_salesperson", "is not an active user with a sales role")})

    @staticmethod
    def _check_unowned(actor: Actor) -> None:
        """A customer without an owner is outside every own or team scope: only a user who
        sees all customers may leave one unowned."""
        if owner_scope(actor, "customers") is not None:
            raise PermissionDenied("customers", "edit", "permission denied: a customer "
                                   "without an owner would be outside your scope")

    def duplicates(self, uow: UnitOfWork, actor: Actor, values: Mapping[str, Any],
                   exclude_id: int | None) -> list[Any]:
        return list(uow.get(CustomerRepository).find_duplicates(
            str(values.get("name") or ""), str(values.get("tax_id") or ""),
            str(values.get("phone") or ""), exclude_id))

    def duplicates_many(self, uow: UnitOfWork, actor: Actor,
                        rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
        return uow.get(CustomerRepository).find_duplicates_many(
            [(str(v.get("name") or ""), str(v.get("tax_id") or ""),
              str(v.get("phone") or "")) for v in rows])

    def children(self, uow: UnitOfWork, record: Any) -> dict[str, tuple[Record, ...]]:
        return {"contacts": tuple(build_records(uow, CONTACT, record.contacts))}

    def _shown_to(self, actor: Actor, record: Record) -> Record:
        """Contacts only for users who may view contacts."""
        if actor.can(CONTACT.module, "view"):
            return record
        return record.with_children("contacts", ())

    def child_subjects(self, uow: UnitOfWork, record: Any) -> list[tuple[str, str]]:
        return [(CONTACT.name, str(c.id)) for c in record.contacts]


def row_of(record: Record) -> Any:
    """A Record as the entity's list row."""
    values = {f.name: record.values.get(f.name) for f in CUSTOMER.listed}
    return CUSTOMER.row_type(id=record.id, version=record.version, **values)


def rows_of(records: Sequence[Record]) -> list[Any]:
    return [row_of(r) for r in records]
