"""The audit log screen's data: its reads (the table and the chain are the kit's)."""

from app.data.audit.queries import AuditQueries
from app.data.kit.registry import DataModule

__all__ = ["DATA", "AuditQueries"]

DATA = DataModule("audit")
