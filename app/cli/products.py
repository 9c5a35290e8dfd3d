"""``kehu products settings`` and ``kehu products set-default-tax-rate RATE``: the tax rate
a new product gets (an administrator's setting, audited). The other verbs are the generic
ones (app/cli/records.py)."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from app.cli import output
from app.cli.commands import sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.kit.dto import Record
from app.logic.products import PRODUCT, PRODUCT_SETTINGS, TAX_RATES
from app.logic.services import Services


def register(cmds: Commands) -> None:
    group = cmds.group(PRODUCT.command, "products")
    cmds.command(group, "settings", "show the products' settings (the tax rate of new "
                 "products) and their version", show_settings)
    p = cmds.command(group, "set-default-tax-rate", "set the tax rate new products get "
                     "(products saved before keep theirs; needs the right admin.edit)",
                     set_default_tax_rate)
    p.add_argument("rate", metavar="RATE",
                   help="one of: " + ", ".join(value for value, _, _ in TAX_RATES))
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the settings are still at version N")


def show_settings(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    shown = services.product_settings.get_product_settings(actor)
    output.emit(args, _data(shown), _text(shown))
    return EXIT_OK


def set_default_tax_rate(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    changed = services.product_settings.set_default_tax_rate(actor, args.rate,
                                                             args.expect_version)
    shown = changed.saved
    headline = "no change" if changed.action == "unchanged" else "saved"
    output.emit(args, _data(shown), f"{headline}: {_text(shown)}")
    return EXIT_OK


def _data(shown: Record) -> dict[str, Any]:
    return {**shown.values, "version": shown.version}


def _text(shown: Record) -> str:
    rate = PRODUCT_SETTINGS.field("default_tax_rate")
    return (f"new products get the tax rate {rate.display(shown.default_tax_rate, 'en')} "
            f"(version {shown.version})")
