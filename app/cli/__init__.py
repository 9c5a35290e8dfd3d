"""The composition root: read settings, build the engine and services, run a command or the GUI.

Imports are lazy so ``kehu`` starts fast and only what a command needs is loaded.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from app.cli.parser import EXIT_ERROR, EXIT_USAGE, build_parser


def main(argv: Sequence[str] | None = None) -> int:
    # Starting up imports SQLAlchemy, Qt and the screens: many long-lived objects and no
    # garbage worth collecting. The cyclic collector stays off until the command's services
    # (or the GUI's main window) are up: about 10% of the imports' time.
    gc.disable()
    try:
        return _run(argv)
    finally:
        started()


def _run(argv: Sequence[str] | None) -> int:
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


_frozen = False


def started() -> None:
    """Start-up is over: collect cycles again. The first time in a process, what start-up
    made is also kept out of later collections (gc.freeze): they are cheaper for it, and a
    list page is not held up by a walk over SQLAlchemy's and Qt's objects."""
    global _frozen
    if gc.isenabled():
        return
    if not _frozen:
        gc.freeze()
        _frozen = True
    gc.enable()


def entry() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `kehu customers list | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
