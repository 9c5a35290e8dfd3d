"""The demo: realistic users, customers and contacts, projects, suppliers and products for
trying Kehu and for benchmarks.

A tool above the layers (like the CLI), allowed to use the data layer's bulk loader: it is
not business logic. ``create_demo_data`` fills an empty database; it refuses one that has
users, so it never adds the well-known demo accounts to a real database.
"""

from __future__ import annotations

from collections.abc import Callable

from app.data.admin import UserRepository
from app.data.database import Database
from app.demo.generate import DEMO_PASSWORD, DemoSummary, DemoUser, generate_demo
from app.demo.roles import DEMO_DEPARTMENT
from app.demo.vocabulary import DEMO_USERS
from app.logic.kit.errors import FieldError, ValidationError

__all__ = ["DEMO_DEPARTMENT", "DEMO_PASSWORD", "DEMO_USERS", "DemoSummary", "DemoUser",
           "create_demo_data", "refuse_unless_empty"]


def refuse_unless_empty(db: Database) -> None:
    """ValidationError unless the database has no users: the demo users (``admin`` with
    the password ``demo1234`` among them) never join a database someone uses."""
    with db.unit_of_work(write=False) as uow:
        names = {u.username for u in uow.get(UserRepository).list_all()}
    if not names:
        return
    demo = {name for name, _, _ in DEMO_USERS}
    if names <= demo:
        error = FieldError("has_demo_users",
                           "already has the demo users; fill a new database (--db) instead")
    else:
        error = FieldError("has_users", "has users the demo did not create (a database in "
                           "use); the demo fills only a new, empty database (--db)")
    raise ValidationError({"database": error})


def create_demo_data(db: Database, customers: int, seed: int = 1,
                     progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """The demo users, their roles and department, ``customers`` customers with their
    contacts and projects, and a catalogue of suppliers and products in proportion, in one
    transaction: all of it or, if the run fails or is killed, nothing."""
    refuse_unless_empty(db)
    return generate_demo(db, customers=customers, seed=seed, progress=progress)
