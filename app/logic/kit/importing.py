"""Import (导入): rows of an .xlsx or .csv file into a module's records, through the module's
own write path (its normalising, checks, duplicate rules, audit), all in one transaction.

- Headers match fields by name, by the English and Chinese labels, and by other systems'
  names (``SYNONYMS``, and an entity's own ``extra["import_synonyms"]``); a mapping given
  by the user (``Header=field``) comes first. Headers that match nothing are left out and
  said.
- Cells are read as people mean them (``app/logic/kit/reading.py``): dates in any of the
  usual spellings, numbers with thousands separators, "5%", codes with their leading
  zeros, full-width digits, whitespace trimmed.
- Every row is a create (its key is new, or it has none and the module numbers it), an
  update (its key names a record: what ``on_duplicate`` says: skip, update, or error),
  unchanged, or an error with the reason per cell.
- Atomic: each row is a savepoint of the import's one transaction (``Batch``); when any
  row has an error nothing is written, unless ``skip_invalid`` (the valid rows are kept).
  A dry run writes nothing either way.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.data.kit.uow import Batch
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed
from app.logic.kit.entity import Entity
from app.logic.kit.errors import (
    FieldError,
    KehuError,
    NotFound,
    PossibleDuplicate,
    ValidationError,
)
from app.logic.kit.export import (
    KIND_OF,
    ROUND_TRIP_CELLS,
    ROUND_TRIP_ID,
    ROUND_TRIP_VERSION,
    canonical,
    cell_hash,
)
from app.logic.kit.fields import YES_NO, Field, number_text
from app.logic.kit.permissions import require
from app.logic.kit.reading import clean_text, open_table, parse_day, parse_number
from app.logic.kit.service import RecordService, Service
from app.logic.kit.workbook import Column, write_workbook
from app.logic.kit.workflow import Transition

DUPLICATES = ("skip", "update", "error")
SHOWN = 10_000  # the rows' outcomes a result keeps to show (all are counted)
ITEMS_AT_ONCE = 1_000  # records written kept for undo at a time (memory stays flat)
CHUNK = 500  # new records made together (RecordService.create_many)

# Other systems' column names (folded: lower case, no spaces, _ or -) for the kit's common
# fields; a field the entity lacks is never matched.
SYNONYMS: Mapping[str, str] = {
    "companyname": "name", "company": "name", "customername": "name",
    "suppliername": "name", "productname": "name", "公司名称": "name", "客户名称": "name",
    "企业名称": "name", "单位名称": "name", "供应商名称": "name", "产品名称": "name",
    "customerid": "code", "customercode": "code", "supplierid": "code", "productid": "code",
    "客户编号": "code", "客户代码": "code", "编码": "code", "代码": "code",
    "postalcode": "postal_code", "zip": "postal_code", "zipcode": "postal_code",
    "postcode": "postal_code", "邮编": "postal_code",
    "region": "province", "state": "province", "province/state": "province", "省": "province",
    "telephone": "phone", "tel": "phone", "phonenumber": "phone", "联系电话": "phone",
    "mail": "email", "emailaddress": "email", "邮箱": "email",
    "homepage": "website", "web": "website", "url": "website", "网站": "website",
    "taxid": "tax_id", "uscc": "tax_id", "统一社会信用代码": "tax_id", "纳税人识别号": "tax_id",
    "unitprice": "list_price", "price": "list_price", "单价": "list_price",
    "remark": "notes", "remarks": "notes", "comment": "notes", "comments": "notes",
}
# How a cell becomes the text the field's normaliser reads.
NUMBERS = ("money", "quantity", "integer", "rate")


@dataclass(frozen=True)
class Problem:
    """One problem of one row: the row as the user sees it, the column's header, the cell's
    value as read, and why."""

    row: int
    column: str
    value: str
    message: str  # in English; ``code`` says it for a screen to put in the user's words
    code: str = ""


@dataclass(frozen=True)
class RowOutcome:
    row: int
    action: str  # create, update, unchanged, skip, error
    key: str = ""


@dataclass
class ImportResult:
    entity: str
    source: str
    mapping: dict[str, str]  # header -> field, as used
    ignored: list[str]  # headers that matched no field
    # The rows' outcomes, the first SHOWN of them (a preview lists them); every row counted.
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False  # the rows were committed
    dry_run: bool = False
    import_id: int | None = None  # what ``undo`` takes
    # What was written and not yet kept for undo, per record: (entity, id, create|update,
    # version, values before); kept in the import's items every ITEMS_AT_ONCE records.
    items: list[tuple[str, int, str, int, dict[str, Any]]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    last: str = ""  # the last row's action

    def add(self, outcome: RowOutcome) -> None:
        self.counts[outcome.action] = self.counts.get(outcome.action, 0) + 1
        self.last = outcome.action
        if len(self.outcomes) < SHOWN:
            self.outcomes.append(outcome)

    def count(self, action: str) -> int:
        return self.counts.get(action, 0)

    @property
    def errors(self) -> int:
        return self.count("error")

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.count("create"), "updated": self.count("update"),
                "unchanged": self.count("unchanged") + self.count("skip"),
                "errors": self.errors, "import_id": self.import_id,
                "written": self.written, "dry_run": self.dry_run,
                "mapping": self.mapping, "ignored": self.ignored}


def fold(header: str) -> str:
    """A header as it is compared: full-width folded, lower case, without spaces, _ or -."""
    text = unicodedata.normalize("NFKC", str(header or "")).strip().lower()
    return "".join(ch for ch in text if ch not in " _-\u00a0")


def match_headers(entity: Entity, headers: Iterable[str],
                  given: Mapping[str, str] | None = None, labels: bool = True
                  ) -> tuple[dict[int, str], list[str]]:
    """Which column fills which field (column index -> field name), and the headers that
    matched nothing. ``given`` (header -> field) comes first; a field is filled from one
    column only (the first that matches). ``labels``: by the fields' names and labels too
    (not for a customer's contact on its row: "Phone" is the customer's)."""
    # The state of a record with a workflow may be given too: the import moves the new
    # record there by the workflow's transitions (an order history comes in delivered).
    state = entity.workflow.field if entity.workflow is not None else ""
    writable = {f.name: f for f in entity.fields if f.editable or f.name == state}
    by_fold: dict[str, str] = {}
    extra = entity.extra.get("import_synonyms", {})
    for source in (SYNONYMS, extra) if labels else (extra,):
        for alias, name in source.items():
            if name in writable:
                by_fold[fold(alias)] = name
    for f in writable.values() if labels else ():  # else: by its synonyms only
        for word in (f.label.en, f.label.zh, f.name):
            by_fold[fold(word)] = f.name
    # "Header=field" fills the field from that column (and no other); "Header=" leaves
    # the column out.
    wanted = {fold(h): n.strip() for h, n in (given or {}).items()}
    unknown = [n for n in wanted.values() if n and n not in writable]
    if unknown:
        raise ValidationError({"mapping": _error(
            "unknown_field", f"no field {unknown[0]!r} to import into; fields: "
            + ", ".join(sorted(writable)))})
    reserved = {n for n in wanted.values() if n}
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        folded = fold(header)
        name = wanted[folded] if folded in wanted else by_fold.get(folded)
        if name and name in reserved and wanted.get(folded) != name:
            name = None  # another column was named for this field
        if name and name not in mapping.values():
            mapping[index] = name
        elif header:
            ignored.append(header)
    return mapping, ignored


def cell_text(f: Field, value: Any) -> str:
    """A cell as the text the field's normaliser reads (ValueError: why it cannot be)."""
    if f.kind in NUMBERS:
        number = parse_number(value)
        return "" if number is None else number_text(number)
    if f.kind == "date":
        day = parse_day(value)
        return "" if day is None else day.isoformat()
    text = clean_text(value)
    if f.kind == "boolean":
        return {"是": "true", "否": "false", "✓": "true", "√": "true"}.get(text, text)
    if f.kind == "choice" and text and text not in f.values:
        return _choice_value(f, value, text)
    return text


def _choice_value(f: Field, value: Any, text: str) -> str:
    """A choice written as its label (English or Chinese: "13%", "活跃"), or as a number
    equal to its value (0.09 for "0.09"); else the text as it is (the field refuses it)."""
    folded = fold(text)
    for choice in f.choices:
        if folded in (fold(choice.label.en), fold(choice.label.zh), fold(choice.value)):
            return choice.value
    try:
        number = parse_number(value)
    except ValueError:
        return text
    for choice in f.choices:
        try:
            if number is not None and parse_number(choice.value) == number:
                return choice.value
        except ValueError:
            continue
    return text


class ImportService(Service):
    """Import a file into the records of a module's record service."""

    def import_file(self, actor: Actor, service: RecordService,
                    path: str | os.PathLike[str], *,
                    mapping: Mapping[str, str] | None = None, dry_run: bool = False,
                    on_duplicate: str = "error", skip_invalid: bool = False,
                    progress: Callable[[int], bool] | None = None) -> ImportResult:
        require(actor, service.entity.module, "import")
        if on_duplicate not in DUPLICATES:
            raise ValidationError({"on_duplicate": _error(
                "invalid_choice", f"must be one of {', '.join(DUPLICATES)}")})
        entity = import_entity(service)
        lines = service.line_entity
        given = dict(mapping or {})
        with open_table(path) as table:
            line_columns: dict[int, str] = {}
            trip = RoundTrip.of(table.headers)
            shown = [h if not h.startswith("kehu:") else "" for h in table.headers]
            if lines is None:
                columns, ignored = match_headers(entity, shown, given)
            else:  # the record's fields first, the lines' from the other columns
                # A line's field given as "contact.name" where the record has one too.
                prefix = f"{lines.name}."
                left_out = {h: "" for h, n in given.items() if not n.strip()}
                theirs = {h: n.removeprefix(prefix) for h, n in given.items()
                          if h not in left_out and (n.startswith(prefix) or
                                                    not entity.has(n))}
                mine = {h: n for h, n in given.items() if h not in theirs}
                columns, _ = match_headers(entity, shown, mine)
                rest = [h if i not in columns else "" for i, h in enumerate(shown)]
                line_columns, _ = match_headers(
                    lines, rest, {**theirs, **left_out},
                    labels=not lines.extra.get("import_by_synonyms_only", False))
                ignored = [h for i, h in enumerate(shown)
                           if h and i not in columns and i not in line_columns]
            if not columns:
                raise ValidationError({"mapping": _error(
                    "no_columns", "no column matches a field; give the mapping "
                    "(Header=field)")})
            headers = {i: table.headers[i] for i in (*columns, *line_columns)}
            result = ImportResult(entity.name, table.source,
                                  {headers[i]: n for i, n in (*columns.items(),
                                                               *line_columns.items())},
                                  ignored, dry_run=dry_run)
            with Batch(self._uow) as batch:
                target = type(service)(batch.unit_of_work)
                if line_columns and trip is None:
                    self._groups(actor, target, table.rows, columns, line_columns, headers,
                                 on_duplicate, result, progress, batch)
                else:
                    # New records a chunk at a time where the module adds nothing to create
                    # (its one write path, set-based: RecordService.create_many).
                    many = type(target).create is RecordService.create
                    chunk: list[tuple[int, tuple[Any, ...]]] = []
                    for done, (number, cells) in enumerate(table.rows, start=1):
                        if len(result.items) >= ITEMS_AT_ONCE:
                            self._keep_items(actor, batch, result)
                        if trip is not None and trip.record_id(cells) is not None:
                            with _step(batch, result):
                                self._merge(actor, target, trip, number, cells, columns,
                                            headers, result)
                        elif many:
                            chunk.append((number, cells))
                            if len(chunk) >= CHUNK:
                                self._chunk(actor, target, chunk, columns, headers,
                                            on_duplicate, result, batch)
                                chunk = []
                        else:
                            with _step(batch, result):
                                self._row(actor, target, entity, number, cells, columns,
                                          headers, on_duplicate, result)
                        if progress is not None and done % 500 == 0 and \
                                not progress(done):
                            raise Cancelled(done)
                    if chunk:
                        self._chunk(actor, target, chunk, columns, headers, on_duplicate,
                                    result, batch)
                    result.outcomes.sort(key=lambda o: o.row)  # a chunk's come after
                    result.problems.sort(key=lambda p: p.row)
                keep = not dry_run and (skip_invalid or not result.errors)
                if keep and (result.items or result.import_id is not None):
                    self._record(actor, batch, result)
                    batch.commit()
                    result.written = True
                if not result.written:
                    result.import_id = None  # its run was begun, and rolled back
        return result

    def _row(self, actor: Actor, target: RecordService, entity: Entity, number: int,
             cells: tuple[Any, ...], columns: Mapping[int, str], headers: Mapping[int, str],
             on_duplicate: str, result: ImportResult) -> None:
        """One row: matched on the entity's key, else (a row without one) on its tax id
        when another record has the same; then created, skipped, refused or updated as
        ``on_duplicate`` says."""
        header_of = {n: headers[i] for i, n in columns.items()}
        values, problems = _converted(entity, number, cells, columns, headers)
        key = values.get(entity.key, "") if entity.key else ""
        if problems:
            self._failed(result, number, key, problems)
            return
        try:
            existing = target.get_by_key(actor, key) if key else None
        except NotFound:
            existing = None
        extra = {f.name: values.pop(f.name) for f in target.import_fields
                 if f.name in values}
        if existing is None:
            try:
                values, state = _without_state(entity, values)
                made = moved_to(actor, target, target.create_imported(actor, values, extra)
                                if any(extra.values()) else target.create(actor, values),
                                state, result.source)
            except ValidationError as exc:
                self._failed(result, number, key, [
                    Problem(number, header_of.get(name, name), values.get(name, ""),
                            err.message, err.code) for name, err in exc.errors.items()])
                return
            except PossibleDuplicate as exc:
                existing = None if key else _same_tax_id(values, exc.matches)
                if existing is None:
                    self._failed(result, number, key, [_duplicate(
                        entity, exc, number, header_of, values)])
                    return
                key = str(_key_of(entity, existing))
            except KehuError as exc:  # a refused move, a right missing
                self._failed(result, number, key, [Problem(number, "", key, str(exc))])
                return
            else:
                result.add(RowOutcome(number, "create", made_key(made, key, entity.key)))
                result.items.append((entity.name, made.ids[0], "create", made.version, {}))
                return
        if on_duplicate == "skip":
            result.add(RowOutcome(number, "skip", key))
        elif on_duplicate == "error":
            self._failed(result, number, key, [Problem(
                number, header_of.get(entity.key, entity.key), key,
                f"{entity.label.en} {key} already exists (choose skip or update)",
                "exists")])
        else:
            self._update(actor, target, existing, number, key,
                         {n: v for n, v in values.items() if n != entity.key}, header_of,
                         result)

    def _chunk(self, actor: Actor, target: RecordService,
               rows: list[tuple[int, tuple[Any, ...]]], columns: Mapping[int, str],
               headers: Mapping[int, str], on_duplicate: str, result: ImportResult,
               batch: Batch) -> None:
        """A chunk of rows: those whose key is new made with one ``create_many``; the
        others (a key that exists, the same key again, a state to move to, a row the
        chunk's write refused as a whole) one by one as ``_row`` does them."""
        entity = target.entity
        header_of = {n: headers[i] for i, n in columns.items()}
        code = entity.key and entity.has(entity.key) and entity.field(entity.key).kind == "code"
        converted = []
        for number, cells in rows:
            values, problems = _converted(entity, number, cells, columns, headers)
            key = values.get(entity.key, "") if entity.key else ""
            converted.append((number, cells, values, problems, key,
                              key.strip().upper() if code else key.strip()))
        taken = target.keys_existing(actor, [k for *_, k in converted if k])
        fresh: list[tuple[int, tuple[Any, ...], dict[str, str], str]] = []
        alone: list[tuple[int, tuple[Any, ...]]] = []
        keys: set[str] = set()
        state = entity.workflow.field if entity.workflow is not None else ""
        for number, cells, values, problems, key, same in converted:
            if problems:
                self._failed(result, number, key, problems)
            elif (same and (same in taken or same in keys)) or \
                    (state and values.get(state)):
                alone.append((number, cells))
            else:
                keys.add(same)
                fresh.append((number, cells, values, key))
        answers: list[Any] = []
        if fresh:
            step = batch.step()
            try:
                answers = target.create_many(actor, [v for _, _, v, _ in fresh])
            except Exception:  # the database refused the chunk: each row alone
                step.rollback()
                alone = sorted(alone + [(n, c) for n, c, _, _ in fresh])
                fresh = []
            else:
                step.commit()
        for (number, cells, values, key), answer in zip(fresh, answers, strict=True):
            if isinstance(answer, Changed):
                result.add(RowOutcome(number, "create",
                                      made_key(answer, key, entity.key)))
                result.items.append((entity.name, answer.ids[0], "create",
                                     answer.version, {}))
            elif isinstance(answer, PossibleDuplicate) and not key and \
                    values.get("tax_id"):
                alone.append((number, cells))  # its tax id may name the record
            elif isinstance(answer, ValidationError):
                self._failed(result, number, key, [
                    Problem(number, header_of.get(n, n), values.get(n, ""), err.message,
                            err.code) for n, err in answer.errors.items()])
            elif isinstance(answer, PossibleDuplicate):
                self._failed(result, number, key, [_duplicate(
                    entity, answer, number, header_of, values)])
            else:
                self._failed(result, number, key, [Problem(number, "", key, str(answer))])
        for number, cells in sorted(alone):
            with _step(batch, result):
                self._row(actor, target, entity, number, cells, columns, headers,
                          on_duplicate, result)

    def _update(self, actor: Actor, target: RecordService, existing: Any, number: int,
                key: str, changes: dict[str, str], header_of: Mapping[str, str],
                result: ImportResult) -> None:
        """An existing record's fields as the row gives them (``on_duplicate`` update)."""
        try:
            done = target.update(actor, existing.id, existing.version, changes)
        except ValidationError as exc:
            self._failed(result, number, key, [
                Problem(number, header_of.get(n, n), changes.get(n, ""), err.message,
                        err.code) for n, err in exc.errors.items()])
            return
        except KehuError as exc:
            self._failed(result, number, key, [Problem(number, "", key, str(exc))])
            return
        result.add(RowOutcome(number, "unchanged" if done.action == "unchanged"
                              else "update", key))
        if done.action != "unchanged":
            by_name = target.entity.by_name
            result.items.append((target.entity.name, existing.id, "update", done.version,
                                 {n: by_name[n].plain(existing.values.get(n))
                                  for n in changes}))

    def _merge(self, actor: Actor, target: RecordService, trip: RoundTrip, number: int,
               cells: tuple[Any, ...], columns: Mapping[int, str],
               headers: Mapping[int, str], result: ImportResult) -> None:
        """A row of an exported workbook, imported back: only the cells changed in Excel
        are applied; a field changed in Kehu since the export as well is a conflict for
        that cell (named, never overwritten); fields changed only in Kehu are kept."""
        entity = target.entity
        record_id = trip.record_id(cells)
        assert record_id is not None
        exported = trip.hashes(cells)
        try:
            now_ = target.get(actor, record_id)
        except NotFound:
            self._failed(result, number, "", [Problem(
                number, "", str(record_id), f"this {entity.label.en.lower()} is no longer "
                "in Kehu (removed, or not yours to see)")])
            return
        key = str(now_.values.get(entity.key, "")) if entity.key else ""
        yes_no = YES_NO[trip.language.startswith("zh")]
        changes: dict[str, str] = {}
        problems: list[Problem] = []
        for index, name in columns.items():
            f = entity.field(name)
            if name not in exported:
                continue  # a column the export did not have: not a round-trip cell
            raw = cells[index] if index < len(cells) else None
            kind = KIND_OF.get(f.kind, "text")
            if cell_hash(raw, kind, yes_no) == exported[name]:
                continue  # not changed in Excel
            theirs = shown_value(entity, now_, name, trip.language)
            if cell_hash(theirs, kind, yes_no) != exported[name]:
                if canonical(theirs, kind, yes_no) == canonical(raw, kind, yes_no):
                    continue  # the same change on both sides
                by = now_.updated_by or "another user"
                at = f" at {now_.updated_at:%Y-%m-%d %H:%M}" if now_.updated_at else ""
                problems.append(Problem(
                    number, headers[index], canonical(raw, kind, yes_no),
                    f"changed in Kehu since the export (by {by}{at}; now "
                    f"{canonical(theirs, kind, yes_no)!r}): not overwritten",
                    "changed_meanwhile"))
                continue
            try:
                changes[name] = cell_text(f, raw)
            except ValueError as exc:
                problems.append(Problem(number, headers[index], _shown_raw(raw), str(exc),
                                        _conversion_code(f)))
        if problems:
            self._failed(result, number, key, problems)
            return
        if not changes:
            result.add(RowOutcome(number, "unchanged", key))
            return
        try:
            done = target.update(actor, record_id, now_.version, changes)
        except ValidationError as exc:
            header_of = {n: headers[i] for i, n in columns.items()}
            self._failed(result, number, key, [
                Problem(number, header_of.get(n, n), changes.get(n, ""), err.message,
                        err.code) for n, err in exc.errors.items()])
            return
        except KehuError as exc:
            self._failed(result, number, key, [Problem(number, "", key, str(exc))])
            return
        result.add(RowOutcome(number, "update", key))
        by_name = entity.by_name
        result.items.append((entity.name, record_id, "update", done.version,
                             {n: by_name[n].plain(now_.values.get(n)) for n in changes}))

    def _groups(self, actor: Actor, target: RecordService,
                rows: Iterable[tuple[int, tuple[Any, ...]]], columns: Mapping[int, str],
                line_columns: Mapping[int, str], headers: Mapping[int, str],
                on_duplicate: str, result: ImportResult,
                progress: Callable[[int], bool] | None, batch: Batch) -> None:
        """Records with lines (orders) from a flat sheet, a row per line grouped by the
        record's key (rows without one: a record each); a problem in any of its rows is
        the record's, named at that row."""
        entity, lines = target.entity, target.line_entity
        assert lines is not None
        groups: dict[str, Group] = {}
        for done, (number, cells) in enumerate(rows, start=1):
            head, problems = _converted(entity, number, cells, columns, headers)
            line, more = _converted(lines, number, cells, line_columns, headers)
            key = head.get(entity.key, "") if entity.key else ""
            group = groups.setdefault(key or f"\0{number}", Group(number, head))
            if any(line.values()) or more:  # a row without a line's cells adds none
                group.lines.append((number, line))
            group.problems.extend(problems + more)
            if progress is not None and done % 500 == 0 and not progress(done):
                raise Cancelled(done)
        line_header = {n: headers[i] for i, n in line_columns.items()}
        header_of = {n: headers[i] for i, n in columns.items()}
        for key, group in groups.items():
            key = "" if key.startswith("\0") else key
            if group.problems:
                self._failed(result, group.row, key, group.problems)
                continue
            try:
                existing = target.get_by_key(actor, key) if key else None
            except NotFound:
                existing = None
            if existing is not None:
                if on_duplicate == "skip":
                    result.add(RowOutcome(group.row, "skip", key))
                elif on_duplicate == "error":
                    self._failed(result, group.row, key, [Problem(
                        group.row, header_of.get(entity.key, entity.key), key,
                        f"{entity.label.en} {key} already exists (choose skip or update)",
                "exists")])
                else:  # its own fields updated; its lines are left as they are
                    with _step(batch, result):
                        self._update(actor, target, existing, group.row, key,
                                     {n: v for n, v in group.values.items()
                                      if n != entity.key}, header_of, result)
                continue
            values, state = _without_state(entity, group.values)
            try:
                with _step(batch, result):
                    made = target.create_with_lines(actor, values,
                                                    [v for _, v in group.lines])
                    made = moved_to(actor, target, made, state, result.source)
            except ValidationError as exc:
                self._failed(result, group.row, key, [
                    _line_problem(name, err, group, header_of, line_header)
                    for name, err in exc.errors.items()])
                continue
            except PossibleDuplicate as exc:
                self._failed(result, group.row, key, [_duplicate(
                    entity, exc, group.row, header_of, group.values)])
                continue
            except KehuError as exc:  # a refused move (credit), a right missing
                self._failed(result, group.row, key, [Problem(group.row, "", key,
                                                              str(exc))])
                continue
            result.add(RowOutcome(group.row, "create",
                                              made_key(made, key, entity.key)))
            result.items.append((entity.name, made.ids[0], "create", made.version, {}))

    @staticmethod
    def _keep_items(actor: Actor, batch: Batch, result: ImportResult) -> None:
        """The records written so far kept in the import's items (the run begun with
        the first) and their audit entries on the chain, in the batch's transaction:
        committed with it, or not at all."""
        imports = batch.outer.imports
        if result.import_id is None:
            result.import_id = imports.start(result.entity, result.source, actor.user_id,
                                             actor.username)
        imports.add_items(result.import_id, result.items)
        batch.append_waiting()  # their audit entries too: memory stays flat
        batch.outer.flush()
        result.items.clear()

    @staticmethod
    def _record(actor: Actor, batch: Batch, result: ImportResult) -> None:
        """The import's run and items (what undo reads) and its one summary audit entry,
        in its transaction."""
        imports = batch.outer.imports
        counts = {k: v for k, v in result.as_dict().items() if k in (
            "created", "updated", "unchanged", "errors")}
        ImportService._keep_items(actor, batch, result)
        assert result.import_id is not None
        imports.finish(result.import_id, counts)
        batch.append_waiting()  # the records' entries, then the summary's
        batch.outer.audit.append(
            user_id=actor.user_id, username=actor.username, action="import",
            entity_type="import", entity_id=str(result.import_id),
            changes={"file": [None, result.source], "into": [None, result.entity],
                     **{k: [None, v] for k, v in counts.items()}})

    def recent(self, actor: Actor, service: RecordService, limit: int = 20
               ) -> list[ImportRun]:
        """The imports into ``service``'s records, newest first (to undo one)."""
        require(actor, service.entity.module, "import")
        with self._open(actor, write=False) as uow:
            return [ImportRun(r.id, r.source, r.username, r.created_at,
                              json.loads(r.counts or "{}"), r.undone_at)
                    for r in uow.imports.recent(service.entity.name, limit)]

    def undo(self, actor: Actor, import_id: int,
             service_of: Callable[[str], RecordService]) -> int:
        """Undo the import as a whole: the records it created removed, those it updated
        given their values before, in one transaction, audited; refused, naming them, when
        any was changed since (or the import was undone already). The records undone."""
        with Batch(self._uow) as batch:
            imports = batch.outer.imports
            run = imports.run(import_id, lock=True)
            if run is None:
                raise NotFound("import", import_id)
            first = service_of(run.entity)
            require(actor, first.entity.module, "import")
            if run.undone_at is not None:
                raise ValidationError({"import": _error(
                    "already_undone", f"import {import_id} was undone on "
                    f"{run.undone_at:%Y-%m-%d %H:%M}")})
            items = imports.items(import_id)
            targets = {e: type(service_of(e))(batch.unit_of_work) for e in {i[0] for i in items}}
            moved: list[str] = []
            for entity, record_id, _, version, _ in items:
                try:
                    now_ = targets[entity].get(actor, record_id)
                except NotFound:
                    moved.append(f"{entity} {record_id} was removed since")
                    continue
                if now_.version != version:
                    moved.append(f"{entity} {_named(targets[entity], now_)} was changed "
                                 f"since by {now_.updated_by or 'another user'}"
                                 + (f" at {now_.updated_at:%Y-%m-%d %H:%M}"
                                    if now_.updated_at else ""))
            if moved:
                raise UndoRefused(import_id, moved)
            refused: list[str] = []
            for entity, record_id, action, version, before in items:
                try:
                    if action == "create":
                        targets[entity].delete(actor, record_id, version)
                    else:
                        targets[entity].update(actor, record_id, version, before,
                                               allow_duplicate=True)
                except KehuError as exc:  # a record others now use (an order's product)
                    refused.append(f"{entity} {record_id}: {exc}")
            if refused:
                raise UndoRefused(import_id, refused)
            imports.mark_undone(import_id, actor.user_id, now())
            batch.append_waiting()
            batch.outer.audit.append(
                user_id=actor.user_id, username=actor.username, action="import_undo",
                entity_type="import", entity_id=str(import_id),
                changes={"file": [None, run.source], "into": [None, run.entity],
                         "records": [None, len(items)]})
            batch.commit()
            return len(items)

    @staticmethod
    def _failed(result: ImportResult, number: int, key: str, problems: list[Problem]
                ) -> None:
        result.add(RowOutcome(number, "error", key))
        result.problems.extend(problems)


@dataclass(frozen=True)
class ImportRun:
    """One import as its list shows it."""

    id: int
    source: str
    username: str
    at: datetime
    counts: dict[str, Any]
    undone_at: datetime | None


@dataclass(frozen=True)
class RoundTrip:
    """The hidden columns of an exported workbook (app/logic/kit/export.py): where the
    record's id and version are, and each exported field's hash as written."""

    id_at: int
    version_at: int
    cells_at: int
    language: str
    fields: tuple[str, ...]

    @classmethod
    def of(cls, headers: Sequence[str]) -> RoundTrip | None:
        where = {h.split("|")[0]: i for i, h in enumerate(headers) if h.startswith("kehu:")}
        if not {ROUND_TRIP_ID, ROUND_TRIP_VERSION, ROUND_TRIP_CELLS} <= where.keys():
            return None
        parts = headers[where[ROUND_TRIP_CELLS]].split("|")
        if len(parts) != 3:
            return None
        return cls(where[ROUND_TRIP_ID], where[ROUND_TRIP_VERSION], where[ROUND_TRIP_CELLS],
                   parts[1], tuple(n for n in parts[2].split(",") if n))

    def record_id(self, cells: Sequence[Any]) -> int | None:
        """The exported record's id (None: a row added in Excel, imported as new)."""
        value = cells[self.id_at] if self.id_at < len(cells) else None
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def hashes(self, cells: Sequence[Any]) -> dict[str, str]:
        value = cells[self.cells_at] if self.cells_at < len(cells) else None
        found = str(value or "").split()
        return dict(zip(self.fields, found, strict=False)) if len(found) == len(
            self.fields) else {}


def shown_value(entity: Entity, record: Any, name: str, language: str) -> Any:
    """A record's field as an export writes it (a choice by its label, a reference by its
    name)."""
    value = record.values.get(name)
    f = entity.field(name)
    if f.kind == "choice":
        return {c.value: c.label.text(language) for c in f.choices}.get(value, value)
    if f.kind == "reference":
        return None if value is None else getattr(value, "label", "") or \
            getattr(value, "key", value)
    return value


@dataclass
class Group:
    """The rows of one record with lines: its first row, its fields, its lines by row."""

    row: int
    values: dict[str, str]
    lines: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


LINE = re.compile(r"lines\[(\d+)\]\.(\w+)")


def _line_problem(name: str, error: FieldError, group: Group,
                  header_of: Mapping[str, str], line_header: Mapping[str, str]) -> Problem:
    """A record's error (``customer``) at its first row, a line's (``lines[3].product``)
    at that line's row, under the column it came from."""
    found = LINE.fullmatch(name)
    if found is not None and 0 < int(found.group(1)) <= len(group.lines):
        row, values = group.lines[int(found.group(1)) - 1]
        field_name = found.group(2)
        return Problem(row, line_header.get(field_name, field_name),
                       values.get(field_name, ""), error.message, error.code)
    return Problem(group.row, header_of.get(name, name), group.values.get(name, ""),
                   error.message, error.code)


@contextmanager
def _step(batch: Batch, result: ImportResult) -> Iterator[None]:
    """One row (or record with lines) in a savepoint of the batch: kept when it ended
    well, undone whole when it failed (a record made, then refused a move) or raised."""
    mark = sum(result.counts.values())
    step = batch.step()
    try:
        yield
    except BaseException:
        if step.is_active:
            step.rollback()
        raise
    failed = sum(result.counts.values()) > mark and result.last == "error"
    if step.is_active:
        step.rollback() if failed else step.commit()


def import_entity(service: RecordService) -> Entity:
    """The fields an import of ``service``'s records fills: its entity's, and its
    ``import_fields`` (a payment's invoice)."""
    if not service.import_fields:
        return service.entity
    return replace(service.entity, fields=(*service.entity.fields, *service.import_fields))


def _duplicate(entity: Entity, exc: PossibleDuplicate, number: int,
               header_of: Mapping[str, str], values: Mapping[str, str]) -> Problem:
    """A row refused as a possible duplicate, naming what it may duplicate (a stored
    record by its key, else an earlier row of the file)."""
    names = ", ".join(str(_key_of(entity, m)) for m in exc.matches[:3]) or \
        "another record or an earlier row of this file"
    return Problem(number, header_of.get("name", ""), values.get("name", ""),
                   f"may be a duplicate of {names} (the same name, phone or tax id)",
                   "possible_duplicate")


def _same_tax_id(values: Mapping[str, str], matches: Sequence[Any]) -> Any:
    """The one record a row without a key names by its tax id (the business key after the
    code), or None."""
    tax_id = str(values.get("tax_id") or "").strip().upper()
    same = [m for m in matches if tax_id and
            str(m.values.get("tax_id") or "").strip().upper() == tax_id]
    return same[0] if len(same) == 1 else None


def _key_of(entity: Entity, record: Any) -> Any:
    return record.values.get(entity.key) or record.values.get("name") or record.id \
        if entity.key else record.id


def _without_state(entity: Entity, values: dict[str, str]) -> tuple[dict[str, str], str]:
    """A row's values without its workflow state, and the state ("" when not given)."""
    if entity.workflow is None or entity.workflow.field not in values:
        return values, ""
    rest = dict(values)
    return rest, rest.pop(entity.workflow.field)


def moved_to(actor: Actor, target: RecordService, made: Changed, state: str, source: str
             ) -> Changed:
    """A record just made, moved by its workflow's transitions to ``state`` (the shortest
    way from where it starts; each move checked and audited as any move is), with what the
    module gives an imported move (an order's credit override: "imported from FILE")."""
    workflow = target.entity.workflow
    if not state or workflow is None or state == workflow.initial:
        return made
    path = _path(workflow.transitions, workflow.initial, state)
    if path is None:
        raise ValidationError({workflow.field: FieldError(
            "unreachable", f"a new {target.entity.label.en.lower()} cannot reach {state!r}")})
    for transition in path:
        said = target.import_moves.get(transition.name)
        made = target.transit(actor, made.ids[0], made.version, transition.name,
                              {said: f"imported from {source}"} if said else None)
    return made


def _path(transitions: Sequence[Transition], start: str, goal: str
          ) -> list[Transition] | None:
    """The fewest transitions from ``start`` to ``goal`` (breadth first)."""
    frontier: list[tuple[str, list[Transition]]] = [(start, [])]
    seen = {start}
    while frontier:
        state, path = frontier.pop(0)
        for t in transitions:
            if state in t.sources and t.target not in seen:
                if t.target == goal:
                    return [*path, t]
                seen.add(t.target)
                frontier.append((t.target, [*path, t]))
    return None


def _converted(entity: Entity, number: int, cells: tuple[Any, ...],
               columns: Mapping[int, str], headers: Mapping[int, str]
               ) -> tuple[dict[str, str], list[Problem]]:
    """A row's cells of ``columns`` as the fields' texts, and the cells that could not."""
    values: dict[str, str] = {}
    problems: list[Problem] = []
    by_name = entity.by_name
    for index, name in columns.items():
        raw = cells[index] if index < len(cells) else None
        try:
            values[name] = cell_text(by_name[name], raw)
        except ValueError as exc:
            problems.append(Problem(number, headers[index], _shown_raw(raw), str(exc),
                                    _conversion_code(by_name[name])))
    return values, problems


def _conversion_code(f: Field) -> str:
    return "invalid_date" if f.kind == "date" else "not_a_number" if f.kind in NUMBERS \
        else ""


def _shown_raw(raw: Any) -> str:
    try:
        return clean_text(raw)
    except ValueError:  # NaN, infinity
        return str(raw)


class UndoRefused(KehuError):
    """An undo refused: the records changed since the import (never overwritten)."""

    def __init__(self, import_id: int, moved: list[str]) -> None:
        shown = "; ".join(moved[:10]) + (f"; and {len(moved) - 10:,} more"
                                          if len(moved) > 10 else "")
        super().__init__(f"import {import_id} cannot be undone: {shown}")
        self.moved = moved


def made_key(made: Any, key: str, name: str) -> str:
    """The key of a record made by a row (its generated code when the row gave none)."""
    record = getattr(made, "record", None)
    if key or not name:
        return key
    if record is not None:
        return str(record.values.get(name) or "")
    return str(made.extra.get("key", "")) if made.extra else ""


def _named(service: RecordService, record: Any) -> str:
    key = service.entity.key
    return str(record.values.get(key) or record.id) if key else str(record.id)


class Cancelled(KehuError):
    """The import was cancelled after ``done`` rows: nothing was written."""

    def __init__(self, done: int) -> None:
        super().__init__(f"cancelled after {done:,} rows; nothing was written")
        self.done = done


def write_problems(path: str | os.PathLike[str], result: ImportResult) -> int:
    """The error workbook: row, column, value and message of every problem."""
    columns = [Column("row", "Row", "integer"), Column("column", "Column", "text"),
               Column("value", "Value", "text"), Column("message", "Problem", "text")]
    return write_workbook(
        Path(path), columns, ([p.row, p.column, p.value, p.message] for p in result.problems),
        sheet_name="Problems", about_title="Import",
        about=[("File", result.source), ("Into", result.entity),
               ("Checked", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
               ("Written", "yes" if result.written else "no")])


def _error(code: str, message: str) -> FieldError:
    return FieldError(code, message)


__all__ = ["DUPLICATES", "SYNONYMS", "Cancelled", "ImportResult", "ImportRun",
           "ImportService", "Problem", "RowOutcome", "UndoRefused", "cell_text", "fold",
           "import_entity",
           "match_headers", "write_problems"]
