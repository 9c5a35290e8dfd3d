"""``kehu audit list|verify`` and ``kehu export audit``."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.cli import output, records
from app.cli.admin import find_user
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_ERROR, EXIT_OK, Commands, at_least
from app.logic.audit import AuditFilter, field_changes
from app.logic.kit.dto import Actor
from app.logic.services import Services

FILTERS = ("user", "entity", "action", "since", "until", "text")


def register(cmds: Commands) -> None:
    audit = cmds.group("audit", "the audit log")
    # Here --user filters; sign in with the global option before the command
    # (kehu --user admin audit list --user sales1) or KEHU_USER.
    p = cmds.command(audit, "list", "list audit entries, newest first", audit_list,
                     sign_in=False)
    p.add_argument("--user", dest="filter_user", default="", metavar="U",
                   help="only entries by user U (sign in with kehu --user NAME audit list ...)")
    p.add_argument("--entity", default="", metavar="E")
    p.add_argument("--action", dest="filter_action", default="", metavar="A")
    p.add_argument("--since", default="", metavar="DATE")
    p.add_argument("--search", default="", metavar="TEXT",
                   help="text in the changes, a record's code or id, a user name")
    p.add_argument("--limit", type=at_least(1), default=100)
    cmds.command(audit, "verify", "check the audit log's hash chain (exit 1 when broken)",
                 audit_verify)
    records.EXPORT_SOURCES["audit"] = export_audit


def audit_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    filters = AuditFilter(
        user_id=find_user(services, actor, args.filter_user).id if args.filter_user else None,
        entity_type=args.entity, action=args.filter_action,
        since=_date(args.since, "--since") if args.since else None, text=args.search)
    rows = services.audit.list_audit_entries(actor, filters, limit=args.limit)
    if args.json:
        output.dump(rows)
        return EXIT_OK
    output.table(("ID", "TIME (UTC)", "USER", "ACTION", "RECORD", "CHANGES"),
                 [(str(r.id), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action,
                   f"{r.entity_type} {r.subject or r.entity_id}".strip(), _brief(r))
                  for r in rows])
    return EXIT_OK


def _date(text: str, option: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} wants a date like 2026-11-01, got {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _brief(row: Any) -> str:
    """The changed fields and values as a person reads them: ``city: 北京 -> 上海``."""
    parts = []
    for name, before, after in field_changes(row, "en"):
        parts.append(f"{name}: {before} -> {after}" if before else f"{name}: {after}")
    text = ", ".join(parts)
    return text if len(text) <= 80 else text[:77] + "..."


def audit_verify(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    report = services.audit.verify_audit_chain(actor)
    text = (f"audit log intact: {report.checked} entries verified; head hash "
            f"{report.head_hash or '-'}" if report.intact else
            f"audit log BROKEN at entry {report.first_bad_id}: {report.reason} "
            f"({report.checked} entries before it verified)")
    output.emit(args, report, text)
    return EXIT_OK if report.intact else EXIT_ERROR


def export_audit(args: Namespace, services: Services, actor: Actor, path: Path,
                 language: str) -> int:
    given = dict(records.parse_pairs(args.filter, "--filter"))
    unknown = set(given) - set(FILTERS)
    if unknown:
        raise UsageError(f"cannot filter the audit log by {', '.join(sorted(unknown))}; "
                         f"filters: {', '.join(FILTERS)}")
    user = given.get("user")
    filters = AuditFilter(
        user_id=find_user(services, actor, user).id if user else None,
        entity_type=given.get("entity", ""), action=given.get("action", ""),
        since=_date(given["since"], "since") if given.get("since") else None,
        until=_date(given["until"], "until") if given.get("until") else None,
        text=given.get("text", "") or args.search)
    count: int = services.audit.export_audit_entries(actor, filters, path, language=language)
    return count
