"""The audit log screen: filters, a lazily loaded list, entry detail, export, chain check."""

from app.ui.audit.page import AuditLogPage

__all__ = ["AuditLogPage"]
