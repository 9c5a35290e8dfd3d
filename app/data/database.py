"""The database handle the composition root builds: engine, sessions, migrations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import sessionmaker

from app.data.engine import WRITE_OPTION, describe_url, make_engine, sqlite_path
from app.data.failures import explain, failure
from app.data.kit.registry import DataRegistry, load_registry
from app.data.kit.uow import UnitOfWork

# The newest migration; tests/data/test_schema_head.py checks it against migrations/.
HEAD_REVISION = "0022"


class Database:
    def __init__(self, url: str, engine: Engine | None = None,
                 registry: DataRegistry | None = None) -> None:
        self.url = url
        self.registry = registry or load_registry()
        self.engine = engine or make_engine(url)
        # No autoflush: a use case flushes when it means to (the write path turns a stale
        # row into a conflict there), never inside a query a hook happens to run.
        self._read = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._write = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}),
                                   expire_on_commit=False, autoflush=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return describe_url(self.url)

    def unit_of_work(self, write: bool = True) -> UnitOfWork:
        return UnitOfWork(self._write if write else self._read, self.registry)

    def uow_factory(self) -> Callable[..., UnitOfWork]:
        return self.unit_of_work

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def failures(self) -> Iterator[None]:
        """A refused login, an unreachable server, a locked or unreadable file raised
        inside as ``DatabaseUnavailable`` naming this database (password hidden)."""
        try:
            yield
        except Exception as exc:
            found = explain(exc, self.display_url)
            if found is None or found is exc:
                raise
            raise found from exc

    # --- migrations -------------------------------------------------------------------
    def current_revision(self) -> str | None:
        """The schema revision, read with plain SQL (importing alembic costs start-up time)."""
        with self.failures(), self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def needs_upgrade(self) -> bool:
        return self.current_revision() != HEAD_REVISION

    def upgrade(self, backup: bool = True) -> Path | None:
        """Bring the schema to head. A SQLite file is copied to a timestamped backup first
        (readable by its owner only, like the database)."""
        if not self.needs_upgrade():
            return None
        from app.data.migrate import upgrade  # alembic costs start-up time: only when needed

        copy = None
        path = sqlite_path(self.url)
        if backup and path is not None and path.exists() and self.current_revision():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            copy = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
            self.engine.dispose()
            self._private_copy(path, copy)
        with self.failures():
            upgrade(self.engine)
        return copy

    def _private_copy(self, source: Path, target: Path) -> None:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(fd, "wb") as out, source.open("rb") as data:
                shutil.copyfileobj(data, out)
            times = source.stat()
            os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))
        except OSError as exc:
            raise failure("backup", self.display_url,
                          f"{target}: {exc.strerror or exc}") from None


def open_database(url: str, upgrade: bool = True) -> Database:
    db = Database(url)
    if upgrade:
        db.upgrade()
    return db
