"""Real data from another country: every customer of the Northwind sample database
(shared/datasets/northwind, 93 rows with their national phone and postal formats, accents,
empty regions and two stray test rows) is entered as it is through the logic layer, with its
contact as the primary contact, and reads back unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import PossibleDuplicate
from app.logic.services import Services

# A copy of shared/datasets/northwind's customers and suppliers (MIT, see its LICENSE).
DATASET = Path(__file__).resolve().parents[2] / "fixtures" / "northwind"
FIELDS = {"CustomerID": "code", "CompanyName": "name", "Address": "address", "City": "city",
          "Region": "province", "PostalCode": "postal_code", "Country": "country",
          "Phone": "phone", "Fax": "fax"}

def northwind_customers() -> list[dict[str, str]]:
    with (DATASET / "customers.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_northwind_customer_is_entered_as_it_is(services: Services, admin: Actor
                                                      ) -> None:
    rows = northwind_customers()
    assert len(rows) == 93
    for row in rows:
        values = {field: row[column] for column, field in FIELDS.items()}
        contact = {"name": row["ContactName"], "position": row["ContactTitle"]}
        try:
            saved = services.customers.create_customer(admin, values, contacts=[contact])
        except PossibleDuplicate:  # the two stray test rows are both named "IT"
            assert row["CompanyName"] == "IT"
            saved = services.customers.create_customer(admin, values, contacts=[contact],
                                                       allow_duplicate=True)
        record = services.customers.get_customer(admin, saved.saved.id)
        for column, field in FIELDS.items():
            expected = row[column].strip()
            if field == "code":
                expected = expected.upper()
            assert record.get(field) == expected, (row["CustomerID"], field)
        [primary] = record.children["contacts"]
        assert (primary.name, primary.position, primary.is_primary) == (
            row["ContactName"], row["ContactTitle"], True)
    assert services.customers.count_customers(admin, ListQuery()) == 93


def test_a_new_customer_is_in_china_unless_told_otherwise(services: Services, admin: Actor
                                                          ) -> None:
    here = services.customers.create_customer(admin, {"name": "杭州云帆科技有限公司"}).saved
    abroad = services.customers.create_customer(
        admin, {"name": "Around the Horn", "country": "UK", "postal_code": "WA1 1DP",
                "phone": "(171) 555-7788"}).saved
    assert here.country == "中国"
    assert (abroad.country, abroad.postal_code, abroad.phone) == (
        "UK", "WA1 1DP", "(171) 555-7788")
