"""``kehu audit list|verify|digest`` and ``kehu export audit``."""

from __future__ import annotations

import sys
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.cli import output, records
from app.cli.admin import find_user
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_ERROR, EXIT_OK, Commands, at_least
from app.logic.audit import (
    AuditDigest,
    AuditFilter,
    ChainReport,
    describe_finding,
    field_changes,
    parse_digest,
)
from app.logic.kit.dto import Actor
from app.logic.kit.errors import ValidationError
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
    p = cmds.command(audit, "verify", "check the audit log's hash chain, writing nothing "
                     "(exit 1 when anything is wrong)", audit_verify)
    p.add_argument("--digest", default="", metavar="FILE_OR_VALUE",
                   help="also check that the entry a digest names (kehu audit digest: ID:HASH, "
                   "or a file holding it) is still there, unchanged")
    cmds.command(audit, "digest", "print the newest entry's id and hash (ID:HASH) to keep "
                 "outside the database; check against it with kehu audit verify --digest",
                 audit_digest)
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
    digest = _digest(args.digest) if args.digest else None
    actor = sign_in(args, services, record=False)
    report = services.audit.verify_audit_chain(actor, digest)
    output.emit(args, report, _verdict(report))
    return EXIT_OK if report.intact else EXIT_ERROR


def _verdict(report: ChainReport) -> str:
    if report.intact:
        against = (f"; entry {report.digest.entry_id} matches the digest"
                   if report.digest else "")
        return (f"audit log intact: {report.checked} entries verified{against}; head hash "
                f"{report.head_hash or '-'}")
    first = report.findings[0]
    lines = [f"audit log BROKEN at entry {first.entry_id}: {describe_finding(first)} "
             f"({report.checked} entries verified from the first)"]
    lines += [f"  also entry {f.entry_id}: {describe_finding(f)}" for f in report.findings[1:]]
    return "\n".join(lines)


def _digest(value: str) -> AuditDigest:
    """A digest given as such (ID:HASH) or as a file holding it."""
    text = value
    try:
        if Path(value).is_file():
            text = Path(value).read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError as exc:
        raise UsageError(f"cannot read the digest file {value}: {exc.strerror}") from None
    try:
        return parse_digest(text)
    except ValidationError as exc:
        raise UsageError(f"--digest {value!r}: {exc.errors['digest'].message}") from None


def audit_digest(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services, record=False)
    digest = services.audit.get_audit_digest(actor)
    output.emit(args, {"id": digest.entry_id, "hash": digest.hash, "at": digest.at},
                str(digest))
    if not getattr(args, "json", False) and digest.at is not None:
        print(f"(entry {digest.entry_id}, written {digest.at:%Y-%m-%d %H:%M} UTC: keep this "
              "line outside the database and check it with kehu audit verify --digest)",
              file=sys.stderr)
    return EXIT_OK


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
