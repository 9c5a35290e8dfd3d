"""The activities list: columns, filters (kind, state, owner, customer, overdue, ranges of
the scheduled time and the follow-up date), sorts and the search; the record scope follows
the customer's owner (see kit/keyset.py)."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import aliased

from app.data.activities.models import Activity, overdue_condition
from app.data.admin import User
from app.data.contacts import Contact
from app.data.customers import Customer
from app.data.kit.keyset import NOW, KeysetQueries, ListSpec, owner_label


class ActivityQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        owner = aliased(User)
        a = Activity
        plain = ("kind", "subject", "scheduled_at", "done_at", "outcome", "next_follow_up",
                 "state", "created_at", "updated_at")
        columns: dict[str, object] = {name: getattr(a, name) for name in plain}
        columns["customer"] = (a.customer_id, Customer.code, Customer.name)
        columns["contact"] = (a.contact_id, Contact.name, Contact.name)
        columns["owner"] = (a.owner_id, owner.username, owner_label(owner))
        return ListSpec(
            model=a, columns=columns,
            sorts={"scheduled_at": a.scheduled_at, "subject": a.subject_sort, "kind": a.kind,
                   "state": a.state, "created_at": a.created_at},
            filters={"kind": a.kind, "state": a.state, "owner": a.owner_id,
                     "customer": a.customer_id, "contact": a.contact_id,
                     "scheduled_at": a.scheduled_at, "next_follow_up": a.next_follow_up,
                     "created_at": a.created_at},
            flags={"overdue": overdue_condition(NOW)},
            scope=Customer.owner_id,
            joins=((Customer, Customer.id == a.customer_id),
                   (Contact, Contact.id == a.contact_id),
                   (owner, owner.id == a.owner_id)),
            search_column=a.search_text)
