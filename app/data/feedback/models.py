"""The feedback table: a customer's service tickets (complaints, service requests, fault
reports, suggestions, praise) with their state, due time and outcome."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, Index, Integer, Unicode, UnicodeText, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.data.kit.base import Base, Tracked
from app.data.types import UtcDateTime, utcnow

# The states of a ticket still open: neither resolved nor closed (the logic's workflow says
# the same: tests/logic/feedback checks they agree).
OPEN = ("new", "assigned", "in_progress")
# The list's sorts: (index name, column).
SORTS = (("number", "number"), ("subject", "subject_sort"), ("type", "type"),
         ("priority", "priority"), ("status", "status"), ("due", "due_at"),
         ("created", "created_at"))


class Feedback(Tracked, Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Unicode(20), unique=True)
    type: Mapped[str] = mapped_column(Unicode(16))
    channel: Mapped[str] = mapped_column(Unicode(16), default="phone")
    # No cascade: customers are archived, never deleted with their tickets.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    subject: Mapped[str] = mapped_column(Unicode(200))
    description: Mapped[str] = mapped_column(UnicodeText, default="")
    priority: Mapped[str] = mapped_column(Unicode(16), default="normal")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # From the SLA: the creation time plus the hours of the priority.
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(Unicode(16), default="new")
    resolution: Mapped[str] = mapped_column(UnicodeText, default="")
    cause: Mapped[str] = mapped_column(UnicodeText, default="")
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    satisfaction_comment: Mapped[str] = mapped_column(UnicodeText, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Sort key of the subject: pinyin for Chinese, blanks last (app.data.kit.search.sort_key).
    subject_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: number, subject and the subject's pinyin, case-folded (LIKE).
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # A customer's tickets (its tab and overview) and the record scope, which follows
        # the customer's owner.
        Index("ix_feedback_customer", "customer_id", "id"),
        # A user's open tickets by due time (the overdue ones of "My day").
        Index("ix_feedback_assignee", "assignee_id", "status", "due_at"),
        # The open tickets past their due time (the list's overdue filter).
        Index("ix_feedback_status_due", "status", "due_at"),
        # One index per sort of the list (tickets are closed, never archived).
        *(Index(f"ix_feedback_list_{name}", column, "id") for name, column in SORTS),
    )

    @property
    def open(self) -> bool:
        """Neither resolved nor closed (the list's ``open`` filter)."""
        return self.status in OPEN

    @property
    def overdue(self) -> bool:
        """Open and past its due time (what ``overdue_condition`` selects)."""
        return self.status in OPEN and self.due_at < utcnow()


def overdue_condition(now: ColumnElement[datetime] | datetime) -> ColumnElement[bool]:
    """The tickets open and past their due time at ``now`` (a time or a bind parameter)."""
    return and_(Feedback.status.in_(OPEN), Feedback.due_at < now)
