"""Start the desktop app: open (and upgrade) the database, then hand services to the UI."""

from __future__ import annotations

from argparse import Namespace

DEMO_LOGIN = ("manager", "demo1234")
DEMO_CUSTOMERS = 3000


def launch(args: Namespace) -> int:
    from app.data.database import open_database
    from app.data.engine import demo_url, resolve_url
    from app.logic.services import Services

    url = (args.db or demo_url()) if args.demo else resolve_url(args.db)
    db = open_database(url)
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
    from app.ui.shell.app import run_gui

    try:
        from app.cli import started

        return run_gui(services, demo_login=DEMO_LOGIN if args.demo else None,
                       pending_login=pending, first_start=first_start, on_started=started)
    finally:
        db.dispose()
