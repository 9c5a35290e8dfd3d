"""The audit log: list, read one entry, name what its ids refer to, verify the hash chain,
export to Excel (one row per changed field, in the user's language)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.data.audit import AuditQueries
from app.data.kit.audit import Link
from app.data.kit.uow import UnitOfWork
from app.logic.audit.chain import chain_report
from app.logic.audit.dto import AuditDigest, AuditFilter, AuditNames, ChainReport
from app.logic.audit.fields import LEGACY_REFS
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, AuditRow
from app.logic.kit.errors import NotFound
from app.logic.kit.fields import Label
from app.logic.kit.permissions import require
from app.logic.kit.registry import entities, load_modules
from app.logic.kit.service import Service
from app.logic.kit.trail import (
    action_label,
    audit_row,
    entity_label,
    field_changes,
    plain,
)
from app.logic.kit.validation import check_search
from app.logic.kit.workbook import Cancelled, Column, write_workbook

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
PAGE_MAX = 5000


class AuditService(Service):
    def list_audit_entries(self, actor: Actor, filters: AuditFilter,
                           before_id: int | None = None, limit: int = 200) -> list[AuditRow]:
        """Newest first; pass the last id seen as ``before_id`` for the next page. Each
        row names its record (``subject``: a customer's code and name)."""
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            rows = uow.get(AuditQueries).page(**self._criteria(uow, filters),
                                               before_id=before_id,
                                               limit=max(1, min(limit, PAGE_MAX)))
            return _with_subjects(uow, [audit_row(r) for r in rows])

    def count_audit_entries(self, actor: Actor, filters: AuditFilter) -> int:
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            return uow.get(AuditQueries).count(**self._criteria(uow, filters))

    def get_audit_entry(self, actor: Actor, entry_id: int) -> AuditRow:
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            row = uow.get(AuditQueries).get(entry_id)
            if row is None:
                raise NotFound("audit entry", entry_id)
            return _with_subjects(uow, [audit_row(row)])[0]

    def names_in(self, actor: Actor, entry: AuditRow) -> AuditNames:
        """What the ids and codes in ``entry``'s changes name today (the entry keeps the
        ids it was written with; a reader wants "销售一部", not "3")."""
        return self.names_in_entries(actor, [entry])[0]

    def names_in_entries(self, actor: Actor, entries: Sequence[AuditRow]
                         ) -> list[AuditNames]:
        """``names_in`` for a page of entries, looked up together: one query per kind of
        record, not one per entry (the list's summary names them too)."""
        require(actor, "audit", "view")
        wanted = [_referenced(entry) for entry in entries]
        by_kind: dict[str, set[Any]] = {}
        for refs in wanted:
            for kind, values in refs.values():
                by_kind.setdefault(kind, set()).update(values)
        if not by_kind:
            return [AuditNames() for _ in entries]
        with self._open(actor, write=False) as uow:
            labels = {kind: _labels(uow, kind, values) for kind, values in by_kind.items()}
        result = []
        for refs in wanted:
            found = {name: {str(v): labels[kind][str(v)] for v in values
                            if str(v) in labels[kind]}
                     for name, (kind, values) in refs.items()}
            result.append(AuditNames({k: v for k, v in found.items() if v}))
        return result

    def verify_audit_chain(self, actor: Actor, digest: AuditDigest | None = None
                           ) -> ChainReport:
        """Check the hash chain, reading only (a broken chain is reported, never repaired).
        With ``digest`` (from ``get_audit_digest``, kept outside the database) also check
        that the entry it names is still there as it was."""
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            check = uow.audit.verify(Link(digest.entry_id, digest.hash) if digest else None)
        return chain_report(check, digest)

    def get_audit_digest(self, actor: Actor) -> AuditDigest:
        """The newest entry's id and hash, for the administrator to keep outside the
        database (reads only)."""
        require(actor, "audit", "view")
        with self._open(actor, write=False) as uow:
            latest = uow.audit.latest()
        if latest is None:
            raise NotFound("audit entry", "newest")
        return AuditDigest(latest.id, latest.hash, latest.at)

    def export_audit_entries(self, actor: Actor, filters: AuditFilter, path: str | Path,
                             progress: Progress | None = None, language: str = "en") -> int:
        """Write the matching entries to an .xlsx file, one row per changed field, in
        ``language``; the export itself is audited. Cancelled (progress returned False):
        -1, and no file and no audit entry."""
        require(actor, "audit", "export")
        target = Path(path)
        total = self.count_audit_entries(actor, filters)
        entries = self._all_entries(actor, filters)
        done = [0]

        def counted(rows: int) -> bool:
            return progress is None or progress(min(done[0], total), total) is not False

        def cells() -> Iterator[tuple[Any, ...]]:
            for entry in entries:
                done[0] += 1
                yield from entry_cells(entry, language)

        words = {k: v.text(language) for k, v in EXPORT_WORDS.items()}
        try:
            rows = write_workbook(
                target, export_columns(language), cells(), sheet_name=words["sheet"],
                about_title=words["about"],
                about=lambda n: [(words["by"], f"{actor.label} ({actor.username})"),
                                 (words["at"], now().astimezone().strftime("%Y-%m-%d %H:%M")),
                                 (words["filters"], describe_filter(filters) or "-"),
                                 (words["entries"], f"{done[0]:,}"),
                                 (words["rows"], f"{n:,}")],
                progress=counted, progress_every=100, yes_no=_yes_no(language))
        except Cancelled:
            return -1
        self._record_export(actor, filters, done[0], rows, target.name)
        return done[0]

    # --- helpers ----------------------------------------------------------------------
    def _all_entries(self, actor: Actor, filters: AuditFilter) -> Iterator[AuditRow]:
        before = None
        while True:
            page = self.list_audit_entries(actor, filters, before, 2000)
            if not page:
                return
            yield from page
            before = page[-1].id

    def _criteria(self, uow: UnitOfWork, filters: AuditFilter) -> dict[str, Any]:
        criteria = asdict(filters)
        check_search(filters.text)  # one LIKE pattern: SQLite fails past 50,000 bytes
        if filters.text.strip():
            criteria["subjects"] = _subjects_named(uow, filters.text.strip())
        return criteria

    def _record_export(self, actor: Actor, filters: AuditFilter, entries: int, rows: int,
                       name: str) -> None:
        with self._open(actor) as uow:
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="export",
                             entity_type="audit_log", entity_id="",
                             changes={"rows": [None, entries], "file": [None, name],
                                      "filter": [None, {k: plain(v) for k, v in
                                                        asdict(filters).items() if v}]})
            uow.commit()


# --- naming the records entries are about ------------------------------------------------------
def _record_kinds() -> dict[str, Any]:
    """Entity name -> its service class (entity and repository), for every module."""
    kinds: dict[str, Any] = {}
    for module in load_modules():
        for service in module.services.values():
            entity = getattr(service, "entity", None)
            if entity is not None and getattr(service, "repository", None) is not None:
                kinds.setdefault(entity.name, service)
    return kinds


def _subjects_named(uow: UnitOfWork, text: str) -> list[tuple[str, str]]:
    """(entity type, id) of the records whose key is ``text`` (a customer's code, a user
    name), and of their children (a customer's contacts): filtering by a code finds every
    entry about that record, not only the one that wrote the code."""
    found: list[tuple[str, str]] = []
    kinds = _record_kinds()
    for kind in uow.refs.kinds():
        variants = {text, text.upper()}
        ids = {i for v in variants if (i := uow.refs.find(kind, v)) is not None}
        for record_id in ids:
            found.append((kind, str(record_id)) if kind != "role"
                         else (kind, text.lower()))
            for name, service in kinds.items():
                for parent in service.entity.parent_fields:
                    if service.entity.field(parent).ref == kind:
                        repo = uow.get(service.repository)
                        attr = service.entity.field(parent).attr
                        found += [(name, str(i)) for i in repo.ids_where(attr, record_id)]
    return found


def _with_subjects(uow: UnitOfWork, rows: list[AuditRow]) -> list[AuditRow]:
    """Each row with ``subject``: its record's key and label as they are now, else (a
    deleted record) as the entry says. Entries of records known by their key (roles by
    code) find the record by that key."""
    wanted: dict[str, set[int]] = {}
    kinds = set(uow.refs.kinds())
    by_key: dict[tuple[str, str], int | None] = {}
    for r in rows:
        if r.entity_type not in kinds or not r.entity_id:
            continue
        if not r.entity_id.isdigit() and (r.entity_type, r.entity_id) not in by_key:
            by_key[(r.entity_type, r.entity_id)] = uow.refs.find(r.entity_type, r.entity_id)
        record_id = int(r.entity_id) if r.entity_id.isdigit() else \
            by_key[(r.entity_type, r.entity_id)]
        if record_id is not None:
            wanted.setdefault(r.entity_type, set()).add(record_id)
    named = {kind: uow.refs.describe(kind, ids) for kind, ids in wanted.items()}
    result = []
    for r in rows:
        subject = ""
        record_id = int(r.entity_id) if r.entity_id.isdigit() else \
            by_key.get((r.entity_type, r.entity_id))
        if record_id is not None and r.entity_type in named:
            key, label = named[r.entity_type].get(record_id, ("", ""))
            subject = key if key == label or not label else f"{key} {label}".strip()
        if not subject:
            subject = _subject_from(r)
        result.append(replace(r, subject=subject))
    return result


def _subject_from(row: AuditRow) -> str:
    """A record's name from the entry itself (deleted records, roles by code)."""
    for key in ("code", "username", "name"):
        value = row.changes.get(key)
        if isinstance(value, list) and len(value) == 2:
            text = value[0] if value[0] not in (None, "") else value[1]
            if text not in (None, ""):
                return str(text)
    return "" if row.entity_id.isdigit() else row.entity_id


def _labels(uow: UnitOfWork, kind: str, values: set[Any]) -> dict[str, str]:
    """Value text -> what it names today: ids of users, departments, customers; roles by
    their code."""
    if kind == "role":
        ids = {uow.refs.find("role", str(c)): str(c) for c in values}
        named = uow.refs.describe("role", [i for i in ids if i is not None])
        return {ids[i]: label for i, (_, label) in named.items()}
    ids_ = [v for v in values if isinstance(v, int)]
    return {str(i): label for i, (_, label) in uow.refs.describe(kind, ids_).items()}


def _referenced(entry: AuditRow) -> dict[str, tuple[str, set[Any]]]:
    """field -> (kind of record, the values) for the changes that hold ids or codes."""
    entity = entities().get(entry.entity_type)
    found: dict[str, tuple[str, set[Any]]] = {}
    for name, value in entry.changes.items():
        kind = LEGACY_REFS.get(name)
        if entity is not None and entity.has(name) and entity.field(name).kind == "reference":
            kind = entity.field(name).ref
        if kind is None:
            continue
        sides = value if isinstance(value, list) and len(value) == 2 else [value]
        values = {one for side in sides for one in (side if isinstance(side, list) else [side])
                  if one is not None and not isinstance(one, dict | list | bool)}
        if values:
            found[name] = (kind, values)
    return found


# --- the export: one row per changed field ---------------------------------------------------
EXPORT_WORDS = {
    "sheet": Label("Audit log", "审计日志"), "about": Label("About this export", "导出说明"),
    "by": Label("Exported by", "导出人"), "at": Label("Exported at", "导出时间"),
    "filters": Label("Filters", "筛选条件"), "entries": Label("Entries", "条目数"),
    "rows": Label("Rows", "行数"), "id": Label("No.", "序号"), "time": Label("Time", "时间"),
    "user": Label("User", "用户"), "action": Label("Action", "操作"),
    "entity": Label("Record type", "记录类型"), "record": Label("Record", "记录"),
    "field": Label("Field", "字段"), "before": Label("Before", "修改前"),
    "after": Label("After", "修改后"),
}


def export_columns(language: str) -> list[Column]:
    w = {k: v.text(language) for k, v in EXPORT_WORDS.items()}
    return [Column("id", w["id"], "integer", 8), Column("at", w["time"], "datetime", 18),
            Column("user", w["user"], "text", 14), Column("action", w["action"], "text", 12),
            Column("entity", w["entity"], "text", 12),
            Column("record", w["record"], "text", 30), Column("field", w["field"], "text", 20),
            Column("before", w["before"], "text", 40), Column("after", w["after"], "text", 40)]


def entry_cells(entry: AuditRow, language: str) -> Iterator[tuple[Any, ...]]:
    """The export rows of one entry: one per changed field (one row when none changed)."""
    head = (entry.id, entry.at, entry.username, action_label(entry.action, language),
            entity_label(entry.entity_type, language), entry.subject or entry.entity_id)
    changes = field_changes(entry, language)
    if not changes:
        yield (*head, "", "", "")
        return
    for name, before, after in changes:
        yield (*head, name, before, after)


def describe_filter(filters: AuditFilter) -> str:
    parts = []
    for key, value in asdict(filters).items():
        if value in (None, ""):
            continue
        text = value.isoformat(timespec="minutes") if isinstance(value, datetime) else value
        parts.append(f"{key} = {text}")
    return "; ".join(parts)


def _yes_no(language: str) -> tuple[str, str]:
    return ("是", "否") if language.startswith("zh") else ("Yes", "No")


