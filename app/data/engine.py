"""Engine factory: where the database is and how connections are configured.

The URL comes from ``--db``, else ``KEHU_DATABASE_URL``, else the settings file
(``database_url`` in ``kehu.toml`` in the user config folder), else one SQLite file in the
user data folder. Nothing connects at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

APP_NAME = "Kehu"
ENV_URL = "KEHU_DATABASE_URL"
WRITE_OPTION = "kehu_write"


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
        with path.open("rb") as fh:
            url = tomllib.load(fh).get("database_url")
        if url:
            return str(url)
    return default_url()


def describe_url(url: str) -> str:
    """The URL with any password hidden, for status bars and messages."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, foreign_keys: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url``. Migrations pass ``foreign_keys=False``: SQLite's batch mode
    recreates tables, which must not cascade or fail on the rows that refer to them."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine, foreign_keys)
        return engine
    if backend == "mssql":
        # pyodbc is imported by the dialect only here, so machines without libodbc still run.
        kwargs.setdefault("deprecate_large_types", True)
        kwargs.setdefault("fast_executemany", True)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=30000")
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
