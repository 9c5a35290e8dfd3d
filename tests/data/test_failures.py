"""A database that cannot be used is one DatabaseUnavailable naming it (password hidden) and
saying what to do, wherever it fails: opening, checking the schema, or in a use case."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.data import engine as engine_module
from app.data.database import Database, open_database
from app.data.engine import describe_url, has_password, resolve_url
from app.data.failures import (
    DatabaseBusy,
    DatabaseLoginRefused,
    DatabaseUnavailable,
    explain,
)

SECRET = "s3cr3t-pw"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer gives up on another program's lock after 50 ms instead of 30 s."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)


@pytest.fixture
def locked(tmp_path: Path, sqlite_template: Path) -> Iterator[Path]:
    """A migrated SQLite file another program holds with BEGIN EXCLUSIVE."""
    path = tmp_path / "locked.db"
    path.write_bytes(sqlite_template.read_bytes())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield path
    other.execute("ROLLBACK")
    other.close()


def test_a_write_on_a_file_another_program_holds_says_so(locked: Path, quick_busy: None
                                                         ) -> None:
    db = Database(sqlite_url(locked))
    try:
        assert db.current_revision()  # WAL: reading still works
        with pytest.raises(DatabaseBusy) as caught, db.unit_of_work() as uow:
            uow.session.execute(text("UPDATE roles SET name = name"))
    finally:
        db.dispose()
    assert caught.value.kind == "busy" and caught.value.exit_code == 1
    assert str(caught.value) == (f"another program holds the database {sqlite_url(locked)} "
                                 "(database is locked); try again when it has finished")


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("meeting notes\n" * 50, encoding="utf-8")
    with pytest.raises(DatabaseUnavailable, match="is not a SQLite database") as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == "not_database"
    assert path.read_text(encoding="utf-8").startswith("meeting notes")  # left alone


def test_a_folder_that_does_not_exist_is_not_created_for_a_given_path(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == "folder"
    assert f"folder {path.parent} does not exist" in str(caught.value)
    assert not (tmp_path / "no").exists()


def test_a_path_that_cannot_be_opened_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "a-folder.db").mkdir()
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(sqlite_url(tmp_path / "a-folder.db"))
    assert caught.value.kind == "file"
    assert "check the path and that you may read and write" in str(caught.value)


@pytest.mark.parametrize(("url", "kind", "shown"), [
    ("not a url", "url", "cannot read the database URL not a url"),
    (f"postgresql://kehu:{SECRET}@host:port/kehu", "url",
     "cannot read the database URL postgresql://kehu:***@host:port/kehu"),
    (f"foo://kehu:{SECRET}@host/kehu", "scheme",
     "unknown kind of database or driver in foo://kehu:***@host/kehu (foo)"),
    (f"postgresql+nosuchdriver://kehu:{SECRET}@host/kehu", "scheme", "(postgresql+nosuchdriver)"),
    (f"postgresql+psycopg2://kehu:{SECRET}@host/kehu", "driver",
     "the database driver for postgresql+psycopg2://kehu:***@host/kehu is not installed"),
])
def test_a_url_that_cannot_be_used_is_refused_before_connecting(url: str, kind: str,
                                                                shown: str) -> None:
    pytest.importorskip("psycopg")
    if kind == "driver" and _installed("psycopg2"):
        pytest.skip("psycopg2 is installed here")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(url)
    assert caught.value.kind == kind
    assert shown in str(caught.value) and SECRET not in str(caught.value)


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_an_unreachable_server_is_named_without_its_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(f"postgresql+psycopg://kehu:{SECRET}@127.0.0.1:1/kehu")
    assert caught.value.kind == "unreachable" and caught.value.exit_code == 1
    assert str(caught.value).startswith(
        "cannot reach the database server for postgresql+psycopg://kehu:***@127.0.0.1:1/kehu")
    assert SECRET not in str(caught.value)


@pytest.fixture
def server_url() -> str:
    url = os.environ.get("KEHU_TEST_DATABASE_URL")
    if not url:
        pytest.skip("KEHU_TEST_DATABASE_URL is not set")
    return url


def test_a_wrong_server_password_is_a_refused_login_exit_3(server_url: str) -> None:
    from sqlalchemy.engine import make_url

    wrong = make_url(server_url).set(password=SECRET).render_as_string(hide_password=False)
    with pytest.raises(DatabaseLoginRefused) as caught:
        open_database(wrong)
    assert caught.value.exit_code == 3 and caught.value.kind == "login"
    assert "password authentication failed" in caught.value.detail
    assert SECRET not in str(caught.value)


def test_a_server_database_that_does_not_exist(server_url: str) -> None:
    from sqlalchemy.engine import make_url

    missing = make_url(server_url).set(database="kehu_no_such_database")
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(missing.render_as_string(hide_password=False))
    assert caught.value.kind == "missing"


class FakeOdbcError(Exception):
    """What pyodbc raises: (SQLSTATE, message)."""


FakeOdbcError.__module__ = "pyodbc"


@pytest.mark.parametrize(("state", "kind"), [
    ("28000", "login"), ("08001", "unreachable"), ("HYT00", "unreachable"), ("IM002", "driver"),
])
def test_sql_server_failures_are_told_by_their_sqlstate(state: str, kind: str) -> None:
    error = FakeOdbcError(state, "[Microsoft][ODBC Driver 18 for SQL Server]It failed. (1)")
    found = explain(error, "mssql+pyodbc://kehu:***@db/kehu")
    assert found is not None and found.kind == kind
    assert found.detail == "It failed. (1)"


def test_errors_that_are_not_about_the_database_being_unusable_are_left_alone() -> None:
    assert explain(ValueError("a bug"), "sqlite:///x.db") is None
    assert explain(sqlite3.OperationalError("no such table: nothing"), "sqlite:///x.db") is None
    assert explain(FakeOdbcError("23000", "duplicate"), "mssql+pyodbc://db/kehu") is None


def test_the_password_is_hidden_even_in_a_url_that_cannot_be_parsed() -> None:
    assert describe_url(f"postgresql://kehu:{SECRET}@host:port/kehu") == \
        "postgresql://kehu:***@host:port/kehu"
    assert has_password(f"postgresql+psycopg://kehu:{SECRET}@host/kehu")
    assert has_password(f"postgresql://kehu:{SECRET}@host:port/kehu")
    assert not has_password("postgresql+psycopg://kehu@host/kehu")
    assert not has_password("sqlite:///C:/data/kehu.db")


def test_a_settings_file_that_cannot_be_read(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    settings = tmp_path / "kehu.toml"
    settings.write_text('database_url = "postgresql://unterminated\n', encoding="utf-8")
    monkeypatch.setattr(engine_module, "settings_file", lambda: settings)
    with pytest.raises(DatabaseUnavailable) as caught:
        resolve_url(None, env={})
    assert caught.value.kind == "settings" and str(settings) in str(caught.value)


def test_a_folder_kehu_may_not_write_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As an ordinary user would get it in a folder of someone else's (root cannot be
    refused, so the refusal is the operating system's answer, played here)."""
    real_open = os.open

    def refuse(path, flags, mode=0o777, **kwargs):
        if str(path).endswith("x.db"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(sqlite_url(tmp_path / "x.db"))
    assert caught.value.kind == "file" and caught.value.detail == "Permission denied"
