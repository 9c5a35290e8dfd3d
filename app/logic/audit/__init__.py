"""The audit log. The module's public API."""

from app.logic.audit.dto import AuditFilter, AuditNames, AuditRow, ChainReport
from app.logic.audit.service import AuditService
from app.logic.kit.registry import LogicModule
from app.logic.kit.trail import (
    action_label,
    entity_label,
    field_changes,
    field_label,
    value_text,
)

__all__ = ["MODULE", "AuditFilter", "AuditNames", "AuditRow", "AuditService", "ChainReport",
           "action_label", "entity_label", "field_changes", "field_label", "value_text"]

MODULE = LogicModule("audit", services={"audit": AuditService})
