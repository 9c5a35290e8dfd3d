"""Sales on the command line:

    kehu pipeline [--owner USER] [--team DEPARTMENT] [--month YYYY-MM] [--json]
    kehu opportunities to-order NUMBER            (a won one: a draft order for its customer)
    kehu orders add --set customer=CODE [--set F=V]... --line CODE:QTY[:PRICE[:DISCOUNT]]...
    kehu orders update NUMBER [--set F=V]... [--line ...]...   (--line replaces the lines)
    kehu orders confirm NUMBER [--override-reason TEXT]
    kehu orders deliver NUMBER | cancel NUMBER --reason TEXT

``confirm`` runs the credit check: over the customer's limit it exits 1 with the figures
(limit, open, this order, excess); ``--override-reason`` confirms all the same for a user
with the right sales.credit_override (else exit 3). The other verbs (list, show, fields,
move) are the generic ones (app/cli/records.py); ``show --json`` has the order's ``lines``
and ``net``, ``tax``, ``gross`` as strings with two places.
"""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from app.cli import output, records
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.kit.fields import Label
from app.logic.sales import OPPORTUNITY, ORDER, STAGES, Filter, Pipeline
from app.logic.services import Services

LINE_HELP = ("a line: a product's code and the quantity, then optionally the unit price "
             "and the discount (0.1 or 10%%): G000012:3, G000012:3:33.33:0.1 (the list "
             "price when no price is given); repeat for each line")


def register(cmds: Commands) -> None:
    p = cmds.command(cmds.sub, "pipeline", "the sales pipeline: per stage the number of "
                     "opportunities, their amount and weighted amount", pipeline)
    p.add_argument("--owner", metavar="USER", help="only this user's opportunities")
    p.add_argument("--team", metavar="DEPARTMENT", help="only this team's (a department)")
    p.add_argument("--month", metavar="YYYY-MM", help="only those expected to close then")

    group = cmds.group(OPPORTUNITY.command, "opportunities")
    p = cmds.command(group, "to-order", "make a draft order for a won opportunity's customer "
                     "(prints its number)", to_order)
    p.add_argument("key", metavar="NUMBER")

    group = cmds.group(ORDER.command, "orders")
    p = cmds.command(group, "add", "add a draft order with its lines (prints its number)",
                     add_order)
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field of the order (kehu orders fields lists them); "
                        "customer is required")
    p.add_argument("--line", action="append", default=[], metavar="CODE:QTY[:PRICE[:DISC]]",
                   help=LINE_HELP)
    p = cmds.command(group, "update", "change a draft order: its fields, and with --line "
                     "its lines (all of them, replaced)", update_order)
    p.add_argument("key", metavar="NUMBER")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--line", action="append", default=[], metavar="CODE:QTY[:PRICE[:DISC]]",
                   help=LINE_HELP)
    _expect(p)
    p = cmds.command(group, "confirm", "confirm a draft order, after the credit check "
                     "(exit 1 with the figures when over the customer's limit)", confirm)
    p.add_argument("key", metavar="NUMBER")
    p.add_argument("--override-reason", metavar="TEXT",
                   help="confirm over the credit limit, for this reason (needs the right "
                        "sales.credit_override; audited with the figures)")
    _expect(p)
    p = cmds.command(group, "deliver", "mark a confirmed order delivered", deliver)
    p.add_argument("key", metavar="NUMBER")
    _expect(p)
    p = cmds.command(group, "cancel", "cancel a draft or confirmed order, with the reason",
                     cancel)
    p.add_argument("key", metavar="NUMBER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    _expect(p)


def _expect(p: Any) -> None:
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the order is still at version N")


# --- the pipeline ---------------------------------------------------------------------------
def pipeline(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    found = services.opportunities.pipeline(
        actor, Filter(owner=args.owner, team=args.team, month=args.month))
    if getattr(args, "json", False):
        output.dump(pipeline_data(found))
    else:
        words = {v: Label(en, zh) for v, en, zh in STAGES}
        output.table(("STAGE", "COUNT", "AMOUNT", "WEIGHTED"),
                     [(words[s.stage].en, str(s.count), f"{s.amount:,.2f}",
                       f"{s.weighted:,.2f}") for s in found.stages])
        print(f"(open pipeline, weighted: {found.weighted:,.2f})")
    return EXIT_OK


def pipeline_data(found: Pipeline) -> list[dict[str, Any]]:
    return [{"stage": s.stage, "count": s.count, "amount": f"{s.amount:.2f}",
             "weighted": f"{s.weighted:.2f}"} for s in found.stages]


def to_order(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    current = records.find(services.opportunities, actor, args.key)
    record = services.orders.order_from_opportunity(actor, current.id).saved
    _shown(args, record, f"created {record.number} (draft) for {current.number}")
    return EXIT_OK


# --- orders ---------------------------------------------------------------------------------
def parse_line(text: str) -> dict[str, str]:
    """CODE:QTY[:PRICE[:DISCOUNT]] as a line's fields; a usage error for anything else."""
    parts = [p.strip() for p in text.split(":")]
    if not 2 <= len(parts) <= 4 or not parts[0] or not parts[1]:
        raise UsageError(f"--line takes CODE:QUANTITY[:UNIT_PRICE[:DISCOUNT]], got {text!r}")
    line = {"product": parts[0], "quantity": parts[1]}
    for name, value in zip(("unit_price", "discount"), parts[2:], strict=False):
        if value:
            line[name] = value
    return line


def add_order(args: Namespace, services: Services, db: Any) -> int:
    lines = [parse_line(t) for t in args.line]
    actor = sign_in(args, services)
    values = records.parse_sets(args.set, ORDER)
    record = services.orders.create_order(actor, values, lines).saved
    _shown(args, record, f"created {record.number}: net {record.net:.2f}, tax "
                         f"{record.tax:.2f}, gross {record.gross:.2f}")
    return EXIT_OK


def update_order(args: Namespace, services: Services, db: Any) -> int:
    lines = [parse_line(t) for t in args.line] if args.line else None
    if not args.set and lines is None:
        raise UsageError("give --set FIELD=VALUE or --line ... (or both)")
    actor = sign_in(args, services)
    current = records.find(services.orders, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    changed = services.orders.update_order(actor, current.id, expected,
                                           records.parse_sets(args.set, ORDER), lines)
    record = changed.saved
    headline = (f"no change to {record.number}" if changed.action == "unchanged" else
                f"updated {record.number} (version {record.version}): gross "
                f"{record.gross:.2f}")
    _shown(args, record, headline)
    return EXIT_OK


def confirm(args: Namespace, services: Services, db: Any) -> int:
    record = _move(args, services, lambda actor, current, expected: (
        services.orders.confirm_order(actor, current.id, expected, args.override_reason)))
    note = " over the credit limit: " + record.credit_override_reason \
        if record.credit_override_reason else ""
    _shown(args, record, f"{record.number}: confirmed{note} (version {record.version})")
    return EXIT_OK


def deliver(args: Namespace, services: Services, db: Any) -> int:
    record = _move(args, services, lambda actor, current, expected: (
        services.orders.deliver_order(actor, current.id, expected)))
    _shown(args, record, f"{record.number}: delivered (version {record.version})")
    return EXIT_OK


def cancel(args: Namespace, services: Services, db: Any) -> int:
    record = _move(args, services, lambda actor, current, expected: (
        services.orders.cancel_order(actor, current.id, expected, args.reason)))
    _shown(args, record, f"{record.number}: cancelled (version {record.version})")
    return EXIT_OK


def _move(args: Namespace, services: Services, do: Any) -> Any:
    """Sign in, find the order by its number, and make the move ``do`` at the version
    expected (the one found, unless --expect-version says): the order as saved."""
    actor = sign_in(args, services)
    current = records.find(services.orders, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    return do(actor, current, expected).saved


def _shown(args: Namespace, record: Any, headline: str) -> None:
    output.record(args, ORDER, record, headline)
