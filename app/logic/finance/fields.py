"""Finance, declared once: the invoice (发票) with its workflow (draft -> issued -> partially
paid -> paid, or void), the payment (收款) and its methods, and the settings the credit
rating, the contribution tiers, the lifecycle stages and the churn warning are computed
with (docs/credit.md)."""

from __future__ import annotations

from app.logic.customers import CHURN_REASONS as CUSTOMER_CHURN_REASONS
from app.logic.customers import CREDIT_RATINGS, TIERS
from app.logic.customers import LIFECYCLES as CUSTOMER_LIFECYCLES
from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label
from app.logic.kit.workflow import Transition, Workflow

INVOICE_STATUSES = (("draft", "Draft", "草稿"), ("issued", "Issued", "已开具"),
                    ("partially_paid", "Partially paid", "部分收款"),
                    ("paid", "Paid", "已收清"), ("void", "Void", "已作废"))
OPEN_INVOICE = ("issued", "partially_paid")
METHODS = (("bank_transfer", "Bank transfer", "银行转账"), ("cash", "Cash", "现金"),
           ("cheque", "Cheque", "支票"), ("acceptance_bill", "Acceptance bill", "承兑汇票"),
           ("other", "Other", "其他"))

# Issue and void are rights of their own (finance.issue, finance.void); paid and partially
# paid follow the payments (never a move a person makes), so they are no transitions.
INVOICE_FLOW = Workflow(
    field="status", initial="draft",
    transitions=(
        Transition("issue", ("draft",), "issued", Label("Issue", "开具"), stamp="issued_at"),
        # From any state but void: a paid or partially paid one is refused with the reason
        # (the service's check), not as a move that does not exist.
        Transition("void", ("draft", "issued", "partially_paid", "paid"), "void",
                   Label("Void", "作废"),
                   requires=("void_reason",), stamp="voided_at"),
    ),
    final=("paid", "void"))

INVOICE = Entity(
    name="invoice", module="finance",
    label=Label("Invoice", "发票"), plural=Label("Invoices", "发票"),
    key="number", title="number", code_prefix="INV", command="invoices",
    scope="", parent="customer", archivable=False,
    fields=(
        f.text("number", "Number", "发票号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.reference("order", "Order", "订单", "order", filterable=True),
        f.choice("status", "Status", "状态", INVOICE_STATUSES, default="draft",
                 editable=False, filterable=True, sortable=True),
        f.day("issue_date", "Issue date", "开票日期", sortable=True, filterable=True),
        # Blank: the customer's terms.
        f.integer("payment_terms_days", "Payment terms (days)", "账期（天）", 0, 3650),
        f.day("due_date", "Due date", "到期日", sortable=True, filterable=True),
        f.money("net", "Net", "净额", default=None),
        f.money("tax", "Tax", "税额", default=None),
        f.money("gross", "Gross", "含税总额", editable=False, sortable=True,
                filterable=True),
        f.money("paid", "Paid", "已收", editable=False),
        f.money("open", "Open", "未收", editable=False),
        f.notes("notes", "Notes", "备注"),
        f.lines("void_reason", "Void reason", "作废原因", 2000, editable=False,
                listed=False),
        f.moment("issued_at", "Issued", "开具时间"),
        f.moment("voided_at", "Voided", "作废时间"),
        f.boolean("overdue", "Overdue", "已逾期", editable=False, filterable=True),
        # Issued and not yet paid in full (the dashboard's aging buckets lead here).
        f.boolean("outstanding", "Outstanding", "未结清", editable=False, filterable=True,
                  listed=False),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("number", "customer", "order", "status", "issue_date", "due_date",
                  "gross", "paid", "open"),
    default_sort="number",
    workflow=INVOICE_FLOW,
    extra={"late_field": "overdue"},
    groups=(Group(Label("Invoice", "发票"),
                  ("number", "customer", "order", "status", "issue_date",
                   "payment_terms_days", "due_date")),
            Group(Label("Amounts", "金额"), ("net", "tax", "gross", "paid", "open")),
            Group(Label("History", "记录"), ("issued_at", "voided_at", "void_reason"))),
)

PAYMENT = Entity(
    name="payment", module="finance",
    label=Label("Payment", "收款"), plural=Label("Payments", "收款"),
    key="number", title="number", code_prefix="RC", command="payments",
    scope="", parent="customer", archivable=False,
    fields=(
        f.text("number", "Number", "收款单号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.day("payment_date", "Date", "收款日期", sortable=True, filterable=True),
        f.money("amount", "Amount", "金额", default=None, required=True, sortable=True,
                filterable=True),
        f.choice("method", "Method", "收款方式", METHODS, default="bank_transfer",
                 filterable=True),
        f.text("reference", "Reference", "凭证号", 64),
        f.notes("notes", "Notes", "备注"),
        f.money("allocated", "Allocated", "已核销", editable=False),
        f.money("unallocated", "Unallocated", "未核销", editable=False),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("number", "customer", "payment_date", "amount", "method", "reference",
                  "allocated", "unallocated"),
    default_sort="number",
    groups=(Group(Label("Payment", "收款"),
                  ("number", "customer", "payment_date", "amount", "method", "reference",
                   "allocated", "unallocated")),),
)

# --- the settings of customer value (docs/credit.md) ----------------------------------------
RATINGS = tuple(value for value, _, _ in CREDIT_RATINGS)  # AAA, AA, A, B, C
# Per grade: the least share paid by the due date, the most average days late and the most
# overdue amount relative to the credit limit; C is what fits none.
FACTORY_GRADES = {"AAA": ("0.95", 2, "0"), "AA": ("0.85", 7, "0.1"),
                  "A": ("0.7", 15, "0.25"), "B": ("0.5", 30, "0.5")}


def _grade_fields(grade: str) -> tuple[f.Field, ...]:
    on_time, late, overdue = FACTORY_GRADES[grade]
    low = grade.lower()
    return (
        f.rate(f"{low}_on_time", f"{grade}: paid on time at least", f"{grade}：按期付款比例不低于",
               default=on_time),
        f.integer(f"{low}_days_late", f"{grade}: average days late at most",
                  f"{grade}：平均逾期天数不超过", 0, 3650, default=late),
        f.rate(f"{low}_overdue", f"{grade}: overdue / credit limit at most",
               f"{grade}：逾期金额占信用额度不超过", default=overdue),
    )


VALUE_SETTINGS = Entity(
    name="value_settings", module="admin",
    label=Label("Credit and customer value settings", "信用与客户价值设置"),
    plural=Label("Credit and customer value settings", "信用与客户价值设置"),
    key="", title="", scope="", archivable=False,
    fields=(
        *(field for grade in FACTORY_GRADES for field in _grade_fields(grade)),
        f.rate("premium_share", "Premium: first share of revenue", "优质客户：收入累计占比",
               default="0.8"),
        f.rate("major_share", "Major: up to cumulative share", "主要客户：收入累计占比至",
               default="0.95"),
        f.integer("restricted_overdue_days", "Restricted: overdue more than (days)",
                  "限制客户：逾期超过（天）", 1, 3650, default=90),
        f.rate("restricted_drop", "Restricted: revenue down more than",
               "限制客户：收入下降超过", default="0.5"),
        f.money("key_account_revenue", "Key account: revenue of 12 months from",
                "大客户：12个月收入不低于", default="200000.00"),
        f.rate("lifecycle_change", "Rising / declining: revenue changed more than",
               "上升 / 下降：收入变化超过", default="0.2"),
        f.integer("lost_after_days", "Lost: no order for (days)", "流失：无订单（天）",
                  1, 3650, default=365),
        f.integer("churn_days", "Churn warning: no order and no activity for (days)",
                  "流失预警：无订单且无活动（天）", 1, 3650, default=90),
        f.rate("churn_drop", "Churn warning: revenue down more than",
               "流失预警：收入下降超过", default="0.3"),
    ),
    groups=(Group(Label("Credit rating", "信用评级"),
                  tuple(fl.name for grade in FACTORY_GRADES for fl in _grade_fields(grade))),
            Group(Label("Tiers and key accounts", "客户分级与大客户"),
                  ("premium_share", "major_share", "restricted_overdue_days",
                   "restricted_drop", "key_account_revenue")),
            Group(Label("Lifecycle and churn", "生命周期与流失预警"),
                  ("lifecycle_change", "lost_after_days", "churn_days", "churn_drop"))),
)

TIER_WORDS = TIERS  # the customer's tiers, in their order
# The lifecycle stages and churn reasons are the customer's fields (app/logic/customers).
LIFECYCLES, CHURN_REASONS = CUSTOMER_LIFECYCLES, CUSTOMER_CHURN_REASONS
