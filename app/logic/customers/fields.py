"""The customer, declared once: its fields, their names in English and Chinese, the form's
groups, what the list filters and sorts by."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group, Requirement
from app.logic.kit.fields import Label
from app.logic.kit.validation import CHINA

STATUSES = (("prospect", "Prospect", "意向客户"), ("active", "Active", "活跃客户"),
            ("dormant", "Dormant", "休眠客户"), ("lost", "Lost", "流失客户"))
TIERS = (("premium", "Premium", "优质"), ("major", "Major", "主要"),
         ("ordinary", "Ordinary", "普通"), ("restricted", "Restricted", "限制"),
         ("potential", "Potential", "潜在"))
KINDS = (("company", "Company", "企业"), ("individual", "Individual", "个人"))
OWNERSHIPS = (("state", "State-owned", "国有"), ("private", "Private", "民营"),
              ("foreign", "Foreign-owned", "外资"), ("joint_venture", "Joint venture", "合资"),
              ("collective", "Collective", "集体"), ("other", "Other", "其他"))
SIZE_BANDS = (("micro", "Micro", "微型"), ("small", "Small", "小型"),
              ("medium", "Medium", "中型"), ("large", "Large", "大型"))
DEFAULT_COUNTRY = "中国"
# The grades of docs/credit.md (computed from payment behaviour, or set by hand).
CREDIT_RATINGS = tuple((r, r, r) for r in ("AAA", "AA", "A", "B", "C"))
# The customer's credit terms: they change only with the right finance.credit (the credit
# check of orders rests on them; the finance module declares the right).
CREDIT_RIGHT = ("finance", "credit")
CREDIT_FIELDS = ("credit_limit", "payment_terms_days", "credit_rating")
# Computed by finance's customer value (app/logic/finance/value.py), shown with the customer.
LIFECYCLES = (("new", "New", "新客户"), ("rising", "Rising", "上升期"),
              ("stable", "Stable", "稳定期"), ("declining", "Declining", "下降期"),
              ("lost", "Lost", "流失"))
CHURN_REASONS = (("no_contact", "No order or activity", "长期无订单无活动"),
                 ("revenue_down", "Revenue down", "收入下降"))

CUSTOMER = Entity(
    name="customer", module="customers",
    label=Label("Customer", "客户"), plural=Label("Customers", "客户"),
    code_prefix="C", duplicate_fields=("name", "tax_id", "phone"), command="customers",
    fields=(
        f.text("name", "Name", "名称", 200, required=True, sortable=True,
               placeholder=Label("Full registered name", "注册全称")),
        f.text("short_name", "Short name", "简称", 100),
        f.text("code", "Code", "编号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.choice("kind", "Kind", "类型", KINDS, default="company", filterable=True),
        f.choice("status", "Status", "状态", STATUSES, default="prospect", filterable=True,
                 sortable=True),
        f.choice("tier", "Tier", "客户等级", TIERS, default="ordinary", filterable=True,
                 sortable=True),
        f.boolean("tier_override", "Tier set by hand", "手动设定等级", listed=False),
        f.reference("owner", "Owner", "负责人", "user", filterable=True, sortable=True),
        f.text("industry", "Industry", "行业", 64, filterable=True),
        f.choice("ownership", "Ownership", "所有制", OWNERSHIPS, required=False,
                 filterable=True),
        f.choice("size_band", "Size", "规模", SIZE_BANDS, required=False, filterable=True),
        f.text("source", "Source", "来源", 32),
        f.text("tags", "Tags", "标签", 500, placeholder=Label("Comma separated", "用逗号分隔")),
        f.text("country", "Country / region", "国家/地区", 64, default=DEFAULT_COUNTRY,
               listed=False),
        f.text("province", "Province", "省份", 64, filterable=True),
        f.text("city", "City", "城市", 64, filterable=True, sortable=True),
        f.text("address", "Address", "地址", 300, listed=False),
        f.text("postal_code", "Postal code", "邮政编码", 16, kind="postal_code", listed=False),
        f.text("phone", "Phone", "电话", 40, kind="phone"),
        f.text("fax", "Fax", "传真", 40, kind="phone", listed=False),
        f.text("email", "E-mail", "电子邮件", 254, kind="email"),
        f.text("website", "Website", "网址", 254, kind="website", listed=False),
        f.text("tax_id", "Tax ID / USCC", "税号 / 统一社会信用代码", 32, kind="tax_id"),
        f.choice("credit_rating", "Credit rating", "信用等级", CREDIT_RATINGS, required=False,
                 filterable=True),
        f.boolean("credit_rating_manual", "Rating set by hand", "手动评级", editable=False,
                  listed=False),
        f.money("credit_limit", "Credit limit", "信用额度"),
        f.integer("payment_terms_days", "Payment terms (days)", "账期（天）", 0, 3650,
                  default=30),
        f.text("bank_name", "Bank", "开户银行", 128, listed=False),
        f.boolean("key_account", "Key account", "大客户", editable=False, filterable=True),
        f.choice("lifecycle", "Lifecycle", "生命周期", LIFECYCLES, required=False,
                 editable=False, filterable=True),
        f.choice("churn_reason", "Churn warning", "流失预警", CHURN_REASONS, required=False,
                 editable=False, filterable=True),
        f.boolean("churn_warning", "At risk of churn", "流失风险", editable=False,
                  filterable=True),
        f.text("bank_account", "Bank account", "银行账号", 64, listed=False),
        f.notes("notes", "Notes", "备注", 20000),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间", sortable=True),
    ),
    list_columns=("code", "name", "status", "tier", "city", "phone", "owner", "updated_at"),
    groups=(
        Group(Label("Basic information", "基本信息"),
              ("name", "short_name", "code", "kind", "status", "tier", "tier_override",
               "owner", "industry", "ownership", "size_band", "source", "tags")),
        Group(Label("Address and phone", "地址和电话"),
              ("country", "province", "city", "address", "postal_code", "phone", "fax", "email",
               "website")),
        Group(Label("Finance", "财务"),
              ("tax_id", "credit_rating", "credit_rating_manual", "credit_limit",
               "payment_terms_days", "bank_name", "bank_account")),
        Group(Label("Customer value", "客户价值"), ("key_account", "lifecycle", "churn_reason")),
    ),
    requirements=(Requirement("country", CHINA, ("province", "city"),
                              Label("for a customer in China", "（中国客户必填）")),),
    extra={"sort_aliases": {"updated": "updated_at", "created": "created_at"},
           "late_field": "churn_warning"},
)
