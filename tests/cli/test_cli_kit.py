"""The command line on the module kit: field lists, filters and sorts checked against the
declarations, references by their key, exports to Excel, the demo's refusal, and messages
that read as text."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.logic.customers import CUSTOMER

PASSWORD = "cli-admin-secret"
SALES_PASSWORD = "sales-secret-2"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
           sqlite_template: Path) -> str:
    """A copy of the migrated template with an administrator ``admin``."""
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    url = f"sqlite:///{(tmp_path / 'cli.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    for name in ("KEHU_DATABASE_URL", "KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL",
                 "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", url, "user", "create-admin", "--username", "admin",
                 "--display-name", "Ada Admin"]) == 0
    return url


@pytest.fixture
def kehu(db_url: str, capsys: pytest.CaptureFixture[str]) -> Kehu:
    """Runs ``kehu --db URL --user admin ARGS...``: (exit code, stdout, stderr)."""

    def run(*argv: str, user: str = "admin") -> Run:
        code = main(["--db", db_url, "--user", user, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def add_user(kehu, monkeypatch: pytest.MonkeyPatch, username: str,
             role: str) -> None:
    """A user with ``role`` who has set their own password (SALES_PASSWORD)."""
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
    assert kehu("user", "add", "--username", username, "--role", role)[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
    monkeypatch.setenv("KEHU_NEW_PASSWORD", SALES_PASSWORD)
    assert kehu("user", "change-password", user=username)[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)


def count(db_url: str, table: str) -> int:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- fields, filters, sorts -----------------------------------------------------------------
def test_fields_lists_the_declarations_as_json(kehu: Kehu) -> None:
    code, out, _ = kehu("customers", "fields", "--json")
    assert code == 0
    assert json.loads(out) == CUSTOMER.describe()  # tests/logic/kit/test_fields.py
    fields = {f["name"]: f for f in json.loads(out)}
    assert fields["credit_limit"]["type"] == "money"
    assert fields["name"]["required"] is True and fields["name"]["length"] == 200
    assert [c["value"] for c in fields["status"]["choices"]] == [
        "prospect", "active", "dormant", "lost"]
    assert fields["owner"]["references"] == "user"
    code, out, _ = kehu("customers", "fields")
    assert code == 0 and "credit_limit" in out and "money" in out


@pytest.mark.parametrize(("option", "named"), [
    (("--filter", "status=bogus"), ("prospect", "active", "dormant", "lost")),
    (("--status", "bogus"), ("prospect", "active", "dormant", "lost")),
    (("--filter", "nosuchfield=x"), ("status", "tier", "owner", "city")),
    (("--sort", "nosuch"), ("name", "code", "city", "status", "updated_at")),
], ids=["filter value", "status option", "filter field", "sort"])
def test_an_unknown_filter_or_sort_is_a_usage_error_naming_the_valid_ones(
        kehu: Kehu, option: tuple[str, str], named: tuple[str, ...]) -> None:
    kehu("customers", "add", "--name", "Acme")
    code, out, err = kehu("customers", "list", *option, "--json")
    assert code == 2, err
    assert out == ""  # never an empty list as if nothing matched
    for value in named:
        assert value in err, (value, err)


def test_a_known_filter_and_sort_list_what_they_say(kehu: Kehu) -> None:
    for name, status in (("Beta", "active"), ("Alpha", "active"), ("Gamma", "lost")):
        assert kehu("customers", "add", "--name", name, "--set", f"status={status}")[0] == 0
    code, out, _ = kehu("customers", "list", "--filter", "status=active", "--sort", "name",
                        "--desc", "--json")
    assert code == 0 and [r["name"] for r in json.loads(out)] == ["Beta", "Alpha"]


# --- references by their key ----------------------------------------------------------------
def test_an_owner_is_set_and_shown_by_user_name(
        kehu: Kehu, monkeypatch: pytest.MonkeyPatch) -> None:
    add_user(kehu, monkeypatch, "sales1", "salesperson")
    code, out, err = kehu("customers", "add", "--name", "北京科技有限公司", "--set",
                          "owner=sales1", "--json")
    assert code == 0, err
    assert json.loads(out)["owner"] == "sales1"
    code, out, _ = kehu("customers", "show", "C000001", "--json")
    assert code == 0 and json.loads(out)["owner"] == "sales1"
    code, out, _ = kehu("customers", "list", "--json")
    assert [r["owner"] for r in json.loads(out)] == ["sales1"]
    code, out, _ = kehu("customers", "list", "--filter", "owner=sales1", "--json")
    assert code == 0 and [r["code"] for r in json.loads(out)] == ["C000001"]
    code, out, _ = kehu("customers", "update", "C000001", "--set", "owner=", "--json")
    assert code == 0 and json.loads(out)["owner"] is None
    code, _, err = kehu("customers", "update", "C000001", "--set", "owner=nobody")
    assert code == 1 and "owner" in err and "nobody" in err
    code, _, err = kehu("customers", "update", "C000001", "--set", "owner=admin")
    assert code == 1 and "sales role" in err  # only salespeople own customers


# --- record scope ---------------------------------------------------------------------------
def test_a_salesperson_learns_nothing_of_customers_outside_their_scope(
        kehu: Kehu, monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    """The probe of issue 4/10: a duplicate check and ``show`` that told sales1 of another
    salesperson's customer. Now both answer as for nothing there."""
    add_user(kehu, monkeypatch, "sales1", "salesperson")
    add_user(kehu, monkeypatch, "sales2", "salesperson")
    assert kehu("customers", "add", "--name", "重庆祥诚生物科技股份有限公司", "--set",
                "phone=023-6666 8888", "--set", "owner=sales2")[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", SALES_PASSWORD)
    code, out, err = kehu("customers", "add", "--name", "Probe Ltd", "--set",
                          "phone=023-6666 8888", user="sales1")
    assert code == 1 and out == ""
    assert "C000001" not in err and "祥诚" not in err and "sales2" not in err
    assert "a customer with this phone already exists that you cannot see" in err
    assert "--allow-duplicate" in err
    assert count(db_url, "customers") == 1
    hidden = kehu("customers", "show", "C000001", user="sales1")
    missing = kehu("customers", "show", "C000999", user="sales1")
    assert hidden[0] == missing[0] == 1
    assert hidden[2].replace("C000001", "CODE") == missing[2].replace("C000999", "CODE")
    for verb in (("update", "C000001", "--set", "city=上海"), ("archive", "C000001")):
        code, _, err = kehu("customers", *verb, user="sales1")
        assert (code, err.strip()) == (1, "kehu: customer C000001 not found"), verb
    code, out, err = kehu("contacts", "add", "--set", "customer=C000001", "--set",
                          "name=张三", user="sales1")
    code2, _, err2 = kehu("contacts", "add", "--set", "customer=C000999", "--set",
                          "name=张三", user="sales1")
    assert code == code2 == 1 and err.replace("C000001", "X") == err2.replace("C000999", "X")


# --- messages -------------------------------------------------------------------------------
def test_the_duplicate_message_names_the_option_that_saves_anyway(
        kehu: Kehu, db_url: str) -> None:
    assert kehu("customers", "add", "--name", "Acme Trading")[0] == 0
    code, _, err = kehu("customers", "add", "--name", "ACME trading")
    assert code == 1 and "C000001" in err and "--allow-duplicate" in err
    assert count(db_url, "customers") == 1
    assert kehu("customers", "add", "--name", "ACME trading", "--allow-duplicate")[0] == 0
    assert count(db_url, "customers") == 2


def test_the_audit_list_prints_values_not_python_reprs(kehu: Kehu) -> None:
    kehu("customers", "add", "--name", "北京科技有限公司", "--set", "city=北京")
    kehu("customers", "update", "C000001", "--set", "city=上海", "--set", "status=active",
         "--set", "tier_override=yes")
    code, out, _ = kehu("audit", "list", "--entity", "customer")
    assert code == 0
    update, create = out.splitlines()[1:]
    assert "City: 北京 -> 上海, Status: Prospect -> Active, Tier set by hand: No -> Yes" in update
    assert "City: 北京, Code: C000001" in create  # a created value without "None ->"
    for repr_ in ("None", "True", "[", "{", "'"):
        assert repr_ not in out, (repr_, out)


# --- export to Excel ------------------------------------------------------------------------
def test_export_customers_writes_typed_safe_cells_and_says_who_exported(
        kehu: Kehu, tmp_path: Path) -> None:
    kehu("customers", "add", "--name", "=HYPERLINK(\"http://x\",\"y\")", "--set",
         "credit_limit=1234567.89", "--set", "status=active")
    kehu("customers", "add", "--name", "北京科技有限公司", "--set", "city=北京")
    target = tmp_path / "x.xlsx"
    code, out, err = kehu("export", "customers", "-o", str(target), "--sort", "code")
    assert code == 0, err
    assert "2 rows" in out and target.exists()

    book = openpyxl.load_workbook(target)
    sheet, about = book.worksheets
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Name", "Short name", "Code"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    first = dict(zip(header, sheet[2], strict=True))
    assert first["Name"].data_type == "s"  # text, never a formula
    assert first["Name"].value == "=HYPERLINK(\"http://x\",\"y\")"
    assert first["Credit limit"].data_type == "n"
    assert first["Credit limit"].value == pytest.approx(1234567.89)
    assert first["Credit limit"].number_format == "#,##0.00"
    assert first["Status"].value == "Active"  # a choice by its label
    assert isinstance(first["Payment terms (days)"].value, int)
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["Exported by"] == "Ada Admin (admin)"
    assert facts["Rows"] == "2"
    code, out, _ = kehu("audit", "list", "--action", "export", "--json")
    [entry] = json.loads(out)  # the export is audited: what, how many rows, which file
    assert (entry["entity_type"], entry["changes"]["rows"], entry["changes"]["file"]) == (
        "customer", [None, 2], [None, "x.xlsx"])


def test_export_in_chinese_uses_the_chinese_words(kehu: Kehu, tmp_path: Path) -> None:
    kehu("customers", "add", "--name", "北京科技有限公司", "--set", "status=active")
    target = tmp_path / "zh.xlsx"
    assert kehu("export", "customers", "-o", str(target), "--language", "zh_CN")[0] == 0
    sheet = openpyxl.load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "名称"
    assert dict(zip(header, [c.value for c in sheet[2]], strict=True))["状态"] == "活跃客户"


def test_export_needs_the_export_right(kehu: Kehu, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    """The default Salesperson role may view its customers but not export them
    (migrations/versions/0002)."""
    add_user(kehu, monkeypatch, "sales1", "salesperson")
    monkeypatch.setenv("KEHU_PASSWORD", SALES_PASSWORD)
    assert kehu("customers", "add", "--name", "Mine Ltd", user="sales1")[0] == 0
    target = tmp_path / "refused.xlsx"
    code, _, err = kehu("export", "customers", "-o", str(target), user="sales1")
    assert code == 3 and "customers.export" in err
    assert not target.exists()
    assert list(tmp_path.glob("*.xlsx")) == []


def test_export_audit_and_users(kehu: Kehu, tmp_path: Path) -> None:
    kehu("customers", "add", "--name", "Acme", "--set", "city=北京")
    audit = tmp_path / "audit.xlsx"
    code, _, err = kehu("export", "audit", "-o", str(audit))
    assert code == 0, err
    sheet = openpyxl.load_workbook(audit).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["No.", "Time", "User"]
    values = [[c.value or "" for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["City", "", "北京"] in [row[-3:] for row in values]  # one row per field
    users = tmp_path / "users.xlsx"
    code, _, err = kehu("export", "users", "-o", str(users))
    assert code == 0, err
    sheet = openpyxl.load_workbook(users).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "User name" and rows[1][0] == "admin"
    assert "Administrator" in rows[1]
    code, _, err = kehu("export", "users", "-o", str(users), "--filter", "nosuch=x")
    assert code == 2 and "department" in err  # the users list checks its filters too
    code, _, err = kehu("export", "nosuchlist", "-o", str(tmp_path / "n.xlsx"))
    assert code == 2 and "customers" in err and "audit" in err


# --- the demo -------------------------------------------------------------------------------
def test_the_demo_refuses_a_database_that_has_users(
        tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], quick_hashing: None) -> None:
    shutil.copyfile(sqlite_template, tmp_path / "real.db")
    url = f"sqlite:///{(tmp_path / 'real.db').as_posix()}"
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    assert main(["--db", url, "user", "create-admin", "--username", "boss"]) == 0
    assert main(["--db", url, "--user", "boss", "customers", "add", "--name", "Real Ltd"]) == 0
    capsys.readouterr()
    before = {t: count(url, t) for t in ("users", "customers", "contacts", "audit_log",
                                         "departments")}
    code = main(["--db", url, "demo", "--customers", "10"])
    _, err = capsys.readouterr()
    assert code == 1 and "users" in err
    assert {t: count(url, t) for t in before} == before
    assert before["users"] == 1


def test_the_demo_says_what_it_made_and_the_counts_agree_with_the_tables(
        tmp_path: Path, sqlite_template: Path, capsys: pytest.CaptureFixture[str],
        quick_hashing: None) -> None:
    shutil.copyfile(sqlite_template, tmp_path / "demo.db")
    url = f"sqlite:///{(tmp_path / 'demo.db').as_posix()}"
    assert main(["--db", url, "--json", "demo", "--customers", "120", "--seed", "3"]) == 0
    said = json.loads(capsys.readouterr().out)
    for key, table in (("customers", "customers"), ("projects", "projects"),
                       ("activities", "activities"), ("tickets", "feedback"),
                       ("opportunities", "opportunities"), ("orders", "sales_orders"),
                       ("order_lines", "sales_order_lines"), ("invoices", "invoices"),
                       ("payments", "payments")):
        assert said[key] == count(url, table) > 0, key
    assert main(["--db", url, "demo", "--customers", "1"]) == 1  # it has users now
