"""What the audit log screen and commands receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from app.logic.kit.dto import AuditRow

__all__ = ["AuditDigest", "AuditFilter", "AuditNames", "AuditRow", "ChainFinding",
           "ChainReport"]


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
class ChainFinding:
    """One thing wrong with the chain, about entry ``entry_id``. ``kind``: missing, link,
    content, genesis, head_missing, head_ahead, head_behind, head_differs, recovered,
    digest_missing, digest_changed; ``values``: the ids and hashes involved.
    ``describe_finding(finding, language)`` says it in words."""

    entry_id: int
    kind: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditDigest:
    """The newest entry's id and hash, to keep outside the database: a later verify with it
    fails when that entry is gone or changed. Written as ``ID:HASH``."""

    entry_id: int
    hash: str
    at: datetime | None = None

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.hash}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    intact: bool
    first_bad_id: int | None = None
    reason: str = ""  # of the first finding, in English
    head_hash: str = ""  # of the last verified entry: note it outside the database
    findings: tuple[ChainFinding, ...] = ()  # everything wrong, in the order of the entries
    head_id: int = 0  # the last verified entry
    digest: AuditDigest | None = None  # checked against, when given
