"""Frozen data passed between the layers. Never ORM objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple


@dataclass(frozen=True)
class Actor:
    """The signed-in user every service method receives."""

    user_id: int
    username: str
    display_name: str = ""
    rights: frozenset[tuple[str, str]] = frozenset()
    scopes: tuple[tuple[str, str], ...] = ()
    team_user_ids: frozenset[int] = frozenset()
    is_admin: bool = False  # holds the Administrator role; informational, grants nothing
    must_change_password: bool = False
    role_codes: frozenset[str] = frozenset()
    idle_lock_minutes: int = 15

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, module: str, action: str) -> bool:
        return (module, action) in self.rights

    def scope(self, module: str) -> str:
        return dict(self.scopes).get(module, "own")

    def same_access(self, other: Actor) -> bool:
        """Whether ``other`` may do and see exactly what this actor may (same user)."""
        return (self.user_id, self.rights, self.scopes, self.team_user_ids,
                self.role_codes) == (other.user_id, other.rights, other.scopes,
                                     other.team_user_ids, other.role_codes)


class CustomerRow(NamedTuple):
    """One line of the customer list. A NamedTuple: immutable like the other DTOs, and
    built from a database row in one step (lists build 200 of them per page)."""

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
    department_id: int | None = None
    department: str = ""
    roles: tuple[str, ...] = ()
    locked: bool = False
    must_change_password: bool = False
    last_login_at: datetime | None = None


@dataclass(frozen=True)
class RoleDetail:
    id: int
    code: str
    name: str
    description: str
    rights: frozenset[tuple[str, str]]
    scopes: tuple[tuple[str, str], ...]
    members: int
    version: int


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    name: str
    manager_id: int | None
    manager: str
    members: int
    version: int


@dataclass(frozen=True)
class SecuritySettings:
    password_min_length: int = 8
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 15


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    entity_type: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_id: int | None
    username: str
    action: str
    entity_type: str
    entity_id: str
    changes: dict


@dataclass(frozen=True)
class AuditNames:
    """What the ids and codes in an audit entry's changes name today, per field: users
    (``manager_id``, ``owner_id``...), departments (``department_id``) and roles
    (``roles``, by code). Values are keyed by their text (``"3"``, ``"salesperson"``)."""

    fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def name(self, field_name: str, value: object) -> str | None:
        return self.fields.get(field_name, {}).get(str(value))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    intact: bool
    first_bad_id: int | None = None
    reason: str = ""
    head_hash: str = ""  # of the last verified entry: note it outside the database


@dataclass(frozen=True)
class Changed:
    """What a write changed, so each screen can decide whether to refresh."""

    entity: str
    ids: tuple[int, ...] = ()
    version: int = 0
    extra: dict = field(default_factory=dict)
