"""Customers: loading with their contacts, the duplicate look-up, search and sort keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.data.customers.models import Customer
from app.data.kit.repository import RecordRepository
from app.data.kit.search import customer_search_key, sort_key


class CustomerRepository(RecordRepository[Customer]):
    model = Customer
    sequence = "customer"

    def load_options(self) -> list[Any]:
        return [selectinload(Customer.contacts)]

    def prepare(self, record: Customer) -> None:
        """The search key, name and city sort keys of a customer being created or edited."""
        record.search_text, record.search_short, record.name_sort = compute_search_key(record)
        record.city_sort = sort_key(record.city or "")

    def find_duplicates(self, name: str, tax_id: str, phone: str,
                        exclude_id: int | None = None, limit: int = 10) -> list[Customer]:
        conditions = []
        if name.strip():  # ix_customers_name_lower; SQL Server's collation ignores case
            dialect = self.session.get_bind().dialect.name
            conditions.append(Customer.name == name.strip() if dialect == "mssql"
                              else func.lower(Customer.name) == name.strip().lower())
        if tax_id.strip():
            conditions.append(Customer.tax_id == tax_id.strip())
        if phone.strip():
            conditions.append(Customer.phone == phone.strip())
        if not conditions:
            return []
        # Only the OR of the indexed conditions goes to SQL, so the planner looks the
        # candidates up by name, tax id and phone. With "archived_at IS NULL" in the WHERE
        # too, SQLite (without statistics) walked a list index over every customer: ~5 s
        # at a million rows. Archived customers and the one being edited are dropped here.
        stmt = select(Customer).where(or_(*conditions)).limit(limit * 5)
        found = self.session.execute(stmt).scalars().all()
        return [c for c in found if c.archived_at is None and c.id != exclude_id][:limit]

    def find_duplicates_many(self, rows: Sequence[tuple[str, str, str]], limit: int = 10
                             ) -> list[list[Customer]]:
        """``find_duplicates`` of each (name, tax id, phone), with one query per 300 rows
        (an import's chunk): the candidates by any of the names, tax ids and phones, then
        matched to each row as ``find_duplicates`` matches."""
        dialect = self.session.get_bind().dialect.name

        def fold(text: str) -> str:  # SQL Server's collation ignores case by itself
            return text.strip() if dialect == "mssql" else text.strip().lower()

        candidates: list[Customer] = []
        for start in range(0, len(rows), 300):
            part = rows[start:start + 300]
            names = sorted({fold(n) for n, _, _ in part if n.strip()})
            taxes = sorted({t.strip() for _, t, _ in part if t.strip()})
            phones = sorted({p.strip() for _, _, p in part if p.strip()})
            conditions = []
            if names:
                conditions.append(Customer.name.in_(names) if dialect == "mssql"
                                  else func.lower(Customer.name).in_(names))
            if taxes:
                conditions.append(Customer.tax_id.in_(taxes))
            if phones:
                conditions.append(Customer.phone.in_(phones))
            if conditions:
                candidates.extend(self.session.execute(
                    select(Customer).where(or_(*conditions))).scalars())
        live = [c for c in candidates if c.archived_at is None]
        found: list[list[Customer]] = []
        for name, tax_id, phone in rows:
            mine = [c for c in live if (name.strip() and fold(c.name) == fold(name)) or
                    (tax_id.strip() and c.tax_id == tax_id.strip()) or
                    (phone.strip() and c.phone == phone.strip())]
            found.append(list({c.id: c for c in mine}.values())[:limit])
        return found

    def store_search_key(self, customer: Customer) -> None:
        """Recompute and store the search key after a contact changed.

        A Core UPDATE, so the customer's version and updated_at stay as they are: editing a
        contact does not conflict with someone editing the customer's own fields.
        """
        search_text, search_short, _ = compute_search_key(customer)
        self.session.execute(
            update(Customer).where(Customer.id == customer.id)
            .values(search_text=search_text, search_short=search_short,
                    updated_at=Customer.updated_at)
            .execution_options(synchronize_session=False)
        )
        set_committed_value(customer, "search_text", search_text)
        set_committed_value(customer, "search_short", search_short)

    def cities(self, limit: int = 500) -> list[str]:
        """The cities customers are in, the most frequent first."""
        stmt = (select(Customer.city).where(Customer.city != "").group_by(Customer.city)
                .order_by(func.count().desc()).limit(limit))
        return [r[0] for r in self.session.execute(stmt)]

    def owners_of(self, ids: Sequence[int]) -> dict[int, int | None]:
        rows = self.session.execute(select(Customer.id, Customer.owner_id)
                                    .where(Customer.id.in_(list(ids)))).all()
        return {int(r[0]): r[1] for r in rows}


def compute_search_key(customer: Any) -> tuple[str, str, str]:
    contacts = list(customer.contacts)
    return customer_search_key(
        customer.name or "", customer.short_name or "", customer.code or "",
        customer.email or "", customer.city or "", customer.province or "",
        [c.name or "" for c in contacts], [c.email or "" for c in contacts],
        [customer.phone or "", customer.fax or "", *(c.phone or "" for c in contacts),
         *(c.mobile or "" for c in contacts)])
