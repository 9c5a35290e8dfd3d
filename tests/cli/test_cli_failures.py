"""The environment failing is one line on stderr and an exit code, never a traceback: the
database (at open, at sign-in, half-way through a command), arguments that are not UTF-8,
and a password put on the command line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import commands, main
from app.data import engine as engine_module
from app.logic.services import Services

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-pw"
PASSWORD = "cli-admin-secret"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def url_of(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.delenv("KEHU_DATABASE_URL", raising=False)
    monkeypatch.delenv("KEHU_USER", raising=False)
    monkeypatch.setattr(engine_module, "settings_file", lambda: tmp_path / "cfg" / "kehu.toml")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)  # give up on a lock at once


@pytest.fixture
def db_path(tmp_path: Path, sqlite_template: Path, quick_hashing: None) -> Path:
    """A migrated database with the administrator ``admin``."""
    path = tmp_path / "kehu.db"
    shutil.copyfile(sqlite_template, path)
    assert main(["--db", url_of(path), "user", "create-admin", "--username", "admin"]) == 0
    return path


class Holder:
    """Another program on the same SQLite file, holding its write lock when asked."""

    def __init__(self, path: Path) -> None:
        self.connection: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None)

    def hold(self) -> None:
        assert self.connection is not None
        self.connection.execute("BEGIN EXCLUSIVE")

    def close(self) -> None:
        if self.connection is not None:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None


@pytest.fixture
def other_program(db_path: Path) -> Iterator[Holder]:
    holder = Holder(db_path)
    yield holder
    holder.close()


BUSY = "another program holds the database"
AGAIN = "try again when it has finished"


def test_a_locked_database_at_sign_in(db_path: Path, other_program: Holder, capsys) -> None:
    other_program.hold()
    code, out, err = run(capsys, "--db", url_of(db_path), "--user", "admin", "customers",
                         "list")
    assert code == 1 and out == ""
    assert err == f"kehu: {BUSY} {url_of(db_path)} (database is locked); {AGAIN}\n"


def test_a_database_locked_half_way_through_a_command(db_path: Path, other_program: Holder,
                                                      capsys,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Signed in, then another program takes the lock before the command writes."""
    build = Services.build

    def services_whose_sign_in_lets_another_program_in(*args, **kwargs) -> Services:
        services = build(*args, **kwargs)
        login = services.auth.login

        def login_then_lock(*a, **k):
            actor = login(*a, **k)
            other_program.hold()
            return actor

        monkeypatch.setattr(services.auth, "login", login_then_lock)
        return services

    monkeypatch.setattr(commands.Services, "build", services_whose_sign_in_lets_another_program_in)
    code, _, err = run(capsys, "--db", url_of(db_path), "--user", "admin", "customers", "add",
                       "--name", "Acme")
    assert code == 1 and err.startswith(f"kehu: {BUSY}") and err.count("\n") == 1
    other_program.close()
    monkeypatch.undo()
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, "--db", url_of(db_path), "--user", "admin", "customers", "list",
                       "--json")
    assert code == 0 and out.strip() == "[]"  # nothing was written


def test_a_locked_database_while_upgrading(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.db"
    holder = Holder(path)
    try:
        holder.hold()
        code, _, err = run(capsys, "--db", url_of(path), "db", "upgrade")
    finally:
        holder.close()
    assert code == 1 and err.startswith(f"kehu: {BUSY}") and err.endswith(f"{AGAIN}\n")


@pytest.mark.parametrize(("url", "code", "expected"), [
    ("not a url", 1, "kehu: cannot read the database URL not a url"),
    (f"postgresql://kehu:{SECRET}@host:port/kehu", 1,
     "kehu: cannot read the database URL postgresql://kehu:***@host:port/kehu"),
    (f"foo://kehu:{SECRET}@host/kehu", 1,
     "kehu: unknown kind of database or driver in foo://kehu:***@host/kehu"),
    (f"postgresql+psycopg://kehu:{SECRET}@127.0.0.1:1/kehu", 1,
     "kehu: cannot reach the database server for postgresql+psycopg://kehu:***@127.0.0.1:1/kehu"),
])
def test_a_database_url_that_cannot_be_used(url: str, code: int, expected: str,
                                            capsys) -> None:
    got, out, err = run(capsys, "--db", url, "--user", "admin", "customers", "list")
    lines = [line for line in err.splitlines() if "warning" not in line]
    assert got == code and out == ""
    assert len(lines) == 1 and lines[0].startswith(expected)
    assert SECRET not in err


def test_files_that_are_no_database(tmp_path: Path, capsys) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 40, encoding="utf-8")
    code, _, err = run(capsys, "--db", url_of(text), "--user", "admin", "customers", "list")
    assert code == 1 and err.startswith(f"kehu: {url_of(text)} is not a SQLite database")
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    code, _, err = run(capsys, "--db", url_of(missing), "--user", "admin", "customers", "list")
    assert code == 1 and err.startswith(f"kehu: cannot create the database {url_of(missing)}")
    assert not (tmp_path / "no").exists()
    code, _, err = run(capsys, "--db", url_of(tmp_path), "db", "current")
    assert code == 1 and err.startswith("kehu: cannot open or write the database file")


def test_a_refused_database_login_exits_3_without_the_password(capsys) -> None:
    server = os.environ.get("KEHU_TEST_DATABASE_URL")
    if not server:
        pytest.skip("KEHU_TEST_DATABASE_URL is not set")
    from sqlalchemy.engine import make_url

    wrong = make_url(server).set(password=SECRET).render_as_string(hide_password=False)
    code, out, err = run(capsys, "--db", wrong, "--user", "admin", "customers", "list")
    lines = err.splitlines()
    assert code == 3 and out == "" and SECRET not in err
    assert lines[0].startswith("kehu: warning: the password in --db")
    assert lines[1].startswith("kehu: the database server refused the login to ")
    assert "password authentication failed" in lines[1] and len(lines) == 2


# --- the password on the command line ---------------------------------------------------------
def test_a_password_in_db_is_warned_about(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "db", "current", "--db",
                       f"postgresql+psycopg://kehu:{SECRET}@127.0.0.1:1/kehu")
    assert code == 1  # nothing listens on port 1
    warning = err.splitlines()[0]
    assert warning == ("kehu: warning: the password in --db can be read by every user of this "
                       "computer (in the process list); put the URL in KEHU_DATABASE_URL or in "
                       f"{tmp_path / 'cfg' / 'kehu.toml'} (database_url = \"...\") instead")
    assert SECRET not in err


def test_no_warning_without_a_password_or_from_the_environment(
        db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "--db", url_of(db_path), "db", "current")
    assert code == 0 and err == ""
    monkeypatch.setenv("KEHU_DATABASE_URL", url_of(db_path))
    code, _, err = run(capsys, "db", "current")
    assert code == 0 and err == ""


# --- arguments that are not UTF-8 -------------------------------------------------------------
def undecodable(text: bytes) -> str:
    """What Python makes of such bytes in sys.argv."""
    return os.fsdecode(text)


@pytest.mark.parametrize(("argv", "named"), [
    (("customers", "list", "--search", undecodable(b"ab\xffc")),
     "the value of --search is not valid UTF-8 text: ab\\xffc"),
    (("customers", "list", undecodable(b"--search=ab\xffc")),
     "the value of --search is not valid UTF-8 text: ab\\xffc"),
    (("customers", "show", undecodable(b"C\xfe1")), "argument 3 is not valid UTF-8 text: C\\xfe1"),
    (("--user", undecodable(b"adm\xe9"), "customers", "list"),
     "the value of --user is not valid UTF-8 text: adm\\xe9"),
    (("--db", undecodable(b"postgresql://u:p\xff@h/k"), "customers", "list"),
     "the value of --db is not valid UTF-8 text: postgresql://u:***@h/k"),
])
def test_arguments_that_are_not_utf8_are_a_usage_error(argv: tuple[str, ...], named: str,
                                                       capsys) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == (f"kehu: {named}; check the character encoding of your terminal or "
                   "script\n")


def test_a_kehu_variable_that_is_not_utf8(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHU_PASSWORD", undecodable(b"pa\xffss"))
    code, _, err = run(capsys, "customers", "list")
    assert code == 2 and "KEHU_PASSWORD is not valid UTF-8" in err and "pa" not in err


@pytest.mark.skipif(os.name != "posix", reason="bytes in argv are POSIX")
def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    """As a shell runs it: `kehu --search $'ab\\xffc'` and a path in a missing folder."""
    kehu = shutil.which("kehu", path=str(Path(sys.executable).parent))
    if kehu is None:
        pytest.skip("the kehu command is not installed in this environment")
    env = {**os.environ, "KEHU_PASSWORD": "x", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KEHU_DATABASE_URL", None)
    missing = url_of(tmp_path / "no" / "dir" / "x.db")
    for argv, code in (([b"customers", b"list", b"--search", b"ab\xffc"], 2),
                       ([b"--db", missing.encode(), b"--user", b"admin", b"customers", b"list"],
                        1)):
        done = subprocess.run([kehu.encode(), *argv], cwd=ROOT, env=env,
                              capture_output=True, timeout=120)
        assert done.returncode == code, done.stderr
        assert b"Traceback" not in done.stderr and done.stderr.count(b"\n") == 1
