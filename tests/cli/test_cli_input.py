"""Input that used to crash or pass unnoticed on the command line: long searches, invisible
characters in names, phones without digits, numbers Python reads but people do not mean,
and counts or versions below what they can be. Each is a message and an exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"
LIMITS = "at most 200 characters and 16 words"
LONG_WORD = "x" * 50_010
MANY_WORDS = " ".join(f"w{n}" for n in range(600))


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
           sqlite_template: Path) -> str:
    """A copy of the migrated template with an administrator ``admin``."""
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    for name in ("KEHU_DATABASE_URL", "KEHU_USER", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", url, "user", "create-admin", "--username", "admin"]) == 0
    return url


@pytest.fixture
def kehu(db_url: str, capsys: pytest.CaptureFixture[str]):
    """Runs ``kehu --db URL --user admin ARGS...``: (exit code, stdout, stderr), argparse's
    own exits included."""

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(["--db", db_url, "--user", "admin", *argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --- searches ------------------------------------------------------------------------------
@pytest.mark.parametrize("search", [LONG_WORD, MANY_WORDS], ids=["50010-bytes", "600-words"])
@pytest.mark.parametrize("command", [
    ("customers", "list"), ("contacts", "list"), ("audit", "list"),
    ("export", "customers", "-o", "{tmp}/c.xlsx"), ("export", "audit", "-o", "{tmp}/a.xlsx"),
    ("export", "users", "-o", "{tmp}/u.xlsx"),
], ids=lambda c: " ".join(c[:2]))
def test_a_search_over_the_limits_is_a_usage_error_naming_them(
        kehu, tmp_path: Path, command: tuple[str, ...], search: str) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, _out, err = kehu(*argv, "--search", search)
    assert code == 2, err
    assert LIMITS in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.xlsx"))


def test_a_search_at_the_limits_runs(kehu) -> None:
    assert kehu("customers", "add", "--name", "Limit Test Ltd")[0] == 0
    for search in ("x" * 200, " ".join(["limit"] * 16), "Limit Test Ltd"):
        code, out, err = kehu("customers", "list", "--search", search, "--json")
        assert code == 0, err
    assert [r["name"] for r in json.loads(out)] == ["Limit Test Ltd"]


# --- field values --------------------------------------------------------------------------
@pytest.mark.parametrize(("sets", "said"), [
    (("--name", "Acme\u202egnp.exe"), "name: must not contain invisible or direction-changing "
                                      "characters (U+202E)"),
    (("--name", "Ac\u200bme"), "(U+200B)"),
    (("--name", "Phone Ltd", "--set", "phone=-----"), "phone: is not a phone number"),
    (("--name", "Limit Ltd", "--set", "credit_limit=1_000"), "credit_limit: must be an amount"),
    (("--name", "Limit Ltd", "--set", "credit_limit=٥٠٠"), "credit_limit: must be an amount"),
    (("--name", "Terms Ltd", "--set", "payment_terms_days=3_0"),
     "payment_terms_days: must be a whole number"),
])
def test_values_people_do_not_mean_are_refused_by_field(kehu, sets: tuple[str, ...],
                                                        said: str) -> None:
    code, out, err = kehu("customers", "add", *sets)
    assert code == 1 and said in err and out == ""
    assert json.loads(kehu("customers", "list", "--json")[1]) == []


def test_full_width_digits_are_numbers(kehu) -> None:
    code, out, err = kehu("customers", "add", "--name", "全角有限公司",
                          "--set", "credit_limit=５００", "--set", "payment_terms_days=４５",
                          "--json")
    assert code == 0, err
    saved = json.loads(out)
    assert saved["credit_limit"] == "500.00" and saved["payment_terms_days"] == 45


# --- counts and versions -------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", "-1", "1_000", "x", "٣", "1.5"])
@pytest.mark.parametrize("command", [("audit", "list"), ("customers", "list"),
                                     ("contacts", "list")])
def test_a_limit_below_one_or_not_a_number_is_a_usage_error(kehu, command: tuple[str, ...],
                                                            value: str) -> None:
    code, out, err = kehu(*command, "--limit", value)
    assert code == 2 and out == ""
    assert f"--limit: must be a whole number of at least 1, got {value!r}" in err


def test_a_limit_of_one_shows_one_and_full_width_digits_count(kehu) -> None:
    for name in ("One Ltd", "Two Ltd"):
        assert kehu("customers", "add", "--name", name)[0] == 0
    assert len(json.loads(kehu("audit", "list", "--limit", "1", "--json")[1])) == 1
    assert len(json.loads(kehu("customers", "list", "--limit", "１", "--json")[1])) == 1


@pytest.mark.parametrize("verb", ["update", "archive", "restore"])
@pytest.mark.parametrize("value", ["-1", "0", "x"])
def test_an_expected_version_below_one_is_a_usage_error_not_a_conflict(
        kehu, verb: str, value: str) -> None:
    assert kehu("customers", "add", "--name", "Versioned Ltd")[0] == 0
    sets = ("--set", "city=北京") if verb == "update" else ()
    code, _out, err = kehu("customers", verb, "C000001", *sets, "--expect-version", value)
    assert code == 2 and "--expect-version: must be a whole number of at least 1" in err
    shown = json.loads(kehu("customers", "show", "C000001", "--json")[1])
    assert shown["version"] == 1 and shown["city"] == ""
