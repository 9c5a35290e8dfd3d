"""The products a supplier supplies, from the command line (the other verbs of
``kehu suppliers`` are the generic ones, app/cli/records.py):

    kehu suppliers products CODE [--json]
    kehu suppliers supply CODE --product SKU --set purchase_price=18.00 --set lead_time_days=7
                          [--set supplier_code=EX-1] [--expect-version N]
    kehu suppliers unsupply CODE --product SKU [--expect-version N]

``supply`` adds the product to what the supplier supplies, or changes the terms of one it
supplies already. Bad input exits 1 with a message per field and writes nothing.
"""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from app.cli import output, records
from app.cli.commands import sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.kit.dto import Record
from app.logic.kit.errors import NotFound
from app.logic.services import Services
from app.logic.suppliers import SUPPLIED, SUPPLIER

COLUMNS = ("PRODUCT", "NAME", "SUPPLIER'S CODE", "PURCHASE PRICE", "LEAD TIME (DAYS)")


def register(cmds: Commands) -> None:
    group = cmds.group(SUPPLIER.command, "suppliers")
    p = cmds.command(group, "products", "the products a supplier supplies: the product, the "
                     "supplier's own code for it, the purchase price and the lead time",
                     products)
    p.add_argument("key", metavar="CODE")
    p = cmds.command(group, "supply", "the supplier supplies a product (or new terms for one "
                     "it supplies): --set purchase_price=, lead_time_days=, supplier_code=",
                     supply)
    p.add_argument("key", metavar="CODE")
    p.add_argument("--product", required=True, metavar="SKU", help="the product's code")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="purchase_price (money), lead_time_days (0-365), supplier_code")
    _version_option(p)
    p = cmds.command(group, "unsupply", "the supplier no longer supplies a product", unsupply)
    p.add_argument("key", metavar="CODE")
    p.add_argument("--product", required=True, metavar="SKU", help="the product's code")
    _version_option(p)


def _version_option(p: Any) -> None:
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the supplied product is still at version N")


def products(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    supplier = records.find(services.suppliers, actor, args.key)
    found = services.supplied_products.products_of(actor, supplier.id)
    if getattr(args, "json", False):
        output.dump([supplied_data(r) for r in found])
        return EXIT_OK
    output.table(COLUMNS, [[r.product.key, r.product.label, r.supplier_code,
                            output.text_of(r.purchase_price), str(r.lead_time_days)]
                           for r in found])
    print(f"({len(found)} {'product' if len(found) == 1 else 'products'} supplied by "
          f"{supplier.code})")
    return EXIT_OK


def supply(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    service = services.supplied_products
    supplier = records.find(services.suppliers, actor, args.key)
    values = records.parse_sets(args.set, SUPPLIED)
    try:
        current: Record | None = service.find_supply(actor, supplier.id, args.product)
    except NotFound:
        current = None
    if current is None:
        record = service.supply(actor, supplier.id, {**values, "product": args.product}).saved
        headline = f"{supplier.code} supplies {record.product.key} {record.product.label}"
    else:
        expected = current.version if args.expect_version is None else args.expect_version
        changed = service.update_supply(actor, current.id, expected, values)
        record = changed.saved
        headline = (f"no change to {supplier.code} supplying {record.product.key}"
                    if changed.action == "unchanged" else
                    f"{supplier.code} supplies {record.product.key} on new terms (version "
                    f"{record.version})")
    output.record(args, SUPPLIED, record, headline)
    return EXIT_OK


def unsupply(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    service = services.supplied_products
    supplier = records.find(services.suppliers, actor, args.key)
    current = service.find_supply(actor, supplier.id, args.product)
    expected = current.version if args.expect_version is None else args.expect_version
    service.unsupply(actor, current.id, expected)
    output.emit(args, {"supplier": supplier.code, "product": current.product.key,
                       "removed": True},
                f"{supplier.code} no longer supplies {current.product.key} "
                f"{current.product.label}")
    return EXIT_OK


def supplied_data(record: Record) -> dict[str, Any]:
    """A supplied product as JSON: the product by its code and name."""
    data = output.record_data(record)
    data["product_name"] = record.product.label
    return data
