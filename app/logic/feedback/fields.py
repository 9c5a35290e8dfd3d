"""The feedback ticket, declared once: a customer's complaint, service request, fault report,
suggestion or praise, its workflow (new -> assigned -> in progress -> resolved -> closed, and
reopened), its due time from the SLA; and the SLA itself (hours per priority, an
administrator's settings)."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label
from app.logic.kit.workflow import Transition, Workflow

TYPES = (("complaint", "Complaint", "投诉"), ("service_request", "Service request", "服务请求"),
         ("fault_report", "Fault report", "故障报告"), ("suggestion", "Suggestion", "建议"),
         ("praise", "Praise", "表扬"))
CHANNELS = (("phone", "Phone", "电话"), ("email", "E-mail", "电子邮件"),
            ("visit", "Visit", "上门"), ("web", "Web", "网站"), ("other", "Other", "其他"))
PRIORITIES = (("low", "Low", "低"), ("normal", "Normal", "普通"), ("high", "High", "高"),
              ("urgent", "Urgent", "紧急"))
STATUSES = (("new", "New", "新建"), ("assigned", "Assigned", "已分派"),
            ("in_progress", "In progress", "处理中"), ("resolved", "Resolved", "已解决"),
            ("closed", "Closed", "已关闭"))

# Each move is a right of its own (feedback.assign ...) and the audit entry's action.
WORKFLOW = Workflow(
    field="status", initial="new",
    transitions=(
        Transition("assign", ("new",), "assigned", Label("Assign", "分派"),
                   requires=("assignee",)),
        Transition("start", ("assigned",), "in_progress", Label("Start", "开始处理")),
        Transition("resolve", ("in_progress",), "resolved", Label("Resolve", "解决"),
                   requires=("resolution", "cause"), stamp="resolved_at"),
        Transition("close", ("resolved",), "closed", Label("Close", "关闭"),
                   accepts=("satisfaction", "satisfaction_comment"), stamp="closed_at"),
        Transition("reopen", ("resolved", "closed"), "in_progress",
                   Label("Reopen", "重新打开"),
                   clears=("resolved_at", "closed_at", "satisfaction",
                           "satisfaction_comment")),
    ),
    # No longer open: nothing is due (a ticket is overdue only while open).
    final=("resolved", "closed"))
OPEN = tuple(value for value, _, _ in STATUSES if WORKFLOW.is_open(value))
# The hours a ticket of each priority has until it is due, until an administrator sets
# others.
FACTORY_SLA = {"urgent": 4, "high": 24, "normal": 72, "low": 168}
SLA_MAX_HOURS = 8760  # a year

FEEDBACK = Entity(
    name="feedback", module="feedback",
    label=Label("Feedback ticket", "服务反馈"), plural=Label("Feedback", "服务反馈"),
    key="number", title="subject", code_prefix="F", command="feedback",
    # A ticket counts among its customer's owner's records (a salesperson sees the tickets
    # of their own customers), by the feedback scope of the actor's roles:
    # FeedbackService.scope_owner, and the list's scope column (the customer's owner).
    scope="", scope_module="feedback", parent="customer", archivable=False,
    fields=(
        f.text("number", "Number", "编号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.choice("type", "Type", "类型", TYPES, default="service_request", filterable=True,
                 sortable=True),
        f.choice("channel", "Channel", "渠道", CHANNELS, default="phone", filterable=True),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.reference("contact", "Contact", "联系人", "contact"),
        f.text("subject", "Subject", "主题", 200, required=True, sortable=True),
        f.notes("description", "Description", "描述", 20000),
        f.choice("priority", "Priority", "优先级", PRIORITIES, default="normal",
                 filterable=True, sortable=True),
        f.reference("assignee", "Assignee", "处理人", "user", filterable=True),
        f.moment("due_at", "Due", "到期时间", sortable=True, filterable=True),
        f.choice("status", "Status", "状态", STATUSES, default="new", editable=False,
                 filterable=True, sortable=True),
        f.lines("resolution", "Resolution", "处理结果", 4000, listed=False),
        f.lines("cause", "Cause (reported to the customer)", "原因（告知客户）", 2000,
                listed=False),
        f.integer("satisfaction", "Satisfaction (1-5)", "满意度 (1-5)", 1, 5, editable=False,
                  filterable=True),
        f.lines("satisfaction_comment", "Satisfaction comment", "满意度评价", 2000,
                editable=False, listed=False),
        f.moment("resolved_at", "Resolved", "解决时间"),
        f.moment("closed_at", "Closed", "关闭时间"),
        f.boolean("overdue", "Overdue", "已逾期", editable=False, filterable=True),
        # Neither resolved nor closed: a filter only ("My open tickets").
        f.boolean("open", "Open", "未结", editable=False, filterable=True, listed=False),
        f.moment("created_at", "Created", "创建时间", sortable=True, filterable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("number", "subject", "customer", "type", "priority", "status", "assignee",
                  "due_at", "overdue"),
    default_sort="number",
    workflow=WORKFLOW,
    groups=(Group(Label("Ticket", "工单"),
                  ("number", "type", "channel", "customer", "contact", "subject", "priority",
                   "assignee", "due_at", "status", "overdue", "created_at")),
            Group(Label("Outcome", "处理结果"),
                  ("resolution", "cause", "resolved_at", "satisfaction",
                   "satisfaction_comment", "closed_at"))),
)


def _hours(priority: str, en: str, zh: str) -> f.Field:
    return f.integer(f"{priority}_hours", en, zh, 1, SLA_MAX_HOURS,
                     default=FACTORY_SLA[priority])


# The SLA: how many hours a ticket of each priority has until it is due (from its creation).
# An administrator's settings (admin.edit); whoever views feedback reads them.
FEEDBACK_SETTINGS = Entity(
    name="feedback_settings", module="admin",
    label=Label("Service level (SLA)", "服务时限 (SLA)"),
    plural=Label("Service level (SLA)", "服务时限 (SLA)"),
    key="", title="", scope="", archivable=False,
    fields=(
        _hours("urgent", "Hours to resolve an urgent ticket", "紧急工单处理时限（小时）"),
        _hours("high", "Hours to resolve a high-priority ticket", "高优先级工单处理时限（小时）"),
        _hours("normal", "Hours to resolve a normal ticket", "普通工单处理时限（小时）"),
        _hours("low", "Hours to resolve a low-priority ticket", "低优先级工单处理时限（小时）"),
    ),
)
