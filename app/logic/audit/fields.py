"""The audit log's words: actions and the names of the ids its entries hold."""

from __future__ import annotations

from app.logic.kit.fields import Label

ACTIONS = {
    "create": Label("Create", "新建"), "update": Label("Update", "修改"),
    "delete": Label("Delete", "删除"), "archive": Label("Archive", "归档"),
    "restore": Label("Restore", "恢复"), "disable": Label("Disable", "停用"),
    "enable": Label("Enable", "启用"), "reset_password": Label("Reset password", "重置密码"),
    "unlock": Label("Unlock", "解锁"), "login": Label("Sign in", "登录"),
    "login_failed": Label("Failed sign-in", "登录失败"), "lockout": Label("Lockout", "锁定"),
    "password_change": Label("Password change", "修改密码"), "export": Label("Export", "导出"),
    "demo": Label("Demo data", "演示数据"),
}
# Entity types written by the kit rather than a module's entity.
OTHER_ENTITIES = {"audit_log": Label("Audit log", "审计日志"),
                  "database": Label("Database", "数据库"),
                  "settings": Label("Settings", "设置")}
# Keys of older entries (and of entries the kit writes) that hold ids of other records.
LEGACY_REFS = {"owner_id": "user", "manager_id": "user", "user_id": "user",
               "created_by": "user", "updated_by": "user", "department_id": "department",
               "customer_id": "customer", "roles": "role"}
OTHER_FIELDS = {
    "archived_at": Label("Archived", "归档时间"), "archived": Label("Archived", "归档"),
    "copy_from": Label("Copied from", "复制自"), "reason": Label("Reason", "原因"),
    "rows": Label("Rows", "行数"), "file": Label("File", "文件"),
    "filter": Label("Filter", "筛选条件"), "rights": Label("Rights (removed / added)",
                                                        "权限（移除 / 添加）"),
    "scopes": Label("Record scope", "记录范围"), "customer_id": Label("Customer", "客户"),
    "owner_id": Label("Owner", "负责人"), "manager_id": Label("Manager", "经理"),
    "department_id": Label("Department", "部门"), "roles": Label("Roles", "角色"),
    "is_active": Label("Active", "启用"), "locked_until": Label("Locked until", "锁定至"),
    "must_change_password": Label("Must change password", "须修改密码"),
    "team": Label("Team", "团队"), "department": Label("Department", "部门"),
    "customers": Label("Customers", "客户"), "contacts": Label("Contacts", "联系人"),
    "seed": Label("Seed", "随机种子"), "codes": Label("Codes", "编号"),
    "users": Label("Users", "用户"),
}
