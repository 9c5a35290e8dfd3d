"""``kehu projects reopen CODE``: a completed or cancelled project back in progress (the
right projects.reopen). The other verbs are the generic ones (app/cli/records.py)."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from app.cli import output, records
from app.cli.commands import sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.projects import PROJECT
from app.logic.services import Services


def register(cmds: Commands) -> None:
    group = cmds.group(PROJECT.command, "projects")
    p = cmds.command(group, "reopen", "reopen a completed or cancelled project (it goes back "
                     "in progress and can be changed again; needs the right projects.reopen)",
                     reopen)
    p.add_argument("key", metavar="CODE")
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the project is still at version N")


def reopen(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    current = records.find(services.projects, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    record = services.projects.reopen_project(actor, current.id, expected).saved
    output.record(args, PROJECT, record,
                  f"reopened {record.code} {record.name}: in progress (version "
                  f"{record.version})")
    return EXIT_OK
