"""The projects list: columns, filters (a start-date range too), sorts and the search; the
record scope follows the customer's owner (see kit/keyset.py)."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import aliased

from app.data.admin import User
from app.data.customers import Customer
from app.data.kit.keyset import KeysetQueries, ListSpec, owner_label
from app.data.projects.models import Project


class ProjectQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        owner = aliased(User)
        p = Project
        plain = ("code", "name", "stage", "budget", "start_date", "end_date", "updated_at",
                 "created_at")
        columns = {name: getattr(p, name) for name in plain}
        columns["customer"] = (p.customer_id, Customer.code, Customer.name)
        columns["owner"] = (p.owner_id, owner.username, owner_label(owner))
        return ListSpec(
            model=p, columns=columns,
            sorts={"code": p.code, "name": p.name_sort, "stage": p.stage,
                   "start_date": p.start_date, "end_date": p.end_date, "budget": p.budget},
            filters={"stage": p.stage, "owner": p.owner_id, "customer": p.customer_id,
                     "budget": p.budget, "start_date": p.start_date, "end_date": p.end_date},
            scope=Customer.owner_id, archived=p.archived_at,
            joins=((Customer, Customer.id == p.customer_id), (owner, owner.id == p.owner_id)),
            search_column=p.search_text)
