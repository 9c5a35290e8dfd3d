"""Rights: module x action. The first line of every public service method checks one."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from typing import NamedTuple

from app.logic.kit.dto import Actor
from app.logic.kit.errors import NotFound, PermissionDenied
from app.logic.kit.fields import Label

MODULES = ("customers", "contacts", "projects", "suppliers", "products", "feedback",
           "activities", "sales", "finance", "reports", "admin", "audit")
ACTIONS = ("view", "create", "edit", "delete", "export", "import", "approve")
SCOPES = ("own", "team", "all")
# What the rights matrix, the audit log and the exports call them.
MODULE_LABELS = {
    "customers": Label("Customers", "客户"), "contacts": Label("Contacts", "联系人"),
    "projects": Label("Projects", "项目"), "suppliers": Label("Suppliers", "供应商"),
    "products": Label("Products", "产品"), "feedback": Label("Feedback", "服务反馈"),
    "activities": Label("Activities", "活动"), "sales": Label("Sales", "销售"),
    "finance": Label("Finance", "财务"), "reports": Label("Reports", "报表"),
    "admin": Label("Administration", "系统管理"), "audit": Label("Audit log", "审计日志")}
ACTION_LABELS = {
    "view": Label("View", "查看"), "create": Label("Create", "新建"),
    "edit": Label("Edit", "编辑"), "delete": Label("Delete", "删除"),
    "export": Label("Export", "导出"), "import": Label("Import", "导入"),
    "approve": Label("Approve", "审批")}
SCOPE_LABELS = {"own": Label("Own records", "本人记录"),
                "team": Label("Team's records", "团队记录"),
                "all": Label("All records", "全部记录")}


@cache
def extra_actions() -> Mapping[str, Mapping[str, Label]]:
    """The actions a module has beyond ``ACTIONS`` (a project's reopen), by module: each
    module declares its own (``LogicModule(actions=...)``); the rights matrix shows them in
    that module's row, not as a column every module would have."""
    from app.logic.kit.registry import load_modules  # the modules import this kit

    return {m.name: dict(m.actions) for m in load_modules() if m.actions}


def module_actions(module: str) -> tuple[str, ...]:
    """The actions of ``module``'s rights: the matrix's columns, then its own."""
    return ACTIONS + tuple(extra_actions().get(module, {}))


def is_right(module: str, action: str) -> bool:
    return module in MODULES and action in module_actions(module)


def all_rights() -> frozenset[tuple[str, str]]:
    """Every right a role may hold (the Administrator's)."""
    return frozenset((m, a) for m in MODULES for a in module_actions(m))


def action_label(module: str, action: str) -> Label | None:
    """What the matrix calls ``action`` of ``module`` (a module's own action by its own
    word)."""
    return extra_actions().get(module, {}).get(action) or ACTION_LABELS.get(action)


def right_label(right: str, language: str) -> str:
    """``customers.view`` as a person reads it: "Customers: View" / "客户：查看"."""
    module, _, action = right.partition(".")
    words = (MODULE_LABELS.get(module), action_label(module, action))
    if words[0] is None or words[1] is None:
        return right
    colon = "：" if language.startswith("zh") else ": "
    return f"{words[0].text(language)}{colon}{words[1].text(language)}"


def require(actor: Actor, module: str, action: str) -> None:
    if not actor.can(module, action):
        raise PermissionDenied(module, action)


def owner_scope(actor: Actor, module: str) -> Collection[int] | None:
    """The owners whose records ``actor`` may see in ``module``; None means all."""
    scope = actor.scope(module)
    if scope == "all":
        return None
    if scope == "team":
        return frozenset(actor.team_user_ids | {actor.user_id})
    return frozenset({actor.user_id})


class RecordScope(NamedTuple):
    """Who may see a record: the rights module whose scope governs it (a contact: its
    customer's ``customers``, or its supplier's ``suppliers``) and the user it counts among.
    ``owned`` False: that module's records have no owner, its view right decides."""

    module: str
    owner: int | None
    owned: bool = True


def may_see(actor: Actor, scope: RecordScope) -> bool:
    """Whether ``actor`` sees a record of ``scope``: within their own, team or all records
    of the module; for a module whose records have no owner, with its view right."""
    if not scope.owned:
        return actor.can(scope.module, "view")
    allowed = owner_scope(actor, scope.module)
    return allowed is None or scope.owner in allowed


def require_in_scope(actor: Actor, module: str, owner_id: int | None, entity: str,
                     key: object) -> None:
    """A record outside the actor's scope is answered as if it did not exist (as a private
    repository is): "not found" for a missing record and for one the actor may not see
    alike, so neither a read nor an action tells that it exists. The rights themselves
    (``require``) are still refused as rights."""
    allowed = owner_scope(actor, module)
    if allowed is not None and owner_id not in allowed:
        raise NotFound(entity, key)
