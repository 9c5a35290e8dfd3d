"""The audit log. The module's public API."""

from app.logic.audit.chain import describe_finding, parse_digest
from app.logic.audit.dto import (
    AuditDigest,
    AuditFilter,
    AuditNames,
    AuditRow,
    ChainFinding,
    ChainReport,
)
from app.logic.audit.service import AuditService
from app.logic.kit.registry import LogicModule
from app.logic.kit.trail import (
    action_label,
    entity_label,
    field_changes,
    field_label,
    value_text,
)

__all__ = ["MODULE", "AuditDigest", "AuditFilter", "AuditNames", "AuditRow", "AuditService",
           "ChainFinding", "ChainReport", "action_label", "describe_finding", "entity_label",
           "field_changes", "field_label", "parse_digest", "value_text"]

MODULE = LogicModule("audit", services={"audit": AuditService})
