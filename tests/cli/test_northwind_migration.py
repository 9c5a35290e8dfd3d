"""docs/migrating.md, done: the real Northwind CSV files (an old order system's sample
database) moved into a new Kehu database with their original headers, exactly as the
guide says: suppliers, customers (the junk rows left out), products, then the order lines
joined by the guide's own script and imported delivered. Then the figures: 830 orders,
2,155 lines, and each customer's 1997 net revenue equal to the sum computed by hand from
the CSV files."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = ROOT / ".." / "shared" / "datasets" / "northwind"
GUIDE = ROOT / "docs" / "migrating.md"
FILES = ("suppliers", "customers", "products", "orders", "order_details")
PASSWORD = "Nw!Admin#2026x"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]
CENT = Decimal("0.01")


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    """The CSV files as a new company has them, in its own folder."""
    if not all((NORTHWIND / f"{name}.csv").is_file() for name in FILES):
        pytest.skip(f"the Northwind CSV files are not in {NORTHWIND.resolve()}")
    folder = tmp_path / "northwind"
    folder.mkdir()
    for name in FILES:
        (folder / f"{name}.csv").write_bytes((NORTHWIND / f"{name}.csv").read_bytes())
    return folder


@pytest.fixture
def kehu(database_url: str, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
         capsys: pytest.CaptureFixture[str], northwind: Path) -> Kehu:
    if not database_url.startswith("sqlite"):
        # Three minutes on PostgreSQL for one path through the same write path; the
        # import's behaviour there is tested by tests/cli/test_import.py and
        # tests/logic/kit/test_importing.py.
        pytest.skip("the Northwind migration runs on SQLite only (its time)")
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.setenv("KEHU_DATABASE_URL", database_url)
    for name in ("KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(northwind)
    assert main(["user", "create-admin", "--username", "admin"]) == 0
    capsys.readouterr()

    def run(*argv: str) -> Run:
        try:
            code = main(["--user", "admin", *argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def imported(kehu: Kehu, *argv: str, expect: int = 0) -> dict[str, object]:
    code, out, err = kehu("import", *argv, "--json")
    assert code == expect, out + err
    return dict(json.loads(out))


def listed(kehu: Kehu, what: str, *argv: str) -> list[dict[str, object]]:
    code, out, err = kehu(what, "list", "--limit", "100000", *argv, "--json")
    assert code == 0, err
    return list(json.loads(out))


def shown(kehu: Kehu, what: str, key: str) -> dict[str, object]:
    code, out, err = kehu(what, "show", key, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def join_script() -> str:
    """The guide's join_lines.py, as the reader copies it."""
    found = re.search(r"<!-- join_lines\.py.*?-->\s*```python\n(.*?)```", GUIDE.read_text(
        encoding="utf-8"), re.S)
    assert found, "docs/migrating.md has no join_lines.py block"
    return found.group(1)


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def revenue_1997(folder: Path) -> dict[str, Decimal]:
    """Per customer: Σ UnitPrice × Quantity × (1 − Discount) of its 1997 lines, each line
    rounded to cents, from the CSV files."""
    orders = {o["OrderID"]: o for o in rows(folder, "orders")}
    truth: dict[str, Decimal] = defaultdict(Decimal)
    for line in rows(folder, "order_details"):
        order = orders[line["OrderID"]]
        if order["OrderDate"].startswith("1997"):
            amount = Decimal(line["UnitPrice"]) * int(line["Quantity"]) * (
                1 - Decimal(line["Discount"]))
            truth[order["CustomerID"]] += amount.quantize(CENT, ROUND_HALF_UP)
    return dict(truth)


def line_count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM sales_order_lines")).scalar_one())
    finally:
        engine.dispose()


def test_northwind_moved_in_as_the_guide_says(kehu: Kehu, northwind: Path,
                                              database_url: str) -> None:
    # 1. Suppliers: a dry run writes nothing; the contact person comes in as each one's
    # primary contact, the home page is left out.
    preview = imported(kehu, "suppliers", "suppliers.csv", "--dry-run")
    assert (preview["created"], preview["errors"], preview["written"]) == (29, 0, False)
    assert listed(kehu, "suppliers") == []
    done = imported(kehu, "suppliers", "suppliers.csv")
    assert (done["created"], done["written"]) == (29, True)
    assert done["ignored"] == ["HomePage"]
    first = shown(kehu, "suppliers", "1")
    assert [(c["name"], c["position"], c["is_primary"]) for c in first["contacts"]] == [
        ("Charlotte Cooper", "Purchasing Manager", True)]
    assert shown(kehu, "suppliers", "4")["address"] == "9-8 Sekimai\nMusashino-shi"

    # 2. Customers: 93 rows, two of them junk ("Val2 " and "VALON", both named IT). The
    # second is refused as a possible duplicate: nothing written without --skip-invalid.
    problems = northwind / "customers-problems.xlsx"
    preview = imported(kehu, "customers", "customers.csv", "--dry-run", "--errors",
                       str(problems), expect=1)
    assert (preview["created"], preview["errors"], preview["written"]) == (92, 1, False)
    assert preview["ignored"] == []  # ContactName, ContactTitle: the primary contact
    sheet = openpyxl.load_workbook(problems).worksheets[0]
    found = [tuple(c.value for c in r) for r in sheet.iter_rows(min_row=2)]
    assert len(found) == 1 and found[0][0] == 86 and "VAL2" in str(found[0][3])
    assert listed(kehu, "customers") == []
    done = imported(kehu, "customers", "customers.csv", "--skip-invalid", "--errors",
                    str(problems), expect=1)
    assert (done["created"], done["errors"], done["written"]) == (92, 1, True)
    assert kehu("customers", "archive", "VAL2")[0] == 0
    customers = {str(c["code"]): c for c in listed(kehu, "customers")}
    real = {c["CustomerID"] for c in rows(northwind, "customers")} - {"Val2 ", "VALON"}
    assert len(customers) == 91 and set(customers) == real
    alfki = shown(kehu, "customers", "ALFKI")
    assert alfki["name"] == "Alfreds Futterkiste"
    contacts = alfki["contacts"]
    assert isinstance(contacts, list)
    assert [(c["name"], c["position"]) for c in contacts] == [
        ("Maria Anders", "Sales Representative")]
    anatr = shown(kehu, "customers", "ANATR")
    assert (anatr["postal_code"], anatr["city"]) == ("05021", "México D.F.")
    found_by_search = listed(kehu, "customers", "--search", "Taquería")
    assert [c["code"] for c in found_by_search] == ["ANTON"]
    assert found_by_search[0]["name"] == "Antonio Moreno Taquería"

    # 3. Products, QuantityPerUnit kept as the description.
    mapped = ("--map", "QuantityPerUnit=description")
    preview = imported(kehu, "products", "products.csv", *mapped, "--dry-run")
    assert (preview["created"], preview["errors"]) == (77, 0)
    done = imported(kehu, "products", "products.csv", *mapped)
    assert done["created"] == 77
    assert done["mapping"] == {"ProductID": "code", "ProductName": "name",
                               "QuantityPerUnit": "description", "UnitPrice": "list_price"}
    chai = shown(kehu, "products", "1")
    assert (chai["name"], chai["list_price"], chai["description"], chai["tax_rate"]) == (
        "Chai", "18.00", "10 boxes x 20 bags", "0.13")

    # 4. The order lines: neither file alone makes an order; the guide's script joins them.
    alone = imported(kehu, "orders", "order_details.csv", "--dry-run", expect=1)
    assert alone["created"] == 0
    subprocess.run([sys.executable, "-c", join_script()], cwd=northwind, check=True)
    preview = imported(kehu, "orders", "order_lines.csv", "--dry-run")
    assert (preview["created"], preview["errors"], preview["ignored"]) == (830, 0, [])
    assert listed(kehu, "orders") == []
    done = imported(kehu, "orders", "order_lines.csv")
    assert (done["created"], done["errors"], done["written"]) == (830, 0, True)

    # The sales arrived: every order, delivered, in dollars, with its lines.
    orders = listed(kehu, "orders")
    assert len(orders) == 830
    assert {o["status"] for o in orders} == {"delivered"}
    assert {o["currency"] for o in orders} == {"USD"}
    assert line_count(database_url) == 2155
    first = shown(kehu, "orders", "10248")
    assert (first["customer"], first["order_date"], first["net"]) == (
        "VINET", "1996-07-04", "440.00")
    lines = first["lines"]
    assert isinstance(lines, list)
    assert [(ln["product"], ln["quantity"], ln["unit_price"]) for ln in lines] == [
        ("11", "12", "14.00"), ("42", "10", "9.80"), ("72", "5", "34.80")]

    # Each customer's 1997 net revenue, as Kehu lists it, equals the sum by hand.
    year = listed(kehu, "orders", "--filter", "order_date>=1997-01-01",
                  "--filter", "order_date<=1997-12-31")
    revenue: dict[str, Decimal] = defaultdict(Decimal)
    for order in year:
        revenue[str(order["customer"])] += Decimal(str(order["net"]))
    truth = revenue_1997(northwind)
    assert len(year) == 408 and len(truth) == 86
    assert dict(revenue) == truth
    assert sum(truth.values()) == Decimal("617085.35")
