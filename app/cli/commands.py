"""Signing in, dispatching, and the commands every installation has: the database schema,
the first administrator and the demo data."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from typing import Any

from app.cli import output
from app.cli.parser import EXIT_OK, Commands
from app.logic.admin import ADMIN_ROLE
from app.logic.kit.dto import Actor
from app.logic.kit.errors import AuthenticationFailed, DatabaseUnavailable, KehuError
from app.logic.services import Services

MAX_DEMO_CUSTOMERS = 5_000_000


class UsageError(Exception):
    pass


def open_services(args: Namespace, upgrade: bool = True) -> tuple[Any, Services]:
    from app.data.database import open_database
    from app.data.engine import resolve_url

    db = open_database(resolve_url(getattr(args, "db", None)), upgrade=upgrade)
    return db, Services.build(db.unit_of_work, db.display_url)


def warn_about_password_in_url(args: Namespace) -> None:
    """``--db`` with a password shows it to every local user (the process list)."""
    url = getattr(args, "db", None)
    if not url:
        return
    from app.data.engine import ENV_URL, has_password, settings_file

    if has_password(url):
        print(f"kehu: warning: the password in --db can be read by every user of this "
              f"computer (in the process list); put the URL in {ENV_URL} or in "
              f"{settings_file()} (database_url = \"...\") instead", file=sys.stderr)


def database_failure(args: Namespace, db: Any, error: Exception) -> DatabaseUnavailable | None:
    """``error`` as the database failing, when it is that (for work no layer translated,
    such as the demo's bulk load)."""
    from app.data.engine import describe_url, resolve_url
    from app.data.failures import explain

    if db is not None:
        return explain(error, db.display_url)
    return explain(error, describe_url(resolve_url(getattr(args, "db", None))))


def password_from_env_or_prompt(prompt: str = "Password: ", confirm: bool = False) -> str:
    if os.environ.get("KEHU_PASSWORD"):
        return os.environ["KEHU_PASSWORD"]
    if not sys.stdin.isatty():
        raise AuthenticationFailed("no password: set KEHU_PASSWORD or run in a terminal")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat password: ") != password:
        raise UsageError("the passwords do not match")
    return password


def new_password(prompt: str) -> str:
    """A new password: KEHU_NEW_PASSWORD, else asked twice at the terminal."""
    if os.environ.get("KEHU_NEW_PASSWORD"):
        return os.environ["KEHU_NEW_PASSWORD"]
    if not sys.stdin.isatty():
        raise UsageError("set KEHU_NEW_PASSWORD for the new password")
    password = getpass.getpass(prompt)
    if getpass.getpass("Repeat password: ") != password:
        raise UsageError("the passwords do not match")
    return password


def sign_in(args: Namespace, services: Services, record: bool = True) -> Actor:
    """``record=False``: no audit entry for a successful sign-in (commands that only read
    the audit chain: verifying must not write first)."""
    username = getattr(args, "user", None) or os.environ.get("KEHU_USER")
    if not username:
        raise AuthenticationFailed("sign in with --user NAME (or set KEHU_USER)")
    actor: Actor = services.auth.login(username, password_from_env_or_prompt(), record=record)
    return actor


def dispatch(args: Namespace) -> int:
    """Run the command (or the GUI). The database failing (at open, at sign-in or half-way)
    is one line on stderr and exit 1, or 3 when the server refused the database login."""
    warn_about_password_in_url(args)
    if args.command is None:
        return run_gui(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        raise UsageError(f"unknown command {args.command}")
    db = None
    try:
        db, services = open_services(args, upgrade=args.command != "db")
        from app.cli import started

        started()
        code: int = handler(args, services, db)
        return code
    except (KehuError, DatabaseUnavailable) as exc:
        return fail(exc)
    except Exception as exc:
        found = database_failure(args, db, exc)
        if found is None:
            raise
        return fail(found)
    finally:
        if db is not None:
            db.dispose()


def fail(error: KehuError | DatabaseUnavailable) -> int:
    print(f"kehu: {error}", file=sys.stderr)
    return error.exit_code


def register(cmds: Commands) -> None:
    db = cmds.group("db", "database schema")
    cmds.command(db, "upgrade", "upgrade the database schema to the newest version", db_upgrade)
    cmds.command(db, "current", "print the database's schema version", db_current)
    user = cmds.group("user", "users")
    p = cmds.command(user, "create-admin", "create an administrator (on an empty database "
                     "the password comes from KEHU_PASSWORD or a prompt; after that an "
                     "administrator signs in and the new password comes from "
                     "KEHU_NEW_PASSWORD)", user_create_admin)
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default="")
    p = cmds.command(cmds.sub, "demo", "fill a new, empty database with realistic demo data "
                     "and users (refuses a database that has users)", demo, sign_in=False)
    p.add_argument("--customers", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)


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


# --- the first administrator ---------------------------------------------------------------
def user_create_admin(args: Namespace, services: Services, db: Any) -> int:
    """On an empty database anyone at the console may create the first administrator
    (KEHU_PASSWORD or a prompt gives the new password); after that an administrator must
    sign in with --user and the new password comes from KEHU_NEW_PASSWORD or a prompt."""
    if services.auth.has_users():
        actor: Actor | None = sign_in(args, services)
        password = new_password("New administrator's password: ")
    else:
        actor = None
        password = password_from_env_or_prompt("New administrator's password: ", confirm=True)
    row = services.auth.create_admin(args.username, password, args.display_name, actor=actor)
    output.emit(args, {"id": row.id, "username": row.username, "roles": [ADMIN_ROLE]},
                f"administrator {row.username} created")
    return EXIT_OK


# --- demo and GUI --------------------------------------------------------------------------
def demo(args: Namespace, services: Services, db: Any) -> int:
    from app.demo import create_demo_data

    if not 1 <= args.customers <= MAX_DEMO_CUSTOMERS:
        raise UsageError(f"--customers must be between 1 and {MAX_DEMO_CUSTOMERS:,}")
    quiet = getattr(args, "json", False)
    summary = create_demo_data(db, args.customers, args.seed,
                               progress=None if quiet else _progress)
    if not quiet:
        sys.stderr.write("\n")
    data = {"customers": summary.customers, "contacts": summary.contacts,
            "codes": [summary.first_code, summary.last_code], "projects": summary.projects,
            "activities": summary.activities, "tickets": summary.tickets,
            "opportunities": summary.opportunities, "orders": summary.orders,
            "order_lines": summary.order_lines, "invoices": summary.invoices,
            "payments": summary.payments,
            "suppliers": summary.suppliers, "products": summary.products,
            "seconds": round(summary.seconds, 1), "password": summary.password,
            "users": summary.roles}
    users = "\n".join(f"  {u.username:<9} {u.role:<14} {u.display_name}" for u in summary.users)
    output.emit(args, data,
                f"{summary.customers:,} customers ({summary.first_code}..{summary.last_code}) "
                f"with {summary.contacts:,} contacts, {summary.projects:,} projects, "
                f"{summary.activities:,} activities and {summary.tickets:,} feedback tickets, "
                f"{summary.opportunities:,} opportunities, {summary.orders:,} orders with "
                f"{summary.order_lines:,} lines, {summary.invoices:,} invoices, "
                f"{summary.payments:,} payments, "
                f"{summary.suppliers:,} suppliers, {summary.products:,} products "
                f"in {summary.seconds:.1f} s\n"
                f"demo users, all with the password {summary.password}:\n{users}")
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rcreating demo customers: {done:,}/{total:,} ({done * 100 // total}%)")
    sys.stderr.flush()


def run_gui(args: Namespace) -> int:
    from app.cli.gui import launch

    return launch(args)
