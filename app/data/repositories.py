"""Repositories: the write side's way to load and add aggregates inside a unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Dialect, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.data.models import CodeSequence, Contact, Customer, User
from app.data.search import customer_search_key

# Built once: this runs before every service call.
_SESSION_STATE = select(User.is_active, User.must_change_password).where(
    User.id == bindparam("user_id"))
_SESSION_STATE_SQL: dict[str, tuple[str, bool]] = {}


class SessionState(NamedTuple):
    is_active: bool
    must_change_password: bool


def _session_state_sql(dialect: Dialect) -> tuple[str, bool]:
    """``_SESSION_STATE`` as the driver takes it: (SQL, whether parameters are positional)."""
    found = _SESSION_STATE_SQL.get(dialect.name)
    if found is None:
        compiled = _SESSION_STATE.compile(dialect=dialect)
        if compiled.positional and compiled.positiontup != ["user_id"]:
            raise RuntimeError(f"unexpected parameters for {dialect.name}: "
                               f"{compiled.positiontup}")
        found = _SESSION_STATE_SQL[dialect.name] = (compiled.string, compiled.positional)
    return found


class CustomerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, customer_id: int) -> Customer | None:
        return self.session.get(Customer, customer_id, options=[selectinload(Customer.contacts)])

    def get_by_code(self, code: str) -> Customer | None:
        return self.session.execute(
            select(Customer).options(selectinload(Customer.contacts)).where(Customer.code == code)
        ).scalar_one_or_none()

    def code_exists(self, code: str, exclude_id: int | None = None) -> bool:
        stmt = select(Customer.id).where(Customer.code == code)
        if exclude_id is not None:
            stmt = stmt.where(Customer.id != exclude_id)
        return self.session.execute(stmt.limit(1)).first() is not None

    def add(self, customer: Customer) -> Customer:
        self.session.add(customer)
        return customer

    def next_code(self, prefix: str = "C", width: int = 6) -> str:
        """The next free generated code, e.g. C000123 (the counter skips codes already used)."""
        seq = self.session.execute(
            select(CodeSequence).where(CodeSequence.name == "customer").with_for_update()
        ).scalar_one_or_none()
        if seq is None:
            seq = CodeSequence(name="customer", next_value=1)
            self.session.add(seq)
        while True:
            code = f"{prefix}{seq.next_value:0{width}d}"
            seq.next_value += 1
            if not self.code_exists(code):
                return code

    def find_duplicates(self, name: str, tax_id: str, phone: str,
                        exclude_id: int | None = None, limit: int = 10) -> Sequence[Customer]:
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

    @staticmethod
    def refresh_search_key(customer: Customer) -> None:
        """Recompute the search key of a customer being created or edited."""
        customer.search_text, customer.search_short, customer.name_sort = (
            compute_search_key(customer))


def compute_search_key(customer: Customer) -> tuple[str, str, str]:
    contacts = list(customer.contacts)
    return customer_search_key(
        customer.name or "", customer.short_name or "", customer.code or "",
        customer.email or "", customer.city or "", customer.province or "",
        [c.name or "" for c in contacts], [c.email or "" for c in contacts],
        [customer.phone or "", customer.fax or "", *(c.phone or "" for c in contacts),
         *(c.mobile or "" for c in contacts)])


class ContactRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, contact_id: int) -> Contact | None:
        return self.session.get(Contact, contact_id)

    def delete(self, contact: Contact) -> None:
        self.session.delete(contact)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def by_username(self, username: str) -> User | None:
        return self.session.execute(
            select(User).where(func.lower(User.username) == username.strip().lower())
        ).scalar_one_or_none()

    def add(self, user: User) -> User:
        self.session.add(user)
        return user

    def names(self, ids: Sequence[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self.session.execute(
            select(User.id, User.display_name, User.username).where(User.id.in_(wanted))
        ).all()
        return {r.id: r.display_name or r.username for r in rows}

    def session_state(self, user_id: int) -> SessionState | None:
        """(is_active, must_change_password) of a user, read on every action: straight
        through the driver, with the SQL compiled once per database (SQLAlchemy's
        statement execution costs about 45 µs here, four times the look-up itself)."""
        connection = self.session.connection()
        sql, positional = _session_state_sql(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, (user_id,) if positional else {"user_id": user_id})
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else SessionState(bool(row[0]), bool(row[1]))

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(User)).scalar_one())

    def list_all(self) -> Sequence[User]:
        return self.session.execute(select(User).order_by(User.username)).scalars().all()
