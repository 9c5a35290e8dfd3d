"""The suppliers list: columns, filters, sorts and the search (see kit/keyset.py). Suppliers
have no owner: whoever may view suppliers sees them all."""

from __future__ import annotations

from functools import cache

from app.data.kit.keyset import KeysetQueries, ListSpec
from app.data.suppliers.models import Supplier


class SupplierQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        s = Supplier
        plain = ("code", "name", "category", "rating", "payment_terms_days", "country",
                 "province", "city", "postal_code", "phone", "fax", "email", "tax_id",
                 "bank_name", "bank_account", "updated_at", "created_at")
        return ListSpec(
            model=s, columns={name: getattr(s, name) for name in plain},
            sorts={"code": s.code, "name": s.name_sort, "category": s.category,
                   "rating": s.rating, "city": s.city_sort, "updated_at": s.updated_at},
            filters={"category": s.category, "rating": s.rating, "country": s.country,
                     "province": s.province, "city": s.city},
            archived=s.archived_at, search_column=s.search_text)
