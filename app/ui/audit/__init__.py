"""The audit log screen: filters, a lazily loaded list, entry detail, export, chain check.
The module's public API."""

from app.logic.kit.fields import Label
from app.ui.audit.page import AuditLogPage
from app.ui.kit.context import Context
from app.ui.shell.registry import UiModule

__all__ = ["MODULE", "AuditLogPage"]


def _page(context: Context) -> AuditLogPage:
    return AuditLogPage(context)


MODULE = UiModule("audit", Label("Audit log", "审计日志"), ("audit", "view"), _page)
