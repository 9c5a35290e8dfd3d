"""Export through the service (``kehu export customers``), end to end, against the raw
limit in the same run: the same SQL through plain sqlite3 and bare XlsxWriter writing the
same cells.

``uv run python -m benchmarks.export_service [--customers N] [--repeat N]``. Ours is
``CustomerService.export``: the rights, the keyset pages of the list query within the
record scope, choices in Chinese, references by name, typed cells, the about sheet, and
the audit entry. Raw runs the exact statements ours ran (captured once) and writes their
rows with hand-written XlsxWriter calls. Memory: peak traced while exporting 10,000 and
100,000 customers (flat: about the same).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import tracemalloc
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from app.data.database import Database, open_database
from app.logic.customers import CUSTOMER, CustomerService
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.entity import Entity
from app.logic.kit.export import ExportSpec
from app.logic.kit.fields import YES_NO
from app.logic.kit.workbook import FORMATS
from benchmarks import operations
from benchmarks.database import build
from benchmarks.timing import Result, interleaved

TARGET_RATIO = 1.3
LANGUAGE = "zh_CN"


def export_actor(db: Database) -> Actor:
    actor = operations.bench_actor(db)
    return replace(actor, rights=actor.rights | {("customers", "export")})


def spec() -> ExportSpec:
    return ExportSpec(ListQuery(), tuple(f.name for f in CUSTOMER.listed), LANGUAGE)


def ours(service: CustomerService, actor: Actor, path: Path) -> int:
    return service.export(actor, spec(), path)


def list_statements(db: Database, service: CustomerService, actor: Actor, path: Path
                    ) -> list[tuple[str, Any]]:
    """The SELECTs our export runs for the rows (not the audit entry it writes after)."""
    found = operations.captured_sql(db, lambda: ours(service, actor, path))
    return [(sql, params) for sql, params in found
            if sql.lstrip().upper().startswith("SELECT") and "FROM customers" in sql]


def raw(conn: sqlite3.Connection, statements: list[tuple[str, Any]], path: Path,
        entity: Entity = CUSTOMER, language: str = LANGUAGE) -> int:
    """Plain sqlite3 and bare XlsxWriter: hand-written code for exactly these columns (the
    listed fields of ``entity``: the customers', or another list's)."""
    fields = entity.listed
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet(entity.plural.text(language))
    bold = book.add_format({"bold": True})
    money, moment = (book.add_format({"num_format": FORMATS[k]}) for k in ("money", "datetime"))
    for col, f in enumerate(fields):
        sheet.write_string(0, col, f.caption(language), bold)
    writers = _writers(sheet, money, moment, entity, language)
    r = 0
    for sql, params in statements:
        for row in conn.execute(sql, params):
            r += 1
            for write in writers:
                write(r, row)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, r, len(fields) - 1)
    for col in range(len(fields)):
        sheet.set_column(col, col, 14)
    about = book.add_worksheet("导出说明")
    about.write_string(0, 0, "导出人", bold)
    about.write_string(0, 1, "admin")
    book.close()
    return r


def _writers(sheet: Any, money: Any, moment: Any, entity: Entity = CUSTOMER,
             language: str = LANGUAGE) -> list[Any]:
    """One function per column, chosen once (as hand-written code for these columns
    would be), each writing its cell of a row from the statement's columns."""
    text, number, when = sheet.write_string, sheet.write_number, sheet.write_datetime
    yes, no = YES_NO[language.startswith("zh")]
    writers = []
    column = 2
    for col, f in enumerate(entity.listed):
        if f.kind == "reference":
            label = column + 2
            writers.append(lambda r, row, c=col, i=label: row[i] and text(r, c, row[i]))
            column += 3
            continue
        i = column
        column += 1
        if f.kind == "choice":
            words = {c.value: c.label.text(language) for c in f.choices}
            writers.append(lambda r, row, c=col, i=i, w=words:
                           row[i] is not None and text(r, c, w.get(row[i], row[i])))
        elif f.kind == "money":
            writers.append(lambda r, row, c=col, i=i:
                           row[i] is not None and number(r, c, row[i] / 100, money))
        elif f.kind == "boolean":
            writers.append(lambda r, row, c=col, i=i, y=yes, n=no: text(r, c, y if row[i] else n))
        elif f.kind == "integer":
            writers.append(lambda r, row, c=col, i=i:
                           row[i] is not None and number(r, c, row[i]))
        elif f.kind == "datetime":
            writers.append(lambda r, row, c=col, i=i: row[i] is not None and when(
                r, c, datetime.fromisoformat(row[i] + "+00:00").astimezone()
                .replace(tzinfo=None), moment))
        else:
            writers.append(lambda r, row, c=col, i=i: row[i] is not None and text(r, c, row[i]))
    return writers


def peak_memory(service: CustomerService, actor: Actor, query: ListQuery, path: Path) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        service.export(actor, replace(spec(), query=query), path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(customers: int = 100_000, seed: int = 1, repeat: int = 3) -> dict[str, Any]:
    path, _ = build(customers, seed)
    db = open_database(f"sqlite:///{path}", upgrade=False)
    try:
        actor = export_actor(db)
        service = CustomerService(db.unit_of_work)
        conn = operations.raw_connection(path)
        with tempfile.TemporaryDirectory(prefix="kehu-bench-export-") as scratch:
            folder = Path(scratch)
            statements = list_statements(db, service, actor, folder / "capture.xlsx")
            rows = raw(conn, statements, folder / "raw.xlsx")
            mine, theirs = interleaved(lambda: ours(service, actor, folder / "ours.xlsx"),
                                       lambda: raw(conn, statements, folder / "raw.xlsx"),
                                       repeat, warmup=0)
            size = (folder / "ours.xlsx").stat().st_size
            ten_thousand = _first_ids_query(db, 10_000)
            peaks = {10_000: peak_memory(service, actor, ten_thousand, folder / "m1.xlsx"),
                     customers: peak_memory(service, actor, ListQuery(), folder / "m2.xlsx")}
        conn.close()
    finally:
        db.dispose()
    ours_s, raw_s = statistics.median(mine.seconds), statistics.median(theirs.seconds)
    name = f"export {rows:,} customers x {len(CUSTOMER.listed)} columns to Excel"
    return {"rows": rows, "columns": len(CUSTOMER.listed), "repeat": repeat,
            "file_bytes": size, "ours_median_s": ours_s, "raw_median_s": raw_s,
            "ratio": ours_s / raw_s, "ratio_ok": ours_s / raw_s <= TARGET_RATIO,
            "peak_bytes": peaks,
            "result": Result(name, mine, theirs, None, "raw: same SQL via sqlite3 + XlsxWriter")}


def _first_ids_query(db: Database, count: int) -> ListQuery:
    """A query for about ``count`` customers: those of the first owners' filter won't do
    (owners differ in size), so the code prefix of the first ``count`` codes is used."""
    with db.engine.connect() as conn:
        cities = conn.exec_driver_sql(
            "SELECT city, count(*) FROM customers GROUP BY city ORDER BY 2 DESC").all()
    best = min(cities, key=lambda c: abs(c[1] - count))
    return ListQuery(filters=(("city", best[0]),))


def summary(figures: dict[str, Any]) -> str:
    peaks = figures["peak_bytes"]
    return "\n".join([
        f"export through the service, {figures['rows']:,} customers x {figures['columns']} "
        f"columns ({figures['file_bytes'] / 1e6:.1f} MB), median of {figures['repeat']}:",
        f"  ours (CustomerService.export)   {figures['ours_median_s']:.2f} s",
        f"  raw (sqlite3 + XlsxWriter)      {figures['raw_median_s']:.2f} s",
        f"  ratio {figures['ratio']:.2f}x (target <= {TARGET_RATIO}x: "
        f"{'yes' if figures['ratio_ok'] else 'NO'})",
        "  peak traced memory: " + ", ".join(f"{n:,} rows asked {p / 1e6:.1f} MB"
                                              for n, p in peaks.items())])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export_service")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(summary(run(args.customers, repeat=args.repeat)), flush=True)


if __name__ == "__main__":
    main()
