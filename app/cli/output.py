"""Printing results as text tables or JSON."""

from __future__ import annotations

import json
import sys
from argparse import Namespace
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.logic.dto import CustomerDetail, CustomerRow

LIST_FIELDS = ("code", "name", "short_name", "status", "tier", "owner", "city", "province",
               "industry", "phone", "email", "credit_limit", "updated_at", "version")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
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


def customer_rows(args: Namespace, rows: Sequence[CustomerRow]) -> None:
    records = [{f: _plain(getattr(r, f)) for f in LIST_FIELDS} for r in rows]
    if getattr(args, "json", False):
        dump(records)
        return
    columns = ("code", "name", "status", "owner", "city", "phone")
    table(tuple(c.upper() for c in columns), [[str(rec[c] or "") for c in columns]
                                              for rec in records])
    print(f"({len(records)} customer{'s' if len(records) != 1 else ''})")


def customer_detail(args: Namespace, detail: CustomerDetail, headline: str = "") -> None:
    data = _plain(detail)
    if getattr(args, "json", False):
        dump(data)
        return
    if headline:
        print(headline)
    for key, value in data.items():
        if key == "contacts":
            continue
        if value not in ("", None):
            print(f"{key:>20}: {value}")
    for contact in data["contacts"]:
        star = "*" if contact["is_primary"] else " "
        print(f"{'contact':>20}: {star} {contact['name']}  {contact['mobile'] or contact['phone']}"
              f"  {contact['email']}")


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max([_width(c)] + [_width(str(r[i])) for r in rows]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(_pad(str(v), w) for v, w in zip(row, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
