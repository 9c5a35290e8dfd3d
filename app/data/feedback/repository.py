"""Feedback tickets: the search key and subject sort key of a ticket, a customer's tickets,
the overdue ones of some assignees, and who may work tickets."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from app.data.admin import Role, RolePermission, User, UserRole
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.feedback.models import OPEN, Feedback, overdue_condition
from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text


class FeedbackRepository(RecordRepository[Feedback]):
    model = Feedback
    key_attr = "number"
    sequence = "feedback"
    sort_keys = {"subject": "subject_sort"}

    def prepare(self, record: Feedback) -> None:
        super().prepare(record)
        record.search_text = feedback_search_key(record.subject or "", record.number or "")

    # --- the customer -----------------------------------------------------------------
    def customer_owner(self, record: Any) -> int | None:
        """The owner of the ticket's customer: whose records it counts among."""
        return self.customer_owners([record.customer_id]).get(record.customer_id)

    def customer_owners(self, customer_ids: Collection[int]) -> dict[int, int | None]:
        rows = self.session.execute(select(Customer.id, Customer.owner_id)
                                    .where(Customer.id.in_(list(customer_ids)))).all()
        return {int(r[0]): r[1] for r in rows}

    def customer_of_contact(self, contact_id: int) -> int | None:
        """The customer a contact belongs to (None: a supplier's, or no such contact)."""
        found = self.session.execute(select(Contact.customer_id)
                                     .where(Contact.id == contact_id)).first()
        return None if found is None else found[0]

    def contact_named(self, customer_id: int, name: str) -> int | None:
        """The id of the customer's contact called ``name`` (the primary one first, then
        the oldest), if it has one."""
        stmt = (select(Contact.id).where(Contact.customer_id == customer_id,
                                         Contact.name == name.strip())
                .order_by(Contact.is_primary.desc(), Contact.id).limit(1))
        found = self.session.execute(stmt).first()
        return None if found is None else int(found[0])

    # --- a customer's tickets ---------------------------------------------------------
    def of_customer(self, customer_id: int, statuses: Collection[str] | None = None,
                    limit: int = 1000) -> list[Feedback]:
        """The customer's tickets (of ``statuses``, when given), the newest first."""
        stmt = select(Feedback).where(Feedback.customer_id == customer_id)
        if statuses is not None:
            stmt = stmt.where(Feedback.status.in_(list(statuses)))
        stmt = stmt.order_by(Feedback.id.desc()).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def open_counts_of_customer(self, customer_id: int, now: datetime) -> tuple[int, int]:
        """How many of the customer's tickets are open, and how many of those overdue."""
        late = func.sum(case((overdue_condition(now), 1), else_=0))
        stmt = select(func.count(), late).select_from(Feedback).where(
            Feedback.customer_id == customer_id, Feedback.status.in_(OPEN))
        total, overdue = self.session.execute(stmt).one()
        return int(total or 0), int(overdue or 0)

    def overdue_assigned(self, assignees: Collection[int], owners: Collection[int] | None,
                         now: datetime, limit: int) -> list[Feedback]:
        """The open tickets past their due time assigned to ``assignees``, of customers
        owned by ``owners`` (None: any), the longest overdue first."""
        stmt = select(Feedback).where(Feedback.assignee_id.in_(list(assignees) or [-1]),
                                      overdue_condition(now))
        if owners is not None:
            stmt = stmt.join(Customer, Customer.id == Feedback.customer_id).where(
                Customer.owner_id.in_(list(owners) or [-1]))
        stmt = stmt.order_by(Feedback.due_at, Feedback.id).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def customers_with_feedback(self, owners: Collection[int] | None, limit: int
                                ) -> list[tuple[int, str, str]]:
        """(id, code, name) of the customers with tickets, of ``owners`` (None: all), by
        name: what the list's customer filter offers."""
        has = select(Feedback.id).where(Feedback.customer_id == Customer.id).exists()
        stmt = select(Customer.id, Customer.code, Customer.name).where(has)
        if owners is not None:
            stmt = stmt.where(Customer.owner_id.in_(list(owners) or [-1]))
        stmt = stmt.order_by(Customer.name_sort, Customer.id).limit(limit)
        return [(int(r[0]), str(r[1]), str(r[2])) for r in self.session.execute(stmt)]

    # --- who works tickets ------------------------------------------------------------
    def users_with_right(self, module: str, action: str) -> list[tuple[int, str, str]]:
        """(id, user name, display name) of the active users one of whose roles holds the
        right ``module.action``, by user name."""
        holds = (select(UserRole.user_id)
                 .join(Role, Role.id == UserRole.role_id)
                 .join(RolePermission, RolePermission.role_id == Role.id)
                 .where(RolePermission.module == module, RolePermission.action == action))
        stmt = (select(User.id, User.username, User.display_name)
                .where(User.is_active.is_(True), User.id.in_(holds))
                .order_by(User.username))
        return [(int(r[0]), str(r[1]), str(r[2] or "")) for r in self.session.execute(stmt)]


def feedback_search_key(subject: str, number: str) -> str:
    """What a search finds a ticket by: its subject as written and in pinyin (full and
    initials), and its number."""
    search_text, _ = build_search_key([subject, number], (), (), [pinyin_of_text(subject)])
    return search_text
