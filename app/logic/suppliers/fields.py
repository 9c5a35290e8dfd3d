"""The supplier and the products it supplies, declared once: their fields, their names in
English and Chinese, the form's groups, what the list filters and sorts by."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group, Requirement
from app.logic.kit.fields import Label
from app.logic.kit.validation import CHINA

# How well a supplier serves: A excellent ... D not to be used (供应商等级 A-D).
RATINGS = (("A", "A (excellent)", "A级（优秀）"), ("B", "B (good)", "B级（良好）"),
           ("C", "C (acceptable)", "C级（合格）"), ("D", "D (unacceptable)", "D级（不合格）"))
DEFAULT_COUNTRY = "中国"
LEAD_TIME_MAX = 365  # days
PAYMENT_TERMS_MAX = 365  # days

SUPPLIER = Entity(
    name="supplier", module="suppliers",
    label=Label("Supplier", "供应商"), plural=Label("Suppliers", "供应商"),
    # Suppliers have no owner: whoever may view suppliers sees them all.
    code_prefix="S", scope="", duplicate_fields=("name", "tax_id"), command="suppliers",
    fields=(
        f.text("name", "Name", "名称", 200, required=True, sortable=True,
               placeholder=Label("Full registered name", "注册全称")),
        f.text("code", "Code", "编号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.text("category", "Category", "类别", 64, filterable=True, sortable=True,
               placeholder=Label("Parts, packaging, services...", "零件、包装、服务……")),
        f.choice("rating", "Rating", "等级", RATINGS, required=False, filterable=True,
                 sortable=True),
        f.integer("payment_terms_days", "Payment terms (days)", "账期（天）", 0,
                  PAYMENT_TERMS_MAX, default=30),
        f.text("country", "Country / region", "国家/地区", 64, default=DEFAULT_COUNTRY,
               filterable=True),
        f.text("province", "Province / region", "省份/地区", 64, filterable=True,
               listed=False),
        f.text("city", "City", "城市", 64, filterable=True, sortable=True),
        f.lines("address", "Address", "地址", 300, listed=False),
        f.text("postal_code", "Postal code", "邮政编码", 16, kind="postal_code",
               listed=False),
        f.text("phone", "Phone", "电话", 40, kind="phone"),
        f.text("fax", "Fax", "传真", 40, kind="phone", listed=False),
        f.text("email", "E-mail", "电子邮件", 254, kind="email"),
        f.text("tax_id", "Tax ID / USCC", "税号 / 统一社会信用代码", 32, kind="tax_id"),
        f.text("bank_name", "Bank", "开户银行", 128, listed=False),
        f.text("bank_account", "Bank account", "银行账号", 64, listed=False),
        f.notes("notes", "Notes", "备注", 20000),
        f.moment("created_at", "Created", "创建时间"),
        f.moment("updated_at", "Updated", "更新时间", sortable=True),
    ),
    list_columns=("code", "name", "category", "rating", "country", "city", "phone",
                  "updated_at"),
    groups=(
        Group(Label("Basic information", "基本信息"),
              ("name", "code", "category", "rating", "payment_terms_days")),
        Group(Label("Address and phone", "地址和电话"),
              ("country", "province", "city", "address", "postal_code", "phone", "fax",
               "email")),
        Group(Label("Finance", "财务"), ("tax_id", "bank_name", "bank_account")),
    ),
    # A supplier abroad is written as it is there: province and city only for China.
    requirements=(Requirement("country", CHINA, ("province", "city"),
                              Label("for a supplier in China", "（中国供应商必填）")),),
    extra={"sort_aliases": {"updated": "updated_at"}},
)

SUPPLIED = Entity(
    name="supplier_product", module="suppliers",
    label=Label("Supplied product", "供货产品"), plural=Label("Supplied products", "供货产品"),
    # A part of its supplier: no key of its own, no owner, removed rather than archived.
    key="", scope="", archivable=False, parent="supplier",
    fields=(
        f.reference("supplier", "Supplier", "供应商", "supplier", required=True,
                    filterable=True),
        f.reference("product", "Product", "产品", "product", required=True, filterable=True),
        f.text("supplier_code", "Supplier's product code", "供应商产品编号", 40),
        f.money("purchase_price", "Purchase price", "采购价", default=None, required=True),
        f.integer("lead_time_days", "Lead time (days)", "交货期（天）", 0, LEAD_TIME_MAX,
                  required=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("product", "supplier_code", "purchase_price", "lead_time_days"),
    default_sort="id",
    groups=(Group(Label("Supplied product", "供货产品"),
                  ("product", "supplier_code", "purchase_price", "lead_time_days")),),
)
