"""CLI commands for users, roles and the audit log (every write signs in and is audited)."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from datetime import UTC, datetime
from typing import Any

from app.cli import output
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_ERROR, EXIT_OK
from app.logic.dto import Actor, AuditFilter, UserRow
from app.logic.errors import NotFound
from app.logic.services import Services


def new_password(prompt: str) -> str:
    if os.environ.get("KEHU_NEW_PASSWORD"):
        return os.environ["KEHU_NEW_PASSWORD"]
    if not sys.stdin.isatty():
        raise UsageError("set KEHU_NEW_PASSWORD for the new password")
    password = getpass.getpass(prompt)
    if getpass.getpass("Repeat password: ") != password:
        raise UsageError("the passwords do not match")
    return password


def find_user(services: Services, actor: Actor, username: str) -> UserRow:
    for user in services.users.list_all_users(actor):
        if user.username.lower() == username.strip().lower():
            return user
    raise NotFound("user", username)


def user_add(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    department_id = None
    if args.department:
        match = [d for d in services.departments.list_departments(actor)
                 if d.name == args.department]
        if not match:
            raise NotFound("department", args.department)
        department_id = match[0].id
    row = services.users.add_user(actor, args.username, new_password("Initial password: "),
                                  args.display_name, args.role, department_id)
    output.emit(args, row, f"user {row.username} added (roles: {', '.join(row.roles) or '-'}); "
                           "the password must be changed at the first sign-in")
    return EXIT_OK


def user_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    users = services.users.list_all_users(actor)
    if args.json:
        output.dump(users)
        return EXIT_OK
    output.table(("USERNAME", "NAME", "ROLES", "DEPARTMENT", "STATE"),
                 [(u.username, u.display_name, ",".join(u.roles), u.department,
                   _state(u)) for u in users])
    return EXIT_OK


def _state(user: UserRow) -> str:
    if not user.is_active:
        return "disabled"
    if user.locked:
        return "locked"
    return "must change password" if user.must_change_password else "active"


def user_change(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    user = find_user(services, actor, args.username)
    if args.action == "disable":
        row = services.users.disable_user(actor, user.id, user.version)
    elif args.action == "enable":
        row = services.users.enable_user(actor, user.id, user.version)
    elif args.action == "unlock":
        row = services.users.unlock_user(actor, user.id)
    else:
        row = services.users.reset_password(actor, user.id, user.version,
                                            new_password("Temporary password: "))
    output.emit(args, row, f"{row.username}: {_state(row)}")
    return EXIT_OK


def user_change_password(args: Namespace, services: Services, db: Any) -> int:
    from app.cli.commands import password_from_env_or_prompt

    username = getattr(args, "user", None) or os.environ.get("KEHU_USER")
    if not username:
        raise UsageError("sign in with --user NAME (or set KEHU_USER)")
    current = password_from_env_or_prompt("Current password: ")
    actor = services.auth.login(username, current)
    services.auth.change_password(actor, current, new_password("New password: "))
    output.emit(args, {"username": actor.username, "changed": True},
                f"password of {actor.username} changed")
    return EXIT_OK


def role_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    roles = services.roles.list_roles(actor)
    if args.json:
        output.dump([{"code": r.code, "name": r.name, "description": r.description,
                      "members": r.members, "rights": sorted(f"{m}.{a}" for m, a in r.rights)}
                     for r in roles])
        return EXIT_OK
    output.table(("CODE", "NAME", "MEMBERS", "RIGHTS"),
                 [(r.code, r.name, str(r.members), str(len(r.rights))) for r in roles])
    return EXIT_OK


def role_show(args: Namespace, services: Services, db: Any) -> int:
    from app.logic.permissions import ACTIONS, MODULES

    actor = sign_in(args, services)
    role = services.roles.get_role(actor, args.code)
    scopes = dict(role.scopes)
    if args.json:
        output.dump({"code": role.code, "name": role.name, "description": role.description,
                     "members": role.members, "version": role.version, "scopes": scopes,
                     "rights": sorted(f"{m}.{a}" for m, a in role.rights)})
        return EXIT_OK
    print(f"{role.code}: {role.name} ({role.members} members) - {role.description}")
    output.table(("MODULE", *(a.upper() for a in ACTIONS), "SCOPE"),
                 [(m, *("x" if (m, a) in role.rights else "." for a in ACTIONS),
                   scopes.get(m, "own")) for m in MODULES])
    return EXIT_OK


def audit_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    user_id = find_user(services, actor, args.filter_user).id if args.filter_user else None
    since = _date(args.since) if args.since else None
    filters = AuditFilter(user_id=user_id, entity_type=args.entity, action=args.filter_action,
                          since=since)
    rows = services.audit.list_audit_entries(actor, filters, limit=max(1, args.limit))
    if args.json:
        output.dump(rows)
        return EXIT_OK
    output.table(("ID", "TIME (UTC)", "USER", "ACTION", "ENTITY", "CHANGES"),
                 [(str(r.id), r.at.strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action,
                   f"{r.entity_type} {r.entity_id}".strip(), _brief(r.changes)) for r in rows])
    return EXIT_OK


def _date(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since wants a date like 2026-11-01, got {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _brief(changes: dict) -> str:
    text = ", ".join(f"{k}: {v[0]!s} -> {v[1]!s}" if isinstance(v, list) and len(v) == 2
                     else f"{k}: {v}" for k, v in changes.items())
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
