"""Audit entries: the before and after values of changed fields, and reading them back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.logic.kit.dto import AuditRow


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value that keeps money exact (as a string)."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for every field whose value changed."""
    return {
        key: [plain(before.get(key)), plain(after.get(key))]
        for key in after
        if plain(before.get(key)) != plain(after.get(key))
    }


def created(values: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {key: [None, plain(value)] for key, value in values.items()
            if value not in ("", None, False)}


def audit_row(r: Any, subject: str = "") -> AuditRow:
    """An AuditRow from a stored entry (``changes`` parsed; unreadable JSON kept as text)."""
    try:
        changes = json.loads(r.changes or "{}")
    except ValueError:
        changes = {"(unreadable)": [None, r.changes]}
    if not isinstance(changes, dict):
        changes = {"(value)": [None, changes]}
    return AuditRow(id=r.id, at=r.at, user_id=r.user_id, username=r.username,
                    action=r.action, entity_type=r.entity_type, entity_id=r.entity_id,
                    changes=changes, subject=subject)
