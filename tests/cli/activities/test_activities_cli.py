"""kehu activities ...: done (with the follow-up planned, refused twice, before today, stale,
bad input as usage errors), due (My day for the signed-in user, with the overdue tickets
assigned to them) and plan (the month's visits per salesperson, a manager's team), and the
generic verbs on activities named by id."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.data.database import open_database
from app.logic.services import Services

PASSWORD = "cli-admin-secret"
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
        try:
            code = main(["--db", db_url, "--user", user, *argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def people(kehu: Kehu, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """sales1 and sales2 (salespeople) in manager's team, each with a customer (C000001,
    C000002), and service (the Service role); all with the admin's password."""
    for name, role in (("sales1", "salesperson"), ("sales2", "salesperson"),
                       ("manager", "sales_manager"), ("service", "service")):
        monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
        assert kehu("user", "add", "--username", name, "--role", role)[0] == 0
    db = open_database(db_url)
    try:
        services = Services.build(db.unit_of_work, db.display_url)
        admin = services.auth.login("admin", PASSWORD)
        for name in ("manager", "sales1", "sales2", "service"):
            first = services.auth.login(name, "initial-secret-1")
            services.auth.change_password(first, "initial-secret-1", PASSWORD)
        users = {u.username: u for u in services.users.list_all_users(admin)}
        dept = services.departments.create_department(admin, "华东销售部").saved
        for name in ("manager", "sales1", "sales2"):
            services.users.update_user(admin, users[name].id, users[name].version,
                                       department_id=dept.id)
        services.departments.update_department(admin, dept.id, dept.version,
                                               manager_id=users["manager"].id)
    finally:
        db.dispose()
    for name in ("sales1", "sales2"):
        assert kehu("customers", "add", "--name", f"{name} 的客户", user=name)[0] == 0


def add(kehu: Kehu, at: datetime | str, subject: str, user: str = "sales1",
        customer: str = "C000001", kind: str = "visit") -> dict:
    when = at if isinstance(at, str) else at.strftime("%Y-%m-%d %H:%M")
    code, out, err = kehu("activities", "add", "--set", f"customer={customer}", "--set",
                          f"subject={subject}", "--set", f"scheduled_at={when}", "--set",
                          f"kind={kind}", "--json", user=user)
    assert code == 0, err
    return json.loads(out)


def count(db_url: str, table: str, where: str = "1 = 1") -> int:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])


def local(day: date, hour: int) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def test_done_with_a_follow_up(kehu: Kehu, people: None, db_url: str) -> None:
    made = add(kehu, "2026-03-10 10:00", "拜访采购部")
    follow = date.today() + timedelta(days=2)
    code, out, err = kehu("activities", "done", str(made["id"]), "--outcome", "有意向",
                          "--next", follow.isoformat(), user="sales1")
    assert code == 0, err
    assert f"#{made['id']} 拜访采购部: done (version 2); follow-up #{made['id'] + 1} " \
           f"planned for {follow.isoformat()} 09:00" in out
    shown = json.loads(kehu("activities", "show", str(made["id"]), "--json")[1])
    assert (shown["state"], shown["outcome"], shown["next_follow_up"]) == (
        "done", "有意向", follow.isoformat())
    following = json.loads(kehu("activities", "show", str(made["id"] + 1), "--json")[1])
    assert (following["subject"], following["state"], following["owner"]) == (
        "跟进：拜访采购部", "planned", "sales1")
    assert following["scheduled_at"] == local(follow, 9).astimezone().isoformat()
    assert count(db_url, "activities") == 2


def test_done_refused_writes_nothing(kehu: Kehu, people: None, db_url: str) -> None:
    made = add(kehu, "2026-03-10 10:00", "拜访采购部")
    key = str(made["id"])
    entries = count(db_url, "audit_log", "entity_type = 'activity'")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for argv, exit_code, message in (
            (("--next", yesterday), 1, "next_follow_up: must not be before today"),
            (("--next", "2026-02-30"), 2, "--next takes a date as YYYY-MM-DD"),
            (("--next", "next week"), 2, "--next takes a date as YYYY-MM-DD"),
            (("--expect-version", "3"), 4, ""),
            (("--expect-version", "0"), 2, "at least 1")):
        code, _, err = kehu("activities", "done", key, *argv, user="sales1")
        assert code == exit_code, (argv, err)
        assert message in err, err
    code, _, err = kehu("activities", "done", "first", user="sales1")
    assert code == 2 and "named by its id" in err
    code, _, err = kehu("activities", "done", key, user="sales2")  # not their customer's
    assert code == 1 and "not found" in err
    assert count(db_url, "audit_log", "entity_type = 'activity'") == entries
    assert kehu("activities", "done", key, "--expect-version", "1", user="sales1")[0] == 0
    code, _, err = kehu("activities", "done", key, user="sales1")
    assert code == 1 and "state: is already done" in err
    assert count(db_url, "activities") == 1


def test_due_is_my_day(kehu: Kehu, people: None, db_url: str) -> None:
    today = date.today()
    add(kehu, local(today - timedelta(days=1), 10), "yesterday's visit")
    add(kehu, local(today, 12), "today's call", kind="call")
    add(kehu, local(today + timedelta(days=3), 10), "in three days")
    add(kehu, local(today + timedelta(days=9), 10), "too far")
    add(kehu, local(today, 12), "sales2's visit", user="sales2", customer="C000002")
    code, out, err = kehu("activities", "due", "--json", user="sales1")
    assert code == 0, err
    day = json.loads(out)
    assert set(day) == {"overdue", "today", "week", "tickets"}
    assert [a["subject"] for a in day["overdue"]] == ["yesterday's visit"]
    assert [a["subject"] for a in day["today"]] == ["today's call"]
    assert [a["subject"] for a in day["week"]] == ["in three days"]
    assert day["tickets"] == []
    assert {"id", "kind", "customer", "scheduled_at", "state", "owner"} <= set(
        day["today"][0])
    assert day["today"][0]["customer"] == "C000001"
    manager = json.loads(kehu("activities", "due", "--json", user="manager")[1])
    assert {a["subject"] for a in manager["today"]} == {"today's call", "sales2's visit"}
    code, out, _ = kehu("activities", "due", user="sales1")
    assert code == 0
    assert "Overdue (1)" in out and f"Today, {today.isoformat()} (1)" in out
    assert "today's call" in out and "too far" not in out


def test_due_shows_the_overdue_tickets_assigned_to_me(kehu: Kehu, people: None,
                                                      db_url: str) -> None:
    code, out, err = kehu("feedback", "add", "--set", "customer=C000001", "--set",
                          "subject=发票错误", "--json")
    assert code == 0, err
    number = json.loads(out)["number"]
    assert kehu("feedback", "move", number, "--to", "assigned", "--set",
                "assignee=admin")[0] == 0
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE feedback SET due_at = '2026-01-01 00:00:00.000000'")
    day = json.loads(kehu("activities", "due", "--json")[1])
    assert [t["number"] for t in day["tickets"]] == [number]
    assert day["tickets"][0]["overdue"] is True
    assert json.loads(kehu("activities", "due", "--json", user="sales1")[1])["tickets"] == []
    code, out, _ = kehu("activities", "due")
    assert f"Overdue tickets assigned to you (1)\n  {number}" in out
    # Someone who works tickets only sees theirs, and no activities.
    assert kehu("feedback", "move", number, "--to", "assigned", "--set",
                "assignee=service")[0] == 1  # already assigned: reassigning is an edit
    assert kehu("feedback", "update", number, "--set", "assignee=service")[0] == 0
    code, out, err = kehu("activities", "due", "--json", user="service")
    assert code == 0, err
    day = json.loads(out)
    assert [t["number"] for t in day["tickets"]] == [number]
    assert day["overdue"] == day["today"] == day["week"] == []
    assert json.loads(kehu("activities", "due", "--json")[1])["tickets"] == []


def test_plan(kehu: Kehu, people: None) -> None:
    for i in range(4):
        made = add(kehu, f"2026-03-{10 + i} 10:00", f"visit {i}")
        if i < 3:
            assert kehu("activities", "done", str(made["id"]), user="sales1")[0] == 0
    add(kehu, "2026-03-12 10:00", "a call", kind="call")
    for i in range(3):
        made = add(kehu, f"2026-03-{10 + i} 15:00", f"visit {i}", user="sales2",
                   customer="C000002")
        if i < 2:
            assert kehu("activities", "done", str(made["id"]), user="sales2")[0] == 0
    code, out, err = kehu("activities", "plan", "--month", "2026-03", "--json",
                          user="manager")
    assert code == 0, err
    rows = {r["user"]: (r["planned"], r["done"], r["rate"]) for r in json.loads(out)}
    assert rows == {"manager": (0, 0, None), "sales1": (4, 3, "75.0"),
                    "sales2": (3, 2, "66.7")}
    own = json.loads(kehu("activities", "plan", "--month", "2026-03", "--json",
                          user="sales1")[1])
    assert [(r["user"], r["rate"]) for r in own] == [("sales1", "75.0")]
    code, out, _ = kehu("activities", "plan", "--month", "2026-03", user="manager")
    assert code == 0
    assert "sales1" in out and "75.0%" in out and "66.7%" in out
    assert "(3 salespeople, 5 of 7 visits done in 2026-03)" in out


@pytest.mark.parametrize("month", ["2026-13", "03-2026", "2026", "march", "2026-03-01"])
def test_plan_refuses_a_bad_month(kehu: Kehu, people: None, month: str) -> None:
    code, out, err = kehu("activities", "plan", "--month", month)
    assert code == 2 and out == ""
    assert f"--month takes a month as YYYY-MM, got {month!r}" in err


def test_plan_needs_a_month(kehu: Kehu, people: None) -> None:
    assert kehu("activities", "plan")[0] == 2


def test_the_generic_verbs_and_bad_input(kehu: Kehu, people: None, db_url: str) -> None:
    made = add(kehu, "2026-03-10 10:00", "拜访采购部")
    code, out, _ = kehu("activities", "list", "--filter", "overdue=yes", user="sales1")
    assert code == 0 and "拜访采购部" in out and "(1 activity)" in out
    assert "拜访采购部" not in kehu("activities", "list", user="sales2")[1]
    code, _, err = kehu("activities", "add", "--set", "customer=C000001", "--set",
                        "subject=x", user="sales1")
    assert code == 1 and "scheduled_at" in err
    code, _, err = kehu("activities", "add", "--set", "customer=C000001", "--set",
                        "subject=x", "--set", "scheduled_at=tomorrow", user="sales1")
    assert code == 1 and "scheduled_at" in err
    code, _, err = kehu("activities", "update", str(made["id"]), "--set", "state=done",
                        user="sales1")
    assert code == 1 and "state" in err
    assert count(db_url, "activities") == 1
    code, out, _ = kehu("activities", "move", str(made["id"]), "--to", "done", "--set",
                        "outcome=ok", user="sales1")
    assert code == 0 and "done (version 2)" in out
