"""Products: the sort and search keys of a product, and the categories in use."""

from __future__ import annotations

from sqlalchemy import func, select

from app.data.kit.repository import RecordRepository
from app.data.kit.search import build_search_key, pinyin_of_text
from app.data.products.models import Product


class ProductRepository(RecordRepository[Product]):
    model = Product
    sequence = "product"
    sort_keys = {"name": "name_sort", "category": "category_sort"}

    def prepare(self, record: Product) -> None:
        super().prepare(record)
        record.search_text = product_search_key(record.name or "", record.code or "")

    def categories(self, limit: int = 500) -> list[str]:
        """The categories products are in (archived ones too), the most used first."""
        stmt = (select(Product.category).where(Product.category != "")
                .group_by(Product.category).order_by(func.count().desc(), Product.category)
                .limit(limit))
        return [str(r[0]) for r in self.session.execute(stmt)]


def product_search_key(name: str, code: str) -> str:
    """What a search finds a product by: its name as written and in pinyin (full and
    initials), and its code."""
    search_text, _ = build_search_key([name, code], (), (), [pinyin_of_text(name)])
    return search_text
