"""The product, declared once: the catalogue's code (SKU), name, category, unit, prices and
tax rate; and the products' settings (the tax rate a new product gets)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.logic.kit import fields as f
from app.logic.kit.entity import Caution, Entity, Group
from app.logic.kit.fields import Label

# The units a sales department sells by, the most used first.
UNITS = (("pcs", "Piece", "个"), ("unit", "Unit", "台"), ("set", "Set", "套"),
         ("box", "Box", "箱"), ("item", "Item", "件"), ("pack", "Pack", "包"),
         ("kg", "kg", "千克"), ("t", "Tonne", "吨"), ("m", "Metre", "米"),
         ("m2", "Square metre", "平方米"), ("l", "Litre", "升"), ("hour", "Hour", "小时"),
         ("day", "Day", "天"), ("month", "Month", "月"), ("year", "Year", "年"),
         ("times", "Times (service)", "次"))
# China's VAT rates, kept as written ("0.13"): exact, and Decimal(rate) for a calculation.
TAX_RATES = (("0", "0%", "0%"), ("0.01", "1%", "1%"), ("0.03", "3%", "3%"),
             ("0.06", "6%", "6%"), ("0.09", "9%", "9%"), ("0.13", "13%", "13%"))
# A new product's tax rate until an administrator sets another: goods' standard rate.
FACTORY_TAX_RATE = "0.13"


def _cost_above_price(values: Mapping[str, Any]) -> bool:
    return bool(values["cost"] > values["list_price"])


PRODUCT = Entity(
    name="product", module="products",
    label=Label("Product", "产品"), plural=Label("Products", "产品"),
    # G (goods, 商品) and six digits: apart from customers' C and projects' P, so a code
    # read anywhere says what it names. A code given by hand is kept as given ("007").
    code_prefix="G", command="products",
    scope="",  # no record scope: whoever may view products sees every one
    fields=(
        f.text("code", "Code / SKU", "编号 / SKU", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.text("name", "Name", "名称", 200, required=True, sortable=True),
        f.text("category", "Category", "类别", 64, sortable=True, filterable=True),
        f.choice("unit", "Unit", "单位", UNITS, default="pcs", filterable=True),
        f.money("list_price", "List price", "标准售价", sortable=True, filterable=True),
        f.money("cost", "Cost", "成本价"),
        f.choice("tax_rate", "Tax rate", "税率", TAX_RATES, default=FACTORY_TAX_RATE,
                 filterable=True),
        f.boolean("active", "Active", "在售", default=True, filterable=True),
        f.notes("description", "Description", "描述"),
        f.moment("created_at", "Created", "创建时间"),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("code", "name", "category", "unit", "list_price", "cost", "tax_rate",
                  "active"),
    groups=(Group(Label("Product", "产品"), ("code", "name", "category", "unit", "active")),
            Group(Label("Price", "价格"), ("list_price", "cost", "tax_rate"))),
    warnings=(Caution(("cost", "list_price"), _cost_above_price,
                      Label("The cost is above the list price.", "成本价高于标准售价。")),),
)

# What an administrator sets for products (app/logic/kit/settings.py); the module "admin":
# only an administrator changes them, whoever views products reads them.
PRODUCT_SETTINGS = Entity(
    name="product_settings", module="admin",
    label=Label("Product settings", "产品设置"), plural=Label("Product settings", "产品设置"),
    key="", title="", scope="", archivable=False,
    fields=(
        f.choice("default_tax_rate", "Tax rate of new products", "新产品的默认税率",
                 TAX_RATES, default=FACTORY_TAX_RATE),
    ),
)
