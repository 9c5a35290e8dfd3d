"""kehu projects ...: the generic verbs on projects, reopen, the date range filter, the
record scope of a salesperson, and bad input refused (exit 1, a message per field, nothing
written)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"
SALES_PASSWORD = "sales-secret-2"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
           sqlite_template: Path) -> str:
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    for name in ("KEHU_DATABASE_URL", "KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL",
                 "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", url, "user", "create-admin", "--username", "admin"]) == 0
    return url


@pytest.fixture
def kehu(db_url: str, capsys: pytest.CaptureFixture[str]) -> Kehu:
    def run(*argv: str, user: str = "admin") -> Run:
        code = main(["--db", db_url, "--user", user, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def people(kehu: Kehu, monkeypatch: pytest.MonkeyPatch) -> None:
    """sales1 and sales2 (salespeople), manager (a sales manager), each with a customer
    (C000001, C000002, C000003) and sales1's with a project (P000001)."""
    for name, role in (("sales1", "salesperson"), ("sales2", "salesperson"),
                       ("manager", "sales_manager")):
        monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
        assert kehu("user", "add", "--username", name, "--role", role)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
        monkeypatch.setenv("KEHU_NEW_PASSWORD", SALES_PASSWORD)
        assert kehu("user", "change-password", user=name)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", SALES_PASSWORD)
        assert kehu("customers", "add", "--name", f"{name} 的客户", user=name)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    assert kehu("projects", "add", "--name", "ERP 实施", "--set", "customer=C000001",
                "--set", "start_date=2026-03-01", "--set", "end_date=2026-06-30")[0] == 0


def count(db_url: str, table: str) -> int:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def as_sales(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHU_PASSWORD", SALES_PASSWORD)


def shown(kehu: Kehu, code: str) -> dict:
    result, out, _ = kehu("projects", "show", code, "--json")
    assert result == 0
    return json.loads(out)


def test_add_show_update_and_list_a_project(kehu: Kehu, people: None) -> None:
    code, out, _ = kehu("projects", "add", "--name", "CRM 升级", "--set", "customer=c000002",
                        "--set", "budget=88000.10", "--set", "stage=proposal",
                        "--set", "code=crm-2026", "--set", "owner=sales2", "--json")
    assert code == 0
    added = json.loads(out)
    assert (added["code"], added["customer"], added["budget"], added["stage"],
            added["owner"]) == ("CRM-2026", "C000002", "88000.10", "proposal", "sales2")
    code, out, _ = kehu("projects", "update", "CRM-2026", "--set", "end_date=2026-12-31")
    assert code == 0 and "updated CRM-2026 CRM 升级 (version 2)" in out
    assert shown(kehu, "crm-2026")["end_date"] == "2026-12-31"
    code, out, _ = kehu("projects", "list", "--sort", "budget", "--desc", "--json")
    assert [p["code"] for p in json.loads(out)] == ["CRM-2026", "P000001"]
    code, out, _ = kehu("projects", "list", "--filter", "stage=proposal")
    assert code == 0 and "CRM-2026" in out and "P000001" not in out


def test_the_list_filters_by_a_start_date_range(kehu: Kehu, people: None) -> None:
    for name, start in (("Jan", "2026-01-15"), ("May", "2026-05-01")):
        assert kehu("projects", "add", "--name", name, "--set", "customer=C000001",
                    "--set", f"start_date={start}")[0] == 0

    def codes(*filters: str) -> list[str]:
        argv = [a for f in filters for a in ("--filter", f)]
        code, out, err = kehu("projects", "list", "--sort", "start_date", *argv, "--json")
        assert code == 0, err
        return [p["name"] for p in json.loads(out)]

    assert codes("start_date>=2026-02-01") == ["ERP 实施", "May"]
    assert codes("start_date<=2026-03-01") == ["Jan", "ERP 实施"]
    assert codes("start_date>=2026-02-01", "start_date<=2026-04-30") == ["ERP 实施"]
    assert codes("start_date>=2026-03-01", "stage=lead", "start_date<=2026-03-01") == [
        "ERP 实施"]
    for bad, message in (("start_date>=March", "start_date: must be a date"),
                         ("name>=a", "cannot filter projects by a range of 'name'"),
                         ("start_date>=2026-09-01", None)):
        argv = ["--filter", bad] + (["--filter", "start_date<=2026-01-01"]
                                    if message is None else [])
        code, _, err = kehu("projects", "list", *argv)
        assert code == 2, bad
        assert (message or "the range starts (2026-09-01) after it ends") in err


def test_an_export_keeps_the_range(kehu: Kehu, people: None, tmp_path: Path) -> None:
    assert kehu("projects", "add", "--name", "Early", "--set", "customer=C000001",
                "--set", "start_date=2025-01-01")[0] == 0
    path = tmp_path / "projects.xlsx"
    code, out, _ = kehu("export", "projects", "-o", str(path), "--filter",
                        "start_date>=2026-01-01", "--columns", "code,name,budget")
    assert code == 0 and "exported 1 rows" in out
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [[c.value for c in row][:3] for row in sheet.iter_rows()] == [
        ["Code", "Name", "Budget"], ["P000001", "ERP 实施", 0]]


def test_a_salesperson_lists_and_adds_projects_of_own_customers_only(
        kehu: Kehu, people: None, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kehu("projects", "add", "--name", "Other", "--set", "customer=C000002")[0] == 0
    as_sales(monkeypatch)
    code, out, _ = kehu("projects", "list", "--json", user="sales1")
    assert [p["code"] for p in json.loads(out)] == ["P000001"]
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    code, out, _ = kehu("projects", "list", "--json")
    assert [p["code"] for p in json.loads(out)] == ["P000001", "P000002"]
    as_sales(monkeypatch)
    before = count(db_url, "projects")
    code, _, err = kehu("projects", "add", "--name", "Poach", "--set", "customer=C000002",
                        user="sales1")
    assert (code, err.strip()) == (1, "kehu: customer: no customer 'C000002'")
    code, _, err = kehu("projects", "show", "P000002", user="sales1")
    assert (code, err.strip()) == (1, "kehu: project P000002 not found")
    assert count(db_url, "projects") == before
    code, out, _ = kehu("projects", "add", "--name", "Mine", "--set", "customer=C000001",
                        "--json", user="sales1")
    assert code == 0 and json.loads(out)["owner"] == "sales1"


def test_bad_input_names_every_field_and_writes_nothing(kehu: Kehu, people: None,
                                                        db_url: str) -> None:
    before = count(db_url, "projects"), count(db_url, "audit_log")
    code, _, err = kehu("projects", "add", "--set", "budget=-3", "--set", "stage=won",
                        "--set", "start_date=2026-02-30", "--set", "customer=C999999")
    assert code == 1
    for message in ("budget: must not be negative", "stage: must be one of",
                    "start_date: must be a date like", "name: is required"):
        assert message in err
    code, _, err = kehu("projects", "add", "--name", "Backwards", "--set", "customer=C000001",
                        "--set", "start_date=2026-05-01", "--set", "end_date=2026-04-01")
    assert (code, err.strip()) == (
        1, "kehu: end_date: must not be before the start date (2026-05-01)")
    code, _, err = kehu("projects", "add", "--name", "Nobody's", "--set", "customer=C999999")
    assert (code, err.strip()) == (1, "kehu: customer: no customer 'C999999'")
    assert (count(db_url, "projects"), count(db_url, "audit_log")) == (before[0],
                                                                      before[1] + 3)


def test_an_update_ending_before_it_starts_exits_1_and_changes_nothing(
        kehu: Kehu, people: None) -> None:
    before = shown(kehu, "P000001")
    code, _, err = kehu("projects", "update", "P000001", "--set", "start_date=2026-05-01",
                        "--set", "end_date=2026-04-01")
    assert (code, err.strip()) == (
        1, "kehu: end_date: must not be before the start date (2026-05-01)")
    code, _, err = kehu("projects", "update", "P000001", "--set", "start_date=2026-07-01")
    assert (code, err.strip()) == (
        1, "kehu: end_date: must not be before the start date (2026-07-01)")
    assert shown(kehu, "P000001") == before


def test_a_closed_project_is_reopened_only_with_the_right(
        kehu: Kehu, people: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kehu("projects", "update", "P000001", "--set", "stage=completed")[0] == 0
    code, _, err = kehu("projects", "update", "P000001", "--set", "budget=5")
    assert code == 1 and "project P000001 is completed: it is read-only" in err
    code, _, err = kehu("projects", "archive", "P000001")
    assert code == 1 and "read-only" in err
    as_sales(monkeypatch)
    code, _, err = kehu("projects", "reopen", "P000001", user="sales1")
    assert (code, err.strip()) == (3, "kehu: permission denied: you need the right "
                                      "projects.reopen")
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)  # the administrator holds the right
    code, _, err = kehu("projects", "reopen", "P000001", "--expect-version", "1")
    assert code == 4 and "was changed by admin" in err
    code, out, _ = kehu("projects", "reopen", "P000001")
    assert code == 0 and out.startswith("reopened P000001 ERP 实施: in progress (version 3)")
    assert shown(kehu, "P000001")["stage"] == "in_progress"
    code, _, err = kehu("projects", "reopen", "P000001")
    assert code == 1 and "stage: is not completed or cancelled" in err
    as_sales(monkeypatch)
    assert kehu("projects", "update", "P000001", "--set", "budget=5", user="sales1")[0] == 0


def test_a_roles_own_rights_show_in_role_show(kehu: Kehu) -> None:
    code, out, _ = kehu("role", "show", "sales_manager")
    assert code == 0
    header, *rows = [line.split() for line in out.splitlines()[1:]]
    assert header[-2:] == ["SCOPE", "OTHER"]
    projects = next(r for r in rows if r[0] == "projects")
    assert projects[-1] == "reopen=x"
    assert next(r for r in rows if r[0] == "customers")[-1] == "team"  # nothing of its own
    code, out, _ = kehu("role", "show", "salesperson")
    assert next(line for line in out.splitlines() if line.startswith("projects")) \
        .endswith("reopen=.")
    code, out, _ = kehu("role", "show", "admin", "--json")
    assert "projects.reopen" in json.loads(out)["rights"]


def test_fields_lists_the_stages_in_both_languages(kehu: Kehu) -> None:
    code, out, _ = kehu("projects", "fields", "--json")
    assert code == 0
    fields = {f["name"]: f for f in json.loads(out)}
    assert [(c["value"], c["zh"]) for c in fields["stage"]["choices"]] == [
        ("lead", "线索"), ("proposal", "方案"), ("in_progress", "进行中"),
        ("completed", "已完成"), ("cancelled", "已取消")]
    assert fields["customer"]["required"] and fields["customer"]["references"] == "customer"
    assert fields["budget"]["type"] == "money"
