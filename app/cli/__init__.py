"""The composition root: read settings, build the engine and services, run a command or the GUI.

Imports are lazy so ``kehu`` starts fast and only what a command needs is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli.parser import EXIT_ERROR, EXIT_USAGE, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from app.cli import commands

    try:
        return commands.dispatch(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_ERROR
    except commands.UsageError as exc:
        print(f"kehu: {exc}", file=sys.stderr)
        return EXIT_USAGE


def entry() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `kehu customers list | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
