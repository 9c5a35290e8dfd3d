"""The command line, end to end on a fresh SQLite database: the documented contract."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
           sqlite_template: Path) -> str:
    """A copy of the migrated template with an administrator ``admin``."""
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.delenv("KEHU_DATABASE_URL", raising=False)
    monkeypatch.delenv("KEHU_USER", raising=False)
    assert main(["--db", url, "user", "create-admin", "--username", "admin"]) == 0
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_show_list_as_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "customers", "add",
                       "--name", "北京科技有限公司", "--set", "province=北京", "--set", "city=北京",
                       "--set", "credit_limit=99999999999999.99", "--json")
    assert code == 0
    created = json.loads(out)
    assert created["code"] == "C000001" and created["credit_limit"] == "99999999999999.99"
    code, out, _ = run(capsys, "customers", "list", "--db", db_url, "--user", "admin",
                       "--search", "bjkj", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["name"] for r in rows] == ["北京科技有限公司"]
    assert {"code", "name", "status", "owner", "city", "phone"} <= set(rows[0])
    code, out, _ = run(capsys, "customers", "show", "C000001", "--db", db_url, "--user",
                       "admin", "--json")
    assert json.loads(out)["version"] == 1


def test_update_with_expect_version_is_refused_with_exit_4(db_url: str, capsys) -> None:
    run(capsys, "--db", db_url, "--user", "admin", "customers", "add", "--name", "Acme")
    code, _, _ = run(capsys, "--db", db_url, "--user", "admin", "customers", "update",
                     "C000001", "--set", "city=Shanghai", "--expect-version", "1")
    assert code == 0
    code, _, err = run(capsys, "--db", db_url, "--user", "admin", "customers", "update",
                       "C000001", "--set", "city=Beijing", "--expect-version", "1")
    assert code == 4 and "changed by admin" in err
    _, out, _ = run(capsys, "--db", db_url, "--user", "admin", "customers", "show", "C000001",
                    "--json")
    assert json.loads(out)["city"] == "Shanghai"


@pytest.mark.parametrize(("argv", "expected_code", "message"), [
    (("customers", "add", "--name", ""), 1, "name: is required"),
    (("customers", "add", "--name", "X", "--set", "email=not-mail"), 1, "e-mail"),
    (("customers", "add", "--name", "X", "--set", "tax_id=911101087877586438"), 1,
     "unified social credit code"),
    (("customers", "add", "--name", "X", "--set", "credit_limit=-5"), 1, "negative"),
    (("customers", "add", "--name", "X", "--set", "colour=red"), 1, "not a customer field"),
    (("customers", "add", "--name", "X", "--set", "noequals"), 2, "FIELD=VALUE"),
    (("customers", "show", "C999999"), 1, "not found"),
])
def test_bad_input_gives_a_clear_message_and_writes_nothing(
        db_url: str, capsys, argv: tuple[str, ...], expected_code: int, message: str) -> None:
    code, _, err = run(capsys, "--db", db_url, "--user", "admin", *argv)
    assert code == expected_code and message in err
    _, out, _ = run(capsys, "--db", db_url, "--user", "admin", "customers", "list", "--json")
    assert json.loads(out) == []


def test_authentication_and_permission_errors_exit_3(db_url: str, capsys,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "--db", db_url, "customers", "list")
    assert code == 3 and "--user" in err
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "auditor-password-1")
    assert run(capsys, "--db", db_url, "--user", "admin", "user", "add", "--username",
               "aud", "--role", "auditor")[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", "auditor-password-1")
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "auditor-password-2")
    assert run(capsys, "--db", db_url, "--user", "aud", "user", "change-password")[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", "auditor-password-2")
    code, _, err = run(capsys, "--db", db_url, "--user", "aud", "customers", "add",
                       "--name", "Nope")
    assert code == 3 and "customers.create" in err
    monkeypatch.setenv("KEHU_PASSWORD", "wrong")
    code, _, err = run(capsys, "--db", db_url, "--user", "admin", "customers", "list")
    assert code == 3 and "invalid username or password" in err


def test_users_roles_and_the_audit_trail(db_url: str, capsys,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "sales-password-1")
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "user", "add",
                       "--username", "sales1", "--display-name", "王伟", "--role",
                       "salesperson")
    assert code == 0 and "sales1" in out
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "user", "list", "--json")
    assert {u["username"]: u["roles"] for u in json.loads(out)}["sales1"] == ["salesperson"]
    lock(db_url, "sales1")  # unlocking an account that is not locked changes (and audits) nothing
    for action in ("disable", "enable", "unlock"):
        assert run(capsys, "--db", db_url, "--user", "admin", "user", action, "sales1")[0] == 0
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "role", "show",
                       "salesperson", "--json")
    assert "customers.create" in json.loads(out)["rights"]
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "audit", "list",
                       "--entity", "user", "--json")
    actions = [e["action"] for e in json.loads(out) if e["action"] != "login"]
    assert actions[:3] == ["unlock", "enable", "disable"] and "create" in actions
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "audit", "list",
                       "--user", "sales1", "--json")
    assert code == 0 and json.loads(out) == []  # sales1 never signed in nor wrote
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "audit", "verify")
    assert code == 0 and "intact" in out


def lock(db_url: str, username: str) -> None:
    """As five wrong passwords would, without their audit entries."""
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE users SET failed_logins = 5, locked_until = '2999-01-01 00:00:00' "
                     "WHERE username = ?", (username,))


def test_audit_verify_exits_1_and_names_the_first_bad_entry(db_url: str, capsys) -> None:
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_log SET username = 'mallory' WHERE id = 1")
    code, out, _ = run(capsys, "--db", db_url, "--user", "admin", "audit", "verify")
    assert code == 1 and "entry 1" in out


def test_db_current_and_upgrade_on_a_fresh_database(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{(tmp_path / 'fresh.db').as_posix()}"
    code, out, _ = run(capsys, "--db", url, "db", "current")
    assert code == 0 and "(empty)" in out
    code, out, _ = run(capsys, "--db", url, "db", "upgrade", "--json")
    assert code == 0 and json.loads(out)["to"] == json.loads(out)["to"] != None  # noqa: E711
    code, out, _ = run(capsys, "--db", url, "db", "current")
    assert "(head)" in out


def test_the_console_script_and_main_py_agree_on_exit_codes(tmp_path: Path) -> None:
    """Real processes: usage errors exit 2, the same through `kehu` and `python main.py`."""
    env = {**os.environ, "KEHU_DATABASE_URL": f"sqlite:///{(tmp_path / 'p.db').as_posix()}"}
    root = Path(__file__).resolve().parents[2]
    kehu = Path(sys.executable).with_name("kehu")
    for command in ([str(kehu)], [sys.executable, str(root / "main.py")]):
        bad = subprocess.run([*command, "customers", "list", "--limit", "x"], env=env,
                             capture_output=True, text=True, cwd=root, timeout=120)
        assert bad.returncode == 2 and "--limit: must be a whole number" in bad.stderr
        ok = subprocess.run([*command, "db", "current"], env=env, capture_output=True,
                            text=True, cwd=root, timeout=120)
        assert ok.returncode == 0, ok.stderr


def test_the_garbage_collector_is_back_on_after_any_command(db_url: str, capsys) -> None:
    # Start-up runs with the cyclic collector off (app.cli.main); a command that ends, fails
    # or is mistyped must not leave it off for the rest of the process.
    import gc

    for argv in (["--db", db_url, "db", "current"],
                 ["--db", db_url, "--user", "admin", "customers", "show", "NOPE"],
                 ["--db", db_url, "--user", "admin", "customers", "add", "--name", "X",
                  "--set", "email=bad"]):
        gc.disable()
        code, _, _ = run(capsys, *argv)
        assert code in (0, 1), argv  # ran (shown, not found, refused), no usage error
        assert gc.isenabled(), argv
    gc.disable()
    with pytest.raises(SystemExit):
        main(["--no-such-option"])
    assert gc.isenabled()
