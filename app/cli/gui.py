"""Start the desktop app: open (and upgrade) the database, then hand services to the UI."""

from __future__ import annotations

import sys
from argparse import Namespace
from concurrent.futures import Future
from typing import Any

DEMO_LOGIN = ("manager", "demo1234")
DEMO_CUSTOMERS = 3000


def launch(args: Namespace) -> int:
    """The desktop app. A database that cannot be used is said in a dialog (and on stderr)
    instead of a traceback."""
    try:
        db, services, pending, first_start = open_for_gui(args)
    except Exception as exc:
        found = database_failure(exc, args)
        if found is None:
            raise
        print(f"kehu: {found}", file=sys.stderr)
        from app.ui.shell.app import show_database_error

        return show_database_error(found)
    from app.ui.shell.app import run_gui

    try:
        from app.cli import started

        return run_gui(services, demo_login=DEMO_LOGIN if args.demo else None,
                       pending_login=pending, first_start=first_start, on_started=started)
    finally:
        db.dispose()


def database_url(args: Namespace) -> str:
    from app.data.engine import demo_url, resolve_url

    return (args.db or demo_url()) if args.demo else resolve_url(args.db)


def open_for_gui(args: Namespace) -> tuple[Any, Any, Future[Any] | None, bool]:
    """The database (upgraded), the services, the demo user's sign-in already under way,
    and whether the database has no users yet."""
    from app.data.database import open_database
    from app.logic.services import Services

    db = open_database(database_url(args))
    services = Services.build(db.unit_of_work, db.display_url)
    pending = None
    first_start = not args.demo and not services.auth.has_users()
    if args.demo:
        if not services.auth.has_users():
            from app.demo import create_demo_data

            create_demo_data(db, DEMO_CUSTOMERS, seed=1)
        # Sign in on a worker thread while Qt and the screens are imported: argon2 and
        # SQLite release the GIL, so both cores work and the window shows sooner.
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(1, thread_name_prefix="kehu-sign-in")
        pending = pool.submit(services.auth.login, *DEMO_LOGIN)
        pool.shutdown(wait=False)
    return db, services, pending, first_start


def database_failure(error: Exception, args: Namespace) -> Any:
    """``error`` as a DatabaseUnavailable, or None when it is something else (a bug)."""
    from app.data.engine import describe_url
    from app.data.failures import DatabaseUnavailable, explain

    if isinstance(error, DatabaseUnavailable):
        return error
    return explain(error, describe_url(database_url(args)))
