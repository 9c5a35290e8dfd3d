"""The products table: the catalogue's codes, names, prices and tax rates, with the keys the
list sorts and searches by."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Index, Unicode, UnicodeText
from sqlalchemy.orm import Mapped, mapped_column

from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import only_on, unarchived_index
from app.data.types import Money, UtcDateTime

# The list's sorts: (index name, column).
SORTS = (("code", "code"), ("name", "name_sort"), ("category", "category_sort"),
         ("price", "list_price"))
# What SQLite's list indexes hold after (archived_at, sort, id): the search key and the
# columns the list is filtered by (see ``Product.__table_args__``).
LISTED = ("search_text", "category", "unit", "active", "tax_rate")


class Product(Tracked, Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    # As given ("007" stays "007") or generated (G000001).
    code: Mapped[str] = mapped_column(Unicode(20), unique=True)
    name: Mapped[str] = mapped_column(Unicode(200))
    category: Mapped[str] = mapped_column(Unicode(64), default="")
    unit: Mapped[str] = mapped_column(Unicode(16), default="pcs")
    list_price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    # One of the rates offered ("0", "0.01" ... "0.13"), kept as written: exact.
    tax_rate: Mapped[str] = mapped_column(Unicode(8), default="0.13")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(UnicodeText, default="")
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Sort keys: pinyin for Chinese, blanks last (app.data.kit.search.sort_key).
    name_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    category_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: code, name and the name's pinyin (full and initials), case-folded (LIKE;
    # on PostgreSQL backed by a pg_trgm index, which migration 0011 makes by hand).
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    __table_args__ = (
        # The category filter (and the list of categories a filter offers).
        Index("ix_products_category", "category", "id"),
        # SQLite's list indexes, one per sort of the list (see app/data/kit/indexes.py),
        # holding the search key and the filtered columns too: a search or a filter walks
        # the index in the list's order and reads from the table only the rows it shows
        # (100,000 products: a code found once 52-92 ms -> 17-24 ms, a category of 21
        # products 38-61 ms -> 10 ms, a filter's or a search's count 41-87 ms -> 6-16 ms;
        # 35 MB more index: benchmarks/products.py).
        *(only_on(Index(f"ix_products_list_{name}", "archived_at", column, "id", *LISTED),
                  "sqlite")
          for name, column in SORTS),
    )


# The server databases' list indexes of the products not archived (app/data/kit/indexes.py).
for _name, _attr in SORTS:
    unarchived_index(f"ix_products_unarchived_{_name}", getattr(Product, _attr), Product.id,
                     archived=Product.archived_at)
