"""The suppliers table, with the keys its list sorts and searches by, and the products each
supplies."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, Unicode, UnicodeText, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.data.kit.base import Base, Tracked
from app.data.kit.indexes import only_on, unarchived_index
from app.data.types import Money, UtcDateTime

if TYPE_CHECKING:
    from app.data.contacts import Contact

# The list's sorts: (index name, column).
SORTS = (("code", "code"), ("name", "name_sort"), ("category", "category"),
         ("rating", "rating"), ("city", "city_sort"), ("updated", "updated_at"))


class Supplier(Tracked, Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(Unicode(20), unique=True)
    name: Mapped[str] = mapped_column(Unicode(200))
    category: Mapped[str] = mapped_column(Unicode(64), default="")
    rating: Mapped[str] = mapped_column(Unicode(1), default="")
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    country: Mapped[str] = mapped_column(Unicode(64), default="中国")
    province: Mapped[str] = mapped_column(Unicode(64), default="")
    city: Mapped[str] = mapped_column(Unicode(64), default="")
    address: Mapped[str] = mapped_column(Unicode(300), default="")
    postal_code: Mapped[str] = mapped_column(Unicode(16), default="")
    phone: Mapped[str] = mapped_column(Unicode(40), default="")
    fax: Mapped[str] = mapped_column(Unicode(40), default="")
    email: Mapped[str] = mapped_column(Unicode(254), default="")
    tax_id: Mapped[str] = mapped_column(Unicode(32), default="")
    bank_name: Mapped[str] = mapped_column(Unicode(128), default="")
    bank_account: Mapped[str] = mapped_column(Unicode(64), default="")
    notes: Mapped[str] = mapped_column(UnicodeText, default="")
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Sort keys: pinyin for Chinese, blanks last (app.data.kit.search.sort_key).
    name_sort: Mapped[str] = mapped_column(Unicode(400), default="1")
    city_sort: Mapped[str] = mapped_column(Unicode(200), default="1")
    # Search key: name, code, category, city, country, phones, e-mail, contacts, pinyin.
    search_text: Mapped[str] = mapped_column(UnicodeText, default="")

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="supplier", order_by="Contact.id", cascade="all, delete-orphan")
    products: Mapped[list[SupplierProduct]] = relationship(
        back_populates="supplier", order_by="SupplierProduct.id",
        cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_suppliers_tax_id", "tax_id"),
        # SQLite's list indexes, one per sort of the list (see app/data/kit/indexes.py).
        *(only_on(Index(f"ix_suppliers_list_{name}", "archived_at", column, "id"), "sqlite")
          for name, column in SORTS),
    )


# The server databases' list indexes of the suppliers not archived (app/data/kit/indexes.py).
for _name, _attr in SORTS:
    unarchived_index(f"ix_suppliers_unarchived_{_name}", getattr(Supplier, _attr), Supplier.id,
                     archived=Supplier.archived_at)


class SupplierProduct(Tracked, Base):
    """A product a supplier supplies (each once), with the supplier's own code for it,
    the price the supplier charges and how many days a delivery takes."""

    __tablename__ = "supplier_products"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    # No cascade: products are archived, never deleted while suppliers supply them.
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    supplier_code: Mapped[str] = mapped_column(Unicode(40), default="")
    purchase_price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)

    supplier: Mapped[Supplier] = relationship(back_populates="products")

    __table_args__ = (
        # A product once per supplier; the product's suppliers (the product form).
        UniqueConstraint("product_id", "supplier_id"),
        # The supplier's products, in the order they were added.
        Index("ix_supplier_products_supplier", "supplier_id", "id"),
    )
