"""``kehu user ...`` and ``kehu role ...``: users, roles and their rights (every write signs
in and is audited)."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path
from typing import Any

from app.cli import output, records
from app.cli.commands import UsageError, new_password, password_from_env_or_prompt, sign_in
from app.cli.parser import EXIT_OK, Commands
from app.logic.admin import UserRow
from app.logic.kit.dto import Actor
from app.logic.kit.errors import NotFound
from app.logic.kit.permissions import ACTIONS, MODULES, extra_actions
from app.logic.services import Services


def register(cmds: Commands) -> None:
    user = cmds.group("user", "users")
    p = cmds.command(user, "add", "add a user (initial password from KEHU_NEW_PASSWORD or a "
                     "prompt; it must be changed at the first sign-in)", user_add)
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default="")
    p.add_argument("--role", action="append", default=[], metavar="ROLE")
    p.add_argument("--department", default="", metavar="NAME",
                   help="the department's name (or its number)")
    cmds.command(user, "list", "list users", user_list)
    cmds.command(user, "change-password", "change your own password (current one from "
                 "KEHU_PASSWORD, new one from KEHU_NEW_PASSWORD or prompts)",
                 user_change_password)
    for name, text in (("disable", "disable a user"), ("enable", "enable a user"),
                       ("unlock", "unlock a locked-out user"),
                       ("reset-password", "set a temporary password (KEHU_NEW_PASSWORD or a "
                                          "prompt) that must be changed at the next sign-in")):
        cmds.command(user, name, text, user_change).add_argument("username")
    role = cmds.group("role", "roles")
    cmds.command(role, "list", "list roles", role_list)
    cmds.command(role, "show", "show a role's permission matrix and scopes",
                 role_show).add_argument("code")
    # Users have no generic verbs (a user is added with a password and roles), but their
    # list exports like any other: kehu export users -o FILE.xlsx
    records.EXPORT_SOURCES["users"] = export_users


def export_users(args: Namespace, services: Services, actor: Actor, path: Path,
                 language: str) -> int:
    return records.export_list(args, services.users, actor, path, language)


def find_user(services: Services, actor: Actor, username: str) -> UserRow:
    for user in services.users.list_all_users(actor):
        if user.username.lower() == username.strip().lower():
            return user  # type: ignore[no-any-return]  # the admin module's UserRow
    raise NotFound("user", username)


def user_add(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    department: int | str | None = args.department.strip() or None
    if isinstance(department, str) and department.isdigit():
        department = int(department)
    changed = services.users.add_user(actor, args.username, new_password("Initial password: "),
                                      args.display_name, args.role, department)
    row = find_user(services, actor, changed.saved.username)
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
                   state_of(u)) for u in users])
    return EXIT_OK


def state_of(user: UserRow) -> str:
    if not user.is_active:
        return "disabled"
    if user.locked:
        until = user.locked_until.astimezone().strftime("%Y-%m-%d %H:%M") \
            if user.locked_until else "?"
        return f"locked until {until}"
    return "must change password" if user.must_change_password else "active"


def user_change(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    user = find_user(services, actor, args.username)
    users = services.users
    if args.action == "disable":
        users.disable_user(actor, user.id, user.version)
    elif args.action == "enable":
        users.enable_user(actor, user.id, user.version)
    elif args.action == "unlock":
        users.unlock_user(actor, user.id, user.version)
    else:
        users.reset_password(actor, user.id, user.version,
                             new_password("Temporary password: "))
    row = find_user(services, actor, user.username)
    output.emit(args, row, f"{row.username}: {state_of(row)}")
    return EXIT_OK


def user_change_password(args: Namespace, services: Services, db: Any) -> int:
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
                      "members": r.members, "sales": r.sales,
                      "rights": sorted(f"{m}.{a}" for m, a in r.rights)} for r in roles])
        return EXIT_OK
    output.table(("CODE", "NAME", "MEMBERS", "SALES", "RIGHTS"),
                 [(r.code, r.name, str(r.members), "yes" if r.sales else "",
                   str(len(r.rights))) for r in roles])
    return EXIT_OK


def role_show(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    role = services.roles.get_role(actor, args.code)
    scopes = dict(role.scopes)
    if args.json:
        output.dump({"code": role.code, "name": role.name, "description": role.description,
                     "members": role.members, "version": role.version, "sales": role.sales,
                     "scopes": scopes, "rights": sorted(f"{m}.{a}" for m, a in role.rights)})
        return EXIT_OK
    sales = "; members may own customers" if role.sales else ""
    print(f"{role.code}: {role.name} ({role.members} members{sales}) - {role.description}")
    # A module's own rights (projects.reopen) in one more column, each marked as the others.
    output.table(("MODULE", *(a.upper() for a in ACTIONS), "SCOPE", "OTHER"),
                 [(m, *(mark(role.rights, m, a) for a in ACTIONS), scopes.get(m, "own"),
                   " ".join(f"{a}={mark(role.rights, m, a)}" for a in extra_actions().get(m, {})))
                  for m in MODULES])
    return EXIT_OK


def mark(rights: Any, module: str, action: str) -> str:
    return "x" if (module, action) in rights else "."
