"""The activities table: visits, calls, meetings, e-mails and tasks with a customer, planned
for a time, done (or not yet) with an outcome, owned by a salesperson."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, Date, ForeignKey, Index, Unicode, UnicodeText, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.data.kit.base import Base, Tracked
from app.data.types import UtcDateTime, utcnow

PLANNED, DONE = "planned", "done"
VISIT = "visit"  # the kind the visit plan counts
# The list's sorts: (index name, column).
SORTS = (("scheduled", "scheduled_at"), ("kind", "kind"), ("subject", "subject_sort"),
         ("state", "state"), ("created", "created_at"))


class Activity(Tracked, Base):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(Unicode(16))
    # No cascade: customers are archived, never deleted with their activities.
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    subject: Mapped[str] = mapped_column(Unicode(200))
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(Unicode(16), default=PLANNED)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str] = mapped_column(UnicodeText, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    # Sort key of the subject: pinyin for Chinese, blanks last (app.data.kit.search.sort_key).
    subject_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: subject and its pinyin, case-folded (LIKE).
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # A customer's activities (its tab, its timeline) and the record scope, which
        # follows the customer's owner.
        Index("ix_activities_customer", "customer_id", "scheduled_at"),
        # A user's day: what is planned for them, by time ("My day").
        Index("ix_activities_owner_day", "owner_id", "state", "scheduled_at"),
        # The month's visits per salesperson (the visit plan).
        Index("ix_activities_plan", "kind", "scheduled_at", "owner_id"),
        # The activities not done whose time has gone (the list's overdue filter).
        Index("ix_activities_state_scheduled", "state", "scheduled_at"),
        # One index per sort of the list (activities are never archived).
        *(Index(f"ix_activities_list_{name}", column, "id") for name, column in SORTS),
    )

    @property
    def overdue(self) -> bool:
        """Not done and its time gone (what ``overdue_condition`` selects)."""
        return self.state == PLANNED and self.scheduled_at < utcnow()


def overdue_condition(now: ColumnElement[datetime] | datetime) -> ColumnElement[bool]:
    """The activities not done whose time is before ``now`` (a time or a bind parameter)."""
    return and_(Activity.state == PLANNED, Activity.scheduled_at < now)
