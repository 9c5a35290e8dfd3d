"""Suppliers: loading with their contacts, the duplicate look-up, search and sort keys."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text
from app.data.suppliers.models import Supplier, SupplierProduct


class SupplierRepository(RecordRepository[Supplier]):
    model = Supplier
    sequence = "supplier"
    sort_keys = {"name": "name_sort", "city": "city_sort"}

    def load_options(self) -> list[Any]:
        return [selectinload(Supplier.contacts), selectinload(Supplier.products)]

    def prepare(self, record: Supplier) -> None:
        super().prepare(record)
        record.search_text = supplier_search_key(record)

    def store_search_key(self, supplier: Supplier) -> None:
        """Store the search key again after a contact changed, without a new version of the
        supplier (a Core UPDATE, as for customers)."""
        search_text = supplier_search_key(supplier)
        self.session.execute(
            update(Supplier).where(Supplier.id == supplier.id)
            .values(search_text=search_text, updated_at=Supplier.updated_at)
            .execution_options(synchronize_session=False))
        set_committed_value(supplier, "search_text", search_text)

    def find_duplicates(self, name: str, tax_id: str, exclude_id: int | None = None,
                        limit: int = 10) -> list[Supplier]:
        """Suppliers not archived with the same name (ignoring case) or tax id."""
        conditions = []
        if name.strip():
            conditions.append(func.lower(Supplier.name) == name.strip().lower())
        if tax_id.strip():
            conditions.append(Supplier.tax_id == tax_id.strip())
        if not conditions:
            return []
        stmt = select(Supplier).where(or_(*conditions), Supplier.archived_at.is_(None))
        if exclude_id is not None:
            stmt = stmt.where(Supplier.id != exclude_id)
        return list(self.session.execute(stmt.order_by(Supplier.id).limit(limit)).scalars())

    def in_use(self, attr: str, limit: int = 500) -> list[str]:
        """The values of ``attr`` (category, country) suppliers have, the most frequent
        first, blanks left out."""
        column = getattr(Supplier, attr)
        stmt = (select(column).where(column != "").group_by(column)
                .order_by(func.count().desc(), column).limit(limit))
        return [r[0] for r in self.session.execute(stmt)]


class SupplierProductRepository(RecordRepository[SupplierProduct]):
    """The products suppliers supply: a supplier's, a product's, one pair."""

    model = SupplierProduct
    key_attr = "id"

    def of_supplier(self, supplier_id: int) -> list[SupplierProduct]:
        stmt = (select(SupplierProduct).where(SupplierProduct.supplier_id == supplier_id)
                .order_by(SupplierProduct.id))
        return list(self.session.execute(stmt).scalars())

    def of_product(self, product_id: int) -> list[SupplierProduct]:
        """Who supplies the product: the suppliers not archived, by name."""
        stmt = (select(SupplierProduct).join(Supplier)
                .where(SupplierProduct.product_id == product_id,
                       Supplier.archived_at.is_(None))
                .order_by(Supplier.name_sort, Supplier.id))
        return list(self.session.execute(stmt).scalars())

    def pair(self, supplier_id: int, product_id: int) -> SupplierProduct | None:
        stmt = select(SupplierProduct).where(SupplierProduct.supplier_id == supplier_id,
                                             SupplierProduct.product_id == product_id)
        found: SupplierProduct | None = self.session.execute(stmt).scalar_one_or_none()
        return found


def supplier_search_key(supplier: Any) -> str:
    """What a search finds a supplier by: its name (as written and in pinyin), code,
    category, city, country, e-mail, phones, and its contacts' names, e-mails and phones."""
    contacts = list(supplier.contacts)
    names = [c.name or "" for c in contacts]
    texts = [supplier.name or "", supplier.code or "", supplier.category or "",
             supplier.city or "", supplier.country or "", supplier.email or "", *names,
             *(c.email or "" for c in contacts)]
    phones = [supplier.phone or "", supplier.fax or "",
              *(c.phone or "" for c in contacts), *(c.mobile or "" for c in contacts)]
    pinyin = [pinyin_of_text(supplier.name or ""), pinyin_of_text(supplier.city or ""),
              *map(pinyin_of_text, names)]
    search_text, _ = build_search_key(texts, (), phones, pinyin)
    return search_text

