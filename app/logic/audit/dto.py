"""What the audit log screen and commands receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.logic.kit.dto import AuditRow

__all__ = ["AuditFilter", "AuditNames", "AuditRow", "ChainReport"]


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    entity_type: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""  # in the changes, the record's id or key (a customer's code), the user


@dataclass(frozen=True)
class AuditNames:
    """What the ids and codes in an audit entry's changes name today, per field: users
    (``owner``, ``manager_id``...), departments, customers and roles (by code). Values are
    keyed by their text (``"3"``, ``"salesperson"``)."""

    fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def name(self, field_name: str, value: object) -> str | None:
        return self.fields.get(field_name, {}).get(str(value))


@dataclass(frozen=True)
class ChainReport:
    checked: int
    intact: bool
    first_bad_id: int | None = None
    reason: str = ""
    head_hash: str = ""  # of the last verified entry: note it outside the database
