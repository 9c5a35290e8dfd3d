"""The service reports: the feedback tickets received in the range (by type and status,
the time to resolve them, the SLA met, satisfaction, complaints per customer) and the visit
plan per month and salesperson. Times count by the local day they fall on: the range is
[the start of its first local day, the start of the day after its last) in UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.data.reports import ServiceFacts
from app.logic.feedback import STATUSES, TYPES
from app.logic.reports.model import Table
from app.logic.reports.periods import months
from app.logic.reports.run import Run, local_start, month_key, share

_DAY = timedelta(days=1)
TENTH = Decimal("0.1")
TOP_COMPLAINTS = 20
SCORES = range(1, 6)


def local_range(run: Run) -> tuple[datetime, datetime]:
    """The range's local days as UTC times [since, until)."""
    return local_start(run.start), local_start(run.end + _DAY)


def hours(span: timedelta) -> Decimal:
    """``span`` in hours, exact (to the microsecond)."""
    micro = (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds
    return Decimal(micro) / Decimal(3_600_000_000)


def nearest_rank(ordered: list[Decimal], percent: int) -> Decimal:
    """The ``percent``-th percentile of ``ordered`` (ascending, not empty) by the nearest
    rank: the value at rank ceil(percent / 100 x n), counting from 1."""
    rank = -(-percent * len(ordered) // 100)
    return ordered[max(rank, 1) - 1]


def service_analysis(run: Run) -> list[Table]:
    """Of the tickets received (made) in the range, of the customers in scope (a ticket is
    its customer's owner's):

    - ``by_type``: per type (every type, in the order of ``TYPES``) the tickets and how
      many of them are in each status now (the columns in the order of ``STATUSES``);
    - ``resolution``: per type, the tickets with a resolved time (resolved or closed, not
      reopened since): how many; the average and the 90th percentile (nearest rank: sorted
      ascending, the value at rank ceil(0.9 x n)) of the hours from made to resolved, to a
      tenth half up; how many were resolved by their due time (``resolved_at <= due_at``)
      and their share of the resolved; a type with none resolved: 0, None, None, 0, None;
    - ``satisfaction``: per score 1 to 5 (each) the tickets the customer scored so, and
      the share of all scored ones;
    - ``complaints``: the 20 customers with the most complaints (type complaint): code,
      name, complaints, those of them still open (new, assigned or in progress); the most
      first, then by code.
    """
    facts = run.uow.get(ServiceFacts)
    since, until = local_range(run)
    owners = run.owners

    counts = facts.by_type_status(since, until, owners)
    by_type: list[tuple[Any, ...]] = []
    for kind, _en, _zh in TYPES:
        per_status = [counts.get((kind, status), 0) for status, _e, _z in STATUSES]
        total = sum(n for (t, _s), n in counts.items() if t == kind)
        by_type.append((kind, total, *per_status))

    resolved = facts.resolved_counts(since, until, owners)
    spans: dict[str, list[Decimal]] = {}
    for kind, made, done in facts.resolution_times(since, until, owners):
        spans.setdefault(kind, []).append(hours(done - made))
    resolution: list[tuple[Any, ...]] = []
    for kind, _en, _zh in TYPES:
        count, met = resolved.get(kind, (0, 0))
        ordered = sorted(spans.get(kind, []))
        average = p90 = None
        if ordered:
            average = (sum(ordered, Decimal(0)) / len(ordered)).quantize(TENTH,
                                                                         ROUND_HALF_UP)
            p90 = nearest_rank(ordered, 90).quantize(TENTH, ROUND_HALF_UP)
        resolution.append((kind, count, average, p90, met, share(met, count)))

    scores = facts.satisfaction(since, until, owners)
    scored = sum(scores.get(s, 0) for s in SCORES)
    satisfaction = [(s, scores.get(s, 0), share(scores.get(s, 0), scored)) for s in SCORES]

    complaints = facts.complaints(since, until, owners, TOP_COMPLAINTS)
    return [run.table("by_type", by_type), run.table("resolution", resolution),
            run.table("satisfaction", satisfaction),
            run.table("complaints", [tuple(r) for r in complaints])]


def activities(run: Run) -> list[Table]:
    """The visit plan of each local month the range touches (its first and last month
    only from and to the range's days), as My day's visit plan counts it
    (``ActivityService.plan``): the visits (kind visit) with an owner scheduled then, of
    the owners in scope (a visit is its own owner's); per month and owner: planned (all of
    them, done or not), done, completion (done of planned; None of none). Each month lists
    the active salespeople in scope, with nothing planned too, and any other owner of a
    visit that month; by month, then by user name."""
    facts = run.uow.get(ServiceFacts)
    periods = list(months(run.start, run.end))
    bounds = [local_start(run.start),
              *(local_start(date(y, m, 1)) for y, m in periods[1:]),
              local_start(run.end + _DAY)]
    salespeople = {uid: (username, name) for uid, username, name in
                   facts.salespeople(run.owners)}
    per_month: dict[int, dict[int, tuple[str, str, int, int]]] = {}
    for n, owner, username, name, planned, done in facts.visits(bounds, run.owners):
        per_month.setdefault(n, {})[owner] = (username, name, planned, done)
    rows: list[tuple[Any, ...]] = []
    for n, (year, month) in enumerate(periods):
        found = per_month.get(n, {})
        people = {uid: (username, name, 0, 0) for uid, (username, name)
                  in salespeople.items()}
        people.update(found)
        for username, name, planned, done in sorted(people.values()):
            rows.append((month_key(year, month), username, name, planned, done,
                         share(done, planned)))
    return [run.table("visits", rows)]
