"""The customer list: columns, filters, sorts and the FTS search (see kit/keyset.py)."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import aliased

from app.data.admin import User
from app.data.customers.models import Customer
from app.data.kit.keyset import KeysetQueries, ListSpec, owner_label


class CustomerQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        owner = aliased(User)
        c = Customer
        plain = ("code", "name", "short_name", "kind", "status", "tier", "city", "province",
                 "industry", "ownership", "size_band", "phone", "email", "source", "tags",
                 "credit_rating", "credit_limit", "payment_terms_days", "tax_id",
                 "key_account", "lifecycle", "churn_reason", "updated_at", "created_at")
        columns = {name: getattr(c, name) for name in plain}
        columns["owner"] = (c.owner_id, owner.username, owner_label(owner))
        return ListSpec(
            model=c, columns=columns,
            sorts={"name": c.name_sort, "code": c.code, "city": c.city_sort,
                   "status": c.status, "tier": c.tier, "updated_at": c.updated_at,
                   "owner": c.owner_id, "created_at": c.created_at},
            filters={"status": c.status, "tier": c.tier, "city": c.city,
                     "owner": c.owner_id, "kind": c.kind, "industry": c.industry,
                     "province": c.province, "credit_rating": c.credit_rating,
                     "ownership": c.ownership, "size_band": c.size_band,
                     "key_account": c.key_account, "lifecycle": c.lifecycle,
                     "churn_reason": c.churn_reason, "created_at": c.created_at},
            flags={"churn_warning": c.churn_reason != ""},
            scope=c.owner_id, archived=c.archived_at,
            joins=((owner, owner.id == c.owner_id),),
            search_column=c.search_text, fts=True)
