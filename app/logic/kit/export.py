"""Any list to Excel: the rows a user sees (search, filters, sort, visible columns, record
scope), typed by the field declarations, headers and choice values in the user's language,
and a second sheet saying who exported what and when."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.entity import Entity
from app.logic.kit.fields import YES_NO, Field, Label, plain
from app.logic.kit.workbook import Cancelled, Column, write_workbook

Progress = Callable[[int], bool]  # rows done -> keep going?

KIND_OF = {"money": "money", "integer": "integer", "boolean": "bool", "date": "date",
           "datetime": "datetime"}
WORDS = {
    "by": Label("Exported by", "导出人"), "at": Label("Exported at", "导出时间"),
    "list": Label("List", "列表"), "search": Label("Search", "搜索"),
    "filters": Label("Filters", "筛选条件"), "sort": Label("Sort", "排序"),
    "archived": Label("Archived included", "包括已归档"), "rows": Label("Rows", "行数"),
    "about": Label("About this export", "导出说明"), "none": Label("(none)", "（无）"),
    "ascending": Label("ascending", "升序"), "descending": Label("descending", "降序"),
}


@dataclass(frozen=True)
class ExportSpec:
    """What to export: the query and the visible columns, in the user's language."""

    query: ListQuery
    columns: tuple[str, ...]
    language: str = "en"


def columns_of(entity: Entity, names: Sequence[str], language: str) -> list[Column]:
    return [Column(n, entity.field(n).caption(language),
                   KIND_OF.get(entity.field(n).kind, "text")) for n in names]


def cells(entity: Entity, names: Sequence[str], rows: Iterable[Any], language: str
          ) -> Iterator[tuple[Any, ...]]:
    """Each row's cells: choices by their label, references by their name, the rest as
    typed values (the workbook formats money, dates and yes/no)."""
    make = _cell_maker(entity, tuple(names), language)
    return map(make, rows)


def _cell_maker(entity: Entity, names: tuple[str, ...], language: str
                ) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a list row to its cells, written out once per export (an export
    makes a million cells; a loop over converters per cell cost a third of the writing)."""
    scope: dict[str, Any] = {}
    parts = []
    for i, name in enumerate(names):
        f = entity.field(name)
        if f.kind == "choice":
            scope[f"L{i}"] = {c.value: c.label.text(language) for c in f.choices}
            parts.append(f"L{i}.get(r.{name}, r.{name})")
        elif f.kind == "reference":
            parts.append(f"(None if r.{name} is None else r.{name}.label or r.{name}.key)")
        else:
            parts.append(f"r.{name}")
    source = f"lambda r: ({', '.join(parts)},)"
    made: Callable[[Any], tuple[Any, ...]] = eval(source, scope)
    return made


def about_sheet(entity: Entity, actor: Actor, spec: ExportSpec, at: datetime
                ) -> Callable[[int], list[tuple[str, str]]]:
    """The second sheet's (label, value) pairs, given the number of rows written."""
    lang = spec.language
    words = {k: v.text(lang) for k, v in WORDS.items()}
    shown = [f"{entity.field(n).caption(lang)} = {_shown(entity.field(n), v, lang)}"
             for n, v in spec.query.filters if entity.has(n)]
    shown += [f"{entity.field(n).caption(lang)} {sign} {_shown(entity.field(n), v, lang)}"
              for n, low, high in spec.query.ranges if entity.has(n)
              for sign, v in (("≥", low), ("≤", high)) if v not in (None, "")]
    filters = "; ".join(shown) or words["none"]
    sort_name = entity.sort_value(spec.query.sort)
    sort = (entity.field(sort_name).caption(lang) if entity.has(sort_name) else sort_name)
    direction = words["descending" if spec.query.descending else "ascending"]
    yes, no = YES_NO[lang.startswith("zh")]

    def pairs(count: int) -> list[tuple[str, str]]:
        return [(words["by"], f"{actor.label} ({actor.username})"),
                (words["at"], at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
                (words["list"], entity.plural.text(lang)),
                (words["search"], spec.query.search or words["none"]),
                (words["filters"], filters),
                (words["sort"], f"{sort} ({direction})"),
                (words["archived"], yes if spec.query.include_archived else no),
                (words["rows"], f"{count:,}")]

    return pairs


def _shown(f: Field, value: Any, language: str) -> str:
    if f.kind == "reference" and isinstance(value, int):
        return f"#{value}"
    return f.display(value, language) or str(value)


# The round trip (an export edited in Excel and imported back, app/logic/kit/importing.py):
# three hidden columns after the shown ones: the record's id, its version as exported, and
# a short hash of each shown cell as written, so the import knows which cells were changed
# in Excel and which fields were changed in Kehu since. The third header names the language
# and the fields: ``kehu:cells|zh_CN|code,name,city``.
ROUND_TRIP_ID, ROUND_TRIP_VERSION, ROUND_TRIP_CELLS = "kehu:id", "kehu:version", "kehu:cells"


def cell_hash(value: Any, kind: str, yes_no: tuple[str, str]) -> str:
    """A cell as written (``value`` as the cell maker gives it) or as read back (what
    openpyxl returns), in one canonical text, hashed short: equal on both sides when the
    cell was not changed."""
    return hashlib.sha1(canonical(value, kind, yes_no).encode("utf-8")).hexdigest()[:10]


def canonical(value: Any, kind: str, yes_no: tuple[str, str]) -> str:
    """A cell's value the same whichever way it came: numbers without trailing zeros (a
    Decimal written, a float read), dates without a time at midnight, yes/no as words."""
    if value is None:
        return ""
    if kind == "bool" and isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        text = format(number.normalize(), "f")
        return "0" if text in ("-0", "") else text
    if isinstance(value, datetime):
        local = value.astimezone().replace(tzinfo=None) if value.tzinfo else value
        if kind == "date" or (local.time() == time(0) and kind != "datetime"):
            return local.date().isoformat()
        return local.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def round_trip_columns(entity: Entity, names: Sequence[str], language: str) -> list[Column]:
    return [Column(ROUND_TRIP_ID, ROUND_TRIP_ID, "integer", 8, hidden=True),
            Column(ROUND_TRIP_VERSION, ROUND_TRIP_VERSION, "integer", 8, hidden=True),
            Column(ROUND_TRIP_CELLS, f"{ROUND_TRIP_CELLS}|{language}|{','.join(names)}",
                   "text", 12, hidden=True)]


def _with_round_trip(entity: Entity, names: Sequence[str], rows: Iterable[Any],
                     language: str) -> Iterator[tuple[Any, ...]]:
    make = _cell_maker(entity, tuple(names), language)
    kinds = [KIND_OF.get(entity.field(n).kind, "text") for n in names]
    yes_no = YES_NO[language.startswith("zh")]
    for row in rows:
        shown = make(row)
        hashes = " ".join(cell_hash(v, k, yes_no) for v, k in zip(shown, kinds, strict=True))
        yield (*shown, row.id, row.version, hashes)


def write_list(path: str | os.PathLike[str], entity: Entity, actor: Actor, spec: ExportSpec,
               rows: Iterable[Any], progress: Progress | None = None) -> int:
    """Write ``rows`` (the entity's list rows) to ``path``; the number of rows, or
    ``Cancelled`` when ``progress`` said stop (no file is left)."""
    lang = spec.language
    return write_workbook(
        path, [*columns_of(entity, spec.columns, lang),
               *round_trip_columns(entity, spec.columns, lang)],
        _with_round_trip(entity, spec.columns, rows, lang),
        sheet_name=entity.plural.text(lang), about_title=WORDS["about"].text(lang),
        about=about_sheet(entity, actor, spec, now()), progress=progress, progress_every=200,
        yes_no=YES_NO[lang.startswith("zh")])


def export_audit_changes(spec: ExportSpec, count: int, path: str | os.PathLike[str]
                         ) -> dict[str, list[Any]]:
    """The audit entry of an export: how many rows, which file, what was asked for."""
    query = spec.query
    asked: dict[str, Any] = {"columns": list(spec.columns)}
    if query.search:
        asked["search"] = query.search
    if query.filters:
        asked["filters"] = {n: plain(v) for n, v in query.filters}
    if query.ranges:
        asked["ranges"] = {n: [plain(low), plain(high)] for n, low, high in query.ranges}
    if query.sort:
        asked["sort"] = ("-" if query.descending else "") + query.sort
    if query.include_archived:
        asked["archived"] = True
    return {"rows": [None, count], "file": [None, Path(path).name], "filter": [None, asked]}


__all__ = ["Cancelled", "ExportSpec", "Progress", "about_sheet", "cells", "columns_of",
           "export_audit_changes", "write_list"]
