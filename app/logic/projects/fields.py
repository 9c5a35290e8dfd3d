"""The project, declared once: a customer's project with its stage, budget and dates."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label

STAGES = (("lead", "Lead", "线索"), ("proposal", "Proposal", "方案"),
          ("in_progress", "In progress", "进行中"), ("completed", "Completed", "已完成"),
          ("cancelled", "Cancelled", "已取消"))
# A closed project is read-only until someone with the right reopens it.
CLOSED = frozenset({"completed", "cancelled"})
OPEN = tuple(value for value, _, _ in STAGES if value not in CLOSED)
REOPENED = "in_progress"  # where reopening puts a project
DATE = Label("YYYY-MM-DD", "年-月-日")

PROJECT = Entity(
    name="project", module="projects",
    label=Label("Project", "项目"), plural=Label("Projects", "项目"),
    code_prefix="P", command="projects",
    # A project counts among its customer's owner's records (a salesperson sees the
    # projects of their own customers), by the projects' scope of the actor's roles:
    # ProjectService.scope_owner, and the list's scope column (the customer's owner).
    scope="", scope_module="projects", parent="customer",
    fields=(
        f.text("code", "Code", "编号", 20, kind="code", sortable=True,
               placeholder=Label("Generated when saved", "保存时自动生成")),
        f.text("name", "Name", "名称", 200, required=True, sortable=True),
        f.reference("customer", "Customer", "客户", "customer", required=True,
                    filterable=True),
        f.choice("stage", "Stage", "阶段", STAGES, default="lead", filterable=True,
                 sortable=True),
        f.money("budget", "Budget", "预算", sortable=True, filterable=True),
        f.day("start_date", "Start date", "开始日期", sortable=True, filterable=True,
              placeholder=DATE),
        f.day("end_date", "End date", "结束日期", sortable=True, filterable=True,
              placeholder=DATE),
        f.reference("owner", "Owner", "负责人", "user", filterable=True),
        f.notes("description", "Description", "描述", 20000),
        f.moment("created_at", "Created", "创建时间"),
        f.moment("updated_at", "Updated", "更新时间"),
    ),
    list_columns=("code", "name", "customer", "stage", "budget", "start_date", "end_date",
                  "owner"),
    default_sort="code",
    groups=(Group(Label("Project", "项目"),
                  ("code", "name", "customer", "stage", "budget", "start_date", "end_date",
                   "owner")),),
)
