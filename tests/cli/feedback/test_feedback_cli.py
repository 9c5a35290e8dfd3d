"""kehu feedback ...: the acceptance flow (a complaint from new to closed with the resolution
and a satisfaction score), refused moves exiting 1 with nothing written, the rights of each
move, conflicts, the overdue and open filters, a salesperson's own customers, the SLA an
administrator sets (feedback sla / set-sla) and fields --json; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.cli import main
from app.data.engine import make_engine
from app.data.feedback import Feedback
from app.data.kit.audit import AuditEntry

PASSWORD = "cli-admin-secret"
OTHERS_PASSWORD = "people-secret-2"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]
LONG_AGO = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
def db_url(database_url: str, monkeypatch: pytest.MonkeyPatch, quick_hashing: None) -> str:
    """The database, named by KEHU_DATABASE_URL (a server's password is not to be given
    with --db), with its administrator."""
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.setenv("KEHU_DATABASE_URL", database_url)
    for name in ("KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["user", "create-admin", "--username", "admin"]) == 0
    return database_url


@pytest.fixture
def kehu(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
         ) -> Kehu:
    def run(*argv: str, user: str = "admin") -> Run:
        monkeypatch.setenv("KEHU_PASSWORD", PASSWORD if user == "admin" else OTHERS_PASSWORD)
        code = main(["--user", user, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def people(kehu: Kehu, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> None:
    """service (Service), sales1 and sales2 (salespeople), manager (sales manager), auditor;
    C000001 is sales1's customer, with the contacts 李娜 (primary) and 王强, C000002
    sales2's, C000003 the administrator's."""
    for name, role in (("service", "service"), ("sales1", "salesperson"),
                       ("sales2", "salesperson"), ("manager", "sales_manager"),
                       ("auditor", "auditor")):
        monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
        assert kehu("user", "add", "--username", name, "--role", role)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
        monkeypatch.setenv("KEHU_NEW_PASSWORD", OTHERS_PASSWORD)
        assert main(["--user", name, "user", "change-password"]) == 0
    monkeypatch.delenv("KEHU_NEW_PASSWORD")
    for name, user in (("北京星河科技有限公司", "sales1"), ("Shanghai Harbour Logistics", "sales2"),
                       ("广州南方贸易", "admin")):
        assert kehu("customers", "add", "--name", name, user=user)[0] == 0
    for name, primary in (("李娜", "yes"), ("王强", "no")):
        assert kehu("contacts", "add", "--set", "customer=C000001", "--set", f"name={name}",
                    "--set", f"is_primary={primary}")[0] == 0
    capsys.readouterr()


@pytest.fixture
def counts(db_url: str) -> Iterator[Callable[[], tuple[int, int]]]:
    """(tickets, audit entries of tickets and of the SLA) as stored now."""
    engine = make_engine(db_url)

    def read() -> tuple[int, int]:
        with engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(Feedback)).scalar_one(),
                    conn.execute(select(func.count()).select_from(AuditEntry).where(
                        AuditEntry.entity_type.in_(("feedback", "feedback_settings"))))
                    .scalar_one())

    yield read
    engine.dispose()


@pytest.fixture
def past_due(db_url: str) -> Iterator[Callable[[str], None]]:
    """Put a ticket's creation and due times in the past, as time passing would."""
    engine = make_engine(db_url)

    def put(number: str) -> None:
        with engine.begin() as conn:
            conn.execute(update(Feedback).where(Feedback.number == number).values(
                created_at=LONG_AGO, due_at=LONG_AGO + timedelta(hours=4)))

    yield put
    engine.dispose()


def shown(kehu: Kehu, number: str, user: str = "admin") -> dict[str, Any]:
    code, out, err = kehu("feedback", "show", number, "--json", user=user)
    assert code == 0, err
    return json.loads(out)


def add(kehu: Kehu, subject: str, customer: str = "C000003", user: str = "admin",
        *sets: str) -> str:
    code, out, err = kehu("feedback", "add", "--set", f"customer={customer}",
                          "--set", f"subject={subject}", *sets, "--json", user=user)
    assert code == 0, err
    return str(json.loads(out)["number"])


def test_a_complaint_from_new_to_closed(kehu: Kehu, people: None,
                                        counts: Callable[[], tuple[int, int]]) -> None:
    """The issue's acceptance: a service agent takes a complaint from new to closed with the
    resolution and a satisfaction score; refused moves write nothing."""
    code, out, err = kehu("feedback", "add", "--set", "customer=C000001", "--set",
                          "type=complaint", "--set", "priority=urgent", "--set",
                          "subject=Invoice wrong", "--set", "contact=李娜", "--json",
                          user="service")
    assert code == 0, err
    added = json.loads(out)
    number = added["number"]
    assert (number, added["status"], added["contact"] is not None) == ("F000001", "new", True)
    created = datetime.fromisoformat(added["created_at"])
    assert datetime.fromisoformat(added["due_at"]) - created == timedelta(hours=4)

    def move(*argv: str) -> Run:
        return kehu("feedback", "move", number, "--to", *argv, user="service")

    before = counts()
    code, _, err = move("closed")
    assert (code, err.strip()) == (1, "kehu: status: cannot go from new to closed; from new "
                                      "the next states are: assigned")
    assert counts() == before
    code, out, _ = move("assigned", "--set", "assignee=service")
    assert code == 0 and out.startswith("F000001 Invoice wrong: assigned (version 2)")
    code, out, _ = move("in-progress")
    assert code == 0 and "in progress (version 3)" in out
    before = counts()
    code, _, err = move("resolved")
    assert code == 1
    assert "resolution: is required to resolve" in err and "cause: is required to resolve" in err
    code, _, err = move("resolved", "--set", "resolution=Credit note issued")
    assert (code, err.strip()) == (1, "kehu: cause: is required to resolve")
    assert counts() == before
    code, out, _ = move("resolved", "--set", "resolution=Credit note issued",
                        "--set", "cause=Wrong price list")
    assert code == 0 and "resolved (version 4)" in out
    code, _, err = move("closed", "--set", "satisfaction=6")
    assert (code, err.strip()) == (1, "kehu: satisfaction: must be between 1 and 5")
    code, _, err = move("closed", "--set", "satisfaction=0")
    assert code == 1 and counts() == (before[0], before[1] + 1)  # the resolve alone
    code, out, _ = move("closed", "--set", "satisfaction=5", "--set",
                        "satisfaction_comment=很满意", "--json")
    assert code == 0
    closed = json.loads(out)
    assert (closed["status"], closed["satisfaction"], closed["satisfaction_comment"],
            closed["resolution"], closed["cause"]) == (
        "closed", 5, "很满意", "Credit note issued", "Wrong price list")
    assert closed["due_at"] == added["due_at"] and closed["closed_at"] >= closed["resolved_at"]
    assert shown(kehu, number, "service") == closed
    code, out, err = kehu("audit", "list", "--entity", "feedback", "--json")
    assert code == 0, err
    assert [e["action"] for e in json.loads(out)] == ["close", "resolve", "start", "assign",
                                                      "create"]  # newest first


def test_every_refused_move_exits_1_and_writes_nothing(
        kehu: Kehu, people: None, counts: Callable[[], tuple[int, int]]) -> None:
    number = add(kehu, "打印机卡纸")
    before = counts()
    for target, sets, message in (
            ("in_progress", (), "cannot go from new to in progress; from new the next states "
                                "are: assigned"),
            ("resolved", ("--set", "resolution=x", "--set", "cause=y"), "cannot go from new"),
            ("new", (), "is already new; the next states are: assigned"),
            ("done", (), "status: must be one of: new, assigned, in_progress, resolved, "
                         "closed (got 'done')"),
            ("assigned", (), "assignee: is required to assign"),
            ("assigned", ("--set", "assignee=sales1"), "assignee: is not a user who works "
                                                       "feedback tickets"),
            ("assigned", ("--set", "assignee=service", "--set", "priority=low"),
             "priority: cannot be set by assign (it sets: assignee)")):
        code, out, err = kehu("feedback", "move", number, "--to", target, *sets)
        assert code == 1, (target, out, err)
        assert message in err, (target, err)
        assert out == ""
    assert counts() == before
    assert shown(kehu, number)["status"] == "new"


def test_each_move_needs_its_right_and_a_stale_version_is_a_conflict(
        kehu: Kehu, people: None, counts: Callable[[], tuple[int, int]]) -> None:
    number = add(kehu, "请求上门培训")
    before = counts()
    code, _, err = kehu("feedback", "move", number, "--to", "assigned", "--set",
                        "assignee=service", user="auditor")
    assert (code, err.strip()) == (3, "kehu: permission denied: you need the right "
                                      "feedback.assign")
    code, _, err = kehu("feedback", "update", number, "--set", "priority=high",
                        user="auditor")
    assert code == 3 and "feedback.edit" in err
    assert counts() == before
    # the sales manager may assign, and no more
    code, _, _ = kehu("feedback", "move", number, "--to", "assigned", "--set",
                      "assignee=service", user="manager")
    assert code == 0
    code, _, err = kehu("feedback", "move", number, "--to", "in_progress", user="manager")
    assert (code, err.strip()) == (3, "kehu: permission denied: you need the right "
                                      "feedback.start")
    before = counts()
    code, _, err = kehu("feedback", "move", number, "--to", "in_progress",
                        "--expect-version", "1", user="service")
    assert code == 4 and "was changed by manager" in err
    code, _, err = kehu("feedback", "update", number, "--set", "priority=high",
                        "--expect-version", "1", user="service")
    assert code == 4
    assert counts() == before
    code, out, _ = kehu("feedback", "move", number, "--to", "in_progress",
                        "--expect-version", "2", user="service")
    assert code == 0 and "(version 3)" in out


def test_reopen_from_closed_clears_the_times_and_the_score(kehu: Kehu, people: None) -> None:
    number = add(kehu, "发票抬头错误")
    for target, sets in (("assigned", ("--set", "assignee=service")), ("in_progress", ()),
                         ("resolved", ("--set", "resolution=重开发票", "--set", "cause=模板错误")),
                         ("closed", ("--set", "satisfaction=2", "--set",
                                     "satisfaction_comment=太慢"))):
        assert kehu("feedback", "move", number, "--to", target, *sets, user="service")[0] == 0
    code, out, _ = kehu("feedback", "move", number, "--to", "in_progress", "--json",
                        user="service")
    assert code == 0
    reopened = json.loads(out)
    assert (reopened["status"], reopened["resolved_at"], reopened["closed_at"],
            reopened["satisfaction"], reopened["satisfaction_comment"]) == (
        "in_progress", None, None, None, "")
    assert reopened["resolution"] == "重开发票"


def test_the_overdue_and_open_filters(kehu: Kehu, people: None,
                                      past_due: Callable[[str], None]) -> None:
    late = add(kehu, "late")
    fresh = add(kehu, "fresh")
    done = add(kehu, "done")
    for target, sets in (("assigned", ("--set", "assignee=service")), ("in_progress", ()),
                         ("resolved", ("--set", "resolution=a", "--set", "cause=b"))):
        assert kehu("feedback", "move", done, "--to", target, *sets)[0] == 0
    past_due(late)
    past_due(done)  # resolved: no longer overdue

    def numbers(*filters: str) -> list[str]:
        argv = [a for f in filters for a in ("--filter", f)]
        code, out, err = kehu("feedback", "list", *argv, "--json", user="service")
        assert code == 0, err
        return [t["number"] for t in json.loads(out)]

    assert numbers("overdue=yes") == [late]
    assert numbers("overdue=no") == [fresh, done]
    assert numbers("open=yes") == [late, fresh]
    assert numbers("open=no") == [done]
    assert numbers("open=yes", "overdue=no") == [fresh]
    assert numbers("status=resolved", "overdue=yes") == []
    code, out, _ = kehu("feedback", "list", "--filter", "overdue=yes", user="service")
    assert code == 0 and late in out and fresh not in out
    code, _, err = kehu("feedback", "list", "--filter", "overdue=perhaps")
    assert code == 2 and "overdue" in err
    assert shown(kehu, late)["overdue"] is True and shown(kehu, fresh)["overdue"] is False


def test_a_salesperson_sees_and_raises_tickets_of_own_customers_only(
        kehu: Kehu, people: None, counts: Callable[[], tuple[int, int]]) -> None:
    mine = add(kehu, "mine", "C000001")
    theirs = add(kehu, "theirs", "C000002")
    code, out, _ = kehu("feedback", "list", "--json", user="sales1")
    assert [t["number"] for t in json.loads(out)] == [mine]
    code, out, _ = kehu("feedback", "list", "--json", user="service")
    assert len(json.loads(out)) == 2
    code, _, err = kehu("feedback", "show", theirs, user="sales1")
    assert (code, err.strip()) == (1, f"kehu: feedback {theirs} not found")
    before = counts()
    code, _, err = kehu("feedback", "add", "--set", "customer=C000002", "--set",
                        "subject=poach", user="sales1")
    assert (code, err.strip()) == (1, "kehu: customer: no customer 'C000002'")
    assert counts() == before
    assert add(kehu, "raised by sales1", "C000001", "sales1")


def test_the_contact_must_be_the_customers(kehu: Kehu, people: None,
                                           counts: Callable[[], tuple[int, int]]) -> None:
    before = counts()
    code, _, err = kehu("feedback", "add", "--set", "customer=C000003", "--set",
                        "subject=x", "--set", "contact=李娜")
    assert (code, err.strip()) == (1, "kehu: contact: the customer has no contact '李娜'")
    assert counts() == before
    number = add(kehu, "with a contact", "C000001", "admin", "--set", "contact=王强")
    code, _, err = kehu("feedback", "update", number, "--set", "customer=C000003")
    assert (code, err.strip()) == (1, "kehu: contact: is not a contact of the ticket's "
                                      "customer")


def test_a_new_priority_is_due_from_the_creation(kehu: Kehu, people: None,
                                                 past_due: Callable[[str], None]) -> None:
    number = add(kehu, "printer", "C000003", "admin", "--set", "priority=low")
    past_due(number)
    code, out, _ = kehu("feedback", "update", number, "--set", "priority=high", "--json",
                        user="service")
    assert code == 0
    updated = json.loads(out)
    assert datetime.fromisoformat(updated["due_at"]) == LONG_AGO + timedelta(hours=24)
    assert updated["overdue"] is True


def test_the_sla_is_shown_and_set_by_an_administrator(
        kehu: Kehu, people: None, counts: Callable[[], tuple[int, int]]) -> None:
    code, out, _ = kehu("feedback", "sla", user="service")
    assert (code, out.strip()) == (0, "tickets are due after low 168 h, normal 72 h, "
                                      "high 24 h, urgent 4 h (version 1)")
    code, out, _ = kehu("feedback", "sla", "--json", user="sales1")
    assert json.loads(out) == {"low": 168, "normal": 72, "high": 24, "urgent": 4,
                               "version": 1}
    before = counts()
    code, _, err = kehu("feedback", "set-sla", "--set", "urgent=2", user="service")
    assert (code, err.strip()) == (3, "kehu: permission denied: you need the right "
                                      "admin.edit")
    code, _, err = kehu("feedback", "set-sla", "--set", "asap=2")
    assert code == 2 and "a priority one of: low, normal, high, urgent" in err
    code, _, err = kehu("feedback", "set-sla", "--set", "urgent")
    assert code == 2
    code, _, err = kehu("feedback", "set-sla", "--set", "urgent=0")
    assert code == 1 and "urgent_hours: must be between 1 and 8760" in err
    code, _, err = kehu("feedback", "set-sla", "--set", "urgent=2", "--expect-version", "7")
    assert code == 4
    assert counts() == before
    code, out, _ = kehu("feedback", "set-sla", "--set", "urgent=2", "--set", "low=240",
                        "--expect-version", "1")
    assert (code, out.strip()) == (0, "saved: tickets are due after low 240 h, normal 72 h, "
                                      "high 24 h, urgent 2 h (version 2)")
    assert counts() == (before[0], before[1] + 1)
    code, out, _ = kehu("feedback", "set-sla", "--set", "urgent=2", "--json")
    assert code == 0 and json.loads(out)["version"] == 2
    assert counts() == (before[0], before[1] + 1)  # no change: nothing audited
    code, out, _ = kehu("feedback", "add", "--set", "customer=C000003", "--set",
                        "subject=urgent", "--set", "priority=urgent", "--json")
    added = json.loads(out)
    assert datetime.fromisoformat(added["due_at"]) - datetime.fromisoformat(
        added["created_at"]) == timedelta(hours=2)


def test_fields_json_describes_the_ticket(kehu: Kehu, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    code, out, _ = kehu("feedback", "fields", "--json")
    assert code == 0
    fields = {f["name"]: f for f in json.loads(out)}
    assert [c["value"] for c in fields["status"]["choices"]] == [
        "new", "assigned", "in_progress", "resolved", "closed"]
    assert [(c["value"], c["zh"]) for c in fields["type"]["choices"]] == [
        ("complaint", "投诉"), ("service_request", "服务请求"), ("fault_report", "故障报告"),
        ("suggestion", "建议"), ("praise", "表扬")]
    assert [c["value"] for c in fields["priority"]["choices"]] == [
        "low", "normal", "high", "urgent"]
    assert [c["value"] for c in fields["channel"]["choices"]] == [
        "phone", "email", "visit", "web", "other"]
    assert fields["satisfaction"]["range"] == [1, 5]
    assert fields["customer"]["required"] and fields["customer"]["references"] == "customer"
    assert fields["subject"]["required"] and not fields["contact"]["required"]
    assert fields["due_at"]["type"] == "datetime"
    with pytest.raises(SystemExit):
        main(["feedback", "move", "--help"])
    assert "resolve: resolution, cause" in " ".join(capsys.readouterr().out.split())
