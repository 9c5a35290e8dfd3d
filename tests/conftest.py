"""Shared fixtures: a database built by the migrations, the services on top, a signed-in admin.

Every test that takes ``database_url`` (or ``db``, ``services``, ``admin``) runs twice: on a
fresh SQLite file, and on the PostgreSQL server named by ``KEHU_TEST_DATABASE_URL`` when that
is set (otherwise the PostgreSQL case is skipped). The server database is migrated once per
session; before each test every table is emptied and the rows the migrations seed (the
default roles) are put back, so each test starts from what a fresh ``upgrade head`` gives.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, MetaData, func, insert, select, text
from sqlalchemy.schema import sort_tables

from app.data import migrate
from app.data.database import Database, open_database
from app.data.engine import make_engine
from app.data.kit.audit import AuditEntry
from app.data.kit.base import Base
from app.data.kit.registry import load_registry
from app.logic.admin import passwords
from app.logic.kit.dto import Actor
from app.logic.services import Services

PG_ENV = "KEHU_TEST_DATABASE_URL"
BACKENDS = ("sqlite", "postgresql")
ADMIN_PASSWORD = "correct horse battery"


def pytest_report_header() -> str:
    url = os.environ.get(PG_ENV)
    return f"kehu: PostgreSQL tests {'on ' + url.split('@')[-1] if url else 'skipped'}"


# --- the PostgreSQL server database ----------------------------------------------------------
@dataclass
class PgServer:
    """The shared server database: migrated once, emptied (seed rows kept) before each test."""

    url: str
    engine: Engine
    seed: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)
    tables: MetaData = field(default_factory=MetaData)

    def drop_everything(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            names = conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars()
            quoted = ", ".join(f'"{n}"' for n in names)
            if quoted:
                conn.execute(text(f"DROP TABLE {quoted} CASCADE"))

    def migrate_and_snapshot(self) -> None:
        """Upgrade an empty database to head; remember the seed rows and sequence states."""
        migrate.upgrade(self.engine)
        self.tables = MetaData()
        with self.engine.connect() as conn:
            self.tables.reflect(conn)
            self.tables.remove(self.tables.tables["alembic_version"])
            self.seed = {name: [dict(r) for r in conn.execute(select(t)).mappings()]
                         for name, t in self.tables.tables.items()}
            self.sequences = {
                name: tuple(conn.execute(text(f'SELECT last_value, is_called FROM "{name}"'))
                            .one())
                for name in conn.execute(text(
                    "SELECT sequencename FROM pg_sequences "
                    "WHERE schemaname = current_schema()")).scalars()
            }

    def at_head(self) -> bool:
        return migrate.current_revision(self.engine) == migrate.head_revision()

    def reset(self) -> None:
        """Back to the state right after ``upgrade head``; migrates again if a test dropped it."""
        if not self.at_head():
            self.drop_everything()
            self.migrate_and_snapshot()
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            names = ", ".join(f'"{n}"' for n in self.tables.tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            seeded = [t for t in self.tables.tables.values() if self.seed[t.name]]
            for table in sort_tables(seeded):
                conn.execute(insert(table), self.seed[table.name])
            for name, (last_value, is_called) in self.sequences.items():
                conn.execute(text("SELECT setval(:seq, :value, :called)"),
                             {"seq": name, "value": last_value, "called": is_called})


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    server = PgServer(url, make_engine(url))
    server.drop_everything()
    server.migrate_and_snapshot()
    yield server
    server.drop_everything()  # leave the server database empty, as a fresh one would be
    server.engine.dispose()


# --- databases -------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file upgraded to head by the migrations; each test gets a copy of it."""
    path = tmp_path_factory.mktemp("template") / "kehu.db"
    open_database(f"sqlite:///{path.as_posix()}").dispose()  # closing checkpoints the WAL
    assert not path.with_name("kehu.db-wal").exists()
    return path


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new SQLite file, or the server database emptied back to its freshly migrated state.

    Both hold exactly what ``upgrade head`` makes (seed rows included) and nothing else.
    """
    if request.param == "sqlite":
        path = tmp_path / "kehu.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path.as_posix()}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    server.reset()
    yield server.url


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all (for the migration tests)."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'empty.db').as_posix()}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    server.drop_everything()
    yield server.url
    server.drop_everything()  # the next test's reset() migrates again


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def other_client(database_url: str) -> Iterator[Callable[[], Database]]:
    """Opens more clients (one engine each) on the same database, as a second PC would."""
    opened: list[Database] = []

    def open_client() -> Database:
        opened.append(open_database(database_url))
        return opened[-1]

    yield open_client
    for database in opened:
        database.dispose()


@pytest.fixture
def services(db: Database) -> Services:
    return Services.build(db.unit_of_work, db.display_url)


@pytest.fixture(scope="session")
def quick_hasher() -> PasswordHasher:
    """argon2id at its cheapest (``quick_hashing`` puts it in place for one test)."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def quick_hashing(monkeypatch: pytest.MonkeyPatch, quick_hasher: PasswordHasher) -> None:
    """argon2id at its cheapest, so signing in does not dominate the suite.

    tests/logic/test_auth.py checks the production parameters without this fixture.
    """
    monkeypatch.setattr(passwords, "HASHER", quick_hasher)


@pytest.fixture
def admin(services: Services, quick_hashing: None) -> Actor:
    services.auth.create_admin("admin", ADMIN_PASSWORD, display_name="Ada Admin")
    return services.auth.login("admin", ADMIN_PASSWORD)


@pytest.fixture
def make_user(services: Services, admin: Actor) -> Callable[..., Actor]:
    """Adds a user through the admin, signs them in and sets their own password."""

    def make(username: str, display_name: str = "", roles: tuple[str, ...] = ("admin",)
             ) -> Actor:
        services.users.add_user(admin, username, "temporary secret 1", display_name,
                                roles=roles)
        first = services.auth.login(username, "temporary secret 1")
        return services.auth.change_password(first, "temporary secret 1", ADMIN_PASSWORD)

    return make


# --- looking at what was written -------------------------------------------------------------
@dataclass(frozen=True)
class Audit:
    id: int
    user_id: int | None
    username: str
    action: str
    entity_type: str
    entity_id: str
    changes: dict[str, Any]


@pytest.fixture
def audit_log(db: Database) -> Callable[[], list[Audit]]:
    """The audit log as it is now, oldest first, ``changes`` parsed."""

    def read() -> list[Audit]:
        with db.unit_of_work(write=False) as uow:
            rows = uow.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
            return [Audit(r.id, r.user_id, r.username, r.action, r.entity_type, r.entity_id,
                          json.loads(r.changes)) for r in rows]

    return read


@pytest.fixture
def row_counts(db: Database) -> Callable[[], dict[str, int]]:
    """Rows per application table, to show that a refused write left nothing behind."""

    load_registry()  # every module's tables are in the metadata

    def count() -> dict[str, int]:
        with db.unit_of_work(write=False) as uow:
            return {name: uow.session.execute(select(func.count()).select_from(table))
                    .scalar_one() for name, table in Base.metadata.tables.items()}

    return count
