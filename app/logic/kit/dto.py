"""Frozen values passed between the layers: the actor, records, pages, what changed.

Never ORM objects: a ``Record`` holds plain values keyed by field name, built inside the
unit of work, so nothing lazy escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.logic.kit.fields import Label, Ref


@dataclass(frozen=True)
class Actor:
    """The signed-in user every service method receives."""

    user_id: int
    username: str
    display_name: str = ""
    rights: frozenset[tuple[str, str]] = frozenset()
    scopes: tuple[tuple[str, str], ...] = ()
    team_user_ids: frozenset[int] = frozenset()
    is_admin: bool = False  # holds the Administrator role; informational, grants nothing
    must_change_password: bool = False
    role_codes: frozenset[str] = frozenset()
    idle_lock_minutes: int = 15

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can(self, module: str, action: str) -> bool:
        return (module, action) in self.rights

    def scope(self, module: str) -> str:
        return dict(self.scopes).get(module, "own")

    def same_access(self, other: Actor) -> bool:
        """Whether ``other`` may do and see exactly what this actor may (same user)."""
        return (self.user_id, self.rights, self.scopes, self.team_user_ids,
                self.role_codes) == (other.user_id, other.rights, other.scopes,
                                     other.team_user_ids, other.role_codes)


@dataclass(frozen=True)
class Record:
    """One record with its field values (references as ``Ref``), its version and who
    made and last changed it. ``record.name`` reads ``record.values["name"]``."""

    entity: str
    id: int
    values: Mapping[str, Any]
    version: int
    archived: bool = False
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""
    children: Mapping[str, tuple[Record, ...]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def ref(self, name: str) -> Ref | None:
        value = self.values.get(name)
        return value if isinstance(value, Ref) else None

    def ref_id(self, name: str) -> int | None:
        value = self.ref(name)
        return value.id if value is not None else None

    def editable_values(self, names: tuple[str, ...]) -> dict[str, Any]:
        """The values of ``names`` as a form edits them: references by id."""
        return {n: (v.id if isinstance(v, Ref) else v)
                for n, v in self.values.items() if n in names}

    def with_children(self, kind: str, children: tuple[Record, ...]) -> Record:
        return replace(self, children={**self.children, kind: children})


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: search text, filters (field = value), ranges (from <= field <=
    to, either end open), sort, archived or not."""

    search: str = ""
    filters: tuple[tuple[str, Any], ...] = ()
    sort: str = ""
    descending: bool = False
    include_archived: bool = False
    ranges: tuple[tuple[str, Any, Any], ...] = ()  # (field, from or None, to or None)

    def filter(self, name: str) -> Any:
        return dict(self.filters).get(name)

    def with_filter(self, name: str, value: Any) -> ListQuery:
        rest = tuple((n, v) for n, v in self.filters if n != name)
        kept = rest if value is None or value == "" else (*rest, (name, value))
        return replace(self, filters=tuple(sorted(kept, key=lambda item: item[0])))

    def range(self, name: str) -> tuple[Any, Any]:
        """The (from, to) of ``name``'s range; (None, None) when it has none."""
        return next(((low, high) for n, low, high in self.ranges if n == name), (None, None))

    def with_range(self, name: str, low: Any, high: Any) -> ListQuery:
        """``low <= name <= high``; an end that is None or "" is open (both: no range)."""
        low, high = (None if v == "" else v for v in (low, high))
        rest = tuple(r for r in self.ranges if r[0] != name)
        kept = rest if low is None and high is None else (*rest, (name, low, high))
        return replace(self, ranges=tuple(sorted(kept, key=lambda item: item[0])))

    @property
    def is_filtered(self) -> bool:
        return bool(self.search.strip() or self.filters or self.ranges
                    or self.include_archived)


@dataclass(frozen=True)
class Page:
    rows: tuple[Any, ...]
    next_key: tuple[Any, ...] | None  # pass back to fetch the following page; None at the end


@dataclass(frozen=True)
class Changed:
    """What a write changed, so each screen can decide whether to refresh: the entity and
    ids, the action, the records it touched besides (a contact's customer), and the record
    as saved when there is one."""

    entity: str
    ids: tuple[int, ...] = ()
    action: str = "update"
    version: int = 0
    record: Record | None = None
    related: tuple[tuple[str, int], ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    # What the record as saved is warned of (the entity's cautions): saved all the same.
    warnings: tuple[Label, ...] = ()

    def touches(self, entity: str, record_id: int | None = None) -> bool:
        if entity == self.entity and (record_id is None or record_id in self.ids):
            return True
        return any(e == entity and (record_id is None or i == record_id)
                   for e, i in self.related)

    @property
    def saved(self) -> Record:
        if self.record is None:
            raise ValueError(f"{self.action} of {self.entity} returned no record")
        return self.record


@dataclass(frozen=True)
class AuditRow:
    """One audit log entry; ``subject`` names the record it is about as a person knows it
    ("C000123 北京某某科技有限公司"), where the reader could look that up."""

    id: int
    at: datetime
    user_id: int | None
    username: str
    action: str
    entity_type: str
    entity_id: str
    changes: dict[str, Any]
    subject: str = ""
