"""The activity, declared once: a visit, call, meeting, e-mail or task with a customer,
planned for a time and marked done with its outcome (a move of its own, which may plan the
follow-up)."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label
from app.logic.kit.workflow import Transition, Workflow

KINDS = (("visit", "Visit", "拜访"), ("call", "Call", "电话"), ("meeting", "Meeting", "会议"),
         ("email", "E-mail", "邮件"), ("task", "Task", "任务"))
STATES = (("planned", "Planned", "计划中"), ("done", "Done", "已完成"))
VISIT = "visit"
COMPLETE = "complete"  # the move that marks an activity done
DATE = Label("YYYY-MM-DD", "年-月-日")

# Marking an activity done is a right of its own (activities.complete) and the audit
# entry's action; with a follow-up date it plans the next activity in the same save.
WORKFLOW = Workflow(
    field="state", initial="planned",
    transitions=(Transition(COMPLETE, ("planned",), "done", Label("Mark done", "标记完成"),
                            accepts=("outcome", "next_follow_up"), stamp="done_at"),),
    final=("done",))

ACTIVITY = Entity(
    name="activity", module="activities",
    label=Label("Activity", "活动"), plural=Label("Activities", "活动"),
    key="", title="subject", command="activities",
    # An activity counts among its customer's owner's records (a salesperson sees the
    # activities of their own customers), by the activities scope of the actor's roles:
    # ActivityService.scope_owner, and the list's scope column (the customer's owner).
    scope="", scope_module="activities", parent="customer", archivable=False,
    fields=(
        f.choice("kind", "Kind", "类型", KINDS, default="visit", required=True,
                 filterable=True, sortable=True),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.reference("contact", "Contact", "联系人", "contact"),
        f.text("subject", "Subject", "主题", 200, required=True, sortable=True),
        f.when("scheduled_at", "Scheduled", "计划时间", required=True, sortable=True,
               filterable=True),
        f.choice("state", "State", "状态", STATES, default="planned", editable=False,
                 filterable=True, sortable=True),
        f.moment("done_at", "Done at", "完成时间"),
        f.lines("outcome", "Outcome", "结果", 4000),
        f.reference("owner", "Owner", "负责人", "user", filterable=True),
        # Set when the activity is marked done with a follow-up date (which plans the next
        # activity): read-only otherwise.
        f.day("next_follow_up", "Next follow-up", "下次跟进", placeholder=DATE,
              editable=False),
        f.boolean("overdue", "Overdue", "已逾期", editable=False, filterable=True),
        f.notes("notes", "Notes", "备注", 20000),
        f.moment("created_at", "Created", "创建时间", sortable=True),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("scheduled_at", "kind", "customer", "subject", "state", "owner",
                  "overdue"),
    default_sort="scheduled_at",
    workflow=WORKFLOW,
    groups=(Group(Label("Activity", "活动"),
                  ("kind", "customer", "contact", "subject", "scheduled_at", "owner",
                   "state", "overdue")),
            Group(Label("Outcome", "结果"),
                  ("done_at", "outcome", "next_follow_up"))),
    extra={"late_field": "overdue"},
)
