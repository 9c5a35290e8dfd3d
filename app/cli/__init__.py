"""The composition root: read settings, build the engine and services, run a command or the GUI.

Imports are lazy so ``kehu`` starts fast and only what a command needs is loaded.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping, Sequence

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
    arguments = list(sys.argv[1:] if argv is None else argv)
    problem = undecodable(arguments, os.environ)
    if problem:
        print(f"kehu: {problem}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser().parse_args(arguments)
    from app.cli import commands

    try:
        return commands.dispatch(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_ERROR
    except commands.UsageError as exc:
        print(f"kehu: {exc}", file=sys.stderr)
        return EXIT_USAGE


def undecodable(arguments: Sequence[str], environ: Mapping[str, str]) -> str:
    """What is not UTF-8 text among the arguments and the KEHU_ variables ("" if nothing).
    Python keeps such bytes as lone surrogates, which no database or terminal takes."""
    for index, argument in enumerate(arguments):
        if not _is_text(argument):
            _, has_value, value = argument.partition("=")
            shown = _shown(value if argument.startswith("-") and has_value else argument)
            if argument.startswith("--db") or arguments[index - 1:index] == ["--db"]:
                from app.data.engine import describe_url

                shown = describe_url(shown)
            return (f"{_argument_name(arguments, index)} is not valid UTF-8 text: {shown}; "
                    "check the character encoding of your terminal or script")
    for variable, value in environ.items():
        if variable.startswith("KEHU_") and not _is_text(value):
            return (f"the environment variable {variable} is not valid UTF-8 text; check the "
                    "character encoding of your terminal or script")
    return ""


def _argument_name(arguments: Sequence[str], index: int) -> str:
    argument = arguments[index]
    if argument.startswith("-"):
        option, has_value, _ = argument.partition("=")
        return f"the value of {_shown(option)}" if has_value else f"the option {_shown(option)}"
    if index and arguments[index - 1].startswith("-"):
        return f"the value of {arguments[index - 1]}"
    return f"argument {index + 1}"


def _shown(text: str) -> str:
    """``text`` printable: bytes that are not UTF-8 as \\xff."""
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
