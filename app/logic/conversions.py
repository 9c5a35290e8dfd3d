"""ORM rows to frozen DTOs, built inside the unit of work (nothing lazy escapes)."""

from __future__ import annotations

from typing import Any

from app.data.models import Contact, Customer
from app.data.uow import UnitOfWork
from app.logic.dto import ContactDetail, CustomerDetail, CustomerRow
from app.logic.errors import ConflictError

CONTACT_FIELDS = ("name", "gender", "position", "department", "phone", "mobile", "email",
                  "im_handle", "birthday", "is_primary", "notes")


def customer_values(customer: Customer) -> dict[str, Any]:
    from app.logic.customers import CUSTOMER_FIELDS

    return {name: getattr(customer, name) for name in CUSTOMER_FIELDS}


def contact_values(contact: Contact) -> dict[str, Any]:
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}


def contact_detail(contact: Contact) -> ContactDetail:
    return ContactDetail(id=contact.id, customer_id=contact.customer_id,
                         version=contact.version, **contact_values(contact))


def customer_detail(uow: UnitOfWork, customer: Customer) -> CustomerDetail:
    names = uow.users.names([customer.owner_id, customer.created_by, customer.updated_by])
    return CustomerDetail(
        id=customer.id, **customer_values(customer),
        owner=names.get(customer.owner_id or 0, ""), archived=customer.archived_at is not None,
        version=customer.version, created_at=customer.created_at,
        created_by=names.get(customer.created_by or 0, ""), updated_at=customer.updated_at,
        updated_by=names.get(customer.updated_by or 0, ""),
        contacts=tuple(contact_detail(c) for c in customer.contacts),
    )


ROW_WIDTH = len(CustomerRow._fields)


def customer_row(r: Any) -> CustomerRow:
    """A list row from a read-side row whose first columns are CustomerRow's fields."""
    return CustomerRow._make(r[:ROW_WIDTH])


def customer_row_from_model(c: Customer) -> CustomerRow:
    return CustomerRow(
        id=c.id, code=c.code, name=c.name, short_name=c.short_name, status=c.status, tier=c.tier,
        city=c.city, province=c.province, industry=c.industry, phone=c.phone, email=c.email,
        owner_id=c.owner_id, owner="", credit_limit=c.credit_limit, updated_at=c.updated_at,
        version=c.version,
    )


def conflict(uow: UnitOfWork, record: Customer | Contact, expected: int) -> ConflictError:
    """Who changed ``record`` since version ``expected``, when, and its current values."""
    entity = "customer" if isinstance(record, Customer) else "contact"
    key = record.code if isinstance(record, Customer) else record.id
    names = uow.users.names([record.updated_by])
    theirs = customer_values(record) if isinstance(record, Customer) else contact_values(record)
    return ConflictError(entity, key, expected, record.version,
                         names.get(record.updated_by or 0, "another user"), record.updated_at,
                         theirs)


def conflict_of(uow: UnitOfWork, entity: str, key: object, record: Any,
                expected: int) -> ConflictError:
    """A ConflictError for any versioned record (users, roles, departments)."""
    names = uow.users.names([record.updated_by])
    return ConflictError(entity, key, expected, record.version,
                         names.get(record.updated_by or 0, "another user"), record.updated_at)
