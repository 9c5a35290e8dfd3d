"""Run alembic from the app and the CLI (programmatic API, same scripts as the command line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.data.engine import make_engine

ROOT = Path(__file__).resolve().parents[2]


def migrations_dir() -> Path:
    for candidate in (ROOT / "migrations", Path(__file__).resolve().parents[1] / "_migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the migrations folder is missing from this installation")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    _run(engine, command.upgrade, target)


def downgrade(engine: Engine, target: str = "base") -> None:
    _run(engine, command.downgrade, target)


def _run(engine: Engine, step: Any, target: str) -> None:
    """Run a migration step on its own engine (SQLite: foreign keys off while tables are
    rebuilt, then checked); the caller's pooled connections are closed first."""
    engine.dispose()
    migration_engine = make_engine(engine.url.render_as_string(hide_password=False),
                                   foreign_keys=False)
    cfg = alembic_config()
    try:
        with migration_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            step(cfg, target)
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    finally:
        migration_engine.dispose()
