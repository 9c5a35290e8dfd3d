"""Contacts of a customer."""

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
        return [selectinload(Contact.customer)]

    def of_customer(self, customer_id: int) -> list[Contact]:
        stmt = select(Contact).where(Contact.customer_id == customer_id).order_by(Contact.id)
        return list(self.session.execute(stmt).scalars())
