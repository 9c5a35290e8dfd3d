"""The audit log. The module's public API."""

from app.logic.audit.dto import AuditFilter, AuditNames, AuditRow, ChainReport
from app.logic.audit.service import (
    AuditService,
    action_label,
    entity_label,
    field_changes,
    field_label,
    value_text,
)
from app.logic.kit.registry import LogicModule

__all__ = ["MODULE", "AuditFilter", "AuditNames", "AuditRow", "AuditService", "ChainReport",
           "action_label", "entity_label", "field_changes", "field_label", "value_text"]

MODULE = LogicModule("audit", services={"audit": AuditService})
