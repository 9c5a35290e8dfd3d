"""References between records as people name them: users by user name, customers by code.

A module registers a ``RefTarget`` for each kind of record others may refer to (its data
package's ``DATA.refs``). The logic layer resolves what a person typed (``sales1``,
``C000123``) to an id, and ids back to their key and label, through ``uow.refs``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class RefTarget:
    model: Any
    key: Any  # the column a person types: User.username, Customer.code
    label: Any  # what a person reads: display name, name
    case_insensitive: bool = False
    active: Any = None  # a boolean column: only active records may be referred to anew
    archived: Any = None  # archived_at: an archived record may not be referred to anew
    upper: bool = False  # keys are stored upper-case (codes): c000123 finds C000123
    # Record scope: the rights module whose scope applies (``customers``; or an expression
    # naming it per record: a contact's is its customer's or its supplier's) and the owner
    # (a column, or a scalar subquery correlated with ``model``: a contact's customer's).
    scope: Any = ""
    owner: Any = None
    # Modules ``scope`` names whose records have no owner: their view right decides.
    unowned: frozenset[str] = frozenset()


class Refs:
    def __init__(self, session: Session, targets: Mapping[str, RefTarget]) -> None:
        self.session = session
        self.targets = targets

    def find(self, kind: str, key: str) -> int | None:
        """The id of the record of ``kind`` whose key is ``key`` (None if there is none)."""
        target = self.targets[kind]
        key = key.strip().upper() if target.upper else key.strip()
        condition: ColumnElement[bool] = (
            func.lower(target.key) == key.lower() if target.case_insensitive
            else target.key == key)
        found = self.session.execute(select(target.model.id).where(condition)).first()
        return None if found is None else int(found[0])

    def usable(self, kind: str, record_id: int) -> bool:
        """Whether ``record_id`` exists (and is active and not archived, where the kind
        says so)."""
        target = self.targets[kind]
        stmt = select(target.model.id).where(target.model.id == record_id)
        if target.active is not None:
            stmt = stmt.where(target.active.is_(True))
        if target.archived is not None:
            stmt = stmt.where(target.archived.is_(None))
        return self.session.execute(stmt).first() is not None

    def scope_of(self, kind: str, record_id: int) -> tuple[str, int | None, bool] | None:
        """The rights module whose scope governs this record of ``kind``, its owner, and
        whether that module's records have owners (else its view right decides); None when
        the kind has no record scope (or there is no such record)."""
        target = self.targets[kind]
        if isinstance(target.scope, str) and not target.scope:
            return None
        module = literal(target.scope) if isinstance(target.scope, str) else target.scope
        found = self.session.execute(
            select(module, target.owner).where(target.model.id == record_id)).first()
        if found is None:
            return None
        return str(found[0]), found[1], str(found[0]) not in target.unowned

    def describe(self, kind: str, ids: Iterable[int | None]) -> dict[int, tuple[str, str]]:
        """id -> (key, label) for the records of ``kind`` among ``ids`` that exist."""
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        target = self.targets[kind]
        rows = self.session.execute(
            select(target.model.id, target.key, target.label)
            .where(target.model.id.in_(wanted))).all()
        return {int(r[0]): (str(r[1] or ""), str(r[2] or r[1] or "")) for r in rows}

    def kinds(self) -> tuple[str, ...]:
        return tuple(self.targets)
