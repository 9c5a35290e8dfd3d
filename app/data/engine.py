"""Engine factory: where the database is and how connections are configured.

The URL comes from ``--db``, else ``KEHU_DATABASE_URL``, else the settings file
(``database_url`` in ``kehu.toml`` in the user config folder), else one SQLite file in the
user data folder. Nothing connects at import time.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from app.data.failures import DatabaseUnavailable, failure

APP_NAME = "Kehu"
ENV_URL = "KEHU_DATABASE_URL"
WRITE_OPTION = "kehu_write"
# How long a SQLite writer waits for another program's write lock before giving up with
# DatabaseBusy (tests lower it).
BUSY_TIMEOUT_MS = 30_000
# The password in a URL that cannot be parsed: scheme://user:PASSWORD@...
_RAW_PASSWORD = re.compile(r"(://[^/@:]*:)[^@]*@")


MMAP_BYTES = 1 << 31  # SQLite caps it at its compile-time maximum (2 GiB by default)


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _dir

    return Path(_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "kehu.toml"


def default_url() -> str:
    return f"sqlite:///{(user_data_dir() / 'kehu.db').as_posix()}"


def demo_url() -> str:
    return f"sqlite:///{(user_data_dir() / 'kehu-demo.db').as_posix()}"


def resolve_url(cli_url: str | None = None, env: Mapping[str, str] | None = None) -> str:
    if env is None:
        env = os.environ
    if cli_url:
        return cli_url
    if env.get(ENV_URL):
        return env[ENV_URL]
    path = settings_file()
    if path.is_file():
        try:
            with path.open("rb") as fh:
                url = tomllib.load(fh).get("database_url")
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise failure("settings", str(path), str(exc)) from None
        if url:
            return str(url)
    return default_url()


def describe_url(url: str) -> str:
    """The URL with any password hidden, for status bars and messages (also one that
    cannot be parsed)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _RAW_PASSWORD.sub(r"\1***@", url)


def has_password(url: str) -> bool:
    """Whether ``url`` carries a password (which the command line shows to every user)."""
    try:
        return bool(make_url(url).password)
    except (ArgumentError, ValueError):
        return _RAW_PASSWORD.search(url) is not None


def parse_url(url: str) -> URL:
    """The parsed URL, or DatabaseUnavailable saying it cannot be read."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise failure("url", describe_url(url), str(exc)) from None


def sqlite_path(url: str) -> Path | None:
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url``. Migrations pass ``foreign_keys=False``: SQLite's batch mode
    recreates tables, which must not cascade or fail on the rows that refer to them."""
    backend = parse_url(url).get_backend_name()
    if backend == "sqlite":
        engine = _create(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _configure_sqlite(engine, foreign_keys, sqlite_path(url), describe_url(url))
        return engine
    if backend == "mssql":
        # pyodbc is imported by the dialect only here, so machines without libodbc still run.
        kwargs.setdefault("deprecate_large_types", True)
        kwargs.setdefault("fast_executemany", True)
    return _create(url, pool_pre_ping=True, **kwargs)


def _create(url: str, **kwargs: Any) -> Engine:
    try:
        return create_engine(url, **kwargs)
    except NoSuchModuleError:
        raise failure("scheme", describe_url(url), parse_url(url).drivername) from None
    except ImportError as exc:  # the dialect is known, its driver is not installed
        raise failure("driver", describe_url(url), f"no module {exc.name}") from None


def prepare_sqlite_file(path: Path, label: str, own: bool) -> None:
    """Before SQLite opens ``path``: a new file is created readable by its owner only
    (SQLite gives the -wal and -shm files the database file's mode). Kehu's own data
    folder (``own``) is created, and kept, private (0700); any other folder must exist.
    ``label`` names the database in errors."""
    folder = path.parent
    try:
        if own:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix" and folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
        if path.exists():
            return
        if not folder.is_dir():
            raise failure("folder", label, f"folder {folder} does not exist")
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return  # another process created it meanwhile
    except DatabaseUnavailable:
        raise
    except OSError as exc:
        raise failure("file", label, exc.strerror or str(exc)) from None


def _configure_sqlite(engine: Engine, foreign_keys: bool, path: Path | None,
                      label: str) -> None:
    if path is not None:
        own = path.parent == user_data_dir()

        @event.listens_for(engine, "do_connect")
        def on_do_connect(*_args: Any) -> None:
            prepare_sqlite_file(path, label, own)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Read through a memory map: no system call and copy per page, so a search that
        # looks up thousands of rows takes about half the time.
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        # A writer takes the write lock up front: no SQLITE_BUSY half-way through a use case.
        # Straight to the driver: every use case begins here, SQLAlchemy's statement
        # machinery (about 40 µs) is not needed for one keyword.
        write = conn.get_execution_options().get(WRITE_OPTION)
        conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
