"""Where the database is, and how connections to it are set up."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.data import engine as engine_module
from app.data.contacts import Contact
from app.data.database import Database
from app.data.engine import ENV_URL, default_url, describe_url, resolve_url

ROOT = Path(__file__).resolve().parents[2]
CLI_URL = "sqlite:///from-the-command-line.db"
ENV_VALUE = "postgresql+psycopg://kehu:pw@env-host/kehu"
FILE_VALUE = "postgresql+psycopg://kehu:pw@file-host/kehu"


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file and a data folder of our own; KEHU_DATABASE_URL unset."""
    monkeypatch.setattr(engine_module, "settings_file", lambda: tmp_path / "config" / "kehu.toml")
    monkeypatch.setattr(engine_module, "user_data_dir", lambda: tmp_path / "data")
    monkeypatch.delenv(ENV_URL, raising=False)
    return tmp_path


def write_settings(folder: Path, body: str) -> None:
    (folder / "config").mkdir(exist_ok=True)
    (folder / "config" / "kehu.toml").write_text(body, encoding="utf-8")


def test_the_command_line_beats_everything(user_dirs: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write_settings(user_dirs, f'database_url = "{FILE_VALUE}"\n')
    monkeypatch.setenv(ENV_URL, ENV_VALUE)
    assert resolve_url(CLI_URL) == CLI_URL


def test_the_environment_beats_the_settings_file(user_dirs: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_settings(user_dirs, f'database_url = "{FILE_VALUE}"\n')
    monkeypatch.setenv(ENV_URL, ENV_VALUE)
    assert resolve_url() == ENV_VALUE
    assert resolve_url(None, env={ENV_URL: "sqlite:///given.db"}) == "sqlite:///given.db"


def test_the_settings_file_beats_the_default(user_dirs: Path) -> None:
    write_settings(user_dirs, f'# chosen in the settings dialog\ndatabase_url = "{FILE_VALUE}"\n')
    assert resolve_url() == FILE_VALUE
    assert resolve_url("", env={ENV_URL: ""}) == FILE_VALUE  # empty values do not count


def test_without_any_choice_one_sqlite_file_in_the_user_data_folder(user_dirs: Path) -> None:
    expected = f"sqlite:///{(user_dirs / 'data' / 'kehu.db').as_posix()}"
    assert resolve_url() == expected
    write_settings(user_dirs, 'theme = "dark"\n')  # a settings file without a database
    assert resolve_url() == expected == default_url()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are the Linux convention")
def test_the_settings_and_data_follow_the_xdg_folders(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv(ENV_URL, raising=False)
    assert engine_module.settings_file() == tmp_path / "cfg" / "Kehu" / "kehu.toml"
    assert resolve_url() == f"sqlite:///{(tmp_path / 'share' / 'Kehu' / 'kehu.db').as_posix()}"
    (tmp_path / "cfg" / "Kehu").mkdir(parents=True)
    (tmp_path / "cfg" / "Kehu" / "kehu.toml").write_text(f'database_url = "{FILE_VALUE}"\n')
    assert resolve_url() == FILE_VALUE


def test_passwords_never_show_in_the_displayed_url() -> None:
    shown = describe_url("postgresql+psycopg://kehu:s3cr3t@db.example.com:5432/kehu")
    assert "s3cr3t" not in shown
    assert shown == "postgresql+psycopg://kehu:***@db.example.com:5432/kehu"
    assert Database("sqlite:///x.db").display_url == "sqlite:///x.db"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_connections_use_wal_foreign_keys_and_wait_when_busy(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Contact(customer_id=424242, name="Nobody's contact"))
        with pytest.raises(IntegrityError):
            uow.session.flush()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_writer_takes_the_sqlite_write_lock_at_its_first_statement(db: Database) -> None:
    """BEGIN IMMEDIATE: a second writer waits up front instead of failing half-way."""
    with db.unit_of_work() as uow:
        uow.session.execute(text("SELECT 1"))
        other = db.engine.raw_connection()
        try:
            other.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(Exception, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    with db.unit_of_work(write=False) as uow:  # readers never take it
        uow.session.execute(text("SELECT 1"))
        other = db.engine.raw_connection()
        try:
            other.execute("PRAGMA busy_timeout = 0")
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


PYODBC_PROBE = textwrap.dedent("""
    import importlib, pkgutil, sys
    import app, app.data, app.logic
    for package in (app.data, app.logic):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    from app.data.database import open_database
    for url in sys.argv[1:]:
        open_database(url).dispose()
    print("pyodbc" in sys.modules)
""")


def test_sqlite_and_postgresql_never_import_pyodbc(tmp_path: Path) -> None:
    """pyodbc needs libodbc; only a SQL Server connection may load it."""
    urls = [f"sqlite:///{(tmp_path / 'probe.db').as_posix()}"]
    if os.environ.get("KEHU_TEST_DATABASE_URL"):
        urls.append(os.environ["KEHU_TEST_DATABASE_URL"])
    result = subprocess.run([sys.executable, "-c", PYODBC_PROBE, *urls], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
