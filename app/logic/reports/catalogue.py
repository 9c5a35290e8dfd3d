"""The managers' reports, each declared once: its sections, their typed columns (the stable
English keys of ``--json``), the chart where one helps, the parameters it takes. The
figures come from ``app/logic/reports/service.py``; what each rule means is in
docs/reports.md."""

from __future__ import annotations

from collections.abc import Mapping

from app.logic.customers import (
    CHURN_REASONS,
    LIFECYCLES,
    OWNERSHIPS,
    STATUSES,
    TIERS,
)
from app.logic.feedback import STATUSES as TICKET_STATUSES
from app.logic.feedback import TYPES as TICKET_TYPES
from app.logic.finance import AGING_WORDS, BUCKETS
from app.logic.kit.fields import Label
from app.logic.reports.model import Chart, Choice, Col, ReportDef, Section, labels
from app.logic.sales import STAGES

L = Label

# --- columns used by several reports --------------------------------------------------------
CODE = Col("code", L("Code", "编号"))
NAME = Col("name", L("Customer", "客户名称"))
COUNT = Col("customers", L("Customers", "客户数"), "integer")
SHARE = Col("share", L("Share", "占比"), "percent")
REVENUE = Col("revenue", L("Net revenue", "净销售额"), "money")
ORDERS = Col("orders", L("Orders", "订单数"), "integer")
SALESPERSON = Col("salesperson", L("Salesperson", "销售员"))
MONTH = Col("month", L("Month", "月份"), "month")

STAGE_WORDS = labels(STAGES)
STATUS_WORDS = labels(STATUSES)
TIER_LABELS = labels(TIERS)
OWNERSHIP_WORDS = {**labels(OWNERSHIPS), "": L("Not given", "未填")}
LIFECYCLE_WORDS = {**labels(LIFECYCLES), "": L("No stage", "无阶段")}
CHURN_WORDS = labels(CHURN_REASONS)
TYPE_WORDS = labels(TICKET_TYPES)
TICKET_STATUS_WORDS = labels(TICKET_STATUSES)
BUCKET_NAMES = tuple(name for name, _, _ in BUCKETS)
BUCKET_WORDS = {name: AGING_WORDS[name] for name in BUCKET_NAMES}


def _counted(key: str, title: Label, column: Label,
             words: Mapping[str, Label] | None = None, chart: str = "column") -> Section:
    """Customers counted by one of their fields, with the share of all."""
    name = key.removeprefix("by_")
    return Section(key, title, (Col(name, column, words=words), COUNT, SHARE),
                   Chart(chart, name, ("customers",), limit=20))


CUSTOMER_ANALYSIS = ReportDef(
    "customer-analysis", L("Customer analysis", "客户分析"),
    L("Customers by region, industry, tier, status and ownership; new customers per month.",
      "客户按地区、行业、等级、状态、所有制分布；每月新增客户。"),
    (Section("by_region", L("By province and city", "按省市"),
             (Col("province", L("Province", "省份")), Col("city", L("City", "城市")), COUNT,
              SHARE),
             Chart("bar", "city", ("customers",), limit=20)),
     _counted("by_industry", L("By industry", "按行业"), L("Industry", "行业")),
     _counted("by_tier", L("By tier", "按等级"), L("Tier", "等级"), TIER_LABELS, "pie"),
     _counted("by_status", L("By status", "按状态"), L("Status", "状态"), STATUS_WORDS,
              "pie"),
     _counted("by_ownership", L("By ownership", "按所有制"), L("Ownership", "所有制"),
              OWNERSHIP_WORDS, "pie"),
     Section("new_per_month", L("New customers per month", "每月新增客户"),
             (MONTH, Col("new_customers", L("New customers", "新增客户"), "integer")),
             Chart("column", "month", ("new_customers",)))),
    params=("from", "to", "owner", "team", "province", "by"),
    by=(Choice("region", L("Province and city", "省市")),
        Choice("industry", L("Industry", "行业")), Choice("tier", L("Tier", "等级")),
        Choice("status", L("Status", "状态")), Choice("ownership", L("Ownership", "所有制")),
        Choice("month", L("New per month", "每月新增"))))

SALES_PARAMS = ("from", "to", "owner", "team", "province")

SALES_BY_MONTH = ReportDef(
    "sales-by-month", L("Sales by month", "月度销售"),
    L("Net revenue and orders per month, against the same period of the year before.",
      "每月净销售额与订单数，并与上年同期对比。"),
    (Section("months", L("Sales by month", "月度销售"),
             (MONTH, REVENUE, ORDERS,
              Col("revenue_before", L("Same period last year", "上年同期"), "money"),
              Col("orders_before", L("Orders last year", "上年同期订单"), "integer"),
              Col("change", L("Change", "同比增长"), "percent")),
             Chart("column", "month", ("revenue", "revenue_before"))),),
    params=SALES_PARAMS)

SALES_BY_PRODUCT = ReportDef(
    "sales-by-product", L("Sales by product", "产品销售"),
    L("Net revenue, quantity and orders per product; the largest first.",
      "各产品净销售额、数量与订单数，按销售额排序。"),
    (Section("products", L("Sales by product", "产品销售"),
             (Col("product", L("Product code", "产品编号")),
              Col("product_name", L("Product", "产品名称")),
              Col("quantity", L("Quantity", "数量"), "decimal"), REVENUE, ORDERS, SHARE),
             Chart("bar", "product_name", ("revenue",), limit=20)),),
    params=(*SALES_PARAMS, "top"))

SALES_BY_SALESPERSON = ReportDef(
    "sales-by-salesperson", L("Sales by salesperson", "销售员业绩"),
    L("Net revenue, orders, customers and the average order per salesperson.",
      "各销售员净销售额、订单数、客户数与平均订单金额。"),
    (Section("salespeople", L("Sales by salesperson", "销售员业绩"),
             (Col("username", L("User name", "用户名")), SALESPERSON, REVENUE, ORDERS,
              Col("customers", L("Customers", "客户数"), "integer"),
              Col("average_order", L("Average order", "平均订单金额"), "money"), SHARE),
             Chart("bar", "salesperson", ("revenue",), limit=20)),),
    params=SALES_PARAMS)

SALES_BY_CUSTOMER = ReportDef(
    "sales-by-customer", L("Sales by customer", "客户销售排行"),
    L("Net revenue and orders per customer; the largest first.",
      "各客户净销售额与订单数，按销售额排序。"),
    (Section("customers", L("Sales by customer", "客户销售排行"),
             (CODE, NAME, REVENUE, ORDERS, SHARE,
              Col("cumulative_share", L("Cumulative share", "累计占比"), "percent")),
             Chart("bar", "name", ("revenue",), limit=20)),),
    params=(*SALES_PARAMS, "top"))

PIPELINE = ReportDef(
    "pipeline", L("Sales pipeline", "销售漏斗"),
    L("Opportunities created in the range by stage: count, amount, weighted amount, and "
      "the share that went on from each stage to the next.",
      "期间内新建商机按阶段统计：数量、金额、加权金额及阶段转化率。"),
    (Section("stages", L("Pipeline by stage", "各阶段商机"),
             (Col("stage", L("Stage", "阶段"), words=STAGE_WORDS),
              Col("opportunities", L("Opportunities", "商机数"), "integer"),
              Col("amount", L("Amount", "金额"), "money"),
              Col("weighted", L("Weighted amount", "加权金额"), "money"),
              Col("reached", L("Reached", "到达此阶段"), "integer"),
              Col("conversion", L("Conversion from the stage before", "上一阶段转化率"),
                  "percent")),
             Chart("column", "stage", ("amount", "weighted"))),),
    params=("from", "to", "owner", "team"))

SERVICE_ANALYSIS = ReportDef(
    "service-analysis", L("Service analysis", "服务分析"),
    L("Feedback received in the range by type and status; time to resolve (average and "
      "90th percentile); the share resolved within the SLA; satisfaction; complaints per "
      "customer.",
      "期间内服务反馈按类型和状态统计；解决时长（平均与90%分位）；SLA达成率；满意度；"
      "客户投诉排行。"),
    (Section("by_type", L("By type and status", "按类型和状态"),
             (Col("type", L("Type", "类型"), words=TYPE_WORDS),
              Col("tickets", L("Tickets", "工单数"), "integer"),
              *(Col(s, L(en, zh), "integer") for s, en, zh in TICKET_STATUSES)),
             Chart("column", "type", ("tickets",))),
     Section("resolution", L("Time to resolve", "解决时长"),
             (Col("type", L("Type", "类型"), words=TYPE_WORDS),
              Col("resolved", L("Resolved", "已解决"), "integer"),
              Col("average_hours", L("Average hours", "平均小时"), "decimal"),
              Col("p90_hours", L("90th percentile hours", "90%分位小时"), "decimal"),
              Col("sla_met", L("Within SLA", "SLA内解决"), "integer"),
              Col("sla_met_share", L("SLA met", "SLA达成率"), "percent")),
             Chart("column", "type", ("average_hours", "p90_hours"))),
     Section("satisfaction", L("Satisfaction", "满意度"),
             (Col("score", L("Score", "评分"), "integer"),
              Col("tickets", L("Tickets", "工单数"), "integer"), SHARE),
             Chart("column", "score", ("tickets",))),
     Section("complaints", L("Complaints per customer (top 20)", "客户投诉排行（前20）"),
             (CODE, NAME, Col("complaints", L("Complaints", "投诉数"), "integer"),
              Col("open", L("Still open", "未结"), "integer")),
             Chart("bar", "name", ("complaints",)))),
    params=("from", "to", "owner", "team"))

ACTIVITIES = ReportDef(
    "activities", L("Visit plans", "拜访计划执行"),
    L("Visits planned and done per salesperson per month, and the completion rate.",
      "各销售员每月计划拜访、完成拜访及完成率。"),
    (Section("visits", L("Visits per salesperson and month", "销售员月度拜访"),
             (MONTH, Col("username", L("User name", "用户名")), SALESPERSON,
              Col("planned", L("Planned", "计划"), "integer"),
              Col("done", L("Done", "完成"), "integer"),
              Col("completion", L("Completion", "完成率"), "percent")),
             Chart("column", "salesperson", ("planned", "done"))),),
    params=("from", "to", "owner", "team"))

RECEIVABLES_AGING = ReportDef(
    "receivables-aging", L("Receivables aging", "应收账款账龄"),
    L("What customers owe as of a day, by days past due.",
      "截至某日客户欠款，按逾期天数分段。"),
    (Section("buckets", L("Aging buckets", "账龄分段"),
             (Col("bucket", L("Days past due", "逾期天数"), words=BUCKET_WORDS),
              Col("amount", L("Open amount", "未收金额"), "money"), SHARE),
             Chart("column", "bucket", ("amount",))),
     Section("customers", L("Per customer", "按客户"),
             (CODE, NAME, Col("open", L("Open", "未收合计"), "money"),
              Col("overdue", L("Overdue", "逾期合计"), "money"),
              *(Col(name, AGING_WORDS[name], "money") for name in BUCKET_NAMES)))),
    params=("as_of", "owner", "team"), period="today")

ARREARS = ReportDef(
    "arrears", L("Arrears", "欠款明细"),
    L("Overdue invoices as of a day: days late and the responsible salesperson; the "
      "latest first.", "截至某日的逾期发票：逾期天数与负责销售员。"),
    (Section("invoices", L("Overdue invoices", "逾期发票"),
             (Col("invoice", L("Invoice", "发票号")), CODE, NAME,
              Col("due_date", L("Due", "到期日"), "date"),
              Col("days_late", L("Days late", "逾期天数"), "integer"),
              Col("open", L("Open", "未收金额"), "money"), SALESPERSON)),),
    params=("as_of", "owner", "team"), period="today")

CREDIT = ReportDef(
    "credit", L("Credit", "信用分析"),
    L("Customers per credit rating; credit limits and how much of them is used; orders "
      "confirmed over the credit limit in the range, with the reasons.",
      "各信用等级客户；信用额度及使用率；期间内超额度确认的订单及原因。"),
    (Section("ratings", L("By rating", "按信用等级"),
             (Col("rating", L("Rating", "信用等级")), COUNT,
              Col("credit_limit", L("Credit limits", "信用额度合计"), "money"),
              Col("open", L("Open receivables", "未收合计"), "money")),
             Chart("column", "rating", ("customers",))),
     Section("limit_use", L("Limit use", "额度使用"),
             (CODE, NAME, Col("rating", L("Rating", "信用等级")),
              Col("credit_limit", L("Credit limit", "信用额度"), "money"),
              Col("open", L("Open", "未收"), "money"),
              Col("use", L("Used", "使用率"), "percent")),
             Chart("bar", "name", ("use",), limit=20)),
     Section("overrides", L("Credit overrides", "超额度放行"),
             (Col("order", L("Order", "订单号")), CODE, NAME,
              Col("order_date", L("Order date", "订单日期"), "date"),
              Col("gross", L("Gross", "含税金额"), "money"), SALESPERSON,
              Col("reason", L("Reason", "原因"))))),
    params=("from", "to", "owner", "team"))

TIERS_REPORT = ReportDef(
    "tiers", L("Customer tiers", "客户价值分级"),
    L("The Pareto curve of the last twelve months' revenue (the share of revenue from the "
      "largest customers), the customers and revenue per tier, the customers per "
      "lifecycle stage.",
      "近十二个月销售额的帕累托曲线、各等级客户数与销售额、各生命周期阶段客户数。"),
    (Section("pareto", L("Pareto curve", "帕累托曲线"),
             (Col("customer_share", L("Share of customers", "客户累计占比"), "percent"),
              Col("customers", L("Customers", "客户数"), "integer"),
              Col("revenue_share", L("Share of revenue", "销售额累计占比"), "percent")),
             Chart("line", "customer_share", ("revenue_share",))),
     Section("tiers", L("By tier", "按等级"),
             (Col("tier", L("Tier", "等级"), words=TIER_LABELS), COUNT, REVENUE, SHARE),
             Chart("column", "tier", ("revenue",))),
     Section("lifecycle", L("By lifecycle stage", "按生命周期"),
             (Col("lifecycle", L("Stage", "阶段"), words=LIFECYCLE_WORDS), COUNT),
             Chart("pie", "lifecycle", ("customers",)))),
    params=("owner", "team"), period="none")

KEY_ACCOUNTS = ReportDef(
    "key-accounts", L("Key accounts", "大客户"),
    L("The key accounts: the last twelve months' revenue against the twelve before, "
      "receivables, visits and complaints.",
      "大客户：近十二个月销售额与前十二个月对比、应收、拜访与投诉。"),
    (Section("accounts", L("Key accounts", "大客户"),
             (CODE, NAME, SALESPERSON, REVENUE,
              Col("revenue_before", L("Twelve months before", "前十二个月"), "money"),
              Col("trend", L("Trend", "趋势"), "percent"),
              Col("open", L("Receivables", "应收"), "money"),
              Col("overdue", L("Overdue", "逾期"), "money"),
              Col("visits", L("Visits in range", "期间拜访"), "integer"),
              Col("last_visit", L("Last visit", "最近拜访"), "date"),
              Col("complaints", L("Complaints in range", "期间投诉"), "integer"),
              Col("open_complaints", L("Open complaints", "未结投诉"), "integer")),
             Chart("bar", "name", ("revenue", "revenue_before"), limit=20)),),
    params=("from", "to", "owner", "team"))

CHURN = ReportDef(
    "churn", L("Churn warning", "流失预警"),
    L("The customers warned of churning, and why.", "有流失风险的客户及原因。"),
    (Section("customers", L("Churn warnings", "流失预警"),
             (CODE, NAME, SALESPERSON, Col("reason", L("Reason", "原因"), words=CHURN_WORDS),
              Col("lifecycle", L("Stage", "阶段"), words=LIFECYCLE_WORDS),
              Col("revenue", L("Revenue, last 12 months", "近12个月销售额"), "money"),
              Col("revenue_before", L("The 12 months before", "前12个月销售额"), "money"),
              Col("last_order", L("Last order", "最近订单"), "date"),
              Col("last_activity", L("Last activity", "最近活动"), "date")),),),
    params=("owner", "team", "top"), period="none")

REPORTS: tuple[ReportDef, ...] = (
    CUSTOMER_ANALYSIS, SALES_BY_MONTH, SALES_BY_PRODUCT, SALES_BY_SALESPERSON,
    SALES_BY_CUSTOMER, PIPELINE, SERVICE_ANALYSIS, ACTIVITIES, RECEIVABLES_AGING, ARREARS,
    CREDIT, TIERS_REPORT, KEY_ACCOUNTS, CHURN)
BY_NAME = {r.name: r for r in REPORTS}
