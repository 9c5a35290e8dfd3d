"""Export to Excel: ``write_workbook`` against bare XlsxWriter writing the same cells.

``uv run python -m benchmarks.export [--rows N] [--repeat N]``. The customer rows are made
once in memory; ours and raw then run alternately on them, both in constant-memory mode,
writing the same header, cells, formats, freeze pane, filter and widths. Memory is the peak
that tracemalloc sees while ``write_workbook`` takes rows from a generator: flat means the
same at 10,000 and 100,000 rows.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter 3.3.1 ships no py.typed marker

from app.logic.kit.workbook import FORMATS, Column, write_workbook
from benchmarks.timing import Result, Samples, interleaved

TARGET_RATIO = 1.3
MEMORY_ROWS = (10_000, 100_000)
COLUMNS = (Column("code", "编号", "text"), Column("name", "名称", "text"),
           Column("status", "状态", "text"), Column("industry", "行业", "text"),
           Column("province", "省份", "text"), Column("city", "城市", "text"),
           Column("phone", "电话", "text"), Column("email", "邮箱", "text"),
           Column("owner", "负责人", "text"), Column("credit_limit", "信用额度", "money"),
           Column("payment_terms_days", "账期(天)", "integer"),
           Column("created", "建档日期", "date"), Column("updated_at", "更新时间", "datetime"))
PLACES = (("北京", "北京"), ("上海", "上海"), ("广东", "深圳"), ("广东", "广州"),
          ("浙江", "杭州"), ("江苏", "南京"), ("四川", "成都"), ("湖北", "武汉"))
WORDS = ("长城", "华信", "东方", "恒达", "新世纪", "金桥", "远航", "博雅", "瑞丰", "天成")
TRADES = (("科技", "软件"), ("电子", "制造"), ("贸易", "批发"), ("物流", "运输"),
          ("食品", "零售"), ("建材", "建筑"))
STATUSES = ("活跃", "活跃", "活跃", "潜在", "暂停", "已归档")
PEOPLE = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆")
# about what write_workbook chooses for these rows (raw sets them without choosing)
WIDTHS = (10, 32, 8, 8, 8, 8, 15, 23, 9, 14, 11, 12, 18)
ABOUT = (("导出人", "王伟 (sales1)"), ("导出时间", "2026-12-04 10:31"),
         ("筛选", "状态 = 活跃; 搜索 = 北京"))


def customer(n: int, pick: random.Random) -> tuple[Any, ...]:
    """One customer as a list screen hands it over: Decimal money, aware UTC times."""
    province, city = pick.choice(PLACES)
    trade, industry = pick.choice(TRADES)
    name = f"{city}{pick.choice(WORDS)}{trade}有限公司"
    phone = f"0{pick.randint(10, 999)}-{pick.randint(10_000_000, 99_999_999)}"
    limit = Decimal(pick.randint(0, 5_000_000)) / 100 if pick.random() < 0.9 else None
    created = date(2015, 1, 1) + timedelta(days=pick.randint(0, 4000))
    updated = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=pick.randint(0, 30_000_000))
    return (f"C{n:07d}", name, pick.choice(STATUSES), industry, province, city,
            phone if pick.random() < 0.95 else None,
            f"sales{n % 997}@example.cn" if pick.random() < 0.7 else None,
            pick.choice(PEOPLE), limit, pick.choice((0, 15, 30, 45, 60, 90)), created, updated)


def customers(count: int, seed: int = 1) -> Iterator[tuple[Any, ...]]:
    pick = random.Random(seed)
    return (customer(n, pick) for n in range(1, count + 1))


def ours(path: Path, rows: list[tuple[Any, ...]]) -> int:
    return write_workbook(path, COLUMNS, iter(rows), sheet_name="客户", about_title="关于",
                          about=ABOUT, progress=lambda done: True)


def raw(path: Path, rows: list[tuple[Any, ...]]) -> int:
    """Bare XlsxWriter: what hand-written code for exactly these columns would do."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("客户")
    bold = book.add_format({"bold": True})
    money, day, moment = (book.add_format({"num_format": FORMATS[kind]})
                          for kind in ("money", "date", "datetime"))
    for col, column in enumerate(COLUMNS):
        sheet.write_string(0, col, column.header, bold)
    text, number, when = sheet.write_string, sheet.write_number, sheet.write_datetime
    for r, row in enumerate(rows, 1):
        for col in range(9):
            if row[col] is not None:
                text(r, col, row[col])
        if row[9] is not None:
            number(r, 9, float(row[9]), money)
        number(r, 10, row[10])
        when(r, 11, row[11], day)
        when(r, 12, row[12].astimezone().replace(tzinfo=None), moment)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    about = book.add_worksheet("关于")
    for r, (label, value) in enumerate(ABOUT):
        about.write_string(r, 0, label, bold)
        about.write_string(r, 1, value)
    book.close()
    return len(rows)


def peak_memory(count: int, folder: Path) -> int:
    """Peak bytes allocated while ``write_workbook`` takes ``count`` rows from a generator."""
    rows = customers(count, seed=2)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        write_workbook(folder / f"memory-{count}.xlsx", COLUMNS, rows, sheet_name="客户",
                       about_title="关于", about=ABOUT)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def time_writers(rows: int, repeat: int, folder: Path) -> tuple[Samples, Samples, int]:
    """Ours and raw alternately on the same rows, made once in memory; and the file size."""
    data = list(customers(rows))
    mine, theirs = interleaved(lambda: ours(folder / "ours.xlsx", data),
                               lambda: raw(folder / "raw.xlsx", data), repeat)
    return mine, theirs, (folder / "ours.xlsx").stat().st_size


def run_writer_benchmark(rows: int = 100_000, repeat: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kehu-bench-export-") as scratch:
        folder = Path(scratch)
        mine, theirs, size = time_writers(rows, repeat, folder)
        peaks = {count: peak_memory(count, folder) for count in MEMORY_ROWS}
    ours_s, raw_s = statistics.median(mine.seconds), statistics.median(theirs.seconds)
    name = f"export {rows:,} rows to Excel"
    return {"rows": rows, "columns": len(COLUMNS), "repeat": repeat, "file_bytes": size,
            "ours_median_s": ours_s, "raw_median_s": raw_s, "ratio": ours_s / raw_s,
            "target_ratio": TARGET_RATIO, "ratio_ok": ours_s / raw_s <= TARGET_RATIO,
            "peak_bytes": peaks, "result": Result(name, mine, theirs, None, "raw: bare XlsxWriter")}


def summary(figures: dict[str, Any]) -> str:
    peaks = figures["peak_bytes"]
    lines = [f"export {figures['rows']:,} rows x {figures['columns']} columns "
             f"({figures['file_bytes'] / 1e6:.1f} MB), median of {figures['repeat']}:",
             f"  write_workbook  {figures['ours_median_s']:.2f} s",
             f"  raw XlsxWriter  {figures['raw_median_s']:.2f} s",
             f"  ratio           {figures['ratio']:.2f}x (target <= {TARGET_RATIO}x: "
             f"{'yes' if figures['ratio_ok'] else 'NO'})",
             "  peak traced memory, rows from a generator: "
             + ", ".join(f"{count:,} rows {peak / 1e6:.2f} MB" for count, peak in peaks.items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.export")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(summary(run_writer_benchmark(args.rows, args.repeat)))


if __name__ == "__main__":
    main()
