"""The products list: columns, filters, sorts and the search (see kit/keyset.py). Products
have no record scope: whoever may view products sees all of them."""

from __future__ import annotations

from functools import cache

from app.data.kit.keyset import KeysetQueries, ListSpec
from app.data.products.models import Product


class ProductQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        p = Product
        plain = ("code", "name", "category", "unit", "list_price", "cost", "tax_rate",
                 "active", "updated_at", "created_at")
        return ListSpec(
            model=p, columns={name: getattr(p, name) for name in plain},
            sorts={"code": p.code, "name": p.name_sort, "category": p.category_sort,
                   "list_price": p.list_price},
            filters={"category": p.category, "unit": p.unit, "active": p.active,
                     "tax_rate": p.tax_rate, "list_price": p.list_price},
            archived=p.archived_at, search_column=p.search_text)
