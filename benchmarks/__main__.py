"""``uv run python -m benchmarks [--customers N] [--db URL] [--only-products]
[--only-sales]``: build (once) and measure.

Without ``--db`` on an SQLite file of a million demo customers (cached), then the products,
suppliers and projects lists on a file of 100,000 products (``benchmarks/products.py``,
cached too; ``--only-products`` measures just these), and sales (confirming an order of 50
lines, the credit check's sum: ``benchmarks/sales.py``, ``--only-sales``) on the million
customers' file; with ``--db`` on a PostgreSQL
database (filled with 200,000 demo customers when it has none), its raw limit the same SQL
through plain psycopg.

Measured by their own modules: finance (``python -m benchmarks.finance --sqlite PATH``),
the import from Excel (``python -m benchmarks.importing``), the reports and the dashboard
(``python -m benchmarks.reports --sqlite PATH``: only reads the demo database).
"""

from __future__ import annotations

import argparse

from app.data.database import open_database
from benchmarks import catalogue, operations, report, server, startup
from benchmarks import products as product_lists
from benchmarks import sales as sales_bench
from benchmarks.database import build
from benchmarks.timing import Result

SERVER_CUSTOMERS = 200_000
PRODUCTS_MARKS = (report.PRODUCTS_BEGIN, report.PRODUCTS_END)

SEARCHES = (("pinyin", "beijing"), ("initials", "bjkj"), ("pinyin", "zhangwei"),
            ("Chinese", "科技"), ("Chinese", "王伟"), ("Chinese", "长城电子"),
            ("Chinese 1 char", "伟"), ("phone", "13812"), ("phone", "0755-8"))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--customers", type=int, default=None,
                        help="demo customers (default 1,000,000; 200,000 with --db)")
    parser.add_argument("--db", metavar="URL", default="",
                        help="a PostgreSQL database to benchmark instead of the SQLite file "
                             "(filled with --customers demo customers when it has none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--only-search", action="store_true")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--no-export", action="store_true",
                        help="skip the export to Excel (100,000 customers)")
    parser.add_argument("--export-customers", type=int, default=100_000)
    parser.add_argument("--only-products", action="store_true",
                        help="measure only the products, suppliers and projects lists")
    parser.add_argument("--no-products", action="store_true",
                        help="skip the products, suppliers and projects lists")
    parser.add_argument("--only-sales", action="store_true",
                        help="measure only confirming an order and the credit check")
    parser.add_argument("--no-sales", action="store_true",
                        help="skip confirming an order and the credit check")
    parser.add_argument("--products", type=int, default=catalogue.PRODUCTS,
                        help="products in their benchmark database (default 100,000)")
    return parser.parse_args()


def database(args: argparse.Namespace) -> tuple[str, float | None]:
    """The URL of the database to measure, and the seconds it took to build (None: it was
    there)."""
    if args.db:
        if args.rebuild:
            raise SystemExit("--rebuild: give an empty database with --db instead")
        args.customers, seconds = server.prepare(args.db, args.customers or SERVER_CUSTOMERS,
                                                 args.seed)
        return args.db, seconds
    args.customers = args.customers or 1_000_000
    path, seconds = build(args.customers, args.seed, args.rebuild)
    return f"sqlite:///{path}", seconds


def measure(args: argparse.Namespace) -> tuple[list[Result], float | None]:
    url, build_seconds = database(args)
    if build_seconds is not None:
        print(f"built the database in {build_seconds:.0f} s", flush=True)
    db = open_database(url, upgrade=False)
    if args.db:
        args.server = server.describe(db)
    raw = operations.Raw.open(url)
    actor = operations.bench_actor(db)
    results = [operations.first_page(db, raw, actor, args.repeat)]
    for kind, term in SEARCHES:
        results.append(operations.search(db, raw, actor, term, kind, args.repeat))
        print(report.table(results[-1:], None if args.db else 2.0), flush=True)
    if not args.only_search:
        results.append(operations.create_customer(db, raw, actor, args.repeat))
    raw.close()
    db.dispose()
    if not args.no_startup and not args.only_search:
        results.append(startup.cold_start(url, max(5, args.repeat // 3)))
    return results, build_seconds


def export(args: argparse.Namespace) -> str:
    """The export benchmark's summary ("" when skipped): its own database of
    ``--export-customers`` customers, through the service, against the raw limit."""
    if args.no_export or args.only_search or args.db:
        return ""
    from benchmarks import export_service

    text = export_service.summary(export_service.run(args.export_customers, args.seed))
    print(text, flush=True)
    return text


def products(args: argparse.Namespace) -> str:
    """The products, suppliers and projects lists and the products' export: their section
    of docs/benchmarks.md ("" when skipped)."""
    if args.no_products or args.db:
        return ""
    path, seconds = product_lists.prepare(args.products, args.seed, args.rebuild)
    if seconds is not None:
        print(f"built the products database in {seconds:.0f} s", flush=True)
    ratio = product_lists.RATIO
    results = product_lists.run(path, args.repeat, args.products,
                                lambda r: print(report.table([r], ratio), flush=True))
    exported = ""
    if not args.no_export:
        exported = product_lists.export_summary(product_lists.export(path))
        print(exported, flush=True)
    print(report.table(results, ratio))
    return report.products_section(results, args.products, seconds, report.command_line(),
                                   exported, ratio)


def customers(args: argparse.Namespace) -> None:
    results, build_seconds = measure(args)
    exported = export(args)
    print(report.table(results, None if args.db else 2.0))
    if args.no_docs:
        return
    if args.db:
        text = report.server_section(results, args.customers, build_seconds,
                                     report.command_line(), args.server)
        print(f"wrote {report.write_server_section(text)}")
        return
    text = report.markdown(results, args.customers, build_seconds, report.command_line(),
                           exported)
    print(f"wrote {report.write_docs(text)}")


def sales(args: argparse.Namespace) -> str:
    """Confirming an order of 50 lines and the credit check's sum on the million customers'
    database: their section of docs/benchmarks.md ("" when skipped)."""
    if args.no_sales or args.db or args.only_products:
        return ""
    path, seconds = build(args.customers or 1_000_000, args.seed, args.rebuild and
                          args.only_sales)
    if seconds is not None:
        print(f"built the database in {seconds:.0f} s", flush=True)
    results, counts = sales_bench.run(path, args.repeat, lambda r: print(
        "\n".join(sales_bench.table([r])[2:]), flush=True))
    return sales_bench.section(results, counts, report.command_line(), sales_bench.NOTES)


def main() -> None:
    args = parse()
    if not args.only_products and not args.only_sales:
        customers(args)
    sold = sales(args)
    if sold and not args.no_docs:
        print(f"wrote {report.write_section(sold, sales_bench.BEGIN, sales_bench.END)}")
    section = "" if args.only_sales else products(args)
    if section and not args.no_docs:
        print(f"wrote {report.write_section(section, *PRODUCTS_MARKS)}")


if __name__ == "__main__":
    main()
