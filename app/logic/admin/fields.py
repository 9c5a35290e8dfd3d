"""Users, roles, departments and the security settings, declared once."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label

ADMIN_ROLE = "admin"
# The roles the first migration creates, with the English names and descriptions it gives
# them: while a default role keeps them, lists and exports show them in the user's language.
DEFAULT_ROLES = {
    "admin": (Label("Administrator", "管理员"),
              Label("Everything, including users, roles and the audit log",
                    "全部权限，包括用户、角色和审计日志")),
    "sales_manager": (Label("Sales manager", "销售经理"),
                      Label("The team's customers, reports, exports, credit override",
                            "团队的客户、报表、导出、信用额度审批")),
    "salesperson": (Label("Salesperson", "销售员"), Label("Own customers only", "仅自己的客户")),
    "finance": (Label("Finance", "财务"), Label("Invoices, payments, credit limits",
                                               "发票、收款、信用额度")),
    "service": (Label("Service", "客服"), Label("Feedback tickets", "服务反馈工单")),
    "auditor": (Label("Auditor", "审计员"),
                Label("Reads everything including the audit log; changes nothing",
                      "可查看全部内容（包括审计日志），不能修改")),
}


def role_name(code: str, name: str, language: str) -> str:
    """A role's name, in the user's language while it is a default role's default name."""
    default = DEFAULT_ROLES.get(code)
    return default[0].text(language) if default and default[0].en == name else name


def role_description(code: str, description: str, language: str) -> str:
    default = DEFAULT_ROLES.get(code)
    return default[1].text(language) if default and default[1].en == description \
        else description


USER = Entity(
    name="user", module="admin", label=Label("User", "用户"), plural=Label("Users", "用户"),
    key="username", title="display_name", scope="", archivable=False,
    fields=(
        f.text("username", "User name", "用户名", 64, required=True, sortable=True),
        f.text("display_name", "Display name", "姓名", 128, sortable=True),
        f.reference("department", "Department", "部门", "department", filterable=True),
        f.text("roles", "Roles", "角色", 500, editable=False, source="role_names"),
        f.boolean("is_active", "Active", "启用", editable=False, default=True),
        f.moment("locked_until", "Locked until", "锁定至"),
        f.boolean("must_change_password", "Must change password", "须修改密码",
                  editable=False),
        f.moment("last_login_at", "Last sign-in", "上次登录"),
    ),
    list_columns=("username", "display_name", "roles", "department", "is_active",
                  "locked_until", "last_login_at"),
    default_sort="username",
)

ROLE = Entity(
    name="role", module="admin", label=Label("Role", "角色"), plural=Label("Roles", "角色"),
    key="code", scope="", archivable=False,
    fields=(
        f.text("code", "Code", "代码", 32, required=True),
        f.text("name", "Name", "名称", 100, required=True),
        f.text("description", "Description", "说明", 500),
        f.boolean("sales", "Sales role (may own customers)", "销售角色（可负责客户）"),
    ),
    default_sort="code",
)

DEPARTMENT = Entity(
    name="department", module="admin", label=Label("Department", "部门"),
    plural=Label("Departments", "部门"), key="name", scope="", archivable=False,
    fields=(
        f.text("name", "Name", "名称", 100, required=True),
        f.reference("manager", "Manager", "经理", "user"),
    ),
    groups=(Group(Label("Department", "部门"), ("name", "manager")),),
)

SECURITY = Entity(
    name="settings", module="admin", label=Label("Security settings", "安全设置"),
    plural=Label("Security settings", "安全设置"), key="", scope="", archivable=False,
    fields=(
        f.integer("password_min_length", "Minimum password length", "密码最小长度", 8, 64,
                  default=8),
        f.integer("lockout_threshold", "Failed sign-ins before lockout", "锁定前允许的登录失败次数",
                  1, 100, default=5),
        f.integer("lockout_minutes", "Lockout (minutes)", "锁定时长（分钟）", 1, 1440,
                  default=15),
        f.integer("idle_lock_minutes", "Lock when idle (minutes)", "空闲锁定（分钟）", 1, 480,
                  default=15),
    ),
)
