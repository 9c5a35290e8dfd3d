"""Customer use cases: create, update, archive, restore, get, list, assign owner."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.data.models import Customer
from app.data.uow import DuplicateKey, StaleRecord, UnitOfWork
from app.logic import conversions
from app.logic.auditing import created, diff
from app.logic.base import Service, UowFactory
from app.logic.dto import Actor, Changed, CustomerDetail, CustomerQuery, CustomerRow, Page
from app.logic.errors import FieldError, NotFound, PossibleDuplicate, ValidationError
from app.logic.permissions import owner_scope, require, require_in_scope
from app.logic.validation import CODE, EMAIL, PHONE, POSTAL, WEBSITE, Checker

STATUSES = ("prospect", "active", "dormant", "lost")
TIERS = ("premium", "major", "ordinary", "restricted", "potential")
KINDS = ("company", "individual")
OWNERSHIPS = ("state", "private", "foreign", "joint_venture", "collective", "other")
SIZE_BANDS = ("micro", "small", "medium", "large")
CREDIT_RATINGS = ("AAA", "AA", "A", "BBB", "BB", "B", "C")
SORTS = ("name", "code", "city", "status", "tier", "updated", "owner")

CUSTOMER_FIELDS = (
    "code", "name", "short_name", "kind", "ownership", "industry", "size_band", "province",
    "city", "address", "postal_code", "phone", "fax", "email", "website", "tax_id", "bank_name",
    "bank_account", "source", "status", "tier", "tier_override", "credit_rating", "credit_limit",
    "payment_terms_days", "owner_id", "tags", "notes",
)
DEFAULTS: dict[str, Any] = {"kind": "company", "status": "prospect", "tier": "ordinary",
                            "tier_override": False, "credit_limit": "0", "payment_terms_days": 30}

__all__ = ["CustomerService", "UowFactory"]


def normalise_customer(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the given customer fields; raise ValidationError listing each."""
    unknown = set(values) - set(CUSTOMER_FIELDS)
    if unknown:
        raise ValidationError({f: FieldError("unknown_field", "is not a customer field")
                               for f in sorted(unknown)})
    c = Checker()
    out: dict[str, Any] = {}
    texts = {"short_name": 100, "industry": 64, "province": 64, "city": 64, "address": 300,
             "bank_name": 128, "bank_account": 64, "source": 32, "tags": 500}
    for name, value in values.items():
        if name == "name":
            out[name] = c.text(name, value, 200, required=True)
        elif name in texts:
            out[name] = c.text(name, value, texts[name])
        elif name == "notes":
            out[name] = c.text(name, value, 20000, multiline=True)
        elif name == "code":
            out[name] = c.pattern(name, value, CODE, "invalid_code",
                                  "may use letters, digits, - and _ (at most 20)", 20).upper()
        elif name in ("phone", "fax"):
            out[name] = c.pattern(name, value, PHONE, "invalid_phone",
                                  "is not a phone number", 40)
        elif name == "email":
            out[name] = c.pattern(name, value, EMAIL, "invalid_email",
                                  "is not an e-mail address", 254)
        elif name == "postal_code":
            out[name] = c.pattern(name, value, POSTAL, "invalid_postal_code",
                                  "is not a postal code", 16)
        elif name == "website":
            out[name] = c.pattern(name, value, WEBSITE, "invalid_website",
                                  "is not a web address", 254)
        elif name == "tax_id":
            out[name] = c.tax_id(name, value)
        elif name in ("kind", "status", "tier"):
            out[name] = c.choice(name, value, {"kind": KINDS, "status": STATUSES,
                                               "tier": TIERS}[name])
        elif name in ("ownership", "size_band", "credit_rating"):
            choices = {"ownership": OWNERSHIPS, "size_band": SIZE_BANDS,
                       "credit_rating": CREDIT_RATINGS}[name]
            out[name] = c.choice(name, value, choices, allow_empty=True)
        elif name == "credit_limit":
            out[name] = c.money(name, value)
        elif name == "payment_terms_days":
            out[name] = c.integer(name, value, 0, 3650)
        elif name == "tier_override":
            out[name] = c.boolean(name, value)
        elif name == "owner_id":
            out[name] = None if value in (None, "") else c.integer(name, value, 1, 2**31 - 1)
    if c.errors:
        raise ValidationError(c.errors)
    return out


class CustomerService(Service):
    # --- reads ----------------------------------------------------------------------------
    def get_customer(self, actor: Actor, customer_id: int) -> CustomerDetail:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            customer = self._load(uow, actor, customer_id, "view")
            return conversions.customer_detail(uow, customer)

    def get_customer_row(self, actor: Actor, customer_id: int) -> CustomerRow:
        """One customer as a line of the list shows it (to refresh that line after an
        edit without reloading the list)."""
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            customer = self._load(uow, actor, customer_id, "view")
            owner = uow.users.names([customer.owner_id]).get(customer.owner_id or 0, "")
            return conversions.customer_row_from_model(customer)._replace(owner=owner)

    def get_customer_by_code(self, actor: Actor, code: str) -> CustomerDetail:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            customer = uow.customers.get_by_code(code.strip().upper())
            if customer is None:
                raise NotFound("customer", code)
            require_in_scope(actor, "customers", customer.owner_id, "view")
            return conversions.customer_detail(uow, customer)

    def list_customers(self, actor: Actor, query: CustomerQuery, after: tuple | None = None,
                       limit: int = 200) -> Page:
        require(actor, "customers", "view")
        if query.sort not in SORTS:
            raise ValidationError({"sort": FieldError("invalid_choice",
                                                      f"must be one of: {', '.join(SORTS)}")})
        with self._open(actor, write=False) as uow:
            rows, next_key = uow.customer_queries.page(
                query, after, max(1, min(limit, 5000)), owner_scope(actor, "customers"))
            return Page(rows=tuple(conversions.customer_row(r) for r in rows), next_key=next_key)

    def count_customers(self, actor: Actor, query: CustomerQuery) -> int:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return uow.customer_queries.count(query, owner_scope(actor, "customers"))

    def find_duplicates(self, actor: Actor, name: str = "", tax_id: str = "", phone: str = "",
                        exclude_id: int | None = None) -> list[CustomerRow]:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return self._duplicates(uow, name, tax_id, phone, exclude_id)

    def list_cities(self, actor: Actor) -> list[str]:
        require(actor, "customers", "view")
        with self._open(actor, write=False) as uow:
            return uow.customer_queries.cities()

    # --- writes ---------------------------------------------------------------------------
    def create_customer(self, actor: Actor, values: Mapping[str, Any],
                        allow_duplicate: bool = False) -> CustomerDetail:
        require(actor, "customers", "create")
        clean = normalise_customer({**DEFAULTS, **values})
        clean.setdefault("owner_id", actor.user_id)
        with self._open(actor) as uow:
            self._check_owner(uow, actor, clean.get("owner_id"))
            if not allow_duplicate:
                self._refuse_duplicates(uow, clean, None)
            if clean.get("code"):
                if uow.customers.code_exists(clean["code"]):
                    raise ValidationError({"code": FieldError("duplicate_code",
                                                              "is already used")})
            else:
                clean["code"] = uow.customers.next_code()
            customer = Customer(**clean, created_by=actor.user_id, updated_by=actor.user_id)
            uow.customers.refresh_search_key(customer)
            uow.customers.add(customer)
            self._flush(uow, customer, clean)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="create",
                             entity_type="customer", entity_id=customer.id,
                             changes=created(clean))
            uow.commit()
            return conversions.customer_detail(uow, customer)

    def update_customer(self, actor: Actor, customer_id: int, expected_version: int,
                        changes: Mapping[str, Any], allow_duplicate: bool = False
                        ) -> CustomerDetail:
        require(actor, "customers", "edit")
        clean = normalise_customer(changes)
        with self._open(actor) as uow:
            customer = self._load(uow, actor, customer_id, "edit")
            self._check_version(uow, customer, expected_version)
            if "owner_id" in clean and clean["owner_id"] != customer.owner_id:
                self._check_owner(uow, actor, clean["owner_id"])
            before = conversions.customer_values(customer)
            merged = {**before, **clean}
            if not allow_duplicate and any(k in clean for k in ("name", "tax_id", "phone")):
                self._refuse_duplicates(uow, merged, customer.id)
            if "code" in clean and clean["code"] != customer.code:
                if not clean["code"]:
                    raise ValidationError({"code": FieldError("required", "is required")})
                if uow.customers.code_exists(clean["code"], exclude_id=customer.id):
                    raise ValidationError({"code": FieldError("duplicate_code",
                                                              "is already used")})
            changed = diff(before, merged)
            if not changed:
                return conversions.customer_detail(uow, customer)
            for key in changed:
                setattr(customer, key, merged[key])
            customer.updated_by = actor.user_id
            uow.customers.refresh_search_key(customer)
            self._flush(uow, customer, clean, expected_version)
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="update",
                             entity_type="customer", entity_id=customer.id, changes=changed)
            uow.commit()
            return conversions.customer_detail(uow, customer)

    def assign_owner(self, actor: Actor, customer_id: int, expected_version: int,
                     owner_id: int | None) -> CustomerDetail:
        require(actor, "customers", "edit")
        return self.update_customer(actor, customer_id, expected_version, {"owner_id": owner_id},
                                    allow_duplicate=True)

    def archive_customer(self, actor: Actor, customer_id: int, expected_version: int) -> Changed:
        require(actor, "customers", "delete")
        return self._set_archived(actor, customer_id, expected_version, archive=True)

    def restore_customer(self, actor: Actor, customer_id: int, expected_version: int) -> Changed:
        require(actor, "customers", "delete")
        return self._set_archived(actor, customer_id, expected_version, archive=False)

    # --- helpers --------------------------------------------------------------------------
    def _set_archived(self, actor: Actor, customer_id: int, expected_version: int,
                      archive: bool) -> Changed:
        from app.logic.clock import now

        with self._open(actor) as uow:
            customer = self._load(uow, actor, customer_id, "delete")
            self._check_version(uow, customer, expected_version)
            if (customer.archived_at is not None) == archive:
                state = "archived" if archive else "not archived"
                raise ValidationError({"archived": FieldError("no_change", f"is already {state}")})
            before = customer.archived_at
            customer.archived_at = now() if archive else None
            customer.updated_by = actor.user_id
            self._flush(uow, customer, {}, expected_version)
            uow.audit.append(user_id=actor.user_id, username=actor.username,
                             action="archive" if archive else "restore", entity_type="customer",
                             entity_id=customer.id,
                             changes=diff({"archived_at": before},
                                          {"archived_at": customer.archived_at}))
            uow.commit()
            return Changed("customer", (customer.id,), customer.version)

    @staticmethod
    def _load(uow: UnitOfWork, actor: Actor, customer_id: int, action: str) -> Customer:
        customer = uow.customers.get(customer_id)
        if customer is None:
            raise NotFound("customer", customer_id)
        require_in_scope(actor, "customers", customer.owner_id, action)
        return customer

    @staticmethod
    def _check_version(uow: UnitOfWork, customer: Customer, expected: int) -> None:
        if customer.version != expected:
            raise conversions.conflict(uow, customer, expected)

    @staticmethod
    def _check_owner(uow: UnitOfWork, actor: Actor, owner_id: int | None) -> None:
        if owner_id is None:
            return
        owner = uow.users.get(owner_id)
        if owner is None or not owner.is_active:
            raise ValidationError({"owner_id": FieldError("unknown_user",
                                                          "is not an active user")})
        require_in_scope(actor, "customers", owner_id, "edit")

    @staticmethod
    def _duplicates(uow: UnitOfWork, name: str, tax_id: str, phone: str,
                    exclude_id: int | None) -> list[CustomerRow]:
        found = uow.customers.find_duplicates(name, tax_id, phone, exclude_id)
        return [conversions.customer_row_from_model(c) for c in found]

    def _refuse_duplicates(self, uow: UnitOfWork, values: Mapping[str, Any],
                           exclude_id: int | None) -> None:
        found = self._duplicates(uow, values.get("name", ""), values.get("tax_id", ""),
                                 values.get("phone", ""), exclude_id)
        if found:
            raise PossibleDuplicate(found)

    @staticmethod
    def _flush(uow: UnitOfWork, customer: Customer, clean: Mapping[str, Any],
               expected_version: int | None = None) -> None:
        try:
            uow.flush()
        except StaleRecord:
            with uow.session.no_autoflush:
                fresh = uow.customers.get(customer.id)
            if fresh is None:
                raise NotFound("customer", customer.id) from None
            raise conversions.conflict(uow, fresh, expected_version or 0) from None
        except DuplicateKey:
            raise ValidationError({"code": FieldError("duplicate_code", "is already used")}
                                  ) from None
