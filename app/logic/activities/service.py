"""Activity use cases on the kit's write path, and what only activities have: the owner the
signed-in user by default, the contact one of the customer's, marking one done (a move of
its own) that plans the follow-up in the same save, "My day", the month's visit plan with
each salesperson's completion rate, and the record scope of the customer's owner."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.data.activities import DONE, PLANNED, ActivityQueries, ActivityRepository
from app.data.admin import UserRepository
from app.data.kit.uow import UnitOfWork
from app.logic.activities.fields import ACTIVITY, COMPLETE
from app.logic.customers import require_customer
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.fields import Label, Ref
from app.logic.kit.permissions import owner_scope
from app.logic.kit.service import RecordService
from app.logic.kit.timeline import Moment
from app.logic.kit.trail import created
from app.logic.kit.workflow import Transition

DAY_SHOWN = 200  # activities a "My day" list shows at most
MONTH_SHOWN = 5000  # visits a month's calendar shows at most
FOLLOW_UP_AT = time(9, 0)  # a follow-up is planned for this local time of its day
FOLLOW_UP = Label("Follow-up: ", "跟进：")


@dataclass(frozen=True)
class MyDay:
    """What a user has to do (a manager: their team): activities not done whose time has
    gone (the latest first), those of today and of the 7 days after it (by time)."""

    today: date
    overdue: list[Record]
    due_today: list[Record]
    week: list[Record]
    overdue_total: int  # all overdue, when more than the list shows


@dataclass(frozen=True)
class PlanRow:
    """One salesperson's visits of a month: planned (scheduled in the month, done or not),
    done, and the rate (percent, half up to a tenth; None without a planned visit)."""

    user_id: int
    username: str
    name: str
    planned: int
    done: int
    rate: Decimal | None


def completion_rate(planned: int, done: int) -> Decimal | None:
    """Done of planned in percent, rounded half up to a tenth: 2 of 3 is 66.7."""
    if planned <= 0:
        return None
    return (Decimal(done) * 100 / Decimal(planned)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The local month "YYYY-MM" as UTC times [start, end); ValidationError for a bad
    month."""
    try:
        year, number = (int(part) for part in month.strip().split("-"))
        first = date(year, number, 1)
        following = date(year + (number == 12), number % 12 + 1, 1)
    except (ValueError, TypeError):
        raise ValidationError({"month": FieldError(
            "invalid_month", f"must be a month like 2026-05 (got {month!r})")}) from None
    return local_start(first), local_start(following)


def local_start(day: date) -> datetime:
    """The start of ``day`` in the local time zone, in UTC."""
    return local_time(day, time(0))


class ActivityService(RecordService):
    entity = ACTIVITY
    repository = ActivityRepository
    queries = ActivityQueries

    # --- named use cases --------------------------------------------------------------
    def get_activity(self, actor: Actor, activity_id: int) -> Record:
        return self.get(actor, activity_id)

    def list_activities(self, actor: Actor, query: ListQuery,
                        after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_activity(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        return self.create(actor, values)

    def update_activity(self, actor: Actor, activity_id: int, expected_version: int,
                        changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, activity_id, expected_version, changes)

    def mark_done(self, actor: Actor, activity_id: int, expected_version: int,
                  outcome: str | None = None, next_date: date | str | None = None
                  ) -> Changed:
        """Mark the activity done now, with what came of it; with ``next_date`` (not
        before today) the follow-up is planned in the same save: the same customer,
        contact, kind and owner, at 9:00 that day (its own audit entry; ``related``
        names it). The right ``activities.complete``."""
        values: dict[str, Any] = {}
        if outcome is not None:
            values["outcome"] = outcome
        if next_date is not None and next_date != "":
            values["next_follow_up"] = next_date
        return self.transit(actor, activity_id, expected_version, COMPLETE, values)

    def activities_of(self, actor: Actor, customer_id: int, limit: int = 1000
                      ) -> list[Record]:
        """The customer's activities, the latest scheduled first."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            return self.records_of(uow, self._repo_of(uow).of_customer(customer_id, limit))

    def my_day(self, actor: Actor, today: date | None = None) -> MyDay:
        """What ``actor`` has to do: the activities not done they own (a manager: their
        team's; a user seeing all records: everyone's), of customers they may see; the
        days are local days."""
        self._require(actor, "view")
        day = today or date.today()
        start, tomorrow = local_start(day), local_start(day + timedelta(days=1))
        week_end = local_start(day + timedelta(days=8))
        scope = owner_scope(actor, self.entity.scope_rights)
        with self._open(actor, write=False) as uow:
            repo = self._repo_of(uow)
            overdue = repo.planned_before(scope, start, DAY_SHOWN, scope)
            total = len(overdue) if len(overdue) < DAY_SHOWN else \
                repo.count_planned_before(scope, start, scope)
            return MyDay(day, self.records_of(uow, overdue),
                         self.records_of(uow, repo.planned_between(scope, start, tomorrow,
                                                                   DAY_SHOWN, scope)),
                         self.records_of(uow, repo.planned_between(scope, tomorrow,
                                                                   week_end, DAY_SHOWN,
                                                                   scope)),
                         total)

    def plan(self, actor: Actor, month: str) -> list[PlanRow]:
        """The month's visits per salesperson the actor may see (a salesperson: their own;
        a manager: the team's; all: every salesperson), by user name. A salesperson without
        a visit that month is listed with 0; a user who is no salesperson only when they
        own visits of the month."""
        self._require(actor, "view")
        start, end = month_bounds(month)
        scope = owner_scope(actor, self.entity.scope_rights)
        with self._open(actor, write=False) as uow:
            counts = self._repo_of(uow).visit_counts(scope, start, end)
            users = self._plan_users(uow, scope, counts)
            return [PlanRow(u.id, u.username, u.display_name or u.username,
                            *counts.get(u.id, (0, 0)),
                            completion_rate(*counts.get(u.id, (0, 0))))
                    for u in users]

    def plan_owner_choices(self, actor: Actor) -> list[Ref]:
        """Whose visit plan the actor may look at (a calendar's choice of salesperson):
        the salespeople in their scope, and themselves, by user name."""
        self._require(actor, "view")
        scope = owner_scope(actor, self.entity.scope_rights)
        with self._open(actor, write=False) as uow:
            return [Ref(u.id, u.username, u.display_name or u.username)
                    for u in self._plan_users(uow, scope, {actor.user_id: (0, 0)})]

    def month_visits(self, actor: Actor, user_id: int | None, month: str) -> list[Record]:
        """The month's visits of ``user_id`` (None: of everyone the actor may see), by
        time: a calendar's."""
        self._require(actor, "view")
        start, end = month_bounds(month)
        scope = owner_scope(actor, self.entity.scope_rights)
        if user_id is None:
            owners = scope
        elif scope is None or user_id in scope:
            owners = {user_id}
        else:
            raise NotFound("user", user_id)
        with self._open(actor, write=False) as uow:
            return self.records_of(uow, self._repo_of(uow).visits(owners, start, end,
                                                                  MONTH_SHOWN))

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's activities on its timeline at their scheduled time: the kind as
        what it is, planned or done, late when overdue (the right to view activities)."""
        self._require(actor, "view")
        kinds = {c.value: c.label for c in ACTIVITY.field("kind").choices}
        states = {c.value: c.label for c in ACTIVITY.field("state").choices}
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, limit)
            return [Moment(a.scheduled_at, ACTIVITY.name, a.id,
                           kinds.get(a.kind, ACTIVITY.label), a.subject, states.get(a.state),
                           "", a.overdue) for a in found]

    def owner_choices(self, actor: Actor) -> list[Ref]:
        """Who may own an activity, as a form offers them: the active users holding a
        sales role, and the signed-in user (the default owner)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            users = list(uow.get(UserRepository).sales_users(None))
            if all(u.id != actor.user_id for u in users):
                me = uow.get(UserRepository).get(actor.user_id)
                users += [me] if me is not None else []
            return [Ref(u.id, u.username, u.display_name or u.username)
                    for u in sorted(users, key=lambda u: u.username)]

    @staticmethod
    def is_done(record: Record) -> bool:
        """Whether ``record`` is marked done."""
        return bool(record.get("state") == DONE)

    # --- hooks ------------------------------------------------------------------------
    def scope_owner(self, uow: UnitOfWork, record: Any) -> int | None:
        return self._repo_of(uow).customer_owner(record)

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is None and values.get("owner") is None and "owner" not in values:
            values["owner"] = actor.user_id
        customer = values.get("customer", getattr(record, "customer_id", None))
        contact = values.get("contact", getattr(record, "contact_id", None))
        if contact is not None and ("contact" in values or "customer" in values) and \
                self._repo_of(uow).customer_of_contact(contact) != customer:
            raise ValidationError({"contact": FieldError(
                "not_of_customer", "is not a contact of the activity's customer")})

    def check_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: dict[str, Any], record: Any) -> None:
        follow = values.get("next_follow_up")
        today = date.today()
        if follow is not None and follow < today:
            raise ValidationError({"next_follow_up": FieldError(
                "in_the_past", f"must not be before today ({today.isoformat()})")})

    def after_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: Mapping[str, Any], record: Any) -> None:
        """Done with a follow-up date: the next activity (the same customer, contact,
        kind and owner, at 9:00 local time that day), made and audited in the same
        transaction, before the done one's own entry."""
        follow = values.get("next_follow_up")
        if transition.name != COMPLETE or follow is None:
            return
        # The done one first: a row changed meanwhile is a conflict about it.
        self._flush(uow, record, record.version)
        clean = {"kind": record.kind, "customer": record.customer_id,
                 "contact": record.contact_id, "owner": record.owner_id,
                 "subject": follow_up_subject(record.subject),
                 "scheduled_at": local_time(follow, FOLLOW_UP_AT), "state": PLANNED}
        follow_up = self._repo(uow).new(self._attrs(clean), actor.user_id)
        self._flush(uow, follow_up, 0)
        self._audit(uow, actor, "create", follow_up, created(clean))
        record.follow_up_id = follow_up.id  # named by ``related``

    def related(self, uow: UnitOfWork, record: Any) -> tuple[tuple[str, int], ...]:
        follow_up = getattr(record, "follow_up_id", None)
        return ((ACTIVITY.name, follow_up),) if follow_up is not None else ()

    # --- helpers ----------------------------------------------------------------------
    def _repo_of(self, uow: UnitOfWork) -> ActivityRepository:
        return uow.get(ActivityRepository)

    @staticmethod
    def _plan_users(uow: UnitOfWork, scope: Collection[int] | None,
                    counts: Mapping[int, tuple[int, int]]) -> list[Any]:
        """The salespeople within ``scope`` and the owners in ``counts`` (within scope
        too), by user name."""
        users = uow.get(UserRepository)
        found = {u.id: u for u in users.sales_users(scope)}
        for user_id in counts:
            if user_id not in found and (scope is None or user_id in scope):
                user = users.get(user_id)
                if user is not None:
                    found[user.id] = user
        return sorted(found.values(), key=lambda u: str(u.username))



def follow_up_subject(subject: str) -> str:
    """The follow-up's subject: "Follow-up: <subject>", or "跟进：<subject>" for a subject
    in Chinese; the prefix once, however many follow-ups came before."""
    for prefix in (FOLLOW_UP.en, FOLLOW_UP.zh):
        subject = subject.removeprefix(prefix)
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in subject)
    return ((FOLLOW_UP.zh if chinese else FOLLOW_UP.en) + subject)[:200]


def local_time(day: date, at: time) -> datetime:
    """``day`` at the local time ``at``, in UTC."""
    return datetime.combine(day, at).astimezone().astimezone(UTC)
