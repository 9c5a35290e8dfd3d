"""Products: the catalogue (code/SKU, name, category, unit, prices, tax rate, active). The
module's public API.

Later modules put products on order lines through ``ProductService.product_for_new_line``
(only an active product that is not archived) or a reference field to "product", which the
kit refuses in the same case when it is new or changed and keeps when it is not.
"""

from app.logic.kit.registry import LogicModule
from app.logic.products.fields import (
    FACTORY_TAX_RATE,
    PRODUCT,
    PRODUCT_SETTINGS,
    TAX_RATES,
    UNITS,
)
from app.logic.products.service import ProductService, ProductSettingsService

__all__ = ["FACTORY_TAX_RATE", "MODULE", "PRODUCT", "PRODUCT_SETTINGS", "TAX_RATES", "UNITS",
           "ProductService", "ProductSettingsService"]

MODULE = LogicModule("products", services={"products": ProductService,
                                           "product_settings": ProductSettingsService},
                     entities=(PRODUCT, PRODUCT_SETTINGS))
