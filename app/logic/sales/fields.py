"""Sales, declared once: the opportunity (商机) and its pipeline of stages, the win
probability an administrator sets per stage, and the order (订单 / 合同) with its lines,
its workflow (draft -> confirmed -> delivered, or cancelled) and its exact totals."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label
from app.logic.kit.workflow import Transition, Workflow
from app.logic.products import TAX_RATES, UNITS

STAGES = (("qualification", "Qualification", "资格确认"),
          ("needs_analysis", "Needs analysis", "需求分析"),
          ("proposal", "Proposal", "方案报价"), ("negotiation", "Negotiation", "商务谈判"),
          ("won", "Won", "赢单"), ("lost", "Lost", "输单"))
OPEN_STAGES = ("qualification", "needs_analysis", "proposal", "negotiation")
SOURCES = (("referral", "Referral", "客户推荐"), ("website", "Website", "网站"),
           ("exhibition", "Exhibition", "展会"), ("cold_call", "Cold call", "电话拜访"),
           ("existing", "Existing customer", "老客户"), ("partner", "Partner", "合作伙伴"),
           ("other", "Other", "其他"))
# The chance of winning at each stage, in percent, until an administrator sets others.
FACTORY_PROBABILITY = {"qualification": 10, "needs_analysis": 25, "proposal": 50,
                       "negotiation": 75, "won": 100, "lost": 0}

# Between the stages an opportunity moves freely (the board's drag and drop), with the
# right to edit it; won and lost close it (lost needs the reason), and moving a closed one
# back to a stage reopens it.
_MOVE_WORDS = {"qualification": ("qualify", Label("Qualification", "资格确认")),
               "needs_analysis": ("analyse_needs", Label("Needs analysis", "需求分析")),
               "proposal": ("propose", Label("Proposal", "方案报价")),
               "negotiation": ("negotiate", Label("Negotiation", "商务谈判"))}
PIPELINE = Workflow(
    field="stage", initial="qualification",
    transitions=(
        *(Transition(name, tuple(s for s, _, _ in STAGES if s != stage), stage, label,
                     accepts=("probability",), clears=("lost_reason", "closed_at"),
                     right="edit")
          for stage, (name, label) in _MOVE_WORDS.items()),
        Transition("win", OPEN_STAGES, "won", Label("Mark won", "标记赢单"),
                   accepts=("probability",), stamp="closed_at", right="edit"),
        Transition("lose", OPEN_STAGES, "lost", Label("Mark lost", "标记输单"),
                   requires=("lost_reason",), accepts=("probability",), stamp="closed_at",
                   right="edit"),
    ),
    final=("won", "lost"))

OPPORTUNITY = Entity(
    name="opportunity", module="sales",
    label=Label("Opportunity", "商机"), plural=Label("Opportunities", "商机"),
    key="number", code_prefix="OP", command="opportunities",
    scope="owner", parent="customer", archivable=False,
    fields=(
        f.text("number", "Number", "编号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.text("name", "Name", "名称", 200, required=True, sortable=True),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.choice("stage", "Stage", "阶段", STAGES, default="qualification", editable=False,
                 filterable=True, sortable=True),
        f.money("amount", "Amount", "金额", sortable=True, filterable=True),
        # Blank when added: the stage's default (an administrator's setting).
        f.integer("probability", "Probability (%)", "赢单概率 (%)", 0, 100),
        f.money("weighted", "Weighted amount", "加权金额", editable=False),
        f.day("expected_close", "Expected close", "预计成交日期", sortable=True,
              filterable=True),
        f.reference("owner", "Owner", "负责人", "user", filterable=True),
        f.choice("source", "Source", "来源", SOURCES, required=False, filterable=True),
        f.lines("lost_reason", "Lost reason", "输单原因", 2000, editable=False, listed=False),
        f.notes("notes", "Notes", "备注"),
        f.moment("closed_at", "Closed", "关闭时间"),
        f.boolean("open", "Open", "进行中", editable=False, filterable=True, listed=False),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("number", "name", "customer", "stage", "amount", "probability", "weighted",
                  "expected_close", "owner"),
    default_sort="number",
    workflow=PIPELINE,
    groups=(Group(Label("Opportunity", "商机"),
                  ("number", "name", "customer", "stage", "owner", "source",
                   "expected_close")),
            Group(Label("Value", "价值"),
                  ("amount", "probability", "weighted", "lost_reason", "closed_at"))),
)


def _probability(stage: str, en: str, zh: str) -> f.Field:
    return f.integer(f"{stage}_probability", en, zh, 0, 100,
                     default=FACTORY_PROBABILITY[stage])


# The default chance of winning per stage: an administrator's settings (admin.edit); whoever
# views sales reads them.
SALES_SETTINGS = Entity(
    name="sales_settings", module="admin",
    label=Label("Pipeline probabilities", "商机阶段赢单概率"),
    plural=Label("Pipeline probabilities", "商机阶段赢单概率"),
    key="", title="", scope="", archivable=False,
    fields=tuple(_probability(stage, f"{en} (%)", f"{zh} (%)")
                 for stage, en, zh in STAGES),
)

# --- orders -------------------------------------------------------------------------------
ORDER_STATUSES = (("draft", "Draft", "草稿"), ("confirmed", "Confirmed", "已确认"),
                  ("delivered", "Delivered", "已交付"), ("cancelled", "Cancelled", "已取消"))
CURRENCIES = (("CNY", "CNY 人民币", "人民币 CNY"), ("USD", "USD US dollar", "美元 USD"),
              ("EUR", "EUR Euro", "欧元 EUR"), ("HKD", "HKD Hong Kong dollar", "港币 HKD"),
              ("JPY", "JPY Yen", "日元 JPY"), ("GBP", "GBP Pound", "英镑 GBP"))
# Each move its own right (sales.confirm, sales.deliver, sales.cancel) and audit action.
ORDER_FLOW = Workflow(
    field="status", initial="draft",
    transitions=(
        Transition("confirm", ("draft",), "confirmed", Label("Confirm", "确认"),
                   accepts=("credit_override_reason",), stamp="confirmed_at"),
        Transition("deliver", ("confirmed",), "delivered", Label("Deliver", "交付"),
                   stamp="delivered_at"),
        Transition("cancel", ("draft", "confirmed"), "cancelled", Label("Cancel order", "取消订单"),
                   requires=("cancel_reason",), stamp="cancelled_at"),
    ),
    final=("delivered", "cancelled"))
# Confirming an order over its customer's credit limit, with a reason (audited).
CREDIT_OVERRIDE = "credit_override"

ORDER = Entity(
    name="order", module="sales",
    label=Label("Order", "订单"), plural=Label("Orders", "订单"),
    key="number", title="number", code_prefix="SO", command="orders",
    scope="salesperson", parent="customer", archivable=False,
    # An import's headers from other systems (an order sheet has a row per line).
    extra={"import_synonyms": {"OrderID": "number", "OrderNo": "number",
                               "OrderNumber": "number", "CustomerID": "customer",
                               "CustomerCode": "customer", "客户编号": "customer",
                               "OrderDate": "order_date", "日期": "order_date",
                               "EmployeeID": "salesperson"}},
    fields=(
        f.text("number", "Number", "订单号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.day("order_date", "Order date", "订单日期", sortable=True, filterable=True),
        f.reference("salesperson", "Salesperson", "销售员", "user", filterable=True),
        f.choice("status", "Status", "状态", ORDER_STATUSES, default="draft", editable=False,
                 filterable=True, sortable=True),
        # Blank: the customer's terms. 0 is paid in advance.
        f.integer("payment_terms_days", "Payment terms (days)", "账期（天）", 0, 3650),
        f.day("due_date", "Due date", "到期日", filterable=True),
        f.choice("currency", "Currency", "币种", CURRENCIES, default="CNY", filterable=True),
        f.reference("opportunity", "Opportunity", "商机", "opportunity"),
        f.notes("notes", "Notes", "备注"),
        f.money("net", "Net", "净额", editable=False, sortable=True, filterable=True),
        f.money("tax", "Tax", "税额", editable=False),
        f.money("gross", "Gross", "含税总额", editable=False, sortable=True, filterable=True),
        # Confirmed or delivered: counts as revenue (docs/sales.md); the reports lead here.
        f.boolean("revenue", "Counts as revenue", "计入销售额", editable=False,
                  filterable=True, listed=False),
        f.lines("cancel_reason", "Cancel reason", "取消原因", 2000, editable=False,
                listed=False),
        f.lines("credit_override_reason", "Credit override reason", "超信用额度确认原因",
                2000, editable=False, listed=False),
        f.moment("confirmed_at", "Confirmed", "确认时间"),
        f.moment("delivered_at", "Delivered", "交付时间"),
        f.moment("cancelled_at", "Cancelled", "取消时间"),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("number", "customer", "order_date", "status", "salesperson", "net",
                  "gross", "currency", "due_date"),
    default_sort="number",
    workflow=ORDER_FLOW,
    groups=(Group(Label("Order", "订单"),
                  ("number", "customer", "order_date", "salesperson", "status", "currency",
                   "opportunity")),
            Group(Label("Payment", "付款"),
                  ("payment_terms_days", "due_date", "net", "tax", "gross")),
            Group(Label("History", "记录"),
                  ("confirmed_at", "delivered_at", "cancelled_at", "cancel_reason",
                   "credit_override_reason"))),
)

# One line of an order, changed only with it (its lines table).
ORDER_LINE = Entity(
    name="order_line", module="sales",
    label=Label("Order line", "订单行"), plural=Label("Order lines", "订单行"),
    key="", title="description", scope="", archivable=False,
    extra={"import_synonyms": {"ProductID": "product", "ProductCode": "product",
                               "SKU": "product", "产品编号": "product",
                               "UnitPrice": "unit_price", "Price": "unit_price",
                               "Quantity": "quantity", "Qty": "quantity",
                               "Discount": "discount"}},
    fields=(
        f.reference("product", "Product", "产品", "product"),
        f.text("description", "Description", "描述", 200),
        f.quantity("quantity", "Quantity", "数量"),
        f.choice("unit", "Unit", "单位", UNITS, default="pcs"),
        f.money("unit_price", "Unit price", "单价", default=None),
        f.rate("discount", "Discount", "折扣"),
        f.choice("tax_rate", "Tax rate", "税率", TAX_RATES, required=False),
        f.money("net", "Net", "净额", editable=False),
        f.money("tax", "Tax", "税额", editable=False),
        f.money("gross", "Gross", "含税金额", editable=False),
    ),
    list_columns=("product", "description", "quantity", "unit", "unit_price", "discount",
                  "tax_rate", "net", "tax", "gross"),
)
