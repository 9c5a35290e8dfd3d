"""Importing customers from an .xlsx: ``ImportService.import_file`` (what ``kehu import
customers FILE`` and the Import dialog run) against the bare limit of reading the same
workbook and writing the same rows, interleaved in the same run.

``uv run python -m benchmarks.importing --rows 100000 [--repeat 3] [--memory-rows 10000]
[--section FILE]``.

The data: a fresh SQLite database made by the migrations (``open_database``) with one
administrator, kept as an empty template; a workbook of N customers written with openpyxl's
write-only mode (``write_workbook`` below): a code (C000001...), a Chinese company name
(unique), city and province, a phone (unique: the duplicate check would refuse a second),
a postal code as text with its leading zero (030000), a credit limit as text
("50,000.00"), notes. Each run gets its own copy of the template; copying it is outside
the timed part.

Ours: ``services.importer.import_file(admin, services.customers, path)`` into the empty
customers table, the defaults (on_duplicate "error", all or nothing): the rights, the
headers matched by their Chinese labels, every cell read as people mean it, each row
through the customers' own write path in a savepoint of the one transaction (normalising,
checks, the duplicate check, the search keys, the customer's audit entry), the import's
run and items (what undo reads), the summary audit entry, the commit.

Raw: openpyxl ``load_workbook(read_only=True)`` iterating the same file's values, each
row made into the customers table's columns (the credit limit parsed to cents, the search
keys and sort keys computed by the same functions the app's bulk load uses:
``customer_search_key``, ``sort_key``; the columns the file does not fill given the values
ours wrote, read from a row ours wrote), then one ``sqlite3`` ``executemany`` INSERT of all
of them in one transaction (the table's triggers keep its FTS indexes, as for ours),
committed.

Checked before the timings count: both sides wrote the same number of customers, with the
same codes and names, and every stored column equal but the ids and timestamps.

Memory: the peak resident memory of the process during ours (Linux's VmHWM, reset before
the import through /proc/self/clear_refs; else ``ru_maxrss``) less the resident memory
before it, for ``--memory-rows`` and for ``--rows`` rows: flat means about the same.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from app.data.database import open_database
from app.data.kit.search import customer_search_key, sort_key
from app.logic.kit.dto import Actor
from app.logic.services import Services
from benchmarks import report
from benchmarks.operations import raw_connection

RATIO = 3.0
BEGIN, END = "<!-- importing results: begin -->", "<!-- importing results: end -->"
ADMIN, PASSWORD = "admin", "bench-admin-secret-1"

HEADERS = ("客户编号", "公司名称", "城市", "省份", "电话", "邮政编码", "信用额度", "备注")
# (city, province, area code, postal code): several with a leading zero.
CITIES = (
    ("北京", "北京", "010", "100000"), ("上海", "上海", "021", "200000"),
    ("广州", "广东", "020", "510000"), ("深圳", "广东", "0755", "518000"),
    ("天津", "天津", "022", "300000"), ("重庆", "重庆", "023", "400000"),
    ("成都", "四川", "028", "610000"), ("杭州", "浙江", "0571", "310000"),
    ("南京", "江苏", "025", "210000"), ("武汉", "湖北", "027", "430000"),
    ("西安", "陕西", "029", "710000"), ("太原", "山西", "0351", "030000"),
    ("呼和浩特", "内蒙古", "0471", "010000"), ("石家庄", "河北", "0311", "050000"),
    ("沈阳", "辽宁", "024", "110000"), ("长春", "吉林", "0431", "130000"),
    ("哈尔滨", "黑龙江", "0451", "150000"), ("大同", "山西", "0352", "037000"),
    ("包头", "内蒙古", "0472", "014000"), ("唐山", "河北", "0315", "063000"),
    ("保定", "河北", "0312", "071000"), ("郑州", "河南", "0371", "450000"),
    ("济南", "山东", "0531", "250000"), ("青岛", "山东", "0532", "266000"),
    ("苏州", "江苏", "0512", "215000"), ("宁波", "浙江", "0574", "315000"),
    ("厦门", "福建", "0592", "361000"), ("福州", "福建", "0591", "350000"),
    ("长沙", "湖南", "0731", "410000"), ("昆明", "云南", "0871", "650000"))
_WORDS = (
    "明远 华信 新创 长城 宏达 恒通 金桥 东方 天成 永盛 瑞丰 嘉禾 鼎盛 中泰 汇通 博远 润泽 "
    "星辰 海纳 宇航 正大 安泰 鑫源 联创 华夏 信达 创世 德宝 宝丰 聚力 同心 伟业 昌盛 兴旺 "
    "祥云 锦程 凯旋 万通 众诚 普华 天宇 腾飞 远景 立信 光明 和顺 富源 泰和 盛世 卓越 "
    "精工 新锐 百川 晨光 青松 蓝海 金穗 银河 中科 华美")
WORDS = tuple(_WORDS.split())
_TRADES = ("科技 贸易 电子 机械 建材 食品 物流 医药 化工 纺织 服饰 文化传媒 信息技术 "
           "环保 能源 汽车配件 五金 家具 印刷 农业")
TRADES = tuple(_TRADES.split())
SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
NOTES = ("", "老客户", "展会认识，需跟进报价", "年度框架协议客户", "月结30天", "", "")
COMBINATIONS = len(CITIES) * len(WORDS) * len(TRADES) * len(SUFFIXES)  # 144,000
STEP = 100_003  # coprime with COMBINATIONS: the names are spread, none twice
# Columns ours sets and the raw side sets itself (the rest are mirrored from a row ours
# wrote): the id, the file's columns, the keys and the timestamps.
FILLED = ("id", "code", "name", "city", "province", "phone", "postal_code", "credit_limit",
          "notes", "search_text", "search_short", "name_sort", "city_sort", "created_at",
          "created_by", "updated_at", "updated_by")
UNCOMPARED = ("id", "created_at", "updated_at")


def customer(number: int) -> tuple[str, ...]:
    """Row ``number`` (1-based) of the workbook, as its cells."""
    at = (number - 1) * STEP % COMBINATIONS
    at, suffix = divmod(at, len(SUFFIXES))
    at, trade = divmod(at, len(TRADES))
    at, word = divmod(at, len(WORDS))
    city, province, area, postal = CITIES[at % len(CITIES)]
    name = f"{city}{WORDS[word]}{TRADES[trade]}{SUFFIXES[suffix]}"
    if number > COMBINATIONS:  # beyond the combinations: a branch each
        name += f"第{(number - 1) // COMBINATIONS}分公司"
    if number % 3 == 0:  # a mobile; else a landline: unique either way
        phone = f"13{(number * 7919) % 10 ** 9:09d}"
    else:
        phone = f"{area}-{60000000 + (number * 7) % 40000000}"
    limit = 0 if number % 10 == 0 else (number % 20 + 1) * 10_000
    return (f"C{number:06d}", name, city, province, phone, postal, f"{limit:,}.00",
            NOTES[number % len(NOTES)])


def write_workbook(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(HEADERS)
    for number in range(1, rows + 1):
        sheet.append(customer(number))
    book.save(path)
    return path


def template(path: Path) -> Actor:
    """An empty database at ``path`` (the migrations, one administrator); the
    administrator signed in."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    try:
        services = Services.build(db.unit_of_work)
        services.auth.create_admin(ADMIN, PASSWORD)
        actor: Actor = services.auth.login(ADMIN, PASSWORD)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return actor


# --- memory ------------------------------------------------------------------------------
def _status(key: str) -> int | None:
    """A VmRSS/VmHWM figure of /proc/self/status in bytes (None elsewhere than Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


@contextmanager
def peak_growth(into: list[int]) -> Iterator[None]:
    """Appends to ``into`` the peak resident memory during the block less the resident
    memory before it (bytes)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
        reset = True
    except OSError:
        reset = False
    before = _status("VmRSS")
    if before is None or not reset:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    yield
    peak = _status("VmHWM") if reset else None
    if peak is None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    into.append(max(peak - before, 0))


# --- the two sides -----------------------------------------------------------------------
@dataclass
class Bench:
    """A workbook, the empty template database, and the two sides run on copies of it."""

    folder: Path
    actor: Actor
    empty: Path
    constants: dict[str, Any] = field(default_factory=dict)
    runs: int = 0

    @classmethod
    def make(cls, folder: Path) -> Bench:
        empty = folder / "empty.db"
        return cls(folder, template(empty), empty)

    def copy(self) -> Path:
        """A fresh copy of the empty database."""
        self.runs += 1
        path = self.folder / f"run-{self.runs}.db"
        shutil.copyfile(self.empty, path)
        return path

    def ours(self, workbook: Path, memory: list[int] | None = None) -> tuple[float, Path]:
        """Seconds of ``import_file`` into a fresh copy, and the copy."""
        path = self.copy()
        db = open_database(f"sqlite:///{path}", upgrade=False)
        try:
            services = Services.build(db.unit_of_work)
            grown: list[int] = []
            with peak_growth(grown):
                started = time.perf_counter()
                result = services.importer.import_file(self.actor, services.customers,
                                                       workbook)
                seconds = time.perf_counter() - started
            if memory is not None:
                memory.extend(grown)
            assert result.written and not result.errors, result.problems[:5]
        finally:
            db.dispose()
        if not self.constants:
            self.constants = mirrored(path)
        return seconds, path

    def raw(self, workbook: Path) -> tuple[float, Path]:
        """Seconds of reading the workbook with bare openpyxl and one executemany of its
        rows into a fresh copy, and the copy."""
        assert self.constants, "ours runs first: the raw side mirrors a row ours wrote"
        path = self.copy()
        conn = raw_connection(path)
        try:
            started = time.perf_counter()
            raw_import(conn, workbook, self.constants, self.actor.user_id)
            seconds = time.perf_counter() - started
        finally:
            conn.close()
        return seconds, path


def drop(*paths: Path) -> None:
    """Remove the databases (and their -wal, -shm) of runs done with."""
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def mirrored(path: Path) -> dict[str, Any]:
    """The columns the file does not fill, as ours wrote them (its first customer)."""
    with sqlite3.connect(path) as conn:
        cursor = conn.execute("SELECT * FROM customers ORDER BY id LIMIT 1")
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description]
    assert row is not None, "ours wrote no customer"
    return {k: v for k, v in zip(names, row, strict=True) if k not in FILLED}


def text(value: Any) -> str:
    """A text cell as stored (full-width folded: "，" is ",", as ours stores it)."""
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


def cents(text: Any) -> int:
    if text is None or text == "":
        return 0
    return int(Decimal(str(text).replace(",", "")) * 100)


def raw_import(conn: sqlite3.Connection, workbook: Path, constants: dict[str, Any],
               user_id: int) -> int:
    """The bare limit: the workbook's values, the same rows, one executemany, committed."""
    stamp = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    fixed = tuple(constants.values())
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    try:
        rows = []
        sheet = book.worksheets[0]
        for code, name, city, province, phone, postal, limit, notes in sheet.iter_rows(
                min_row=2, values_only=True):
            code, name, city, province, phone, postal, notes = (
                text(v) for v in (code, name, city, province, phone, postal, notes))
            search_text, search_short, name_sort = customer_search_key(
                name, "", code, "", city, province, [], [], [phone, ""])
            rows.append((code, name, city, province, phone, postal, cents(limit), notes,
                         search_text, search_short,
                         name_sort, sort_key(city), stamp, user_id, stamp, user_id, *fixed))
    finally:
        book.close()
    columns = ("code", "name", "city", "province", "phone", "postal_code", "credit_limit",
               "notes", "search_text", "search_short", "name_sort", "city_sort",
               "created_at", "created_by", "updated_at", "updated_by", *constants)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(f"INSERT INTO customers ({', '.join(columns)}) VALUES "
                         f"({', '.join('?' * len(columns))})", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)


def stored(path: Path) -> list[tuple[Any, ...]]:
    """The customers as stored, by code, without the ids and timestamps."""
    with sqlite3.connect(path) as conn:
        names = [r[1] for r in conn.execute("PRAGMA table_info(customers)")
                 if r[1] not in UNCOMPARED]
        return conn.execute(f"SELECT {', '.join(names)} FROM customers ORDER BY code"
                            ).fetchall()


def agree(ours: Path, raw: Path, rows: int) -> None:
    """Both sides wrote ``rows`` customers with the same codes and names, and the same
    stored columns."""
    mine, theirs = stored(ours), stored(raw)
    assert len(mine) == len(theirs) == rows, (len(mine), len(theirs), rows)
    assert [r[:2] for r in mine] == [r[:2] for r in theirs], "codes or names differ"
    found = [f"ours {a}, raw {b}" for a, b in zip(mine, theirs, strict=True) if a != b]
    assert not found, "the customers differ: " + "; ".join(found[:3])


# --- the run -----------------------------------------------------------------------------
@dataclass
class Outcome:
    rows: int
    ours: tuple[float, ...]
    raw: tuple[float, ...]
    memory: dict[int, int]  # rows -> peak growth (bytes) of ours
    workbook_bytes: int
    setup_seconds: float

    @property
    def ours_s(self) -> float:
        return statistics.median(self.ours)

    @property
    def raw_s(self) -> float:
        return statistics.median(self.raw)

    @property
    def ratio(self) -> float:
        return self.ours_s / max(self.raw_s, 1e-9)

    @property
    def ok(self) -> bool:
        return self.ratio <= RATIO


def run(rows: int, repeat: int = 3, memory_rows: int = 10_000, folder: Path | None = None,
        show: Callable[[str], None] = lambda _: None) -> Outcome:
    """Ours and raw alternately ``repeat`` times on ``rows`` customers (after a warm-up of
    both on a small file, which also gives the columns the raw side mirrors); the first
    pair's results are checked equal. Ours also imports ``memory_rows`` once first, for the
    memory (the peak growth of each size: the largest of its runs)."""
    with tempfile.TemporaryDirectory(prefix="kehu-import-bench-") as scratch:
        where = Path(folder or scratch)
        where.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        bench = Bench.make(where)
        small = write_workbook(where / "warm-up.xlsx", min(rows, 200))
        big = write_workbook(where / f"customers-{rows}.xlsx", rows)
        setup = time.perf_counter() - started
        show(f"setup {setup:.1f} s (database, workbook of {rows:,} rows)")
        _, first = bench.ours(small)
        _, second = bench.raw(small)
        agree(first, second, min(rows, 200))
        drop(first, second)
        memory: dict[int, list[int]] = {rows: []}
        if memory_rows and memory_rows != rows:
            # Before the large file: memory the allocator keeps from a larger run would be
            # reused, and the smaller run would seem to need none.
            memory[memory_rows] = []
            _, mine = bench.ours(write_workbook(where / f"customers-{memory_rows}.xlsx",
                                                memory_rows), memory[memory_rows])
            drop(mine)
        ours: list[float] = []
        raw: list[float] = []
        for turn in range(repeat):
            seconds, mine = bench.ours(big, memory[rows])
            ours.append(seconds)
            show(f"ours {seconds:.2f} s")
            seconds, theirs = bench.raw(big)
            raw.append(seconds)
            show(f"raw  {seconds:.2f} s")
            if turn == 0:
                agree(mine, theirs, rows)
                show(f"both wrote the same {rows:,} customers")
            drop(mine, theirs)
        return Outcome(rows, tuple(ours), tuple(raw),
                       {n: max(v) for n, v in sorted(memory.items())},
                       big.stat().st_size, setup)


def summary(outcome: Outcome) -> str:
    o = outcome
    memory = ", ".join(f"{n:,} rows {b / 2 ** 20:.1f} MB" for n, b in o.memory.items())
    lines = [f"import of {o.rows:,} customers x {len(HEADERS)} columns from .xlsx "
             f"({o.workbook_bytes / 2 ** 20:.1f} MB), median of {len(o.ours)}:",
             f"  ours (ImportService.import_file)            {o.ours_s:8.2f} s "
             f"({o.rows / o.ours_s:,.0f} rows/s)",
             f"  raw (openpyxl read-only + sqlite3 executemany) {o.raw_s:6.2f} s "
             f"({o.rows / o.raw_s:,.0f} rows/s)",
             f"  ratio {o.ratio:.2f}x (target <= {RATIO:g}x: {'yes' if o.ok else 'NO'})",
             f"  peak resident memory growth of ours: {memory}"]
    if len(o.memory) == 2:
        (small, a), (large, b) = o.memory.items()
        lines.append(f"  ({large / small:g}x the rows took {b / max(a, 1):.1f}x the memory)")
    return "\n".join(lines)


def section(outcome: Outcome, command: str) -> str:
    machine = report.machine()
    o = outcome
    return "\n".join([
        BEGIN, "## Import from Excel", "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: "
        f"{machine['cores (nproc)']} cores ({machine['CPU']}), Python {machine['Python']}, "
        f"SQLite {machine['SQLite']}.", "",
        "`ImportService.import_file` (what `kehu import customers FILE` and the Import "
        "dialog run, with their defaults: all or nothing, a key already there is an error) "
        "of an .xlsx of new customers into an empty customers table, against the bare "
        "limit: openpyxl's read-only iteration of the same file and one `sqlite3` "
        "`executemany` INSERT of the same rows, interleaved in the same run, each on a "
        "fresh copy of the same empty database (copied outside the timed part). Both sides' "
        "customers are checked equal first (count, codes, names, every stored column but "
        "ids and timestamps). Target: at most 3x, memory flat.", "",
        "| operation | ours median | raw median | ratio | target | ok | note |",
        "|---|---|---|---|---|---|---|",
        f"| import {o.rows:,} customers from .xlsx | {o.ours_s:.2f} s | {o.raw_s:.2f} s | "
        f"{o.ratio:.2f}x | <= {RATIO:g}x | {'yes' if o.ok else 'NO'} | "
        f"{len(HEADERS)} columns, {o.workbook_bytes / 2 ** 20:.1f} MB; median of "
        f"{len(o.ours)} |", "",
        "```", summary(o), "```", "",
        "- **Ours**: the rights; the headers matched by their Chinese labels; every cell "
        "read as people mean it (codes and postal codes as text with their leading zeros, "
        "`50,000.00` as an exact amount); each row through the customers' own write path "
        "in a savepoint of the import's one transaction (normalising, the field checks, "
        "the duplicate check by name, tax id and phone, the search and sort keys); the "
        "audit entry of each customer (on the audit log's hash chain); the import's run "
        "and its items (what undo reads) and its summary audit entry; the commit.",
        "- **Raw**: `openpyxl.load_workbook(read_only=True)` iterating the values, each "
        "row made into the table's columns (the credit limit in cents; the search and "
        "sort keys by the same functions the bulk load uses; the columns the file does "
        "not fill as ours wrote them), one `executemany` in one transaction (the table's "
        "triggers keep its FTS indexes, as for ours), committed. No checks, no savepoints, "
        "no audit: the least any import of these rows must do.",
        "- **Memory**: the peak resident memory of the process during ours (Linux VmHWM, "
        "reset before the import) less the resident memory before it, for a small and "
        "the full file.", "",
        "Reproduce:", "", "```", command, "```", END])


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.importing")
    parser.add_argument("--rows", type=int, default=100_000, help="customers in the file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side")
    parser.add_argument("--memory-rows", type=int, default=10_000,
                        help="the smaller file ours also imports for the memory")
    parser.add_argument("--dir", default="", help="work here (default: a temporary one)")
    parser.add_argument("--section", metavar="FILE", default="",
                        help="write the docs/benchmarks.md section to FILE")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    outcome = run(args.rows, args.repeat, args.memory_rows, Path(args.dir) if args.dir
                  else None, lambda text: print(text, flush=True))
    print(summary(outcome))
    if args.section:
        command = "uv run python -m benchmarks.importing " + " ".join(
            sys.argv[1:] if argv is None else argv)
        Path(args.section).write_text(section(outcome, command) + "\n", encoding="utf-8")
        print(f"wrote {args.section}")


if __name__ == "__main__":
    main()
