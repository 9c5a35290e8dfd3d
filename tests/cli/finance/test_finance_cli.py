"""kehu invoices / payments / receivables / customers tiers|key-accounts|churn|key-account|
rate as finance and a manager use them, on SQLite and PostgreSQL: invoices from orders
issued at once, oldest-first allocation seen in `invoices show --json`, over-allocation
(exit 1, nothing written), void of a paid invoice refused, receivables now and as of a past
date, the tiers after a recompute, key accounts named by hand, a manual rating (exit 3 for a
salesperson), bad input (exit 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.data.engine import make_engine
from app.data.finance import Allocation, Invoice, Payment

PASSWORD = "cli-admin-secret"
OTHERS_PASSWORD = "people-secret-2"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]


@pytest.fixture
def kehu(database_url: str, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
         capsys: pytest.CaptureFixture[str]) -> Kehu:
    """The CLI on the database with an administrator, finance1 (Finance), manager (Sales
    manager), sales1 (Salesperson); customers PT001 (limit 100000, 30 days) and C2; product
    W100 (100.00, no tax)."""
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.setenv("KEHU_DATABASE_URL", database_url)
    for name in ("KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["user", "create-admin", "--username", "admin"]) == 0

    def run(*argv: str, user: str = "admin") -> Run:
        monkeypatch.setenv("KEHU_PASSWORD", PASSWORD if user == "admin" else OTHERS_PASSWORD)
        try:
            code = main(["--user", user, *argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    for name, role in (("finance1", "finance"), ("manager", "sales_manager"),
                       ("sales1", "salesperson")):
        monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
        assert run("user", "add", "--username", name, "--role", role)[0] == 0
        monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
        monkeypatch.setenv("KEHU_NEW_PASSWORD", OTHERS_PASSWORD)
        assert main(["--user", name, "user", "change-password"]) == 0
    monkeypatch.delenv("KEHU_NEW_PASSWORD")
    assert run("products", "add", "--name", "Widget", "--set", "code=W100", "--set",
               "list_price=100", "--set", "tax_rate=0")[0] == 0
    for code, name in (("PT001", "Payer Test Ltd"), ("C2", "第二客户")):
        assert run("customers", "add", "--name", name, "--set", f"code={code}", "--set",
                   "credit_limit=100000", "--set", "payment_terms_days=30", "--set",
                   "owner=sales1", "--set", "status=active")[0] == 0
    capsys.readouterr()
    return run


def invoiced(kehu: Kehu, quantity: int, customer: str = "PT001") -> str:
    code, out, err = kehu("orders", "add", "--set", f"customer={customer}", "--line",
                          f"W100:{quantity}", "--json")
    assert code == 0, err
    number = json.loads(out)["number"]
    assert kehu("orders", "confirm", number)[0] == 0
    code, out, err = kehu("invoices", "add", "--order", number, "--issue", "--json",
                          user="finance1")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["status"], shown["order"]) == ("issued", number)
    return str(shown["number"])


def show(kehu: Kehu, number: str) -> dict[str, object]:
    code, out, err = kehu("invoices", "show", number, "--json", user="finance1")
    assert code == 0, err
    return dict(json.loads(out))


def test_payments_are_allocated_oldest_first_and_over_allocation_exits_1(
        kehu: Kehu, database_url: str) -> None:
    first, second = invoiced(kehu, 3), invoiced(kehu, 2)
    code, out, err = kehu("payments", "add", "--set", "customer=PT001", "--set",
                          "amount=350", "--set", "method=acceptance_bill", "--json",
                          user="finance1")
    assert code == 0, err
    paid = json.loads(out)
    assert (paid["method"], paid["allocated"], paid["unallocated"]) == (
        "acceptance_bill", "350.00", "0.00")
    assert [(a["invoice"], a["amount"]) for a in paid["allocations"]] == [
        (first, "300.00"), (second, "50.00")]
    a, b = show(kehu, first), show(kehu, second)
    assert (a["status"], a["open"]) == ("paid", "0.00")
    assert (b["status"], b["open"], b["gross"]) == ("partially_paid", "150.00", "200.00")

    engine = make_engine(database_url)
    try:
        def rows() -> tuple[int, int]:
            with engine.connect() as conn:
                return (int(conn.execute(select(func.count()).select_from(Payment))
                            .scalar_one()),
                        int(conn.execute(select(func.count()).select_from(Allocation))
                            .scalar_one()))

        before = rows()
        code, _, err = kehu("payments", "add", "--set", "customer=PT001", "--set",
                            "amount=50", "--allocate", f"{second}=60", user="finance1")
        assert code == 1 and "more than the payment" in err
        assert rows() == before
        code, _, err = kehu("payments", "add", "--set", "customer=PT001", "--set",
                            "amount=50", "--allocate", "no-equals-sign", user="finance1")
        assert code == 2 and "--allocate" in err
        assert rows() == before
    finally:
        engine.dispose()
    # A paid invoice is not voided; a draft one is.
    code, _, err = kehu("invoices", "void", first, "--reason", "x", user="finance1")
    assert code == 1 and "cannot be voided" in err
    code, out, _ = kehu("invoices", "add", "--set", "customer=C2", "--set", "net=10",
                        "--set", "tax=1.3", "--json", user="finance1")
    draft = json.loads(out)
    assert (code, draft["gross"], draft["status"]) == (0, "11.30", "draft")
    assert kehu("invoices", "void", draft["number"], "--reason", "开错了",
                user="finance1")[0] == 0


def test_receivables_now_and_as_of_a_past_date(kehu: Kehu, database_url: str) -> None:
    number = invoiced(kehu, 2)
    engine = make_engine(database_url)
    try:  # issued 100 days ago, due 70 days ago
        with engine.begin() as conn:
            conn.execute(Invoice.__table__.update().where(Invoice.number == number).values(
                issue_date=date.today() - timedelta(days=100),
                due_date=date.today() - timedelta(days=70)))
    finally:
        engine.dispose()
    code, out, err = kehu("receivables", "--customer", "PT001", "--json", user="finance1")
    assert code == 0, err
    assert json.loads(out) == [{
        "code": "PT001", "name": "Payer Test Ltd", "open": "200.00", "overdue": "200.00",
        "current": "0.00", "days_1_30": "0.00", "days_31_60": "0.00",
        "days_61_90": "200.00", "days_over_90": "0.00"}]
    then = (date.today() - timedelta(days=80)).isoformat()  # issued, not yet due
    code, out, _ = kehu("receivables", "--as-of", then, "--json", user="finance1")
    assert [(r["code"], r["current"]) for r in json.loads(out)] == [("PT001", "200.00")]
    code, out, _ = kehu("receivables", "--as-of", "2000-01-01", "--json", user="finance1")
    assert json.loads(out) == []
    code, out, _ = kehu("receivables", user="finance1")
    assert code == 0 and "TOTAL" in out and "200.00" in out
    assert kehu("receivables", "--as-of", "yesterday", user="finance1")[0] == 2
    assert kehu("receivables", user="sales1")[0] == 3


def test_tiers_key_accounts_and_manual_ratings(kehu: Kehu) -> None:
    invoiced(kehu, 30)
    invoiced(kehu, 5, customer="C2")
    code, out, err = kehu("customers", "tiers", "--recompute", "--json", user="manager")
    assert (code, json.loads(out)) == (0, [])  # recomputed; none of them is his team's
    code, out, err = kehu("customers", "tiers", "--json", user="finance1")
    rows = {r["code"]: r for r in json.loads(out)}
    assert (rows["PT001"]["tier"], rows["PT001"]["revenue"], rows["PT001"]["share"]) == (
        "premium", "3000.00", "0.8571")
    assert (rows["C2"]["tier"], rows["C2"]["share"]) == ("major", "1.0000")
    assert kehu("customers", "tiers", "--recompute", user="sales1")[0] == 3
    code, _, err = kehu("customers", "key-account", "C2", "--yes")
    assert code == 1 and "reason" in err
    assert kehu("customers", "key-account", "C2", "--yes", "--reason", "集团客户",
                user="manager")[0] == 1  # not a customer of his team: not found
    assert kehu("customers", "key-account", "C2", "--yes", "--reason", "集团客户")[0] == 0
    code, out, _ = kehu("customers", "key-accounts", "--json", user="finance1")
    accounts = json.loads(out)
    assert [(a["code"], a["manual"], a["owner"] is not None) for a in accounts] == [
        ("C2", True, True)]
    assert kehu("customers", "rate", "PT001", "AAA", "--reason", "关系好",
                user="sales1")[0] == 3
    assert kehu("customers", "rate", "PT001", "B", "--reason", "多次逾期",
                user="finance1")[0] == 0
    assert kehu("customers", "tiers", "--recompute", user="manager")[0] == 0
    code, out, _ = kehu("customers", "tiers", "--json", user="finance1")
    rated = {r["code"]: r for r in json.loads(out)}["PT001"]
    assert (rated["rating"], rated["rating_manual"]) == ("B", True)
    code, out, _ = kehu("customers", "churn", "--json", user="finance1")
    assert code == 0 and json.loads(out) == []
