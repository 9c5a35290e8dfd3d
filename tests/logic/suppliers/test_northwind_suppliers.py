"""Real data from another country: every supplier of the Northwind sample database
(shared/datasets/northwind, 29 rows: national phone and postal formats, addresses of two
lines, accents, empty regions, a country with a trailing space) is entered as it is through
the logic layer, with its contact as the primary contact, and reads back unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

from app.logic.kit.dto import Actor, ListQuery
from app.logic.services import Services

# A copy of shared/datasets/northwind's customers and suppliers (MIT, see its LICENSE).
DATASET = Path(__file__).resolve().parents[2] / "fixtures" / "northwind"
FIELDS = {"SupplierID": "code", "CompanyName": "name", "Address": "address", "City": "city",
          "Region": "province", "PostalCode": "postal_code", "Country": "country",
          "Phone": "phone", "Fax": "fax", "HomePage": "notes"}


def northwind_suppliers() -> list[dict[str, str]]:
    with (DATASET / "suppliers.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_northwind_supplier_is_entered_as_it_is(services: Services, admin: Actor
                                                      ) -> None:
    rows = northwind_suppliers()
    assert len(rows) == 29
    assert any("\n" in r["Address"] for r in rows)  # the data really has such addresses
    for row in rows:
        values = {field: row[column] for column, field in FIELDS.items()}
        contact = {"name": row["ContactName"], "position": row["ContactTitle"]}
        saved = services.suppliers.create_supplier(admin, values, contacts=[contact])
        record = services.suppliers.get_supplier(admin, saved.saved.id)
        for column, field in FIELDS.items():
            assert record.get(field) == row[column].strip(), (row["SupplierID"], field)
        [primary] = record.children["contacts"]
        assert (primary.name, primary.position, primary.is_primary) == (
            row["ContactName"].strip(), row["ContactTitle"], True)
    assert services.suppliers.count(admin, ListQuery()) == 29
    [found] = services.suppliers.list_suppliers(admin, ListQuery(search="Knäckebröd")).rows
    assert (found.code, found.country) == ("9", "Sweden")
    assert services.contacts.count(admin, ListQuery(filters=(("is_primary", True),))) == 29
