"""kehu suppliers ...: the generic verbs on suppliers (a real UK supplier as it is), the
products a supplier supplies (products, supply, unsupply), a supplier's contacts through
kehu contacts, and bad input refused (exit 1, a message per field, nothing written)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]
TABLES = ("suppliers", "supplier_products", "contacts")


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


def counts(db_url: str) -> dict[str, int]:
    """Rows of the suppliers' tables, and audit entries of writes (a sign-in is one too)."""
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        found = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                 for t in TABLES}
        found["audited writes"] = int(conn.execute(
            "SELECT count(*) FROM audit_log WHERE entity_type IN "
            "('supplier', 'supplier_product', 'contact')").fetchone()[0])
        return found


@pytest.fixture
def exotic(kehu: Kehu) -> None:
    """Exotic Liquids (S000001) and two products, CHAI and 007."""
    assert kehu("suppliers", "add", "--name", "Exotic Liquids", "--set", "country=UK",
                "--set", "phone=(171) 555-2222", "--set", "postal_code=EC1 4SD")[0] == 0
    for code, name in (("CHAI", "Chai"), ("007", "精密轴承")):
        assert kehu("products", "add", "--name", name, "--set", f"code={code}")[0] == 0


def test_a_real_uk_supplier_is_added_as_it_is(kehu: Kehu) -> None:
    code, out, err = kehu("suppliers", "add", "--name", "Exotic Liquids", "--set",
                          "country=UK", "--set", "phone=(171) 555-2222", "--set",
                          "postal_code=EC1 4SD")
    assert (code, err) == (0, "")
    assert out.startswith("created S000001 Exotic Liquids")
    code, out, _ = kehu("suppliers", "show", "s000001", "--json")
    shown = json.loads(out)
    assert code == 0 and (shown["country"], shown["phone"], shown["postal_code"]) == (
        "UK", "(171) 555-2222", "EC1 4SD")
    assert shown["contacts"] == [] and shown["products"] == []


def test_the_generic_verbs(kehu: Kehu) -> None:
    assert kehu("suppliers", "add", "--name", "宁波精密轴承", "--set", "province=浙江",
                "--set", "city=宁波", "--set", "rating=B", "--set", "category=轴承")[0] == 0
    assert kehu("suppliers", "add", "--name", "Tokyo Traders", "--set", "code=NW4",
                "--set", "country=Japan", "--set", "rating=A",
                "--set", "tax_id=JP 1234 5678 9012")[0] == 0
    code, out, _ = kehu("suppliers", "list", "--json", "--filter", "rating=A")
    assert code == 0 and [r["code"] for r in json.loads(out)] == ["NW4"]
    code, out, _ = kehu("suppliers", "list", "--search", "nbjm")
    assert code == 0 and "宁波精密轴承" in out and "Tokyo" not in out
    code, out, _ = kehu("suppliers", "update", "NW4", "--set", "payment_terms_days=60")
    assert code == 0 and "updated NW4 Tokyo Traders (version 2)" in out
    assert kehu("suppliers", "archive", "NW4")[0] == 0
    code, out, _ = kehu("suppliers", "list", "--json")
    assert [r["code"] for r in json.loads(out)] == ["S000001"]
    assert kehu("suppliers", "restore", "NW4")[0] == 0
    code, out, _ = kehu("suppliers", "fields", "--json")
    fields = {f["name"]: f for f in json.loads(out)}
    assert [c["value"] for c in fields["rating"]["choices"]] == ["A", "B", "C", "D"]
    assert fields["payment_terms_days"]["range"] == [0, 365]
    assert fields["country"]["default"] == "中国"


@pytest.mark.parametrize(("argv", "messages"), [
    (("--name", "X", "--set", "rating=E", "--set", "payment_terms_days=400",
      "--set", "tax_id=91350100M000100Y44"),
     ("rating: must be one of: A, B, C, D", "payment_terms_days: must be between 0 and 365",
      "tax_id: is not a valid unified social credit code")),
    (("--set", "phone=call me", "--set", "email=x@"),
     ("name: is required", "phone: is not a phone number", "email: is not an e-mail")),
    (("--name", "上海五金", "--set", "country=中国", "--set", "city=上海"),
     ("province: is required",)),
    (("--name", "X", "--set", "owner=admin"), ("owner: is not a supplier field",)),
])
def test_bad_input_exits_1_with_a_message_per_field_and_writes_nothing(
        kehu: Kehu, db_url: str, argv: tuple[str, ...], messages: tuple[str, ...]) -> None:
    before = counts(db_url)
    code, out, err = kehu("suppliers", "add", *argv)
    assert (code, out) == (1, "")
    for message in messages:
        assert message in err
    assert counts(db_url) == before


def test_a_supplier_supplies_products(kehu: Kehu, db_url: str, exotic: None) -> None:
    code, out, err = kehu("suppliers", "supply", "S000001", "--product", "chai", "--set",
                          "purchase_price=18", "--set", "lead_time_days=14", "--set",
                          "supplier_code=EX-CHAI")
    assert (code, err) == (0, "") and out.startswith("S000001 supplies CHAI Chai")
    assert kehu("suppliers", "supply", "S000001", "--product", "007", "--set",
                "purchase_price=9.50", "--set", "lead_time_days=30")[0] == 0
    code, out, _ = kehu("suppliers", "products", "S000001")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:2] == ["PRODUCT", "NAME"]
    assert lines[1].split() == ["CHAI", "Chai", "EX-CHAI", "18.00", "14"]
    assert lines[-1] == "(2 products supplied by S000001)"
    # supply again: new terms for the same product, one line still
    code, out, _ = kehu("suppliers", "supply", "S000001", "--product", "CHAI", "--set",
                        "purchase_price=19.99")
    assert code == 0 and "on new terms (version 2)" in out
    code, out, _ = kehu("suppliers", "products", "S000001", "--json")
    listed = json.loads(out)
    assert [(p["product"], p["product_name"], p["purchase_price"], p["lead_time_days"])
            for p in listed] == [("CHAI", "Chai", "19.99", 14), ("007", "精密轴承", "9.50", 30)]
    code, out, _ = kehu("suppliers", "show", "S000001")
    assert "product:   CHAI  EX-CHAI  19.99  14" in out
    code, out, _ = kehu("suppliers", "unsupply", "S000001", "--product", "007")
    assert code == 0 and out.strip() == "S000001 no longer supplies 007 精密轴承"
    assert counts(db_url)["supplier_products"] == 1
    code, _, err = kehu("suppliers", "unsupply", "S000001", "--product", "007")
    assert code == 1 and "not found" in err


@pytest.mark.parametrize(("sets", "messages"), [
    (("purchase_price=-1", "lead_time_days=400"),
     ("purchase_price: must not be negative", "lead_time_days: must be between 0 and 365")),
    (("purchase_price=1.234",), ("purchase_price: must have at most two decimal places",
                                 "lead_time_days: is required")),
    (("lead_time_days=3",), ("purchase_price: is required",)),
    (("purchase_price=1", "lead_time_days=3", "colour=red"),
     ("colour: is not a supplier_product field",)),
])
def test_bad_terms_exit_1_with_a_message_per_field_and_write_nothing(
        kehu: Kehu, db_url: str, exotic: None, sets: tuple[str, ...],
        messages: tuple[str, ...]) -> None:
    before = counts(db_url)
    argv = [a for s in sets for a in ("--set", s)]
    code, out, err = kehu("suppliers", "supply", "S000001", "--product", "CHAI", *argv)
    assert (code, out) == (1, "")
    for message in messages:
        assert message in err
    assert counts(db_url) == before
    code, _, err = kehu("suppliers", "supply", "S000001", "--product", "NOPE",
                        "--set", "purchase_price=1", "--set", "lead_time_days=1")
    assert code == 1 and "product: no product 'NOPE'" in err
    assert counts(db_url) == before


def test_a_suppliers_contacts_through_kehu_contacts(kehu: Kehu, exotic: None) -> None:
    code, out, _ = kehu("contacts", "add", "--set", "supplier=S000001", "--set",
                        "name=Charlotte Cooper", "--set", "position=Purchasing Manager")
    assert code == 0
    code, _, err = kehu("contacts", "add", "--set", "name=Nobody's")
    assert code == 1 and "customer: is required" in err
    code, out, _ = kehu("contacts", "list", "--filter", "supplier=S000001", "--json")
    assert [(c["name"], c["is_primary"]) for c in json.loads(out)] == [
        ("Charlotte Cooper", True)]
    code, out, _ = kehu("suppliers", "show", "S000001")
    assert "contact: * Charlotte Cooper" in out


def test_an_address_of_two_lines_is_shown_aligned(kehu: Kehu) -> None:
    assert kehu("suppliers", "add", "--name", "New England Seafood Cannery", "--set",
                "country=USA", "--set",
                "address=Order Processing Dept.\n2100 Paul Revere Blvd.")[0] == 0
    code, out, _ = kehu("suppliers", "show", "S000001")
    lines = out.splitlines()
    at = lines.index("             address: Order Processing Dept.")
    assert code == 0 and lines[at + 1] == " " * 22 + "2100 Paul Revere Blvd."
