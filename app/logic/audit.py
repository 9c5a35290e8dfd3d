"""The audit log: list, read one entry, verify the hash chain, export to Excel."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.data.audit import verify_chain
from app.logic.base import Service
from app.logic.dto import Actor, AuditFilter, AuditNames, AuditRow, ChainReport
from app.logic.errors import NotFound
from app.logic.permissions import require

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
# Fields whose values are ids or codes of other records, and what they name.
USER_FIELDS = frozenset({"manager_id", "owner_id", "user_id", "created_by", "updated_by"})
DEPARTMENT_FIELDS = frozenset({"department_id"})
ROLE_FIELDS = frozenset({"roles"})


def _named_values(changes: Any, fields: frozenset[str]) -> dict[str, set[Any]]:
    """The values of ``fields`` in an entry's changes: before and after, lists flattened."""
    found: dict[str, set[Any]] = {}
    if not isinstance(changes, dict):
        return found
    for name, value in changes.items():
        if name not in fields:
            continue
        for side in (value if isinstance(value, list) and len(value) == 2 else [value]):
            for one in (side if isinstance(side, list) else [side]):
                if one is not None and not isinstance(one, dict | list | bool):
                    found.setdefault(name, set()).add(one)
    return found


def _row(r: Any) -> AuditRow:
    try:
        changes = json.loads(r.changes or "{}")
    except ValueError:
        changes = {"(unreadable)": [None, r.changes]}
    return AuditRow(id=r.id, at=r.at, user_id=r.user_id, username=r.username, action=r.action,
                    entity_type=r.entity_type, entity_id=r.entity_id, changes=changes)


class AuditService(Service):
    def list_audit_entries(self, actor: Actor, filters: AuditFilter,
                           before_id: int | None = None, limit: int = 200) -> list[AuditRow]:
        """Newest first; pass the last id seen as ``before_id`` for the next page."""
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            rows = uow.audit_queries.page(**asdict(filters), before_id=before_id,
                                          limit=max(1, min(limit, 5000)))
            return [_row(r) for r in rows]

    def count_audit_entries(self, actor: Actor, filters: AuditFilter) -> int:
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            return uow.audit_queries.count(**asdict(filters))

    def get_audit_entry(self, actor: Actor, entry_id: int) -> AuditRow:
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            row = uow.audit_queries.get(entry_id)
            if row is None:
                raise NotFound("audit entry", entry_id)
            return _row(row)

    def names_in(self, actor: Actor, entry: AuditRow) -> AuditNames:
        """What the ids and codes in ``entry``'s changes name today (the entry keeps the
        ids it was written with; a reader wants "销售一部", not "3")."""
        require(actor, "audit", "view")
        users = _named_values(entry.changes, USER_FIELDS)
        departments = _named_values(entry.changes, DEPARTMENT_FIELDS)
        roles = _named_values(entry.changes, ROLE_FIELDS)
        if not (users or departments or roles):
            return AuditNames()
        with self._open(actor, write=False) as uow:
            user_names = uow.users.names(
                [v for values in users.values() for v in values if isinstance(v, int)])
            department_names = ({d.id: d.name for d in uow.departments.all()}
                                if departments else {})
            role_names = {r.code: r.name for r in uow.roles.all()} if roles else {}
        fields: dict[str, dict[str, str]] = {}
        for wanted, names in ((users, user_names), (departments, department_names),
                              (roles, role_names)):
            for name, values in wanted.items():
                fields[name] = {str(v): names[v] for v in values if v in names}
        return AuditNames(fields)

    def verify_audit_chain(self, actor: Actor) -> ChainReport:
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            checked, problem, last_hash = verify_chain(uow.session)
        if problem is None:
            return ChainReport(checked=checked, intact=True, head_hash=last_hash)
        return ChainReport(checked=checked, intact=False, first_bad_id=problem.entry_id,
                           reason=problem.reason, head_hash=last_hash)

    def export_audit_entries(self, actor: Actor, filters: AuditFilter, path: str | Path,
                             progress: Progress | None = None) -> int:
        """Write the matching entries to an .xlsx file; the export itself is audited.

        Cancelled (progress returned False) means no file and no audit entry."""
        require(actor, "audit", "export")
        from app.logic.xlsx import AuditWorkbook

        target = Path(path)
        total = self.count_audit_entries(actor, filters)
        partial = target.with_name(f".{target.name}.partial")
        book = AuditWorkbook()
        done, before = 0, None
        while True:
            page = self.list_audit_entries(actor, filters, before, 2000)
            if not page:
                break
            book.add_rows(page)
            done += len(page)
            before = page[-1].id
            if progress is not None and progress(done, total) is False:
                book.discard(partial)
                return -1
        book.save(partial)
        os.replace(partial, target)
        self._record_export(actor, filters, done, target.name)
        return done

    def _record_export(self, actor: Actor, filters: AuditFilter, count: int, name: str) -> None:
        from app.logic.auditing import plain

        with self._open(actor) as uow:
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="export",
                             entity_type="audit_log", entity_id="",
                             changes={"rows": [None, count], "file": [None, name],
                                      "filter": [None, {k: plain(v) for k, v in
                                                        asdict(filters).items() if v}]})
            uow.commit()
