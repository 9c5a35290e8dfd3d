"""``kehu feedback sla`` and ``kehu feedback set-sla --set PRIORITY=HOURS...``: the hours until
a ticket of each priority is due (an administrator's setting, audited). The other verbs are
the generic ones (app/cli/records.py), ``move`` among them."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from app.cli import output
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.feedback import FEEDBACK, PRIORITIES, SLA_MAX_HOURS, sla_of
from app.logic.kit.dto import Record
from app.logic.services import Services

NAMES = tuple(value for value, _, _ in PRIORITIES)


def register(cmds: Commands) -> None:
    group = cmds.group(FEEDBACK.command, "feedback")
    cmds.command(group, "sla", "show the SLA: the hours until a ticket of each priority is "
                 "due, and the settings' version", show_sla)
    p = cmds.command(group, "set-sla", "set the hours until a ticket of a priority is due "
                     "(tickets made before keep their due time; needs the right admin.edit)",
                     set_sla)
    p.add_argument("--set", action="append", required=True, metavar="PRIORITY=HOURS",
                   help=f"a priority ({', '.join(NAMES)}) and its hours (1-{SLA_MAX_HOURS})")
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the settings are still at version N")


def show_sla(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    shown = services.feedback_settings.get_sla(actor)
    output.emit(args, _data(shown), _text(shown))
    return EXIT_OK


def set_sla(args: Namespace, services: Services, db: Any) -> int:
    hours: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or name.strip() not in NAMES:
            raise UsageError(f"--set takes PRIORITY=HOURS, a priority one of: "
                             f"{', '.join(NAMES)} (got {item!r})")
        hours[name.strip()] = value.strip()
    actor = sign_in(args, services)
    changed = services.feedback_settings.set_sla(actor, hours, args.expect_version)
    shown = changed.saved
    headline = "no change" if changed.action == "unchanged" else "saved"
    output.emit(args, _data(shown), f"{headline}: {_text(shown)}")
    return EXIT_OK


def _data(shown: Record) -> dict[str, Any]:
    return {**sla_of(shown), "version": shown.version}


def _text(shown: Record) -> str:
    hours = sla_of(shown)
    return ("tickets are due after " + ", ".join(f"{p} {h} h" for p, h in hours.items())
            + f" (version {shown.version})")
