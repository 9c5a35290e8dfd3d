"""Audit entries: the before and after values of changed fields, and reading them back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.logic.kit.dto import AuditRow
from app.logic.kit.entity import Entity
from app.logic.kit.fields import YES_NO, Label
from app.logic.kit.permissions import (
    MODULE_LABELS,
    SCOPE_LABELS,
    extra_actions,
    right_label,
)
from app.logic.kit.registry import entities


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value that keeps money exact (as a string)."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field whose value changed."""
    return {
        key: [plain(before.get(key)), plain(after.get(key))]
        for key in after
        if plain(before.get(key)) != plain(after.get(key))
    }


def created(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {key: [None, plain(value)] for key, value in values.items()
            if value not in ("", None, False)}


def audit_row(r: Any, subject: str = "") -> AuditRow:
    """An AuditRow from a stored entry (``changes`` parsed; unreadable JSON kept as text)."""
    try:
        changes = json.loads(r.changes or "{}")
    except ValueError:
        changes = {"(unreadable)": [None, r.changes]}
    if not isinstance(changes, dict):
        changes = {"(value)": [None, changes]}
    return AuditRow(id=r.id, at=r.at, user_id=r.user_id, username=r.username,
                    action=r.action, entity_type=r.entity_type, entity_id=r.entity_id,
                    changes=changes, subject=subject)


# --- reading entries: labels and values as a person reads them ---------------------------------
ACTIONS = {
    "create": Label("Create", "新建"), "update": Label("Update", "修改"),
    "delete": Label("Delete", "删除"), "archive": Label("Archive", "归档"),
    "restore": Label("Restore", "恢复"), "disable": Label("Disable", "停用"),
    "enable": Label("Enable", "启用"), "reset_password": Label("Reset password", "重置密码"),
    "unlock": Label("Unlock", "解锁"), "login": Label("Sign in", "登录"),
    "login_failed": Label("Failed sign-in", "登录失败"), "lockout": Label("Lockout", "锁定"),
    "password_change": Label("Password change", "修改密码"), "export": Label("Export", "导出"),
    "demo": Label("Demo data", "演示数据"), "reopen": Label("Reopen", "重新打开"),
    "genesis": Label("Chain begun", "日志链起始"),
    "head_recovered": Label("Chain head recovered", "链头已恢复"),
}
# Entity types written by the kit rather than a module's entity.
OTHER_ENTITIES = {"audit_log": Label("Audit log", "审计日志"),
                  "database": Label("Database", "数据库"),
                  "settings": Label("Settings", "设置")}
OTHER_FIELDS = {
    "archived_at": Label("Archived", "归档时间"), "archived": Label("Archived", "归档"),
    "copy_from": Label("Copied from", "复制自"), "reason": Label("Reason", "原因"),
    "rows": Label("Rows", "行数"), "file": Label("File", "文件"),
    "chain": Label("Chain", "日志链"), "last_id": Label("Head: entry", "链头：条目"),
    "last_hash": Label("Head: hash", "链头：哈希"),
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


# Values the kit and the sign-in write that are words, not field values.
OTHER_VALUES = {
    ("reason", "unknown user"): Label("Unknown user", "未知用户"),
    ("reason", "wrong password"): Label("Wrong password", "密码错误"),
    ("reason", "locked"): Label("Account locked", "账户已锁定"),
    ("reason", "disabled"): Label("Account disabled", "账户已停用"),
}


class Names:
    """What the ids and codes in an entry's changes name (``AuditNames`` has this shape)."""

    def name(self, field_name: str, value: object) -> str | None:
        return None


def field_changes(entry: AuditRow, language: str,
                  names: Any = None) -> list[tuple[str, str, str]]:
    """(field label, before, after) per changed field, values as a person reads them:
    choices by their label, yes/no, money with two places, ids by what they name."""
    entity = entities().get(entry.entity_type)
    rows = []
    for name, value in entry.changes.items():
        label = field_label(entity, name, language)
        if isinstance(value, list) and len(value) == 2:
            before, after = value
        else:
            before, after = None, value
        rows.append((label, value_text(entity, name, before, language, names),
                     value_text(entity, name, after, language, names)))
    return rows


def field_label(entity: Entity | None, name: str, language: str) -> str:
    if entity is not None and entity.has(name):
        return entity.field(name).caption(language)
    for other in entities().values():
        if other.has(name):
            return other.field(name).caption(language)
    label = OTHER_FIELDS.get(name)
    return label.text(language) if label is not None else name


def value_text(entity: Entity | None, name: str, value: Any, language: str,
               names: Any = None) -> str:
    if value is None or value == "":
        return ""
    named = names.name(name, value) if names is not None and not isinstance(
        value, list | dict) else None
    if named is not None:  # an id: "销售一部 (#3)"; a code (a role's): its name
        return f"{named} (#{value})" if isinstance(value, int) else named
    chinese = language.startswith("zh")
    if name == "rights" and isinstance(value, str):  # a role's rights: "customers.view"
        return right_label(value, language)
    if isinstance(value, list):
        return ("、" if chinese else ", ").join(
            value_text(entity, name, v, language, names) for v in value)
    if isinstance(value, dict):
        colon = "：" if chinese else ": "
        if name == "scopes":  # module -> own / team / all
            return ("；" if chinese else "; ").join(
                f"{_word(MODULE_LABELS, k, language)}{colon}"
                f"{_word(SCOPE_LABELS, v, language)}" for k, v in value.items())
        return ("；" if chinese else "; ").join(
            f"{k}{colon}{value_text(entity, k, v, language, names)}" for k, v in value.items())
    word = OTHER_VALUES.get((name, value)) if isinstance(value, str) else None
    if word is not None:
        return word.text(language)
    if entity is not None and entity.has(name):
        f = entity.field(name)
        if f.kind in ("choice", "boolean", "money"):
            try:
                return f.display(value, language)
            except ArithmeticError:  # not an amount after all: as it was written
                return str(value)
        if f.kind == "datetime" and isinstance(value, str):
            try:
                return f.display(datetime.fromisoformat(value), language)
            except ValueError:
                return value
    if isinstance(value, bool):
        return YES_NO[language.startswith("zh")][0 if value else 1]
    return str(value)


def _word(labels: Mapping[str, Label], key: Any, language: str) -> str:
    label = labels.get(str(key))
    return label.text(language) if label is not None else str(key)


def action_label(action: str, language: str) -> str:
    """An audit action as a person reads it: the kit's, else a module's own (a ticket's
    "resolve", a workflow's transition)."""
    label = ACTIONS.get(action)
    if label is None:
        label = next((a[action] for a in extra_actions().values() if action in a), None)
    return label.text(language) if label is not None else action


def entity_label(entity_type: str, language: str) -> str:
    entity = entities().get(entity_type)
    if entity is not None:
        return entity.label.text(language)
    label = OTHER_ENTITIES.get(entity_type)
    return label.text(language) if label is not None else entity_type
