"""``kehu activities done ID``: mark an activity done (and plan its follow-up); ``kehu
activities due``: what "My day" shows the signed-in user; ``kehu activities plan --month
YYYY-MM``: the month's visits per salesperson with the completion rate. The other verbs are
the generic ones (app/cli/records.py)."""

from __future__ import annotations

from argparse import Namespace
from datetime import date, datetime
from typing import Any

from app.cli import output, records
from app.cli.commands import UsageError, sign_in
from app.cli.parser import EXIT_OK, Commands, at_least
from app.logic.activities import ACTIVITY, MyDay, PlanRow, month_bounds
from app.logic.kit.dto import Record
from app.logic.kit.errors import ValidationError
from app.logic.services import Services


def register(cmds: Commands) -> None:
    group = cmds.group(ACTIVITY.command, "activities")
    p = cmds.command(group, "done", "mark an activity done now, with its outcome; with "
                     "--next the follow-up is planned in the same save (needs the right "
                     "activities.complete)", done)
    p.add_argument("key", metavar="ID")
    p.add_argument("--outcome", metavar="TEXT", help="what came of it")
    p.add_argument("--next", metavar="DATE",
                   help="plan the follow-up for DATE (YYYY-MM-DD, today or later) at 09:00: "
                        "the same customer, contact, kind and owner")
    p.add_argument("--expect-version", type=at_least(1), metavar="N",
                   help="refuse (exit 4) unless the activity is still at version N")
    cmds.command(group, "due", "what My day shows you: your activities overdue, due today "
                 "and in the next 7 days (a manager: the team's), and the overdue tickets "
                 "assigned to you", due)
    p = cmds.command(group, "plan", "the month's visits per salesperson: planned, done and "
                     "the completion rate (a manager: the team's)", plan)
    p.add_argument("--month", metavar="YYYY-MM", required=True,
                   help="the month, in local time")


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--next takes a date as YYYY-MM-DD, got {text!r}") from None


def _month(text: str) -> str:
    try:
        month_bounds(text)
    except ValidationError:
        raise UsageError(f"--month takes a month as YYYY-MM, got {text!r}") from None
    return text.strip()


def done(args: Namespace, services: Services, db: Any) -> int:
    follow = _day(args.next)
    actor = sign_in(args, services)
    current = records.find(services.activities, actor, args.key)
    expected = current.version if args.expect_version is None else args.expect_version
    changed = services.activities.mark_done(actor, current.id, expected, args.outcome,
                                            follow)
    record = changed.saved
    headline = f"#{record.id} {record.get('subject')}: done (version {record.version})"
    if changed.related:
        follow_up = changed.related[0][1]
        headline += f"; follow-up #{follow_up} planned for {follow} 09:00"
    output.record(args, ACTIVITY, record, headline)
    return EXIT_OK


def due(args: Namespace, services: Services, db: Any) -> int:
    actor = sign_in(args, services)
    tickets_too = actor.can("feedback", "view")
    # Someone who works tickets only (the Service role) sees their tickets; anyone else
    # without the right to view activities is refused.
    if tickets_too and not actor.can("activities", "view"):
        day = MyDay(date.today(), [], [], [], 0)
    else:
        day = services.activities.my_day(actor)
    tickets = services.feedback.overdue_for(actor) if tickets_too else []
    output.emit(args, {"overdue": day.overdue, "today": day.due_today, "week": day.week,
                       "tickets": tickets}, _day_text(day, tickets))
    return EXIT_OK


def plan(args: Namespace, services: Services, db: Any) -> int:
    month = _month(args.month)
    actor = sign_in(args, services)
    found = services.activities.plan(actor, month)
    if getattr(args, "json", False):
        output.dump([_plan_data(r) for r in found])
        return EXIT_OK
    output.table(("USER", "NAME", "PLANNED", "DONE", "RATE"),
                 [[r.username, r.name, str(r.planned), str(r.done),
                   "" if r.rate is None else f"{r.rate}%"] for r in found])
    planned, finished = sum(r.planned for r in found), sum(r.done for r in found)
    people = "salesperson" if len(found) == 1 else "salespeople"
    print(f"({len(found)} {people}, {finished} of {planned} visits done in {month})")
    return EXIT_OK


def _plan_data(row: PlanRow) -> dict[str, Any]:
    return {"user_id": row.user_id, "user": row.username, "name": row.name,
            "planned": row.planned, "done": row.done,
            "rate": None if row.rate is None else str(row.rate)}


def _day_text(day: MyDay, tickets: list[Record]) -> str:
    more = day.overdue_total - len(day.overdue)
    parts = [_section(f"Overdue ({day.overdue_total})", day.overdue, more),
             _section(f"Today, {day.today.isoformat()} ({len(day.due_today)})",
                      day.due_today),
             _section(f"The next 7 days ({len(day.week)})", day.week),
             _section(f"Overdue tickets assigned to you ({len(tickets)})", tickets)]
    return "\n\n".join(parts)


def _section(title: str, found: list[Record], more: int = 0) -> str:
    lines = [title] + [_line(r) for r in found]
    if more > 0:
        lines.append(f"  ... and {more} more")
    return "\n".join(lines)


def _line(record: Record) -> str:
    if record.entity == ACTIVITY.name:
        when = _local(record.get("scheduled_at"))
        kind = ACTIVITY.field("kind").display(record.get("kind"), "en")
        return (f"  #{record.id:<6} {when}  {kind:<8} {output.text_of(record.get('customer'))}"
                f"  {record.get('subject')}  ({output.text_of(record.get('owner'))})")
    return (f"  {record.get('number')}  due {_local(record.get('due_at'))}  "
            f"{output.text_of(record.get('customer'))}  {record.get('subject')}")


def _local(value: Any) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) \
        else ""
