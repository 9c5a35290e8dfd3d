"""kehu import as a manager uses it, on real .xlsx and .csv files and a real database
(SQLite and PostgreSQL): a Chinese header row matched by label, the preview (dry run) that
writes nothing, a file with two bad rows refused whole with every problem named in the
error workbook, the rows fixed and imported, duplicates skipped or updated, --skip-invalid,
--map and --mapping, and bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.cli import main

PASSWORD = "cli-admin-secret"
Run = tuple[int, str, str]
Kehu = Callable[..., Run]
HEADERS = ["客户编号", "公司名称", "城市", "邮政编码", "信用额度", "电话", "备注"]
ROWS = [
    ["IMP001", "上海明远贸易有限公司", "上海", "200001", "50,000.00", "021-5555 1234", "老客户"],
    ["IMP002", "  北京华信科技有限公司  ", "北京", "010010", "１２０００", "", ""],
    ["IMP003", "Alfreds Futterkiste", "Berlin", 12209, 0, "030-0074321", ""],
]


@pytest.fixture
def kehu(database_url: str, monkeypatch: pytest.MonkeyPatch, quick_hashing: None,
         capsys: pytest.CaptureFixture[str]) -> Kehu:
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    monkeypatch.setenv("KEHU_DATABASE_URL", database_url)
    for name in ("KEHU_USER", "KEHU_NEW_PASSWORD", "LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
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


def workbook(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def customers(kehu: Kehu) -> dict[str, dict[str, object]]:
    code, out, _ = kehu("customers", "list", "--limit", "1000", "--json")
    assert code == 0
    return {str(r["code"]): r for r in json.loads(out)}


def show(kehu: Kehu, key: str) -> dict[str, object]:
    code, out, err = kehu("customers", "show", key, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def test_a_chinese_list_previewed_refused_fixed_and_imported(kehu: Kehu, tmp_path: Path
                                                             ) -> None:
    bad = [*ROWS, ["IMP004", "", "广州", "", "", "", ""],  # no name
           ["IMP005", "深圳新创电子", "深圳", "", "a lot", "", ""]]  # not a number
    path = workbook(tmp_path / "客户清单.xlsx", bad)
    errors = tmp_path / "errors.xlsx"

    code, out, err = kehu("import", "customers", str(path), "--dry-run", "--json")
    assert code == 1, err
    preview = json.loads(out)
    assert (preview["created"], preview["errors"], preview["written"]) == (3, 2, False)
    assert preview["mapping"] == {"客户编号": "code", "公司名称": "name", "城市": "city",
                                  "邮政编码": "postal_code", "信用额度": "credit_limit",
                                  "电话": "phone", "备注": "notes"}
    assert customers(kehu) == {}  # a preview writes nothing

    code, out, _ = kehu("import", "customers", str(path), "--errors", str(errors))
    assert code == 1
    assert "nothing was written" in out and "row 5" in out and "row 6" in out
    assert customers(kehu) == {}  # two bad rows: nothing of the file is written
    sheet = openpyxl.load_workbook(errors).worksheets[0]
    problems = [tuple(c.value for c in r) for r in sheet.iter_rows(min_row=2)]
    assert [(p[0], p[1]) for p in problems] == [(5, "公司名称"), (6, "信用额度")]
    assert problems[1][2] == "a lot" and "number" in str(problems[1][3])

    fixed = [*ROWS, ["IMP004", "广州恒达物流", "广州", "", "", "", ""],
             ["IMP005", "深圳新创电子", "深圳", "", "8000", "", ""]]
    code, out, err = kehu("import", "customers", str(workbook(path, fixed)), "--json")
    assert code == 0, out + err
    assert json.loads(out)["created"] == 5
    found = customers(kehu)
    assert sorted(found) == ["IMP001", "IMP002", "IMP003", "IMP004", "IMP005"]
    first = show(kehu, "IMP001")
    assert (first["name"], first["credit_limit"], first["phone"]) == (
        "上海明远贸易有限公司", "50000.00", "021-5555 1234")
    second = show(kehu, "IMP002")  # trimmed; full-width digits; the leading zero kept
    assert (second["name"], second["credit_limit"], second["postal_code"]) == (
        "北京华信科技有限公司", "12000.00", "010010")
    assert show(kehu, "IMP003")["postal_code"] == "12209"  # a number cell, not "12209.0"


def test_duplicates_skipped_updated_or_refused(kehu: Kehu, tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", ROWS)
    assert kehu("import", "customers", str(path))[0] == 0
    again = workbook(tmp_path / "again.xlsx",
                     [[*ROWS[0][:2], "杭州", *ROWS[0][3:]], ROWS[1], ROWS[2]])
    code, out, _ = kehu("import", "customers", str(again), "--json")
    assert code == 1 and json.loads(out)["errors"] == 3  # the default: an existing key is
    assert show(kehu, "IMP001")["city"] == "上海"          # an error, nothing written
    code, out, _ = kehu("import", "customers", str(again), "--on-duplicate", "skip",
                        "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 3
    assert show(kehu, "IMP001")["city"] == "上海"
    before = show(kehu, "IMP002")["version"]
    code, out, _ = kehu("import", "customers", str(again), "--on-duplicate", "update",
                        "--json")
    assert code == 0
    counts = json.loads(out)
    assert (counts["updated"], counts["unchanged"]) == (1, 2)
    assert show(kehu, "IMP001")["city"] == "杭州"
    assert show(kehu, "IMP002")["version"] == before  # unchanged rows are left alone


def test_skip_invalid_keeps_the_valid_rows(kehu: Kehu, tmp_path: Path) -> None:
    path = workbook(tmp_path / "mixed.xlsx", [ROWS[0], ["IMP009", "", "", "", "", "", ""]])
    code, out, _ = kehu("import", "customers", str(path), "--skip-invalid", "--json")
    counts = json.loads(out)
    assert code == 1 and (counts["created"], counts["errors"], counts["written"]) == (
        1, 1, True)
    assert sorted(customers(kehu)) == ["IMP001"]


def test_other_systems_headers_a_map_and_a_csv(kehu: Kehu, tmp_path: Path) -> None:
    csv = tmp_path / "northwind.csv"
    csv.write_text("CustomerID;CompanyName;ContactName;City;PostalCode;Phone\n"
                   "ALFKI;Alfreds Futterkiste;Maria Anders;Berlin;12209;030-0074321\n"
                   "ANTON;Antonio Moreno Taquería;Antonio Moreno;México D.F.;05023;"
                   "(5) 555-3932\n", encoding="utf-8-sig")
    code, out, err = kehu("import", "customers", str(csv), "--json")
    assert code == 0, out + err
    result = json.loads(out)
    assert result["created"] == 2 and result["ignored"] == []
    assert result["mapping"]["ContactName"] == "name"  # the contact's, on the same row
    anton = show(kehu, "ANTON")
    assert anton["name"] == "Antonio Moreno Taquería"
    assert [(c["name"], c["is_primary"]) for c in anton["contacts"]] == [
        ("Antonio Moreno", True)]
    assert anton["phone"] == "(5) 555-3932"  # the customer's phone, not the contact's
    assert show(kehu, "ANTON")["postal_code"] == "05023"
    odd = workbook(tmp_path / "odd.xlsx", [["X1", "Odd Name Ltd", "Lyon"]],
                   headers=["Kundennr", "Firma", "Ort"])
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Kundennr": "code", "Firma": "name"}), encoding="utf-8")
    code, out, _ = kehu("import", "customers", str(odd), "--mapping", str(mapping),
                        "--map", "Ort=city", "--json")
    assert code == 0 and json.loads(out)["created"] == 1
    assert show(kehu, "X1")["city"] == "Lyon"


def test_bad_input_is_refused_plainly(kehu: Kehu, tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", ROWS)
    code, _, err = kehu("import", "customers", str(tmp_path / "missing.xlsx"))
    assert code == 2 and "no file" in err
    code, _, err = kehu("import", "nosuch", str(path))
    assert code == 2 and "no list called" in err
    code, _, err = kehu("import", "customers", str(path), "--map", "公司名称")
    assert code == 2 and "HEADER=FIELD" in err
    code, _, err = kehu("import", "customers", str(path), "--map", "公司名称=nosuch")
    assert code != 0 and "nosuch" in err
    old = tmp_path / "old.xls"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(2048))
    code, _, err = kehu("import", "customers", str(old))
    assert code == 1 and ".xls" in err
    assert customers(kehu) == {}


def test_prices_and_rates_read_as_meant(kehu: Kehu, tmp_path: Path) -> None:
    """Products: a price with a currency sign; a tax rate as 13% or 0.09."""
    path = workbook(tmp_path / "products.xlsx", [
        ["P-01", "Chai", "¥18.00", "13%"], ["P-02", "Chang", 19, 0.09]],
        headers=["ProductID", "ProductName", "UnitPrice", "税率"])
    code, out, err = kehu("import", "products", str(path), "--json")
    assert code == 0, out + err
    code, out, _ = kehu("products", "show", "P-01", "--json")
    shown = json.loads(out)
    assert (shown["list_price"], shown["tax_rate"]) == ("18.00", "0.13")


def test_an_import_undone_as_a_whole_unless_changed_since(kehu: Kehu, tmp_path: Path
                                                          ) -> None:
    assert kehu("import", "customers", str(workbook(tmp_path / "a.xlsx", ROWS[:1])))[0] == 0
    moved = workbook(tmp_path / "b.xlsx", [[*ROWS[0][:2], "杭州", *ROWS[0][3:]], ROWS[1]])
    code, out, _ = kehu("import", "customers", str(moved), "--on-duplicate", "update",
                        "--json")
    result = json.loads(out)
    assert code == 0 and (result["created"], result["updated"]) == (1, 1)
    number = str(result["import_id"])
    assert show(kehu, "IMP001")["city"] == "杭州"

    code, out, _ = kehu("import", "undo", number)
    assert code == 0 and "2 records" in out
    assert sorted(customers(kehu)) == ["IMP001"]  # the created one removed
    assert show(kehu, "IMP001")["city"] == "上海"  # the updated one as it was
    code, _, err = kehu("import", "undo", number)
    assert code != 0 and "undone" in err  # not twice

    code, out, _ = kehu("import", "customers", str(moved), "--on-duplicate", "update",
                        "--json")
    again = str(json.loads(out)["import_id"])
    assert kehu("customers", "update", "IMP002", "--set", "city=天津")[0] == 0
    code, _, err = kehu("import", "undo", again)
    assert code == 1 and "IMP002" in err and "changed since" in err
    assert show(kehu, "IMP001")["city"] == "杭州" and "IMP002" in customers(kehu)
    code, out, err = kehu("audit", "verify")
    assert code == 0 and "intact" in out, err  # the imports' entries joined the chain
    code, _, err = kehu("import", "undo", "99999")
    assert code != 0
    code, _, err = kehu("import", "undo", "abc")
    assert code == 2


def edit(path: Path, header: str, values: dict[str, object]) -> None:
    """Change the cells of the column ``header`` in the rows whose first cell is a key of
    ``values``, as a person would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    col = head.index(header) + 1
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            sheet.cell(row=row[0].row, column=col, value=values[row[0].value])
    book.save(path)


def test_the_excel_round_trip_merges_per_field(kehu: Kehu, tmp_path: Path) -> None:
    assert kehu("import", "customers", str(workbook(tmp_path / "a.xlsx", ROWS)))[0] == 0
    exported = tmp_path / "export.xlsx"
    assert kehu("export", "customers", "-o", str(exported), "--language", "en",
                "--columns", "code,name,city,credit_limit,phone")[0] == 0
    head = [c.value for c in openpyxl.load_workbook(exported).worksheets[0][1]]
    assert head[:5] == ["Code", "Name", "City", "Credit limit", "Phone"]
    assert head[5:7] == ["kehu:id", "kehu:version"] and head[7].startswith("kehu:cells|en|")

    # Unchanged in Excel: every row left alone (not even a new version).
    before = show(kehu, "IMP001")["version"]
    code, out, _ = kehu("import", "customers", str(exported), "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 3
    assert show(kehu, "IMP001")["version"] == before

    # Excel changes IMP001's city and IMP002's credit limit; meanwhile in Kehu someone
    # changes IMP001's phone (another exported field: merged) and IMP002's credit limit
    # (the same field: a conflict for that cell, never overwritten).
    edit(exported, "City", {"IMP001": "杭州"})
    edit(exported, "Credit limit", {"IMP002": 99000})
    assert kehu("customers", "update", "IMP001", "--set", "phone=0571-8888 0000")[0] == 0
    assert kehu("customers", "update", "IMP002", "--set", "credit_limit=30000")[0] == 0
    errors = tmp_path / "conflicts.xlsx"
    code, out, _ = kehu("import", "customers", str(exported), "--errors", str(errors),
                        "--json")
    result = json.loads(out)
    assert code == 1 and (result["errors"], result["written"]) == (1, False)
    problem = [c.value for c in openpyxl.load_workbook(errors).worksheets[0][2]]
    assert problem[1] == "Credit limit" and problem[2] == "99000"
    assert "changed in Kehu since the export" in problem[3] and "admin" in problem[3] \
        and "30000" in problem[3]
    assert show(kehu, "IMP002")["credit_limit"] == "30000.00"  # not overwritten

    code, out, _ = kehu("import", "customers", str(exported), "--skip-invalid", "--json")
    assert code == 1 and json.loads(out)["updated"] == 1
    first = show(kehu, "IMP001")
    assert (first["city"], first["phone"]) == ("杭州", "0571-8888 0000")  # both kept
    assert show(kehu, "IMP002")["credit_limit"] == "30000.00"
    assert show(kehu, "IMP003")["city"] == "Berlin"


def test_an_order_sheet_is_atomic_and_its_history_comes_in_delivered(
        kehu: Kehu, tmp_path: Path) -> None:
    assert kehu("import", "customers", str(workbook(tmp_path / "c.xlsx", ROWS)))[0] == 0
    products = workbook(tmp_path / "p.xlsx", [["11", "Queso Cabrales", 21],
                                              ["42", "Singaporean Hokkien", 14]],
                        headers=["ProductID", "ProductName", "UnitPrice"])
    assert kehu("import", "products", str(products))[0] == 0
    lines = [[10248, "IMP001", "1996-07-04", "11", 14.0, 12, 0.0, "delivered"],
             [10248, "IMP001", "1996-07-04", "42", 9.8, 10, 0.05, "delivered"],
             [10249, "IMP002", "1996-07-05", "42", 18.6, 9, 0, "delivered"]]
    head = ["OrderID", "CustomerID", "OrderDate", "ProductID", "UnitPrice", "Quantity",
            "Discount", "Status"]
    bad = workbook(tmp_path / "bad.xlsx", [*lines, [10250, "NOSUCH", "1996-07-08", "11",
                                                    1, 1, 0, "delivered"]], headers=head)
    code, out, _ = kehu("import", "orders", str(bad), "--json")
    assert code == 1 and json.loads(out)["errors"] == 1
    code, out, _ = kehu("orders", "list", "--json")
    assert json.loads(out) == []  # one unknown customer on the last line: nothing written
    code, out, err = kehu("import", "orders", str(workbook(tmp_path / "ok.xlsx", lines,
                                                           headers=head)), "--json")
    assert code == 0 and json.loads(out)["created"] == 2, out + err
    code, out, _ = kehu("orders", "show", "10248", "--json")
    order = json.loads(out)
    # 14.00 x 12 + 9.80 x 10 x 0.95 = 168.00 + 93.10
    assert (order["status"], order["net"], order["order_date"]) == (
        "delivered", "261.10", "1996-07-04")
    assert len(order["lines"]) == 2


def test_only_who_holds_the_import_right_imports(kehu: Kehu, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "initial-secret-1")
    assert kehu("user", "add", "--username", "sales1", "--role", "salesperson")[0] == 0
    monkeypatch.setenv("KEHU_PASSWORD", "initial-secret-1")
    monkeypatch.setenv("KEHU_NEW_PASSWORD", "people-secret-2")
    assert main(["--user", "sales1", "user", "change-password"]) == 0
    monkeypatch.setenv("KEHU_PASSWORD", "people-secret-2")
    capsys.readouterr()
    path = workbook(tmp_path / "list.xlsx", ROWS)
    try:
        code = main(["--user", "sales1", "import", "customers", str(path)])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    assert code == 3 and "import" in capsys.readouterr().err
    monkeypatch.setenv("KEHU_PASSWORD", PASSWORD)
    assert customers(kehu) == {}


def test_a_row_without_a_code_matches_on_its_tax_id(kehu: Kehu, tmp_path: Path) -> None:
    head = ["客户编号", "公司名称", "城市", "税号 / 统一社会信用代码"]
    first = workbook(tmp_path / "a.xlsx", [["IMP001", "福州闽信贸易", "福州",
                                            "91350100M000100Y43"]], headers=head)
    assert kehu("import", "customers", str(first))[0] == 0
    again = workbook(tmp_path / "b.xlsx", [["", "福州闽信贸易有限公司", "厦门",
                                            "91350100m000100y43"]], headers=head)
    code, out, _ = kehu("import", "customers", str(again), "--json")
    assert code == 1 and json.loads(out)["errors"] == 1  # the default: refused
    code, out, _ = kehu("import", "customers", str(again), "--on-duplicate", "update",
                        "--json")
    assert code == 0 and json.loads(out)["updated"] == 1
    assert sorted(customers(kehu)) == ["IMP001"]
    assert show(kehu, "IMP001")["city"] == "厦门"


def test_payments_come_in_allocated_to_the_invoice_they_name(kehu: Kehu, tmp_path: Path
                                                             ) -> None:
    assert kehu("import", "customers", str(workbook(tmp_path / "c.xlsx", ROWS[:1])))[0] == 0
    numbers = []
    for day in ("2026-10-01", "2026-11-01"):
        code, out, err = kehu("invoices", "add", "--set", "customer=IMP001", "--set",
                              "net=100", "--set", "tax=13", "--set", f"issue_date={day}",
                              "--issue", "--json")
        assert code == 0, err
        numbers.append(json.loads(out)["number"])
    path = workbook(tmp_path / "payments.xlsx", [
        ["IMP001", "113.00", "Bank transfer", numbers[1]],  # the newer one, by its number
        ["IMP001", "50", "现金", ""]],  # no invoice named: the oldest open one
        headers=["Customer", "Amount", "Method", "Invoice"])
    code, out, err = kehu("import", "payments", str(path), "--json")
    assert code == 0 and json.loads(out)["created"] == 2, out + err
    paid = [json.loads(kehu("invoices", "show", n, "--json")[1]) for n in numbers]
    assert [(p["status"], p["open"]) for p in paid] == [
        ("partially_paid", "63.00"), ("paid", "0.00")]
    too_much = workbook(tmp_path / "more.xlsx", [["IMP001", "100", "Cash", numbers[0]]],
                        headers=["Customer", "Amount", "Method", "Invoice"])
    code, out, _ = kehu("import", "payments", str(too_much), "--json")
    assert code == 1 and json.loads(out)["errors"] == 1  # more than it has open: refused
