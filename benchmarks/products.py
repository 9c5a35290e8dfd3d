"""The products, suppliers and projects lists (issue 5/10): what their lazy lists ask of the
services, against the raw limit in the same run.

``uv run python -m benchmarks --only-products``. On the database ``benchmarks.catalogue``
builds (100,000 products, 3,000 suppliers, the demo's 30,000 customers with about 10,000
projects), each operation is the call the list screen makes (``RecordListView`` through
``LazyTableModel``: ``list_page`` for the first page of 200 rows and each page scrolled to,
``count`` for the number shown, the filter's choices) and its raw limit the same SQL
(captured from that call) through plain ``sqlite3``, interleaved. Then all 100,000
products to Excel through ``ProductService.export`` against the same SQL through plain
``sqlite3`` writing the same cells with bare XlsxWriter.
"""

from __future__ import annotations

import statistics
import tempfile
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.data.database import Database, open_database
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.export import ExportSpec
from app.logic.kit.service import PAGE_MAX, RecordService
from app.logic.products import PRODUCT, ProductService
from app.logic.projects import ProjectService
from app.logic.suppliers import SupplierService
from benchmarks import catalogue, export_service, operations
from benchmarks.operations import PAGE, Raw
from benchmarks.timing import Result, interleaved

TARGET_MS = 50.0  # as the customers' list: p95 under 50 ms, at most 2x the raw limit
RATIO = 2.0
EXPORT_RATIO = export_service.TARGET_RATIO
LANGUAGE = "zh_CN"
MODULES = ("products", "suppliers", "projects")
RIGHTS = frozenset({(m, a) for m in MODULES for a in ("view", "export")})
SORTS = {"products": ("code", "name", "category", "list_price"),
         "suppliers": ("code", "name", "category", "rating", "city", "updated_at"),
         "projects": ("code", "name", "stage", "start_date", "end_date", "budget")}
# (what it is, the search as typed): code prefixes, Chinese, pinyin, English.
PRODUCT_SEARCHES = (("code prefix", "0001234"), ("code prefix", "dz-0012"),
                    ("code prefix", "g0999"), ("Chinese", "接触器"), ("Chinese 2 chars", "轴承"),
                    ("Chinese 1 char", "纸"), ("pinyin", "zhoucheng"),
                    ("initials", "sgqzc"), ("English", "copy paper"),
                    ("rare, two terms", "西门子 ts-27"))
SUPPLIER_SEARCHES = (("Chinese", "苏州"), ("pinyin", "hengda"), ("code", "s0012"))
PROJECT_SEARCHES = (("Chinese", "系统"), ("pinyin", "shuju"), ("code", "p0001"))


def bench_actor(db: Database, scope: str = "all", user_id: int | None = None) -> Actor:
    """An actor who may view and export the three lists; projects within ``scope``."""
    actor = operations.bench_actor(db)
    return replace(actor, user_id=user_id or actor.user_id, rights=RIGHTS,
                   scopes=(("projects", scope),))


class Bench:
    """One run's database, raw connection and results."""

    def __init__(self, db: Database, raw: Raw, repeat: int,
                 log: Callable[[Result], None]) -> None:
        self.db, self.raw, self.repeat, self.log = db, raw, repeat, log
        self.results: list[Result] = []

    def measure(self, name: str, call: Callable[[], Any], note: Callable[[Any], str],
                target: float | None = TARGET_MS) -> Result:
        """``call`` (a service call) against the statements it hands the driver, run
        through plain sqlite3."""
        statements = operations.captured_sql(self.db, call)

        def plain() -> None:
            for sql, parameters in statements:
                self.raw.rows(sql, parameters)

        ours, limit = interleaved(call, plain, self.repeat)
        result = Result(name, ours, limit, target, note(call()))
        self.results.append(result)
        self.log(result)
        return result

    def page(self, name: str, service: RecordService, actor: Actor, query: ListQuery,
             after: tuple[Any, ...] | None = None, note: str = "") -> Result:
        return self.measure(name, lambda: service.list_page(actor, query, after, PAGE),
                            lambda page: note or f"{len(page.rows)} rows")

    def count(self, name: str, service: RecordService, actor: Actor, query: ListQuery
              ) -> Result:
        return self.measure(name, lambda: service.count(actor, query),
                            lambda count: f"{count:,}")

    def search(self, list_name: str, kind: str, term: str, service: RecordService,
               actor: Actor) -> Result:
        hits = service.count(actor, ListQuery(search=term))
        return self.page(f"{list_name}: search {kind} '{term}'", service, actor,
                         ListQuery(search=term), note=f"{hits:,} hits")


def key_at(service: RecordService, actor: Actor, query: ListQuery, position: int
           ) -> tuple[Any, ...] | None:
    """The keyset key after the first ``position`` rows of ``query``: where the list is
    after scrolling that far (read in pages of up to ``PAGE_MAX``)."""
    after: tuple[Any, ...] | None = None
    read = 0
    while read < position:
        page = service.list_page(actor, query, after, min(PAGE_MAX, position - read))
        read += len(page.rows)
        after = page.next_key
        if after is None:
            break
    return after


def sorts(bench: Bench, list_name: str, service: RecordService, actor: Actor) -> None:
    for sort in SORTS[list_name]:
        for descending in (False, True):
            bench.page(f"{list_name}: first page by {sort} {'desc' if descending else 'asc'}",
                       service, actor, ListQuery(sort=sort, descending=descending))


def products(bench: Bench, actor: Actor, total: int) -> None:
    service = ProductService(bench.db.unit_of_work)
    bench.page("products: open list", service, actor, ListQuery())
    bench.count("products: count (list opened)", service, actor, ListQuery())
    bench.measure("products: category filter's choices", lambda: service.list_categories(actor),
                  lambda found: f"{len(found)} categories")
    sorts(bench, "products", service, actor)
    middle = total // 2
    for query in (ListQuery(), ListQuery(sort="list_price", descending=True),
                  ListQuery(sort="code")):
        after = key_at(service, actor, query, middle)
        order = f"{query.sort or 'name'}{' desc' if query.descending else ''}"
        bench.page(f"products: page after row {middle:,} ({order})", service, actor, query,
                   after)
    smallest = service.list_categories(actor)[-1]  # the filter offers it last
    for label, query in (
            ("category 电子元器件", ListQuery(filters=(("category", "电子元器件"),))),
            ("category 样品 (1%)", ListQuery(filters=(("category", "样品"),))),
            (f"smallest category {smallest}", ListQuery(filters=(("category", smallest),))),
            (f"smallest category {smallest} by price desc",
             ListQuery(filters=(("category", smallest),), sort="list_price",
                       descending=True)),
            ("category 办公用品 by price desc", ListQuery(filters=(("category", "办公用品"),),
                                                      sort="list_price", descending=True)),
            ("inactive", ListQuery(filters=(("active", False),))),
            ("unit m", ListQuery(filters=(("unit", "m"),))),
            ("unit hour by code", ListQuery(filters=(("unit", "hour"),), sort="code")),
            ("unit year + active", ListQuery(filters=(("active", True), ("unit", "year"))))):
        bench.page(f"products: filter {label}", service, actor, query)
        bench.count(f"products: count, filter {label}", service, actor, query)
    for kind, term in PRODUCT_SEARCHES:
        bench.search("products", kind, term, service, actor)
    for term in ("接触器", "0001234"):
        bench.count(f"products: count, search '{term}'", service, actor,
                    ListQuery(search=term))
    query = ListQuery(search="轴承", filters=(("category", "机械配件"),), sort="list_price")
    bench.page("products: search '轴承' + category, by price", service, actor, query)


def suppliers(bench: Bench, actor: Actor) -> None:
    service = SupplierService(bench.db.unit_of_work)
    bench.page("suppliers: open list", service, actor, ListQuery())
    bench.count("suppliers: count (list opened)", service, actor, ListQuery())
    bench.measure("suppliers: category filter's choices",
                  lambda: service.list_categories(actor), lambda found: f"{len(found)}")
    sorts(bench, "suppliers", service, actor)
    bench.page("suppliers: filter country Germany", service, actor,
               ListQuery(filters=(("country", "Germany"),)))
    bench.page("suppliers: filter category + rating A", service, actor,
               ListQuery(filters=(("category", "五金工具"), ("rating", "A"))))
    for kind, term in SUPPLIER_SEARCHES:
        bench.search("suppliers", kind, term, service, actor)


def projects(bench: Bench, actor: Actor, salesperson: Actor) -> None:
    service = ProjectService(bench.db.unit_of_work)
    bench.page("projects: open list", service, actor, ListQuery())
    bench.count("projects: count (list opened)", service, actor, ListQuery())
    bench.measure("projects: customer filter's choices",
                  lambda: service.customer_choices(actor), lambda found: f"{len(found)}")
    sorts(bench, "projects", service, actor)
    bench.page("projects: filter stage completed", service, actor,
               ListQuery(filters=(("stage", "completed"),)))
    bench.page("projects: start date in 2025", service, actor,
               ListQuery(ranges=(("start_date", "2025-01-01", "2025-12-31"),)))
    for kind, term in PROJECT_SEARCHES:
        bench.search("projects", kind, term, service, actor)
    bench.page("projects: a salesperson's (own customers')", service, salesperson,
               ListQuery())
    bench.count("projects: count, a salesperson's", service, salesperson, ListQuery())
    bench.search("projects", "(salesperson) Chinese", "系统", service, salesperson)


def salesperson_of(db: Database) -> int:
    """The user owning the most customers (a demo salesperson)."""
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql(
            "SELECT owner_id FROM customers WHERE owner_id IS NOT NULL GROUP BY owner_id "
            "ORDER BY count(*) DESC LIMIT 1").scalar_one())


def run(path: Path, repeat: int, total: int, log: Callable[[Result], None] = lambda r: None
        ) -> list[Result]:
    db = open_database(f"sqlite:///{path}", upgrade=False)
    raw = Raw.open(f"sqlite:///{path}")
    try:
        bench = Bench(db, raw, repeat, log)
        actor = bench_actor(db)
        products(bench, actor, total)
        suppliers(bench, actor)
        projects(bench, actor, bench_actor(db, "own", salesperson_of(db)))
        return bench.results
    finally:
        raw.close()
        db.dispose()


# --- export -----------------------------------------------------------------------------
def export_spec(query: ListQuery = ListQuery()) -> ExportSpec:  # noqa: B008 - frozen
    return ExportSpec(query, tuple(f.name for f in PRODUCT.listed), LANGUAGE)


def export(path: Path, repeat: int = 3) -> dict[str, Any]:
    """All products to Excel through ``ProductService.export`` against the raw limit; and
    the peak memory traced while exporting one category (about 20,000) and all."""
    db = open_database(f"sqlite:///{path}", upgrade=False)
    try:
        actor = bench_actor(db)
        service = ProductService(db.unit_of_work)
        conn = operations.raw_connection(path)

        def ours(out: Path, query: ListQuery = ListQuery()) -> int:  # noqa: B008 - frozen
            return service.export(actor, export_spec(query), out)

        with tempfile.TemporaryDirectory(prefix="kehu-bench-products-") as scratch:
            folder = Path(scratch)
            found = operations.captured_sql(db, lambda: ours(folder / "capture.xlsx"))
            statements = [(sql, params) for sql, params in found
                          if sql.lstrip().upper().startswith("SELECT")
                          and "FROM products" in sql]

            def plain() -> int:
                return export_service.raw(conn, statements, folder / "raw.xlsx", PRODUCT,
                                          LANGUAGE)

            rows = plain()
            mine, theirs = interleaved(lambda: ours(folder / "ours.xlsx"), plain, repeat,
                                       warmup=0)
            size = (folder / "ours.xlsx").stat().st_size
            some = ListQuery(filters=(("category", "电子元器件"),))
            peaks = {service.count(actor, some): _peak(lambda: ours(folder / "m1.xlsx", some)),
                     rows: _peak(lambda: ours(folder / "m2.xlsx"))}
        conn.close()
    finally:
        db.dispose()
    ours_s, raw_s = statistics.median(mine.seconds), statistics.median(theirs.seconds)
    name = f"export {rows:,} products x {len(PRODUCT.listed)} columns to Excel"
    return {"rows": rows, "columns": len(PRODUCT.listed), "repeat": repeat,
            "file_bytes": size, "ours_median_s": ours_s, "raw_median_s": raw_s,
            "ratio": ours_s / raw_s, "ratio_ok": ours_s / raw_s <= EXPORT_RATIO,
            "peak_bytes": peaks,
            "result": Result(name, mine, theirs, None, "raw: same SQL via sqlite3 + XlsxWriter")}


def _peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def export_summary(figures: dict[str, Any]) -> str:
    peaks = figures["peak_bytes"]
    return "\n".join([
        f"export through the service, {figures['rows']:,} products x {figures['columns']} "
        f"columns ({figures['file_bytes'] / 1e6:.1f} MB), median of {figures['repeat']}:",
        f"  ours (ProductService.export)    {figures['ours_median_s']:.2f} s",
        f"  raw (sqlite3 + XlsxWriter)      {figures['raw_median_s']:.2f} s",
        f"  ratio {figures['ratio']:.2f}x (target <= {EXPORT_RATIO}x: "
        f"{'yes' if figures['ratio_ok'] else 'NO'})",
        "  peak traced memory: " + ", ".join(f"{n:,} rows {p / 1e6:.1f} MB"
                                              for n, p in peaks.items())])


def prepare(total: int, seed: int, rebuild: bool, folder: Path | None = None
            ) -> tuple[Path, float | None]:
    """The database (built when it is not cached) and the seconds its build took."""
    kwargs: dict[str, Any] = {} if folder is None else {"folder": folder}
    if total < catalogue.PRODUCTS:  # a smaller run (a smoke test): a smaller demo too
        kwargs.update(suppliers=max(50, total // 30), customers=max(300, total // 3))
    return catalogue.build(total, seed, rebuild, **kwargs)


def missed(results: Sequence[Result]) -> list[Result]:
    """The results that miss their target (time or ratio)."""
    from benchmarks.report import verdict

    return [r for r in results if verdict(r, RATIO) == "NO"]
