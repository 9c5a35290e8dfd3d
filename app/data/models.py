"""The database schema: SQLAlchemy 2 typed declarative models.

Every editable table carries created/updated at (UTC) and by, and a ``version`` counter used
as SQLAlchemy's ``version_id_col``: an UPDATE only succeeds when the row is still at the
version the writer read, so concurrent edits are detected instead of overwritten.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Unicode,
    UnicodeText,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.data.types import Money, UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Audit columns and the optimistic-concurrency counter shared by editable tables."""

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class User(Tracked, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(Unicode(64), unique=True)
    display_name: Mapped[str] = mapped_column(Unicode(128), default="")
    password_hash: Mapped[str] = mapped_column(Unicode(256))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    roles: Mapped[list[Role]] = relationship(secondary="user_roles", order_by="Role.id")

    __mapper_args__ = {"version_id_col": Tracked.version}


class Department(Tracked, Base):
    """A sales team: a manager and its members (users.department_id)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(100), unique=True)
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, name="fk_departments_manager_id_users"))

    __mapper_args__ = {"version_id_col": Tracked.version}


class Role(Tracked, Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(32), unique=True)
    name: Mapped[str] = mapped_column(Unicode(100))
    description: Mapped[str] = mapped_column(Unicode(500), default="")

    permissions: Mapped[list[RolePermission]] = relationship(cascade="all, delete-orphan")
    scopes: Mapped[list[RoleScope]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": Tracked.version}


class RolePermission(Base):
    """One right of a role: module x action."""

    __tablename__ = "role_permissions"

    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    module: Mapped[str] = mapped_column(Unicode(32), primary_key=True)
    action: Mapped[str] = mapped_column(Unicode(16), primary_key=True)


class RoleScope(Base):
    """Which records a role reaches in a module: own, team or all."""

    __tablename__ = "role_scopes"

    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    module: Mapped[str] = mapped_column(Unicode(32), primary_key=True)
    scope: Mapped[str] = mapped_column(Unicode(8), default="own")


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"),
                                         primary_key=True)
    __table_args__ = (Index("ix_user_roles_role", "role_id", "user_id"),)


class Customer(Tracked, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(20), unique=True)
    name: Mapped[str] = mapped_column(Unicode(200))
    short_name: Mapped[str] = mapped_column(Unicode(100), default="")
    kind: Mapped[str] = mapped_column(Unicode(16), default="company")
    ownership: Mapped[str] = mapped_column(Unicode(16), default="")
    industry: Mapped[str] = mapped_column(Unicode(64), default="")
    size_band: Mapped[str] = mapped_column(Unicode(16), default="")
    province: Mapped[str] = mapped_column(Unicode(64), default="")
    city: Mapped[str] = mapped_column(Unicode(64), default="")
    address: Mapped[str] = mapped_column(Unicode(300), default="")
    postal_code: Mapped[str] = mapped_column(Unicode(16), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    fax: Mapped[str] = mapped_column(Unicode(40), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    website: Mapped[str] = mapped_column(Unicode(254), default="")
    tax_id: Mapped[str] = mapped_column(Unicode(32), default="")
    bank_name: Mapped[str] = mapped_column(Unicode(128), default="")
    bank_account: Mapped[str] = mapped_column(Unicode(64), default="")
    source: Mapped[str] = mapped_column(Unicode(32), default="")
    status: Mapped[str] = mapped_column(Unicode(16), default="prospect")
    tier: Mapped[str] = mapped_column(Unicode(16), default="ordinary")
    tier_override: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_rating: Mapped[str] = mapped_column(Unicode(8), default="")
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    tags: Mapped[str] = mapped_column(Unicode(500), default="")
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Lower-case sort key for names: pinyin for Chinese, so 北京 sorts under "b".
    name_sort: Mapped[str] = mapped_column(Unicode(400), default="")
    # Search key: name, short name, code, phones, email, city, contacts, pinyin (app.data.search).
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")
    # Short-term tokens (CJK unigrams/bigrams, words) for 1-2 character searches.
    search_short: Mapped[str] = mapped_column(UnicodeText, default="")

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="customer", order_by="Contact.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": Tracked.version}
    __table_args__ = (
        Index("ix_customers_list_name", "archived_at", "name_sort", "id"),
        Index("ix_customers_list_code", "archived_at", "code", "id"),
        Index("ix_customers_list_city", "archived_at", "city", "id"),
        Index("ix_customers_list_status", "archived_at", "status", "id"),
        Index("ix_customers_list_tier", "archived_at", "tier", "id"),
        Index("ix_customers_list_updated", "archived_at", "updated_at", "id"),
        Index("ix_customers_list_owner", "archived_at", "owner_id", "id"),
        Index("ix_customers_tax_id", "tax_id"),
        Index("ix_customers_phone", "phone"),
    )


# The duplicate check compares names ignoring case. SQL Server's collation already ignores
# case (and has no expression indexes): it uses the plain name index, which the other
# databases have no use for (migration 0005).
Index("ix_customers_name_lower", func.lower(Customer.name)).ddl_if(
    dialect=("sqlite", "postgresql"))
SQL_SERVER_ONLY_INDEXES = ("ix_customers_name",)
Index("ix_customers_name", Customer.name).ddl_if(dialect="mssql")


class Contact(Tracked, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Unicode(100))
    gender: Mapped[str] = mapped_column(Unicode(8), default="")
    position: Mapped[str] = mapped_column(Unicode(100), default="")
    department: Mapped[str] = mapped_column(Unicode(100), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    mobile: Mapped[str] = mapped_column(Unicode(40), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    im_handle: Mapped[str] = mapped_column(Unicode(100), default="")
    birthday: Mapped[date | None] = mapped_column(Date)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(UnicodeText, default="")

    customer: Mapped[Customer] = relationship(back_populates="contacts")

    __mapper_args__ = {"version_id_col": Tracked.version}
    __table_args__ = (Index("ix_contacts_customer", "customer_id", "id"),)


class AuditEntry(Base):
    """Append-only audit log. Each row hashes its own content and the previous row's hash."""

    __tablename__ = "audit_log"

    # Assigned from audit_head, never by the database: the chain decides the order.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(Unicode(64), default="")
    action: Mapped[str] = mapped_column(Unicode(32))
    entity_type: Mapped[str] = mapped_column(Unicode(32))
    entity_id: Mapped[str] = mapped_column(Unicode(64), default="")
    changes: Mapped[str] = mapped_column(UnicodeText, default="{}")
    prev_hash: Mapped[str] = mapped_column(Unicode(64), default="")
    hash: Mapped[str] = mapped_column(Unicode(64), default="")

    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id", "id"),
        Index("ix_audit_log_user", "user_id", "id"),
        Index("ix_audit_log_at", "at", "id"),
    )


class AuditHead(Base):
    """One row: the id and hash of the newest audit entry. Appending locks it, so
    audit writers are serialised and the chain never forks."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(Unicode(64), default="")


class Setting(Base):
    """Database-wide settings an administrator can change (e.g. password length)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Unicode(64), primary_key=True)
    value: Mapped[str] = mapped_column(Unicode(500), default="")


class CodeSequence(Base):
    """Counters for generated codes (C000001, ...)."""

    __tablename__ = "code_sequences"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Unicode(32))
    next_value: Mapped[int] = mapped_column(Integer, default=1)
