"""Rights: module x action. The first line of every public service method checks one."""

from __future__ import annotations

from collections.abc import Collection

from app.logic.kit.dto import Actor
from app.logic.kit.errors import PermissionDenied

MODULES = ("customers", "contacts", "projects", "suppliers", "products", "feedback",
           "activities", "sales", "finance", "reports", "admin", "audit")
ACTIONS = ("view", "create", "edit", "delete", "export", "import", "approve")
SCOPES = ("own", "team", "all")


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


def require_in_scope(actor: Actor, module: str, owner_id: int | None, action: str) -> None:
    allowed = owner_scope(actor, module)
    if allowed is not None and owner_id not in allowed:
        raise PermissionDenied(module, action,
                               f"permission denied: this {module} record is outside your scope")
