"""kehu orders / opportunities / pipeline: an order added with its lines and taken from draft
to delivered, its JSON (two-place amounts, the lines), the credit check refusing with the
figures (exit 1), the override (exit 3 for a salesperson, 0 for the manager, audited), bad
--line input as a usage error (exit 2), unknown or inactive products (exit 1) with nothing
written, lines replaced by update, the salesperson's scope, the pipeline's sums (--json,
--owner, --team, --month) and a won opportunity turned into an order; on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.data.database import open_database
from app.data.engine import make_engine
from app.data.kit.audit import AuditEntry
from app.data.sales.models import Opportunity, SalesOrder, SalesOrderLine
from app.logic.services import Services

PASSWORD = "cli-admin-secret"
OTHERS_PASSWORD = "people-secret-2"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]
Counts = Callable[[], tuple[int, int, int, int]]
YEAR = date.today().year
# 3 × G3333 at 33.33, 10% off: 89.99 + 11.70 = 101.69, C000001's credit limit exactly.
AT_LIMIT = "G3333:3:33.33:0.1"


@pytest.fixture
def db_url(database_url: str, monkeypatch: pytest.MonkeyPatch, quick_hashing: None) -> str:
    """The database, named by KEHU_DATABASE_URL, with its administrator."""
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
        try:
            code = main(["--user", user, *argv])
        except SystemExit as exit_:  # argparse's own usage errors
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def people(kehu: Kehu, db_url: str, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> None:
    """sales1 and sales2 (salespeople) in manager's team 华东销售部 (manager: a sales
    manager), sales3 of 华北销售部. Customers: C000001 sales1's (credit limit 101.69),
    C000002 sales2's, C000003 the administrator's (limit 1000000), C000004 sales3's.
    Products: G3333 压力表 (33.33, 13%), G0100 螺丝 (1.00, 0%), G9999 (no longer sold)."""
    for name, role in (("sales1", "salesperson"), ("sales2", "salesperson"),
                       ("sales3", "salesperson"), ("manager", "sales_manager")):
        monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
        assert kehu("user", "add", "--username", name, "--role", role)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
        monkeypatch.setenv("KEHU_NEW_PASSWORD", OTHERS_PASSWORD)
        assert main(["--user", name, "user", "change-password"]) == 0
    monkeypatch.delenv("KEHU_NEW_PASSWORD")
    db = open_database(db_url)
    try:
        services = Services.build(db.unit_of_work, db.display_url)
        admin = services.auth.login("admin", PASSWORD)
        users = {u.username: u for u in services.users.list_all_users(admin)}
        for dept_name, head, members in (("华东销售部", "manager", ("manager", "sales1",
                                                                "sales2")),
                                         ("华北销售部", None, ("sales3",))):
            dept = services.departments.create_department(admin, dept_name).saved
            for name in members:
                services.users.update_user(admin, users[name].id, users[name].version,
                                           department_id=dept.id)
            if head:
                services.departments.update_department(admin, dept.id, dept.version,
                                                       manager_id=users[head].id)
    finally:
        db.dispose()
    for name, owner, limit in (("北京星河科技有限公司", "sales1", "101.69"),
                               ("Shanghai Harbour Logistics", "sales2", "100000"),
                               ("广州南方贸易", "", "1000000"),
                               ("天津北方机械", "sales3", "100000")):
        sets = ("--set", f"owner={owner}") if owner else ()
        assert kehu("customers", "add", "--name", name, "--set", f"credit_limit={limit}",
                    *sets)[0] == 0
    for code, name, price, rate in (("G3333", "压力表", "33.33", "0.13"),
                                    ("G0100", "螺丝", "1.00", "0"),
                                    ("G9999", "停产阀门", "99.00", "0.09")):
        assert kehu("products", "add", "--name", name, "--set", f"code={code}", "--set",
                    f"list_price={price}", "--set", f"tax_rate={rate}")[0] == 0
    assert kehu("products", "update", "G9999", "--set", "active=no")[0] == 0
    capsys.readouterr()


@pytest.fixture
def counts(db_url: str) -> Iterator[Counts]:
    """(orders, order lines, opportunities, audit entries of orders and opportunities) as
    stored now (signing in is audited too: those entries are not counted)."""
    engine = make_engine(db_url)

    def read() -> tuple[int, int, int, int]:
        with engine.connect() as conn:
            def count(table: Any, *where: Any) -> int:
                stmt = select(func.count()).select_from(table).where(*where)
                return int(conn.execute(stmt).scalar_one())

            return (count(SalesOrder), count(SalesOrderLine), count(Opportunity),
                    count(AuditEntry, AuditEntry.entity_type.in_(("order", "opportunity"))))

    yield read
    engine.dispose()


def add_order(kehu: Kehu, customer: str, *lines: str, user: str = "admin") -> str:
    argv = [a for line in lines for a in ("--line", line)]
    code, out, err = kehu("orders", "add", "--set", f"customer={customer}", *argv, "--json",
                          user=user)
    assert code == 0, err
    return str(json.loads(out)["number"])


def shown(kehu: Kehu, number: str, user: str = "admin") -> dict[str, Any]:
    code, out, err = kehu("orders", "show", number, "--json", user=user)
    assert code == 0, err
    return dict(json.loads(out))


# --- orders ---------------------------------------------------------------------------------
def test_an_order_with_its_lines_from_draft_to_delivered(kehu: Kehu, people: None) -> None:
    code, out, err = kehu("orders", "add", "--set", "customer=C000003", "--line", AT_LIMIT,
                          "--line", "G0100:2", "--json")
    assert code == 0, err
    number = json.loads(out)["number"]
    assert number == f"SO{YEAR}-000001"
    order = shown(kehu, number)
    assert (order["number"], order["status"], order["customer"], order["salesperson"]) == (
        number, "draft", "C000003", "admin")
    # 89.99 + 2.00 net; 11.70 + 0.00 tax
    assert (order["net"], order["tax"], order["gross"]) == ("91.99", "11.70", "103.69")
    assert [(li["product"], li["description"], li["quantity"], li["unit_price"],
             li["discount"], li["tax_rate"], li["net"], li["tax"], li["gross"])
            for li in order["lines"]] == [
        ("G3333", "压力表", "3", "33.33", "0.1", "0.13", "89.99", "11.70", "101.69"),
        ("G0100", "螺丝", "2", "1.00", "0", "0", "2.00", "0.00", "2.00")]
    # Without --json: the number and the totals.
    code, out, _ = kehu("orders", "add", "--set", "customer=C000003", "--line", "G3333:2")
    # 2 × 33.33 = 66.66; × 13% = 8.6658 → 8.67
    assert code == 0
    assert out.splitlines()[0] == (f"created SO{YEAR}-000002: net 66.66, tax 8.67, "
                                   f"gross 75.33")
    code, out, _ = kehu("orders", "confirm", number)
    assert (code, out.splitlines()[0]) == (0, f"{number}: confirmed (version 2)")
    code, out, _ = kehu("orders", "deliver", number)
    assert (code, out.splitlines()[0]) == (0, f"{number}: delivered (version 3)")
    assert shown(kehu, number)["status"] == "delivered"
    code, _, err = kehu("orders", "cancel", number, "--reason", "太晚了")
    assert code == 1 and "cannot go from delivered to cancelled" in err


def test_over_the_credit_limit_confirm_exits_1_with_the_figures(
        kehu: Kehu, people: None, counts: Counts) -> None:
    small = add_order(kehu, "C000001", "G0100:1:0.01", user="sales1")
    assert kehu("orders", "confirm", small, user="sales1")[0] == 0  # open: 0.01
    number = add_order(kehu, "C000001", AT_LIMIT, user="sales1")
    before = counts()
    code, out, err = kehu("orders", "confirm", number, user="sales1")
    assert (code, out) == (1, "")
    assert err.strip() == (f"kehu: order {number} not confirmed: the credit limit would be "
                           f"exceeded: limit 101.69, open 0.01, this order 101.69, "
                           f"excess 0.01")
    assert counts() == before
    # A salesperson may not override: exit 3, nothing written.
    code, _, err = kehu("orders", "confirm", number, "--override-reason", "老客户",
                        user="sales1")
    assert (code, err.strip()) == (3, "kehu: permission denied: you need the right "
                                      "sales.credit_override")
    assert counts() == before
    assert shown(kehu, number)["status"] == "draft"
    # The manager may, with the reason: stored and audited with the figures.
    code, out, err = kehu("orders", "confirm", number, "--override-reason",
                          "总经理批准先发货", user="manager")
    assert code == 0, err
    assert out.splitlines()[0] == (f"{number}: confirmed over the credit limit: 总经理批准先发货 "
                                   f"(version 2)")
    order = shown(kehu, number)
    assert (order["status"], order["credit_override_reason"]) == ("confirmed", "总经理批准先发货")
    code, out, _ = kehu("audit", "list", "--entity", "order", "--json")
    entries = json.loads(out)
    assert [e["action"] for e in entries[:2]] == ["confirm", "credit_override"]
    assert counts()[3] == before[3] + 2


def test_confirm_within_the_limit_and_a_stale_version(kehu: Kehu, people: None,
                                                      counts: Counts) -> None:
    number = add_order(kehu, "C000001", AT_LIMIT, user="sales1")
    assert kehu("orders", "update", number, "--set", "notes=加急", user="sales1")[0] == 0
    before = counts()
    code, _, err = kehu("orders", "confirm", number, "--expect-version", "1", user="sales1")
    assert code == 4 and "was changed by sales1" in err
    assert counts() == before
    code, out, _ = kehu("orders", "confirm", number, "--expect-version", "2", "--json",
                        user="sales1")
    assert code == 0
    confirmed = json.loads(out)
    assert (confirmed["status"], confirmed["gross"], confirmed["credit_override_reason"]) == (
        "confirmed", "101.69", "")


@pytest.mark.parametrize("line", ["G1", "G3333", ":3", "G3333:", "G3333:1:2:3:4"])
def test_a_bad_line_is_a_usage_error(kehu: Kehu, people: None, counts: Counts,
                                     line: str) -> None:
    before = counts()
    code, out, err = kehu("orders", "add", "--set", "customer=C000003", "--line", line)
    assert (code, out) == (2, "")
    assert "--line takes CODE:QUANTITY[:UNIT_PRICE[:DISCOUNT]]" in err
    assert counts() == before


@pytest.mark.parametrize(("line", "message"), [
    ("NOPE:1", "kehu: lines[2].product: no product 'NOPE'"),
    ("G9999:1", "kehu: lines[2].product: G9999 is not an active product"),
    ("G3333:1.2345", "kehu: lines[2].quantity: must have at most 3 decimal places"),
    ("G3333:1:0.005", "kehu: lines[2].unit_price: must have at most two decimal places")])
def test_an_unknown_or_inactive_product_exits_1_with_nothing_written(
        kehu: Kehu, people: None, counts: Counts, line: str, message: str) -> None:
    before = counts()
    code, out, err = kehu("orders", "add", "--set", "customer=C000003", "--line", "G0100:1",
                          "--line", line)
    assert code == 1 and out == ""
    assert err.strip() == message
    assert counts() == before


def test_update_replaces_the_lines_of_a_draft_only(kehu: Kehu, people: None,
                                                   counts: Counts) -> None:
    number = add_order(kehu, "C000003", AT_LIMIT)
    code, out, err = kehu("orders", "update", number, "--line", "G0100:5", "--line",
                          "G3333:1")
    assert code == 0, err
    # 5.00 + 33.33 net; 0 + 4.3329 → 4.33 tax
    assert out.splitlines()[0] == f"updated {number} (version 2): gross 42.66"
    order = shown(kehu, number)
    assert [li["product"] for li in order["lines"]] == ["G0100", "G3333"]
    assert (order["net"], order["tax"], order["gross"]) == ("38.33", "4.33", "42.66")
    code, _, err = kehu("orders", "update", number)
    assert code == 2 and "--set" in err
    assert kehu("orders", "confirm", number)[0] == 0
    before = counts()
    code, _, err = kehu("orders", "update", number, "--line", "G0100:1")
    assert code == 1
    assert err.strip() == ("kehu: lines: cannot be changed: the order is confirmed (only a "
                           "draft order is edited)")
    assert counts() == before
    code, _, err = kehu("orders", "cancel", number, "--reason", "   ")
    assert (code, err.strip()) == (1, "kehu: cancel_reason: is required to cancel order")
    code, out, _ = kehu("orders", "cancel", number, "--reason", "客户撤单")
    assert code == 0 and out.splitlines()[0] == f"{number}: cancelled (version 4)"


def test_a_salesperson_sees_own_orders_only(kehu: Kehu, people: None) -> None:
    own = add_order(kehu, "C000001", "G0100:1", user="sales1")
    other = add_order(kehu, "C000002", "G0100:1", user="sales2")
    north = add_order(kehu, "C000004", "G0100:1", user="sales3")

    def listed(user: str) -> list[str]:
        code, out, err = kehu("orders", "list", "--json", user=user)
        assert code == 0, err
        return [o["number"] for o in json.loads(out)]

    assert listed("sales1") == [own]
    assert listed("manager") == [own, other]
    assert listed("admin") == [own, other, north]
    code, _, err = kehu("orders", "show", other, user="sales1")
    assert (code, err.strip()) == (1, f"kehu: order {other} not found")
    code, _, err = kehu("orders", "confirm", north, user="manager")
    assert (code, err.strip()) == (1, f"kehu: order {north} not found")


# --- opportunities and the pipeline ---------------------------------------------------------
def add_opportunity(kehu: Kehu, customer: str, amount: str, close: str,
                    *moves: tuple[str, ...]) -> str:
    code, out, err = kehu("opportunities", "add", "--set", f"name=商机 {amount}", "--set",
                          f"customer={customer}", "--set", f"amount={amount}", "--set",
                          f"expected_close={close}", "--json")
    assert code == 0, err
    number = str(json.loads(out)["number"])
    for move in moves:
        code, _, err = kehu("opportunities", "move", number, "--to", *move)
        assert code == 0, err
    return number


def test_the_pipeline_sums_each_stage(kehu: Kehu, people: None) -> None:
    add_opportunity(kehu, "C000001", "1000.00", "2026-05-10")
    add_opportunity(kehu, "C000001", "333.33", "2026-05-31", ("proposal",))
    add_opportunity(kehu, "C000002", "1234.56", "2026-06-15", ("proposal",))
    add_opportunity(kehu, "C000002", "800.00", "2026-05-20",
                    ("lost", "--set", "lost_reason=预算不足"))
    add_opportunity(kehu, "C000004", "2.50", "2026-05-20", ("negotiation",))

    def pipeline(*narrow: str, user: str = "admin") -> dict[str, tuple[int, str, str]]:
        code, out, err = kehu("pipeline", *narrow, "--json", user=user)
        assert code == 0, err
        found = json.loads(out)
        assert [s["stage"] for s in found] == ["qualification", "needs_analysis",
                                               "proposal", "negotiation", "won", "lost"]
        return {s["stage"]: (s["count"], s["amount"], s["weighted"]) for s in found}

    zero = (0, "0.00", "0.00")
    # 333.33 × 50% = 166.665 → 166.67; 1234.56 × 50% = 617.28; 2.50 × 75% = 1.875 → 1.88
    assert pipeline() == {"qualification": (1, "1000.00", "100.00"), "needs_analysis": zero,
                          "proposal": (2, "1567.89", "783.95"),
                          "negotiation": (1, "2.50", "1.88"), "won": zero,
                          "lost": (1, "800.00", "0.00")}
    sales1 = {"qualification": (1, "1000.00", "100.00"), "needs_analysis": zero,
              "proposal": (1, "333.33", "166.67"), "negotiation": zero, "won": zero,
              "lost": zero}
    assert pipeline("--owner", "sales1") == sales1
    assert pipeline(user="sales1") == sales1
    assert pipeline("--team", "华东销售部") == {**pipeline(), "negotiation": zero}
    assert pipeline("--month", "2026-05") == {**sales1, "negotiation": (1, "2.50", "1.88"),
                                              "lost": (1, "800.00", "0.00")}
    assert pipeline("--team", "华北销售部", "--month", "2026-06") == {
        s: zero for s in sales1}
    code, out, _ = kehu("pipeline")
    assert code == 0
    assert out.splitlines()[3].split() == ["Proposal", "2", "1,567.89", "783.95"]
    assert out.splitlines()[-1] == "(open pipeline, weighted: 885.83)"
    code, _, err = kehu("pipeline", "--month", "May")
    assert code == 1 and "month: must be a month like 2026-05" in err


def test_lost_needs_its_reason_and_a_won_one_becomes_an_order(kehu: Kehu, people: None,
                                                              counts: Counts) -> None:
    number = add_opportunity(kehu, "C000001", "5000.00", "2026-05-10")
    before = counts()
    code, _, err = kehu("opportunities", "move", number, "--to", "lost")
    assert code == 1 and "lost_reason: is required" in err
    code, _, err = kehu("opportunities", "to-order", number)
    assert code == 1 and f"{number} is not won (it is at qualification)" in err
    assert counts() == before
    assert kehu("opportunities", "move", number, "--to", "won")[0] == 0
    code, out, err = kehu("opportunities", "to-order", number, user="sales1")
    assert code == 0, err
    assert out.splitlines()[0] == f"created SO{YEAR}-000001 (draft) for {number}"
    order = shown(kehu, f"SO{YEAR}-000001", user="sales1")
    assert (order["status"], order["customer"], order["salesperson"], order["opportunity"],
            order["lines"]) == ("draft", "C000001", "sales1", number, [])
