"""The command-line contract. Each module registers its own commands
(``app/cli/<module>.py``, optional); every entity with a command gets the generic verbs
(``app/cli/records.py``). Later issues extend it; keep what is here stable."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.logic.kit.validation import whole_number

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_AUTH, EXIT_CONFLICT = 0, 1, 2, 3, 4

Handler = Callable[[argparse.Namespace, Any, Any], int]  # (args, services, database) -> code


def at_least(low: int) -> Callable[[str], int]:
    """An option's type: a whole number of at least ``low``, in ASCII or full-width digits.
    Anything else (``--limit 0``, ``--expect-version -1``, ``1_000``) is a usage error (exit
    2), never quietly made into something else."""

    def number(text: str) -> int:
        value = whole_number(text)
        if value is None or value < low:
            raise argparse.ArgumentTypeError(f"must be a whole number of at least {low}, "
                                             f"got {text!r}")
        return value

    number.__name__ = f"whole number >= {low}"  # argparse names the type in some messages
    return number


def add_globals(parser: argparse.ArgumentParser, suppress: bool, sign_in: bool = True) -> None:
    """Global options, accepted before or after the command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="URL", default=default,
                        help="database URL (default: KEHU_DATABASE_URL, the settings file, "
                             "or the SQLite file in your data folder)")
    if sign_in:
        parser.add_argument("--user", metavar="NAME", default=default,
                            help="sign in as NAME (password from KEHU_PASSWORD, else a "
                                 "prompt; KEHU_USER when not given)")
    parser.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="print machine-readable JSON")


class Commands:
    """Where modules add their commands: groups (``kehu user ...``) and commands with the
    handler that runs them."""

    def __init__(self, sub: Any) -> None:
        self.sub = sub
        self.groups: dict[str, Any] = {}
        self.names: dict[int, set[str]] = {}  # the commands made in each group

    def has(self, parent: Any, name: str) -> bool:
        """Whether ``parent`` has the command ``name`` already: a module's own verb
        (``kehu orders add`` with its lines) takes the place of the generic one."""
        return name in self.names.get(id(parent), set())

    def group(self, name: str, help_text: str) -> Any:
        """The subcommands of ``kehu NAME``, made on first use."""
        found = self.groups.get(name)
        if found is None:
            parser = self.sub.add_parser(name, help=help_text, description=help_text)
            found = self.groups[name] = parser.add_subparsers(dest="action", required=True,
                                                              metavar="ACTION")
        return found

    def command(self, parent: Any, name: str, help_text: str, handler: Handler,
                sign_in: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = parent.add_parser(name, help=help_text,
                                                            description=help_text)
        self.names.setdefault(id(parent), set()).add(name)
        add_globals(parser, suppress=True, sign_in=sign_in)
        parser.set_defaults(handler=handler)
        return parser


def build_parser() -> argparse.ArgumentParser:
    from app.cli import commands, importing, records
    from app.logic.kit.registry import load_modules
    from app.modules import packages

    parser = argparse.ArgumentParser(
        prog="kehu", description="Kehu (客户) customer-information manager. "
        "Without a command, opens the desktop app.")
    add_globals(parser, suppress=False)
    parser.add_argument("--demo", action="store_true",
                        help="open the app on the demo database (created on first use)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cmds = Commands(sub)
    commands.register(cmds)
    for module in packages("app.cli"):  # a module's commands of its own (optional)
        module.register(cmds)
    for logic in load_modules():
        for entity in logic.entities:
            if entity.command:
                records.register(cmds, entity)
    records.register_export(cmds)
    importing.register(cmds)
    return parser
