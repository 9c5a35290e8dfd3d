"""The import's parts on their own: headers matched to fields, cells read for a field, the
round trip's cell hashes, the shortest way along a workflow; and the import itself on a
real database (SQLite and PostgreSQL): cancelled half way writes nothing, a key repeated
in the same file is caught, and the records written are kept for undo a batch at a time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.logic.customers import CUSTOMER
from app.logic.kit import importing
from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.export import canonical, cell_hash
from app.logic.kit.importing import (
    Cancelled,
    RoundTrip,
    _path,
    cell_text,
    fold,
    match_headers,
)
from app.logic.products import PRODUCT
from app.logic.sales.fields import ORDER_FLOW
from app.logic.services import Services

YES_NO = ("Yes", "No")


def test_headers_match_by_name_label_and_other_systems_names() -> None:
    headers = ["CustomerID", " 公司名称 ", "City", "Postal_Code", "Tel", "Whatever", ""]
    found, ignored = match_headers(CUSTOMER, headers)
    assert found == {0: "code", 1: "name", 2: "city", 3: "postal_code", 4: "phone"}
    assert ignored == ["Whatever"]
    # A given mapping wins; a field is filled from one column only.
    found, _ = match_headers(CUSTOMER, ["Firma", "CompanyName"], {"Firma": "name"})
    assert found == {0: "name"}
    with pytest.raises(Exception, match="no field 'nosuch'"):
        match_headers(CUSTOMER, ["A"], {"A": "nosuch"})
    # Read-only fields are never filled (a created time, a computed tier).
    found, ignored = match_headers(CUSTOMER, ["Created", "Lifecycle"])
    assert found == {} and ignored == ["Created", "Lifecycle"]
    assert fold("Ｃｕｓｔｏｍｅｒ ＩＤ") == "customerid"


def test_cells_read_for_their_field() -> None:
    by = CUSTOMER.by_name
    assert cell_text(by["credit_limit"], "¥50,000.00") == "50000"
    assert cell_text(by["credit_limit"], 12000.5) == "12000.5"
    assert cell_text(by["postal_code"], 12209.0) == "12209"
    assert cell_text(by["code"], " Val2 ") == "Val2"
    assert cell_text(by["status"], "Active") == "active"  # a choice by its label
    assert cell_text(by["status"], "活跃客户") == "active"
    assert cell_text(PRODUCT.by_name["tax_rate"], "13%") == "0.13"
    assert cell_text(PRODUCT.by_name["tax_rate"], 0.09) == "0.09"
    assert cell_text(PRODUCT.by_name["active"], "否") == "false"
    with pytest.raises(ValueError, match="not a number"):
        cell_text(by["credit_limit"], "a lot")


def test_a_cell_hashes_alike_written_and_read_back() -> None:
    # What an export writes against what openpyxl reads back from it.
    assert cell_hash(Decimal("50000.00"), "money", YES_NO) == cell_hash(50000.0, "money",
                                                                        YES_NO)
    assert cell_hash(Decimal("1234.50"), "money", YES_NO) == cell_hash(1234.5, "money",
                                                                       YES_NO)
    assert cell_hash(date(2026, 3, 1), "date", YES_NO) == cell_hash(
        datetime(2026, 3, 1), "date", YES_NO)
    assert cell_hash(True, "bool", YES_NO) == cell_hash("Yes", "bool", YES_NO)
    assert cell_hash("上海", "text", YES_NO) != cell_hash("杭州", "text", YES_NO)
    assert canonical(None, "text", YES_NO) == "" == canonical("  ", "text", YES_NO)


def test_the_round_trips_hidden_columns_are_found() -> None:
    headers = ["Code", "Name", "kehu:id", "kehu:version", "kehu:cells|zh_CN|code,name"]
    trip = RoundTrip.of(headers)
    assert trip is not None and (trip.language, trip.fields) == ("zh_CN", ("code", "name"))
    assert trip.record_id(["C1", "A", 17, 3, "aa bb"]) == 17
    assert trip.record_id(["C1", "A", None, None, None]) is None  # a row added in Excel
    assert trip.hashes(["C1", "A", 17, 3, "aa bb"]) == {"code": "aa", "name": "bb"}
    assert trip.hashes(["C1", "A", 17, 3, "aa"]) == {}  # damaged: no cell is trusted
    assert RoundTrip.of(["Code", "kehu:id"]) is None


def test_the_shortest_way_along_a_workflow() -> None:
    way = _path(ORDER_FLOW.transitions, "draft", "delivered")
    assert [t.name for t in way or ()] == ["confirm", "deliver"]
    assert _path(ORDER_FLOW.transitions, "delivered", "draft") is None


def sheet(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Code", "Name", "City"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def names(services: Services, admin: Actor) -> list[str]:
    return sorted(str(r.code) for r in services.customers.rows(admin, ListQuery()))


def test_cancelled_half_way_writes_nothing(services: Services, admin: Actor,
                                           tmp_path: Path) -> None:
    path = sheet(tmp_path / "many.xlsx", [[f"K{n:04d}", f"Kunde {n}", "Köln"]
                                          for n in range(1200)])
    seen: list[int] = []

    def stop(done: int) -> bool:
        seen.append(done)
        return done < 1000

    with pytest.raises(Cancelled):
        services.importer.import_file(admin, services.customers, path, progress=stop)
    assert seen == [500, 1000] and names(services, admin) == []


def test_a_key_twice_in_one_file_and_items_kept_in_batches(
        services: Services, admin: Actor, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    twice = sheet(tmp_path / "twice.xlsx", [["K1", "Eins", "Bonn"], ["K1", "Zwei", "Ulm"]])
    result = services.importer.import_file(admin, services.customers, twice)
    assert (result.count("create"), result.errors, result.written) == (1, 1, False)
    assert "already exists" in result.problems[0].message
    assert names(services, admin) == []

    monkeypatch.setattr(importing, "ITEMS_AT_ONCE", 3)
    path = sheet(tmp_path / "ten.xlsx", [[f"K{n}", f"Kunde {n}", "Köln"] for n in range(10)])
    result = services.importer.import_file(admin, services.customers, path)
    assert result.written and result.count("create") == 10 and result.import_id
    assert len(names(services, admin)) == 10
    assert services.importer.undo(admin, result.import_id, services.for_entity) == 10
    assert names(services, admin) == []


def test_a_chunk_finds_duplicates_stored_and_within_the_file(
        services: Services, admin: Actor, tmp_path: Path) -> None:
    """New records are made a chunk at a time: the duplicate check still sees both the
    stored customers and the file's own earlier rows."""
    services.customers.create_customer(admin, {"name": "Köln Handel GmbH", "code": "OLD1",
                                               "phone": "0221-555"})
    path = sheet(tmp_path / "dups.xlsx", [
        ["N1", "KÖLN HANDEL GMBH", "Köln"],  # the stored one's name (case aside)
        ["N2", "Bonn Bau", "Bonn"],
        ["N3", "bonn bau", "Bonn"],  # the row above's name
        ["N4", "Ulm Uhren", "Ulm"]])
    result = services.importer.import_file(admin, services.customers, path,
                                           skip_invalid=True)
    assert [(o.row, o.action) for o in result.outcomes] == [
        (2, "error"), (3, "create"), (4, "error"), (5, "create")]
    assert [p.code for p in result.problems] == ["possible_duplicate"] * 2
    assert "OLD1" in result.problems[0].message
    assert names(services, admin) == ["N2", "N4", "OLD1"]
