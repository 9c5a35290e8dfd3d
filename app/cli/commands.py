"""The CLI commands. Every command maps logic errors to the documented exit codes."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from collections.abc import Callable
from typing import Any

from app.cli import output
from app.cli.parser import EXIT_OK
from app.logic.dto import Actor, CustomerQuery
from app.logic.errors import AuthenticationFailed, KehuError
from app.logic.services import Services


class UsageError(Exception):
    pass


def open_services(args: Namespace, upgrade: bool = True) -> tuple[Any, Services]:
    from app.data.database import open_database
    from app.data.engine import resolve_url

    db = open_database(resolve_url(getattr(args, "db", None)), upgrade=upgrade)
    return db, Services.build(db.unit_of_work, db.display_url)


def password_from_env_or_prompt(prompt: str = "Password: ", confirm: bool = False) -> str:
    if os.environ.get("KEHU_PASSWORD"):
        return os.environ["KEHU_PASSWORD"]
    if not sys.stdin.isatty():
        raise AuthenticationFailed("no password: set KEHU_PASSWORD or run in a terminal")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat password: ") != password:
        raise UsageError("the passwords do not match")
    return password


def sign_in(args: Namespace, services: Services) -> Actor:
    username = getattr(args, "user", None) or os.environ.get("KEHU_USER")
    if not username:
        raise AuthenticationFailed("sign in with --user NAME (or set KEHU_USER)")
    return services.auth.login(username, password_from_env_or_prompt())


def dispatch(args: Namespace) -> int:
    handler = HANDLERS.get((args.command, getattr(args, "action", None)))
    if args.command is None:
        return run_gui(args)
    if handler is None:
        raise UsageError(f"unknown command {args.command}")
    db = None
    try:
        db, services = open_services(args, upgrade=args.command != "db")
        from app.cli import started

        started()
        return handler(args, services, db)
    except KehuError as exc:
        print(f"kehu: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        if db is not None:
            db.dispose()


# --- db ------------------------------------------------------------------------------------
def db_upgrade(args: Namespace, services: Services, db: Any) -> int:
    before = db.current_revision()
    backup = db.upgrade()
    after = db.current_revision()
    output.emit(args, {"database": db.display_url, "from": before, "to": after,
                       "backup": str(backup) if backup else None},
                f"{db.display_url}: {before or 'empty'} -> {after}"
                + (f" (backup: {backup})" if backup else ""))
    return EXIT_OK


def db_current(args: Namespace, services: Services, db: Any) -> int:
    current = db.current_revision()
    from app.data.migrate import head_revision

    head = head_revision()
    output.emit(args, {"database": db.display_url, "current": current, "head": head},
                f"{current or '(empty)'}{' (head)' if current == head else f' (head is {head})'}")
    return EXIT_OK


# --- users ---------------------------------------------------------------------------------
def user_create_admin(args: Namespace, services: Services, db: Any) -> int:
    """On an empty database anyone at the console may create the first administrator
    (KEHU_PASSWORD or a prompt gives the new password); after that an administrator must
    sign in with --user and the new password comes from KEHU_NEW_PASSWORD or a prompt."""
    if services.auth.has_users():
        actor: Actor | None = sign_in(args, services)
        password = _new_password()
    else:
        actor = None
        password = password_from_env_or_prompt("New administrator's password: ", confirm=True)
    row = services.auth.create_admin(args.username, password, args.display_name, actor=actor)
    output.emit(args, {"id": row.id, "username": row.username},
                f"administrator {row.username} created")
    return EXIT_OK


def _new_password() -> str:
    if os.environ.get("KEHU_NEW_PASSWORD"):
        return os.environ["KEHU_NEW_PASSWORD"]
    if not sys.stdin.isatty():
        raise UsageError("set KEHU_NEW_PASSWORD for the new administrator's password")
    password = getpass.getpass("New administrator's password: ")
    if getpass.getpass("Repeat password: ") != password:
        raise UsageError("the passwords do not match")
    return password


# --- customers -----------------------------------------------------------------------------
def customers_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    query = CustomerQuery(search=args.search, status=args.status, sort=args.sort)
    rows: list[Any] = []
    after = None
    while len(rows) < args.limit:
        page = services.customers.list_customers(actor, query, after,
                                                 min(500, args.limit - len(rows)))
        rows.extend(page.rows)
        after = page.next_key
        if after is None:
            break
    output.customer_rows(args, rows)
    return EXIT_OK


def customers_show(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    output.customer_detail(args, services.customers.get_customer_by_code(actor, args.code))
    return EXIT_OK


def customers_add(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    values = {"name": args.name, **parse_sets(args.set, services, actor)}
    detail = services.customers.create_customer(actor, values, args.allow_duplicate)
    output.customer_detail(args, detail, f"created {detail.code} {detail.name}")
    return EXIT_OK


def customers_update(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    current = services.customers.get_customer_by_code(actor, args.code)
    expected = current.version if args.expect_version is None else args.expect_version
    detail = services.customers.update_customer(
        actor, current.id, expected, parse_sets(args.set, services, actor), args.allow_duplicate)
    output.customer_detail(args, detail, f"updated {detail.code} (version {detail.version})")
    return EXIT_OK


def parse_sets(pairs: list[str], services: Services, actor: Actor) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"--set wants FIELD=VALUE, got {pair!r}")
        field = field.strip()
        if field == "owner":
            field, value = "owner_id", _user_id(services, actor, value)
        values[field] = value
    return values


def _user_id(services: Services, actor: Actor, username: str) -> int | str:
    if not username.strip():
        return ""
    for user in services.auth.list_users(actor):
        if user.username.lower() == username.strip().lower():
            return user.id
    raise UsageError(f"no user named {username!r}")


# --- demo and GUI --------------------------------------------------------------------------
def demo(args: Namespace, services: Services, db: Any) -> int:
    from app.cli.demo import fill_demo

    return fill_demo(args, services, db)


def run_gui(args: Namespace) -> int:
    from app.cli.gui import launch

    return launch(args)


Handler = Callable[[Namespace, Services, Any], int]
HANDLERS: dict[tuple[str | None, str | None], Handler] = {
    ("db", "upgrade"): db_upgrade,
    ("db", "current"): db_current,
    ("user", "create-admin"): user_create_admin,
    ("customers", "list"): customers_list,
    ("customers", "show"): customers_show,
    ("customers", "add"): customers_add,
    ("customers", "update"): customers_update,
    ("demo", None): demo,
}


def _admin_handlers() -> None:
    from app.cli import admin

    HANDLERS.update({
        ("user", "add"): admin.user_add,
        ("user", "list"): admin.user_list,
        ("user", "change-password"): admin.user_change_password,
        **{("user", a): admin.user_change
           for a in ("disable", "enable", "unlock", "reset-password")},
        ("role", "list"): admin.role_list,
        ("role", "show"): admin.role_show,
        ("audit", "list"): admin.audit_list,
        ("audit", "verify"): admin.audit_verify,
    })


_admin_handlers()
