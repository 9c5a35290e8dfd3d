"""The command-line contract. Later issues extend it; keep what is here stable."""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_AUTH, EXIT_CONFLICT = 0, 1, 2, 3, 4


def _globals(parser: argparse.ArgumentParser, suppress: bool, sign_in: bool = True) -> None:
    """Global options, accepted before or after the command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL (default: KEHU_DATABASE_URL, the settings file, "
                             "or the SQLite file in your data folder)")
    if sign_in:
        parser.add_argument("--user", metavar="NAME", default=default,
                            help="sign in as NAME (password from KEHU_PASSWORD, else a prompt)")
    parser.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="print machine-readable JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehu", description="Kehu (客户) customer-information manager. "
        "Without a command, opens the desktop app.")
    _globals(parser, suppress=False)
    parser.add_argument("--demo", action="store_true",
                        help="open the app on the demo database (created on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent: argparse._SubParsersAction, name: str, help_text: str,
                sign_in: bool = True) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        _globals(p, suppress=True, sign_in=sign_in)
        return p

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="action",
                                                                     required=True)
    command(db, "upgrade", "upgrade the database schema to the newest version")
    command(db, "current", "print the database's schema version")

    user = sub.add_parser("user", help="users").add_subparsers(dest="action", required=True)
    p = command(user, "create-admin", "create an administrator (password from KEHU_PASSWORD "
                                      "or a prompt)")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default="")
    p = command(user, "add", "add a user (initial password from KEHU_NEW_PASSWORD or a "
                             "prompt; it must be changed at the first sign-in)")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default="")
    p.add_argument("--role", action="append", default=[], metavar="ROLE")
    p.add_argument("--department", default="", metavar="NAME")
    command(user, "list", "list users")
    command(user, "change-password", "change your own password (current one from "
                                     "KEHU_PASSWORD, new one from KEHU_NEW_PASSWORD or prompts)")
    for name, text in (("disable", "disable a user"), ("enable", "enable a user"),
                       ("unlock", "unlock a locked-out user"),
                       ("reset-password", "set a temporary password (KEHU_NEW_PASSWORD or a "
                                          "prompt) that must be changed at the next sign-in")):
        command(user, name, text).add_argument("username")

    role = sub.add_parser("role", help="roles").add_subparsers(dest="action", required=True)
    command(role, "list", "list roles")
    command(role, "show", "show a role's permission matrix and scopes").add_argument("code")

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="action",
                                                                         required=True)
    # Here --user filters; sign in with the global option before the command
    # (kehu --user admin audit list --user sales1) or KEHU_USER.
    p = command(audit, "list", "list audit entries, newest first", sign_in=False)
    p.add_argument("--user", dest="filter_user", default="", metavar="U",
                   help="only entries by user U (sign in with kehu --user NAME audit list ...)")
    p.add_argument("--entity", default="", metavar="E")
    p.add_argument("--action", dest="filter_action", default="", metavar="A")
    p.add_argument("--since", default="", metavar="DATE")
    p.add_argument("--limit", type=int, default=100)
    command(audit, "verify", "check the audit log's hash chain (exit 1 when broken)")

    customers = sub.add_parser("customers", help="customers").add_subparsers(
        dest="action", required=True)
    p = command(customers, "list", "list customers")
    p.add_argument("--search", default="")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--status", default="")
    p.add_argument("--sort", default="name")
    p = command(customers, "show", "show one customer with its contacts")
    p.add_argument("code")
    p = command(customers, "add", "add a customer")
    p.add_argument("--name", required=True)
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="create even if a customer with the same name, tax id or phone exists")
    p = command(customers, "update", "change fields of a customer")
    p.add_argument("code")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", required=True)
    p.add_argument("--expect-version", type=int, metavar="N",
                   help="refuse (exit 4) unless the customer is still at version N")
    p.add_argument("--allow-duplicate", action="store_true")

    p = command(sub, "demo", "fill the database with realistic demo data")
    p.add_argument("--customers", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    return parser
