"""`kehu demo`: fill a database with realistic demo data, users and their roles."""

from __future__ import annotations

import sys
from argparse import Namespace
from typing import Any

from app.cli import output
from app.cli.commands import UsageError
from app.cli.parser import EXIT_OK
from app.logic.errors import ValidationError
from app.logic.services import Services

MAX_CUSTOMERS = 5_000_000


def fill_demo(args: Namespace, services: Services, db: Any) -> int:
    if not 1 <= args.customers <= MAX_CUSTOMERS:
        raise UsageError(f"--customers must be between 1 and {MAX_CUSTOMERS:,}")
    summary = create_demo_data(db, services, args.customers, args.seed,
                               quiet=getattr(args, "json", False))
    data = {"customers": summary.customers, "contacts": summary.contacts,
            "codes": [summary.first_code, summary.last_code], "seconds": round(summary.seconds, 1),
            "password": summary.password, "users": summary.roles}
    users = "\n".join(f"  {u.username:<9} {u.role:<14} {u.display_name}" for u in summary.users)
    output.emit(args, data,
                f"{summary.customers:,} customers ({summary.first_code}..{summary.last_code}) "
                f"with {summary.contacts:,} contacts in {summary.seconds:.1f} s\n"
                f"demo users, all with the password {summary.password}:\n{users}")
    return EXIT_OK


def create_demo_data(db: Any, services: Services, customers: int, seed: int,
                     quiet: bool = False) -> Any:
    from app.logic.demo import generate_demo
    from app.logic.demo_roles import assign_demo_roles

    if services.auth.has_users() and _has_demo_users(db):
        raise ValidationError({"database": _field_error()})
    progress = None if quiet else _progress
    summary = generate_demo(db, customers=customers, seed=seed, progress=progress)
    if progress is not None:
        sys.stderr.write("\n")
    assign_demo_roles(db.unit_of_work, summary)
    return summary


def _has_demo_users(db: Any) -> bool:
    from app.logic.demo_vocabulary import DEMO_USERS

    with db.unit_of_work(write=False) as uow:
        return any(uow.users.by_username(name) is not None for name, _, _ in DEMO_USERS)


def _field_error() -> Any:
    from app.logic.errors import FieldError

    return FieldError("has_demo_users",
                      "already has the demo users; fill a new database (--db) instead")


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rcreating demo customers: {done:,}/{total:,} ({done * 100 // total}%)")
    sys.stderr.flush()
