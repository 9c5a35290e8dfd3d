"""Printing results as text tables or JSON: records keyed by field name, money as strings
with two places, a reference by its key (``"owner": "sales1"``)."""

from __future__ import annotations

import json
import sys
import unicodedata
from argparse import Namespace
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.logic.kit.dto import Record
from app.logic.kit.entity import Entity
from app.logic.kit.fields import Label, Ref, plain
from app.logic.kit.registry import entities


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | datetime | date | Ref):
        return plain(value)
    if isinstance(value, Record):
        return record_data(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def dump(data: Any) -> None:
    json.dump(_plain(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit(args: Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        dump(data)
    else:
        print(text)


def record_data(record: Record) -> dict[str, Any]:
    """A record as JSON: its id, every field, its version and who made and changed it;
    child records (a customer's contacts) under their kind."""
    data: dict[str, Any] = {"id": record.id}
    entity = entities().get(record.entity)
    data.update({name: entity.field(name).plain(value) if entity is not None and
                 entity.has(name) else plain(value) for name, value in record.values.items()})
    data.update({"version": record.version, "archived": record.archived,
                 "created_at": plain(record.created_at), "created_by": record.created_by,
                 "updated_at": plain(record.updated_at), "updated_by": record.updated_by})
    for kind, children in record.children.items():
        data[kind] = [record_data(c) for c in children]
    return data


def row_data(entity: Entity, row: Any) -> dict[str, Any]:
    data = {"id": row.id}
    data.update({f.name: f.plain(getattr(row, f.name)) for f in entity.listed})
    data["version"] = row.version
    return data


def rows(args: Namespace, entity: Entity, found: Sequence[Any]) -> None:
    if getattr(args, "json", False):
        dump([row_data(entity, r) for r in found])
        return
    columns = [c for c in entity.list_columns or tuple(f.name for f in entity.listed)
               if c != "updated_at"][:7]
    table(tuple(entity.field(c).label.en.upper() for c in columns),
          [[text_of(getattr(r, c)) for c in columns] for r in found])
    word = entity.label.en.lower() if len(found) == 1 else entity.plural.en.lower()
    print(f"({len(found)} {word})")


def record(args: Namespace, entity: Entity, shown: Record, headline: str = "") -> None:
    if getattr(args, "json", False):
        dump(record_data(shown))
        return
    if headline:
        print(headline)
    for f in entity.fields:
        value = shown.values.get(f.name)
        if value not in ("", None):  # a value of several lines (an address) kept aligned
            print(f"{f.name:>20}: " + text_of(value).replace("\n", "\n" + " " * 22))
    print(f"{'version':>20}: {shown.version}")
    for kind, children in shown.children.items():
        for child in children:
            print(f"{kind.rstrip('s'):>20}: {child_line(child)}".rstrip())


def child_line(child: Record) -> str:
    """A child record on one line: a person (a contact: * for the primary one) by name,
    phone and e-mail; anything else (a product a supplier supplies) by its list's columns."""
    if "name" in child.values:
        star = "*" if child.get("is_primary") else " "
        contact = child.get("mobile") or child.get("phone") or ""
        return f"{star} {child.get('name')}  {contact}  {child.get('email') or ''}"
    entity = entities().get(child.entity)
    names = entity.list_columns if entity is not None else tuple(child.values)
    return "  " + "  ".join(t for n in names if (t := text_of(child.get(n))))


def warnings(found: Sequence[Label], language: str = "en") -> None:
    """What a saved record is warned of (a cost above the list price), on stderr: the
    record was saved all the same and stdout keeps only the result."""
    for label in found:
        print(f"kehu: warning: {label.text(language)}", file=sys.stderr)


def text_of(value: Any) -> str:
    """A value as the CLI prints it: money with two places, a reference by its key."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(plain(value))


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max([_width(c)] + [_width(str(r[i])) for r in rows]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(_pad(str(v), w) for v, w in zip(row, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
