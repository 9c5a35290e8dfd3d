"""Activities: the search key and subject sort key of an activity, a customer's activities,
and what "My day" and the visit plan read: the activities not done of some owners by time,
and the visits of a month per owner."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select

from app.data.activities.models import DONE, PLANNED, VISIT, Activity
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text

Owners = Collection[int] | None  # user ids; None: anyone's


class ActivityRepository(RecordRepository[Activity]):
    model = Activity
    sort_keys = {"subject": "subject_sort"}

    def prepare(self, record: Activity) -> None:
        super().prepare(record)
        record.search_text = activity_search_key(record.subject or "")

    # --- the customer and its contacts ------------------------------------------------
    def customer_owner(self, record: Any) -> int | None:
        """The owner of the activity's customer: whose records it counts among."""
        found = self.session.execute(select(Customer.owner_id)
                                     .where(Customer.id == record.customer_id)).first()
        return None if found is None else found[0]

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

    def of_customer(self, customer_id: int, limit: int = 1000) -> list[Activity]:
        """The customer's activities, the latest scheduled first."""
        stmt = (select(Activity).where(Activity.customer_id == customer_id)
                .order_by(Activity.scheduled_at.desc(), Activity.id.desc()).limit(limit))
        return list(self.session.execute(stmt).scalars())

    # --- "My day" ---------------------------------------------------------------------
    def planned_before(self, owners: Owners, until: datetime, limit: int,
                       visible: Owners = None) -> list[Activity]:
        """The activities not done scheduled before ``until`` of ``owners``, of customers
        owned by ``visible`` (None: anyone's), the latest first."""
        stmt = self._planned(select(Activity), owners, visible, None, until)
        stmt = stmt.order_by(Activity.scheduled_at.desc(), Activity.id.desc()).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def count_planned_before(self, owners: Owners, until: datetime,
                             visible: Owners = None) -> int:
        stmt = self._planned(select(func.count()).select_from(Activity), owners, visible,
                             None, until)
        return int(self.session.execute(stmt).scalar_one())

    def planned_between(self, owners: Owners, since: datetime, until: datetime, limit: int,
                        visible: Owners = None) -> list[Activity]:
        """The activities not done scheduled in [``since``, ``until``), by time."""
        stmt = self._planned(select(Activity), owners, visible, since, until)
        stmt = stmt.order_by(Activity.scheduled_at, Activity.id).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def _planned(self, stmt: Select[Any], owners: Owners, visible: Owners,
                 since: datetime | None, until: datetime) -> Select[Any]:
        stmt = _scoped(stmt, owners, visible).where(Activity.state == PLANNED,
                                                    Activity.scheduled_at < until)
        return stmt if since is None else stmt.where(Activity.scheduled_at >= since)

    # --- the visit plan ---------------------------------------------------------------
    def visits(self, owners: Owners, since: datetime, until: datetime, limit: int,
               visible: Owners = None) -> list[Activity]:
        """The visits scheduled in [``since``, ``until``), done or not, of ``owners``, of
        customers owned by ``visible`` (None: anyone's), by time."""
        stmt = self._visits(select(Activity), owners, visible, since, until)
        stmt = stmt.order_by(Activity.scheduled_at, Activity.id).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def visit_counts(self, owners: Owners, since: datetime, until: datetime,
                     visible: Owners = None) -> dict[int, tuple[int, int]]:
        """Owner id -> (visits scheduled in [``since``, ``until``), those of them done)."""
        done = func.sum(case((Activity.state == DONE, 1), else_=0))
        stmt = self._visits(select(Activity.owner_id, func.count(), done), owners, visible,
                            since, until).where(Activity.owner_id.is_not(None))
        rows = self.session.execute(stmt.group_by(Activity.owner_id)).all()
        return {int(r[0]): (int(r[1]), int(r[2] or 0)) for r in rows}

    @staticmethod
    def _visits(stmt: Select[Any], owners: Owners, visible: Owners, since: datetime,
                until: datetime) -> Select[Any]:
        return _scoped(stmt, owners, visible).where(
            Activity.kind == VISIT, Activity.scheduled_at >= since,
            Activity.scheduled_at < until)


def _scoped(stmt: Select[Any], owners: Owners, visible: Owners) -> Select[Any]:
    if owners is not None:
        stmt = stmt.where(Activity.owner_id.in_(list(owners) or [-1]))
    if visible is not None:
        stmt = stmt.join(Customer, Customer.id == Activity.customer_id).where(
            Customer.owner_id.in_(list(visible) or [-1]))
    return stmt


def activity_search_key(subject: str) -> str:
    """What a search finds an activity by: its subject as written and in pinyin (full and
    initials)."""
    search_text, _ = build_search_key([subject], (), (), [pinyin_of_text(subject)])
    return search_text
