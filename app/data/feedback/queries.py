"""The feedback list: columns, filters (status, type, priority, assignee, customer, overdue,
ranges of the due and creation times), sorts and the search; the record scope follows the
customer's owner (see kit/keyset.py)."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import aliased

from app.data.admin import User
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.feedback.models import OPEN, Feedback, overdue_condition
from app.data.kit.keyset import NOW, KeysetQueries, ListSpec, owner_label


class FeedbackQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        assignee = aliased(User)
        t = Feedback
        plain = ("number", "type", "channel", "subject", "priority", "due_at", "status",
                 "satisfaction", "resolved_at", "closed_at", "created_at", "updated_at")
        columns: dict[str, object] = {name: getattr(t, name) for name in plain}
        columns["customer"] = (t.customer_id, Customer.code, Customer.name)
        columns["contact"] = (t.contact_id, Contact.name, Contact.name)
        columns["assignee"] = (t.assignee_id, assignee.username, owner_label(assignee))
        return ListSpec(
            model=t, columns=columns,
            sorts={"number": t.number, "subject": t.subject_sort, "type": t.type,
                   "priority": t.priority, "status": t.status, "due_at": t.due_at,
                   "created_at": t.created_at},
            filters={"type": t.type, "channel": t.channel, "priority": t.priority,
                     "status": t.status, "assignee": t.assignee_id,
                     "customer": t.customer_id, "satisfaction": t.satisfaction,
                     "due_at": t.due_at, "created_at": t.created_at},
            flags={"overdue": overdue_condition(NOW), "open": t.status.in_(OPEN)},
            scope=Customer.owner_id,
            joins=((Customer, Customer.id == t.customer_id),
                   (Contact, Contact.id == t.contact_id),
                   (assignee, assignee.id == t.assignee_id)),
            search_column=t.search_text)
