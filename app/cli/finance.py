"""Finance on the command line:

    kehu invoices add --order NUMBER [--issue] | --set customer=CODE --set net=X --set tax=Y
    kehu invoices issue NUMBER | void NUMBER --reason TEXT
    kehu payments add --set customer=CODE --set amount=X [--set method=...]
                      [--allocate INVOICE=AMOUNT]...        (without --allocate: oldest first)
    kehu receivables [--as-of DATE] [--customer CODE] [--json]
    kehu customers tiers [--recompute] [--tier T] [--lifecycle S] [--limit N] [--json]
    kehu customers key-accounts [--json] | churn [--json]
    kehu customers key-account CODE --yes|--no|--auto [--reason TEXT]
    kehu customers rate CODE RATING|auto [--reason TEXT]

The other verbs (list, show, fields) are the generic ones (app/cli/records.py); ``show
--json`` of an invoice has ``number``, ``status``, ``gross``, ``paid`` and ``open`` (money
as strings with two places). Over-allocating a payment exits 1 and writes nothing.
"""

from __future__ import annotations

from argparse import Namespace
from datetime import date
from typing import Any

from app.cli import output, records
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.finance import INVOICE, LIFECYCLES, PAYMENT, RATINGS, TIER_WORDS, Aging
from app.logic.services import Services


def register(cmds: Commands) -> None:
    group = cmds.group(INVOICE.command, "invoices")
    p = cmds.command(group, "add", "add a draft invoice: for what of an order is not yet "
                     "invoiced (--order), or with the amounts given (prints its number)",
                     add_invoice)
    p.add_argument("--order", metavar="NUMBER", help="invoice what of this confirmed or "
                   "delivered order is not yet invoiced")
    p.add_argument("--issue", action="store_true", help="issue it at once")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field of the invoice (kehu invoices fields lists them); without "
                        "--order: customer, net and tax")
    p = cmds.command(group, "issue", "issue a draft invoice (a credit the customer has pays "
                     "it at once)", issue_invoice)
    p.add_argument("key", metavar="NUMBER")
    _expect(p)
    p = cmds.command(group, "void", "void a draft or issued invoice with the reason "
                     "(refused once anything of it is paid)", void_invoice)
    p.add_argument("key", metavar="NUMBER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    _expect(p)

    group = cmds.group(PAYMENT.command, "payments")
    p = cmds.command(group, "add", "record a payment and allocate it to the customer's open "
                     "invoices, the oldest due first, or as --allocate says (prints its "
                     "number)", add_payment)
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="a field of the payment: customer and amount are required; method "
                        "(bank_transfer, cash, cheque, acceptance_bill, other), "
                        "payment_date, reference, notes")
    p.add_argument("--allocate", action="append", default=[], metavar="INVOICE=AMOUNT",
                   help="this amount to this invoice (repeat for each); the rest stays on "
                        "the customer as a credit")

    p = cmds.command(cmds.sub, "receivables", "receivables aging per customer: open, "
                     "overdue, and by days past due (current, 1-30, 31-60, 61-90, over 90)",
                     receivables)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="as of this day (default today): "
                   "invoices issued and payments received by then")
    p.add_argument("--customer", metavar="CODE", help="only this customer")

    group = cmds.group("customers", "customers")
    p = cmds.command(group, "tiers", "the contribution tiers: customers by revenue of the "
                     "last 12 months with their cumulative share, tier, lifecycle stage, key "
                     "account, churn warning and rating", tiers)
    p.add_argument("--recompute", action="store_true", help="recompute every customer's "
                   "tier, rating, key account, lifecycle and churn warning first (needs "
                   "finance.value)")
    p.add_argument("--tier", choices=[t for t, _, _ in TIER_WORDS])
    p.add_argument("--lifecycle", choices=[s for s, _, _ in LIFECYCLES])
    p.add_argument("--limit", type=at_least(1), metavar="N")
    cmds.command(group, "key-accounts", "the key accounts: revenue and its trend, open and "
                 "overdue receivables, the last and next visit, open complaints, the account "
                 "manager", key_accounts)
    cmds.command(group, "churn", "the active customers with a churn warning, and why",
                 churn_list)
    p = cmds.command(group, "key-account", "name a customer a key account or not by hand "
                     "(with the reason, audited), or leave it to the revenue again",
                     set_key_account)
    p.add_argument("key", metavar="CODE")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--yes", dest="named", action="store_const", const=True)
    which.add_argument("--no", dest="named", action="store_const", const=False)
    which.add_argument("--auto", dest="named", action="store_const", const=None)
    p.add_argument("--reason", default="", metavar="TEXT")
    p = cmds.command(group, "rate", "set a customer's credit rating by hand (with the reason, "
                     "audited, marked manual), or 'auto' for the computed one (needs "
                     "finance.credit)", set_rating)
    p.add_argument("key", metavar="CODE")
    p.add_argument("grade", metavar="RATING", choices=[*RATINGS, "auto"])
    p.add_argument("--reason", default="", metavar="TEXT")


def _expect(p: Any) -> None:
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the invoice is still at version N")


# --- invoices -------------------------------------------------------------------------------
def add_invoice(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    values = records.parse_sets(args.set, INVOICE)
    if args.order:
        changed = services.invoices.invoice_order(actor, args.order, args.issue, values)
    else:
        changed = services.invoices.create_invoice(actor, values)
        if args.issue:
            changed = services.invoices.issue_invoice(actor, changed.ids[0], changed.version)
    record = changed.saved
    output.record(args, INVOICE, record, f"created {record.number} ({record.status}): gross "
                                         f"{record.gross:.2f}")
    return EXIT_OK


def issue_invoice(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    current = records.find(services.invoices, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    record = services.invoices.issue_invoice(actor, current.id, expected).saved
    output.record(args, INVOICE, record, f"{record.number}: {record.status}, open "
                                         f"{record.open:.2f}")
    return EXIT_OK


def void_invoice(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    current = records.find(services.invoices, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    record = services.invoices.void_invoice(actor, current.id, expected, args.reason).saved
    output.record(args, INVOICE, record, f"{record.number}: void")
    return EXIT_OK


# --- payments -------------------------------------------------------------------------------
def add_payment(args: Namespace, services: Services, db: Any) -> int:
    by_hand = dict(records.parse_pairs(args.allocate, "--allocate"))
    actor = sign_in(args, services)
    values = records.parse_sets(args.set, PAYMENT)
    changed = services.payments.receive(actor, values, by_hand)
    record = changed.saved
    went = services.payments.allocations(actor, record.id)
    headline = (f"received {record.number}: {record.amount:.2f}, allocated "
                f"{record.allocated:.2f}, credit {record.unallocated:.2f}")
    if getattr(args, "json", False):
        output.dump({**output.record_data(record),
                     "allocations": [{"invoice": n, "date": d.isoformat(),
                                      "amount": f"{a:.2f}"} for n, d, a in went]})
        return EXIT_OK
    output.record(args, PAYMENT, record, headline)
    for number, day, amount in went:
        print(f"{'allocation':>20}: {number} {day.isoformat()} {amount:.2f}")
    return EXIT_OK


# --- receivables ----------------------------------------------------------------------------
def receivables(args: Namespace, services: Services, db: Any) -> int:
    as_of = _day(args.as_of) if args.as_of else None
    actor = sign_in(args, services)
    found = services.receivables.receivables(actor, as_of, args.customer)
    if getattr(args, "json", False):
        output.dump([r.as_dict() for r in found.rows])
        return EXIT_OK
    heads = ("CODE", "NAME", "OPEN", "OVERDUE", "CURRENT", "1-30", "31-60", "61-90", "90+")
    output.table(heads, [_aging_line(r) for r in (*found.rows, found.total)])
    print(f"(as of {found.as_of.isoformat()}: {len(found.rows)} customers with receivables)")
    return EXIT_OK


def _aging_line(row: Aging) -> tuple[str, ...]:
    return (row.code or "TOTAL", row.name, f"{row.open:,.2f}", f"{row.overdue:,.2f}",
            *(f"{v:,.2f}" for v in row.buckets.values()))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of wants a date YYYY-MM-DD, got {text!r}") from None


# --- customer value -------------------------------------------------------------------------
def tiers(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    if args.recompute:
        done = services.customer_value.recompute(actor)
        if not getattr(args, "json", False):
            print(f"recomputed as of {done.on.isoformat()}: {done.changed} customers changed; "
                  f"tiers before {_counts(done.before)}, after {_counts(done.after)}")
    found = services.customer_value.tiers(actor, args.tier, args.lifecycle, args.limit)
    if getattr(args, "json", False):
        output.dump([r.as_dict() for r in found])
        return EXIT_OK
    output.table(("CODE", "NAME", "REVENUE", "SHARE", "TIER", "LIFECYCLE", "KEY", "CHURN",
                  "RATING"),
                 [(r.code, r.name, f"{r.revenue:,.2f}", f"{r.share:.1%}",
                   r.tier + (" (manual)" if r.manual else ""), r.lifecycle,
                   "yes" if r.key_account else "", r.churn,
                   r.rating + (" (manual)" if r.rating_manual else "")) for r in found])
    return EXIT_OK


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{t} {counts.get(t, 0)}" for t, _, _ in TIER_WORDS)


def key_accounts(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    found = services.customer_value.key_accounts(actor)
    if getattr(args, "json", False):
        output.dump([r.as_dict() for r in found])
        return EXIT_OK
    output.table(("CODE", "NAME", "MANAGER", "REVENUE", "TREND", "OPEN", "OVERDUE",
                  "LAST VISIT", "NEXT VISIT", "COMPLAINTS"),
                 [(r.code, r.name + (" *" if r.manual else ""), r.owner, f"{r.revenue:,.2f}",
                   "" if r.trend is None else f"{r.trend:+.0%}", f"{r.open:,.2f}",
                   f"{r.overdue:,.2f}", _date(r.last_visit), _date(r.next_visit),
                   str(r.open_complaints)) for r in found])
    print(f"({len(found)} key accounts; * named by hand)")
    return EXIT_OK


def churn_list(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    found = services.customer_value.churn_list(actor)
    if getattr(args, "json", False):
        output.dump([{"code": r.code, "name": r.name, "reason": r.churn,
                      "revenue": f"{r.revenue:.2f}",
                      "revenue_before": f"{r.revenue_before:.2f}"} for r in found])
        return EXIT_OK
    output.table(("CODE", "NAME", "REASON", "REVENUE", "BEFORE"),
                 [(r.code, r.name, r.churn, f"{r.revenue:,.2f}", f"{r.revenue_before:,.2f}")
                  for r in found])
    return EXIT_OK


def set_key_account(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    services.customer_value.set_key_account(actor, args.key, args.named, args.reason)
    state = {True: "a key account (by hand)", False: "not a key account (by hand)",
             None: "a key account as its revenue says (at the next recomputation)"}
    output.emit(args, {"code": args.key.upper(), "key_account": args.named},
                f"{args.key.upper()}: {state[args.named]}")
    return EXIT_OK


def set_rating(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    grade = None if args.grade == "auto" else args.grade
    services.customer_value.set_rating(actor, args.key, grade, args.reason)
    output.emit(args, {"code": args.key.upper(), "credit_rating": grade or "auto"},
                f"{args.key.upper()}: rating " + (f"{grade} (manual)" if grade else
                                                  "computed again"))
    return EXIT_OK


def _date(day: date | None) -> str:
    return day.isoformat() if day else ""
