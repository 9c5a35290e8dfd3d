"""Frozen data passed between the layers. Never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Actor:
    """The signed-in user every service method receives."""

    user_id: int
    username: str
    display_name: str = ""
    rights: frozenset[tuple[str, str]] = frozenset()
    scopes: tuple[tuple[str, str], ...] = ()
    team_user_ids: frozenset[int] = frozenset()
    is_admin: bool = False
    must_change_password: bool = False

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, module: str, action: str) -> bool:
        return self.is_admin or (module, action) in self.rights

    def scope(self, module: str) -> str:
        if self.is_admin:
            return "all"
        return dict(self.scopes).get(module, "own")


@dataclass(frozen=True)
class CustomerRow:
    id: int
    code: str
    name: str
    short_name: str
    status: str
    tier: str
    city: str
    province: str
    industry: str
    phone: str
    email: str
    owner_id: int | None
    owner: str
    credit_limit: Decimal
    updated_at: datetime
    version: int
    sort_key: tuple = ()


@dataclass(frozen=True)
class ContactDetail:
    id: int
    customer_id: int
    name: str
    gender: str = ""
    position: str = ""
    department: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""
    im_handle: str = ""
    birthday: date | None = None
    is_primary: bool = False
    notes: str = ""
    version: int = 1


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    ownership: str
    industry: str
    size_band: str
    province: str
    city: str
    address: str
    postal_code: str
    phone: str
    fax: str
    email: str
    website: str
    tax_id: str
    bank_name: str
    bank_account: str
    source: str
    status: str
    tier: str
    tier_override: bool
    credit_rating: str
    credit_limit: Decimal
    payment_terms_days: int
    owner_id: int | None
    owner: str
    tags: str
    notes: str
    archived: bool
    version: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    contacts: tuple[ContactDetail, ...] = ()

    def values(self) -> dict[str, object]:
        """The editable fields and their values, as the form and CLI use them."""
        from app.logic.customers import CUSTOMER_FIELDS

        return {name: getattr(self, name) for name in CUSTOMER_FIELDS}


@dataclass(frozen=True)
class CustomerQuery:
    """What the customer list shows: search text, filters, sort."""

    search: str = ""
    status: str = ""
    tier: str = ""
    owner_id: int | None = None
    city: str = ""
    include_archived: bool = False
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class Page:
    rows: tuple
    next_key: tuple | None  # pass back to fetch the following page; None at the end


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    is_active: bool
    version: int = 1


@dataclass(frozen=True)
class Changed:
    """What a write changed, so each screen can decide whether to refresh."""

    entity: str
    ids: tuple[int, ...] = ()
    version: int = 0
    extra: dict = field(default_factory=dict)
