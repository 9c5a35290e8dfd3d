"""``kehu audit digest`` and ``kehu audit verify [--digest]`` end to end: they write nothing,
a deleted head does not stop anyone signing in, and a wiped log fails verify (exit 1)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
           sqlite_template: Path) -> str:
    """A copy of the migrated template with an administrator ``admin`` and a customer."""
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.delenv("KEHU_DATABASE_URL", raising=False)
    monkeypatch.delenv("KEHU_USER", raising=False)
    assert main(["--db", url, "user", "create-admin", "--username", "admin"]) == 0
    assert main(["--db", url, "--user", "admin", "customers", "add", "--name", "Acme"]) == 0
    return url


def kehu(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, "--user", "admin", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def sql(url: str, *statements: str) -> list[tuple]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows: list[tuple] = []
        for statement in statements:
            rows = conn.execute(statement).fetchall()
        return rows


def test_digest_prints_the_newest_entry_and_writes_nothing(db_url: str, capsys) -> None:
    [(last_id, last_hash)] = sql(db_url, "SELECT id, hash FROM audit_log ORDER BY id DESC "
                                         "LIMIT 1")
    code, out, err = kehu(capsys, db_url, "audit", "digest")
    assert code == 0 and out == f"{last_id}:{last_hash}\n"
    assert "keep this line outside the database" in err
    code, out, _ = kehu(capsys, db_url, "audit", "digest", "--json")
    assert (json.loads(out)["id"], json.loads(out)["hash"]) == (last_id, last_hash)
    assert sql(db_url, "SELECT max(id) FROM audit_log") == [(last_id,)]


def test_verify_writes_nothing(db_url: str, capsys) -> None:
    before = sql(db_url, "SELECT * FROM audit_log")
    code, out, _ = kehu(capsys, db_url, "audit", "verify")
    assert code == 0 and f"{len(before)} entries verified" in out
    assert sql(db_url, "SELECT * FROM audit_log") == before  # before: a sign-in entry


def test_a_deleted_head_does_not_stop_signing_in_and_verify_says_so(db_url: str,
                                                                    capsys) -> None:
    [(last_id,)] = sql(db_url, "SELECT max(id) FROM audit_log")
    sql(db_url, "DELETE FROM audit_head")
    code, out, err = kehu(capsys, db_url, "audit", "verify")
    assert code == 1 and "the head (the newest entry's id and hash) is missing" in out
    code, _, err = kehu(capsys, db_url, "customers", "list", "--limit", "1")
    assert code == 0, err  # before: UNIQUE constraint failed: audit_log.id
    code, out, _ = kehu(capsys, db_url, "audit", "verify")
    assert code == 1 and out.startswith(
        f"audit log BROKEN at entry {last_id + 1}: written when the head was missing; the "
        f"chain went on from entry {last_id}")


def test_a_wiped_log_fails_verify_against_a_digest_file_or_value(db_url: str, capsys,
                                                                 tmp_path: Path) -> None:
    _, digest, _ = kehu(capsys, db_url, "audit", "digest")
    (tmp_path / "digest").write_text(digest.strip(), encoding="utf-8")
    sql(db_url, "DELETE FROM audit_log", "DELETE FROM audit_head")
    code, out, _ = kehu(capsys, db_url, "audit", "verify", "--digest", str(tmp_path / "digest"))
    assert code == 1
    entry_id = digest.split(":")[0]
    assert out.splitlines() == [
        "audit log BROKEN at entry 1: the log has no genesis entry: it was emptied or begun "
        "again (0 entries verified from the first)",
        "  also entry 1: the head (the newest entry's id and hash) is missing",
        f"  also entry {entry_id}: gone, but the digest names it"]
    code, out, _ = kehu(capsys, db_url, "audit", "verify", "--digest", digest.strip())
    assert code == 1 and f"entry {entry_id}: gone, but the digest names it" in out
    assert sql(db_url, "SELECT count(*) FROM audit_log") == [(0,)]  # verify wrote nothing


def test_an_intact_log_matches_its_digest(db_url: str, capsys) -> None:
    _, digest, _ = kehu(capsys, db_url, "audit", "digest")
    kehu(capsys, db_url, "customers", "add", "--name", "Written later")
    code, out, _ = kehu(capsys, db_url, "audit", "verify", "--digest", digest.strip())
    assert code == 0 and f"entry {digest.split(':')[0]} matches the digest" in out


@pytest.mark.parametrize("given", ["12", "not a digest", "12:abc"])
def test_a_digest_that_is_none_is_a_usage_error(db_url: str, capsys, given: str) -> None:
    code, _, err = kehu(capsys, db_url, "audit", "verify", "--digest", given)
    assert code == 2 and "is not an audit digest" in err
