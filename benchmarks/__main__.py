"""``uv run python -m benchmarks [--customers N]``: build (once) and measure."""

from __future__ import annotations

import argparse

from app.data.database import open_database
from benchmarks import operations, report, startup
from benchmarks.database import build
from benchmarks.timing import Result

SEARCHES = (("pinyin", "beijing"), ("initials", "bjkj"), ("pinyin", "zhangwei"),
            ("Chinese", "科技"), ("Chinese", "王伟"), ("Chinese", "长城电子"),
            ("Chinese 1 char", "伟"), ("phone", "13812"), ("phone", "0755-8"))


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--only-search", action="store_true")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--no-export", action="store_true",
                        help="skip the export to Excel (100,000 customers)")
    parser.add_argument("--export-customers", type=int, default=100_000)
    return parser.parse_args()


def measure(args: argparse.Namespace) -> tuple[list[Result], float | None]:
    path, build_seconds = build(args.customers, args.seed, args.rebuild)
    if build_seconds is not None:
        print(f"built {path.name} in {build_seconds:.0f} s", flush=True)
    url = f"sqlite:///{path}"
    db = open_database(url, upgrade=False)
    raw = operations.raw_connection(path)
    actor = operations.bench_actor(db)
    results = [operations.first_page(db, raw, actor, args.repeat)]
    for kind, term in SEARCHES:
        results.append(operations.search(db, raw, actor, term, kind, args.repeat))
        print(report.table(results[-1:]), flush=True)
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
    if args.no_export or args.only_search:
        return ""
    from benchmarks import export_service

    text = export_service.summary(export_service.run(args.export_customers, args.seed))
    print(text, flush=True)
    return text


def main() -> None:
    args = parse()
    results, build_seconds = measure(args)
    exported = export(args)
    print(report.table(results))
    if not args.no_docs:
        text = report.markdown(results, args.customers, build_seconds, report.command_line(),
                               exported)
        print(f"wrote {report.write_docs(text)}")


if __name__ == "__main__":
    main()
