"""Products' data: the table, its repository and its list. The module's public API."""

from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule
from app.data.products.models import Product
from app.data.products.queries import ProductQueries
from app.data.products.repository import ProductRepository, product_search_key

__all__ = ["DATA", "Product", "ProductQueries", "ProductRepository", "product_search_key"]

# Others refer to a product by its code. Only an active product that is not archived may be
# referred to anew (a new order line); a reference already made stays as it is.
DATA = DataModule("products", refs={"product": RefTarget(
    Product, Product.code, Product.name, upper=True, active=Product.active,
    archived=Product.archived_at)})
