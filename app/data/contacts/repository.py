"""Contacts of a customer or a supplier."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.data.contacts.models import Contact
from app.data.kit.repository import RecordRepository


class ContactRepository(RecordRepository[Contact]):
    model = Contact
    key_attr = "name"

    def load_options(self) -> list[Any]:
        return [selectinload(Contact.customer), selectinload(Contact.supplier)]

    def of_customer(self, customer_id: int) -> list[Contact]:
        return self.of_parent("customer_id", customer_id)

    def of_parent(self, attr: str, parent_id: int) -> list[Contact]:
        """The contacts of one customer (``attr`` "customer_id") or supplier
        ("supplier_id")."""
        stmt = select(Contact).where(getattr(Contact, attr) == parent_id).order_by(Contact.id)
        return list(self.session.execute(stmt).scalars())
