"""The managers' reports on the command line:

    kehu report --list [--json]
    kehu report NAME [--from DATE] [--to DATE] [--period P] [--as-of DATE] [--owner USER]
                     [--team DEPT] [--province P] [--by B] [--top N] [-o FILE.xlsx]
                     [--language en|zh_CN] [--json]
    kehu dashboard [--json]

Without ``-o`` the report's tables are printed (``--json``: its rows as an array of
objects with stable English keys, money as strings with two places); with ``-o`` the
workbook with its charts is written (reports.export).
"""

from __future__ import annotations

from argparse import Namespace
from datetime import date
from pathlib import Path
from typing import Any

from app.cli import output
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.cli.records import language_from_env
from app.logic.reports import PERIODS, REPORTS, Params, Report, json_value, period
from app.logic.services import Services


def register(cmds: Commands) -> None:
    names = ", ".join(r.name for r in REPORTS)
    p = cmds.command(cmds.sub, "report", f"run a report ({names}); --list names them with "
                     "what they show", run_report)
    p.add_argument("name", nargs="?", metavar="NAME", help="the report to run")
    p.add_argument("--list", action="store_true", help="list the reports")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help="the first day of the range (default: the start of this year)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD",
                   help="the last day of the range (default: today)")
    p.add_argument("--period", choices=[name for name, _ in PERIODS],
                   help="a named range instead of --from/--to")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day balances are taken "
                   "(receivables-aging, arrears; default today)")
    p.add_argument("--owner", metavar="USER", help="only this salesperson's records")
    p.add_argument("--team", metavar="DEPARTMENT", help="only this team's records")
    p.add_argument("--province", metavar="NAME", help="only customers in this province")
    p.add_argument("--by", metavar="BREAKDOWN", help="one breakdown of the report "
                   "(customer-analysis: region, industry, tier, status, ownership, month)")
    p.add_argument("--top", type=at_least(1), metavar="N",
                   help="the first N rows of a ranking (sales-by-customer, -product)")
    p.add_argument("-o", "--output", metavar="FILE.xlsx",
                   help="write the report to this workbook, with its charts")
    p.add_argument("--language", choices=("en", "zh_CN"),
                   help="the workbook's language (default: from LANG)")
    cmds.command(cmds.sub, "dashboard", "the dashboard's key figures and charts",
                 show_dashboard)


def run_report(args: Namespace, services: Services, db: Any) -> int:
    if args.list:
        return _list(args, services)
    if not args.name:
        raise UsageError("name a report (kehu report --list names them)")
    if args.name not in {r.name for r in REPORTS}:
        raise UsageError(f"no report called {args.name!r}; reports: "
                         f"{', '.join(r.name for r in REPORTS)}")
    params = _params(args)
    path = _output(args.output) if args.output else None
    actor = sign_in(args, services)
    report = services.reports.run(actor, args.name, params)
    if path is not None:
        language = args.language or language_from_env()
        services.reports.export(actor, report, path, language)
        rows = sum(len(t.rows) for t in report.tables)
        output.emit(args, {"file": str(path), "rows": rows},
                    f"wrote {report.name} ({rows:,} rows) to {path}")
        return EXIT_OK
    if getattr(args, "json", False):
        output.dump(report.as_json())
        return EXIT_OK
    _print(report)
    return EXIT_OK


def _list(args: Namespace, services: Services) -> int:
    actor = sign_in(args, services)
    found = services.reports.reports(actor)
    if getattr(args, "json", False):
        output.dump([{"name": r.name, "title": r.title.en, "about": r.about.en,
                      "sections": [s.key for s in r.sections], "params": list(r.params),
                      "by": [c.value for c in r.by]} for r in found])
        return EXIT_OK
    output.table(("NAME", "REPORT", "WHAT IT SHOWS"),
                 [(r.name, r.title.en, r.about.en) for r in found])
    return EXIT_OK


def _params(args: Namespace) -> Params:
    start = _day(args.start, "--from") if args.start else None
    end = _day(args.end, "--to") if args.end else None
    if args.period:
        if start or end:
            raise UsageError("give --period or --from/--to, not both")
        start, end = period(args.period, date.today())
    return Params(start=start, end=end, owner=args.owner, team=args.team,
                  province=args.province, by=args.by, top=args.top,
                  as_of=_day(args.as_of, "--as-of") if args.as_of else None)


def _output(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"the output file must end in .xlsx, got {text!r}")
    if not path.parent.is_dir():
        raise UsageError(f"no folder {str(path.parent)!r} to write {path.name} into")
    return path


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} wants a date YYYY-MM-DD, got {text!r}") from None


def _print(report: Report) -> None:
    params = report.params
    span = (f"as of {params.as_of}" if report.definition.period == "today"
            else "" if report.definition.period == "none"
            else f"{params.start} to {params.end}")
    print(f"{report.definition.title.en}{': ' + span if span else ''} "
          f"({report.scope} records)")
    for table in report.tables:
        cols = table.section.columns
        print()
        print(f"== {table.section.title.en}")
        if not table.rows:
            print("(no rows)")
            continue
        output.table([c.key.upper() for c in cols],
                     [[_cell(c.kind, c.shown(v, "en")) for c, v in zip(cols, row, strict=True)]
                      for row in table.rows])


def _cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "money":
        return f"{value:,.2f}"
    if kind == "percent":
        return f"{value:.1%}"
    shown = json_value(kind, value)
    return f"{shown:,}" if isinstance(shown, int) else str(shown)


def show_dashboard(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    board = services.reports.dashboard(actor)
    if getattr(args, "json", False):
        output.dump({
            "today": board.today.isoformat(), "scope": board.scope,
            "figures": {f.key: {"value": json_value(f.kind, f.value),
                                "before": json_value(f.kind, f.before)}
                        for f in board.figures},
            "charts": {c.key: {"categories": [x.en for x in c.categories],
                               "series": {s.label.en: [json_value("money" if c.money
                                                                  else "integer", v)
                                                       for v in s.values]
                                          for s in c.series}}
                       for c in board.charts}})
        return EXIT_OK
    print(f"Dashboard, {board.today} ({board.scope} records)")
    output.table(("FIGURE", "VALUE", "SAME PERIOD LAST YEAR"),
                 [(f.label.en, _cell(f.kind, f.value),
                   "" if f.before is None else _cell(f.kind, f.before))
                  for f in board.figures])
    return EXIT_OK
