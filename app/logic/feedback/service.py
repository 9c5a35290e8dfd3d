"""Feedback use cases on the kit's write path, and what only tickets have: the due time from
the SLA (set at creation, computed again from the creation time when the priority changes),
a contact of the ticket's own customer, an assignee who works tickets, each move of the
workflow a named use case with its own right, the record scope of the customer's owner,
and what a customer's overview, its timeline and "My day" ask of tickets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from app.data.feedback import FeedbackQueries, FeedbackRepository
from app.data.kit.uow import UnitOfWork
from app.logic.customers import require_customer
from app.logic.feedback.fields import FEEDBACK, FEEDBACK_SETTINGS, OPEN, PRIORITIES
from app.logic.kit.clock import now
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.fields import Label, Ref
from app.logic.kit.permissions import owner_scope
from app.logic.kit.service import Edit, RecordService
from app.logic.kit.settings import SettingsGroupService, read_settings
from app.logic.kit.timeline import Moment
from app.logic.kit.trail import created
from app.logic.kit.workflow import Transition

GROUP = "feedback"  # where the SLA settings are kept
OPEN_SHOWN = 5  # open tickets a customer's overview lists
OVERDUE_SHOWN = 50  # overdue tickets "My day" lists
WORKS = ("start", "resolve")  # the rights of whoever works tickets (may be assigned them)
FACTORY_PRIORITIES = tuple(value for value, _, _ in PRIORITIES)


class FeedbackService(RecordService):
    entity = FEEDBACK
    repository = FeedbackRepository
    queries = FeedbackQueries

    # --- named use cases --------------------------------------------------------------
    def get_ticket(self, actor: Actor, ticket_id: int) -> Record:
        return self.get(actor, ticket_id)

    def get_ticket_by_number(self, actor: Actor, number: str) -> Record:
        return self.get_by_key(actor, number)

    def list_tickets(self, actor: Actor, query: ListQuery,
                     after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_ticket(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        """A new ticket (state new), due after the SLA hours of its priority."""
        return self.create(actor, values)

    def update_ticket(self, actor: Actor, ticket_id: int, expected_version: int,
                      changes: Mapping[str, Any]) -> Changed:
        """Change fields (never the state: that is a move); a new priority makes the ticket
        due after its SLA hours from the ticket's creation."""
        return self.update(actor, ticket_id, expected_version, changes)

    def delete_ticket(self, actor: Actor, ticket_id: int, expected_version: int) -> Changed:
        return self.delete(actor, ticket_id, expected_version)

    # --- the workflow's moves: each its own right (feedback.<move>) and audit action --
    def assign_ticket(self, actor: Actor, ticket_id: int, expected_version: int,
                      assignee: int | str | None = None) -> Changed:
        """New -> assigned, to ``assignee`` (an id or a user name; None: the one the
        ticket names already), who must work tickets."""
        values = {} if assignee is None else {"assignee": assignee}
        return self.transit(actor, ticket_id, expected_version, "assign", values)

    def start_ticket(self, actor: Actor, ticket_id: int, expected_version: int) -> Changed:
        """Assigned -> in progress."""
        return self.transit(actor, ticket_id, expected_version, "start")

    def resolve_ticket(self, actor: Actor, ticket_id: int, expected_version: int,
                       resolution: str | None = None, cause: str | None = None) -> Changed:
        """In progress -> resolved: the resolution and the cause reported to the customer
        must be filled (given here, or already on the ticket); the time is stamped."""
        values = {k: v for k, v in (("resolution", resolution), ("cause", cause))
                  if v is not None}
        return self.transit(actor, ticket_id, expected_version, "resolve", values)

    def close_ticket(self, actor: Actor, ticket_id: int, expected_version: int,
                     satisfaction: int | str | None = None,
                     satisfaction_comment: str | None = None) -> Changed:
        """Resolved -> closed, with the customer's satisfaction (1-5) and comment if
        given; the time is stamped."""
        values = {k: v for k, v in (("satisfaction", satisfaction),
                                    ("satisfaction_comment", satisfaction_comment))
                  if v is not None}
        return self.transit(actor, ticket_id, expected_version, "close", values)

    def reopen_ticket(self, actor: Actor, ticket_id: int, expected_version: int) -> Changed:
        """Resolved or closed -> in progress: the resolved and closed times, the
        satisfaction and its comment are cleared (the resolution and cause are kept)."""
        return self.transit(actor, ticket_id, expected_version, "reopen")

    # --- what other screens ask of tickets --------------------------------------------
    def open_tickets_of(self, actor: Actor, customer_id: int, limit: int = OPEN_SHOWN
                        ) -> tuple[list[Record], int, int]:
        """The customer's open tickets (up to ``limit``, the newest first), how many it has
        open in all and how many of those are overdue: what its overview shows. NotFound
        for a customer outside the actor's scope."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            repo = self._repo_of(uow)
            found = repo.of_customer(customer_id, OPEN, limit=max(0, limit))
            total, late = repo.open_counts_of_customer(customer_id, now())
            return self.records_of(uow, found), total, late

    def tickets_of(self, actor: Actor, customer_id: int, limit: int = 1000) -> list[Record]:
        """The customer's tickets, the newest first (its tab)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            return self.records_of(uow, self._repo_of(uow).of_customer(customer_id,
                                                                       limit=limit))

    def overdue_for(self, actor: Actor, limit: int = OVERDUE_SHOWN) -> list[Record]:
        """The open tickets past their due time assigned to the actor, the longest overdue
        first ("My day"); to anyone of their team when their feedback scope is the team's.
        Only tickets the actor may see."""
        self._require(actor, "view")
        scope = owner_scope(actor, self.entity.scope_rights)
        assignees = {actor.user_id} if scope is None else set(scope)
        with self._open(actor, write=False) as uow:
            found = self._repo_of(uow).overdue_assigned(assignees, scope, now(), limit)
            return self.records_of(uow, found)

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's tickets on its timeline, at their creation: the type as the kind,
        the status as the state, late when overdue (the right to view feedback)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, limit=limit)
            return [Moment(t.created_at, FEEDBACK.name, t.id,
                           _choice_label("type", t.type) or FEEDBACK.label, t.subject,
                           _choice_label("status", t.status), t.number, t.overdue)
                    for t in found]

    def assignee_choices(self, actor: Actor) -> list[Ref]:
        """Who may be assigned a ticket, as a form offers them: the active users holding
        the rights to work tickets (feedback.start and feedback.resolve), by user name."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return [Ref(i, name, label or name) for i, name, label in self._workers(uow)]

    def customer_choices(self, actor: Actor, limit: int = 1000) -> list[Ref]:
        """The customers with tickets the actor may see, by name: what the list's customer
        filter offers."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            rows = self._repo_of(uow).customers_with_feedback(
                owner_scope(actor, self.entity.scope_rights), limit)
            return [Ref(i, code, name) for i, code, name in rows]

    def sla_hours(self, actor: Actor) -> dict[str, int]:
        """The SLA now: hours until due by priority (``{"urgent": 4, ...}``)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return _sla(uow)

    def due_for(self, actor: Actor, priority: str, created_at: datetime | None = None
                ) -> datetime:
        """When a ticket of ``priority`` created at ``created_at`` (default: now) is due
        by the SLA now (a form shows it before the ticket is saved)."""
        hours = self.sla_hours(actor)
        if priority not in hours:
            raise ValidationError({"priority": FieldError(
                "invalid_choice", f"must be one of: {', '.join(hours)} (got {priority!r})")})
        return (created_at or now()) + timedelta(hours=hours[priority])

    @staticmethod
    def is_open(record: Record) -> bool:
        """Whether ``record`` is neither resolved nor closed."""
        return record.get("status") in OPEN

    # --- hooks ------------------------------------------------------------------------
    def scope_owner(self, uow: UnitOfWork, record: Any) -> int | None:
        return self._repo_of(uow).customer_owner(record)

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        customer = values.get("customer", getattr(record, "customer_id", None))
        contact = values.get("contact", getattr(record, "contact_id", None))
        if contact is not None and ("contact" in values or "customer" in values) and \
                self._repo_of(uow).customer_of_contact(contact) != customer:
            raise ValidationError({"contact": FieldError(
                "not_of_customer", "is not a contact of the ticket's customer")})
        if values.get("assignee") is not None and \
                (record is None or values["assignee"] != record.assignee_id):
            self._check_worker(uow, values["assignee"])
        if record is None:  # due after the SLA hours of its priority from now, its creation
            created_at = now()
            values["created_at"] = created_at
            values["due_at"] = created_at + timedelta(hours=_sla(uow)[values["priority"]])

    def check_move(self, uow: UnitOfWork, actor: Actor, transition: Transition,
                   values: dict[str, Any], record: Any) -> None:
        if transition.name == "assign" and values.get("assignee") != record.assignee_id:
            self._check_worker(uow, values["assignee"])

    def created_changes(self, clean: Mapping[str, Any]) -> dict[str, list[Any]]:
        return created({k: v for k, v in clean.items() if k != "created_at"})

    def _resolve(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
                 record: Any | None) -> dict[str, Any]:
        """A contact given by name (the CLI's ``--set contact=李娜``) is the ticket's
        customer's contact of that name."""
        resolved = super()._resolve(uow, actor, {k: v for k, v in values.items()
                                                 if k != "contact"}, record)
        if "contact" not in values:
            return resolved
        contact = values["contact"]
        if isinstance(contact, str):
            customer = resolved["customer"] if "customer" in resolved else \
                getattr(record, "customer_id", None)
            found = None if customer is None else \
                self._repo_of(uow).contact_named(customer, contact)
            if found is None:
                raise ValidationError({"contact": FieldError(
                    "unknown_contact", f"the customer has no contact {contact!r}")})
            contact = found
        return {**resolved, **super()._resolve(uow, actor, {"contact": contact}, record)}

    def _change(self, actor: Actor, record_id: int, expected_version: int, right: str,
                action: str, edit: Edit) -> Changed:
        """A change of the priority makes the ticket due after the new priority's SLA
        hours from its creation (in the same audit entry)."""

        def timed(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            changes = edit(uow, record)
            if not changes or "priority" not in changes:
                return changes
            due = record.created_at + timedelta(hours=_sla(uow)[record.priority])
            if due == record.due_at:
                return changes
            timed_changes = {**changes, "due_at": [FEEDBACK.field("due_at").plain(
                record.due_at), FEEDBACK.field("due_at").plain(due)]}
            self._repo_of(uow).assign(record, {"due_at": due}, actor.user_id)
            return timed_changes

        return super()._change(actor, record_id, expected_version, right, action, timed)

    # --- helpers ----------------------------------------------------------------------
    def _repo_of(self, uow: UnitOfWork) -> FeedbackRepository:
        return uow.get(FeedbackRepository)

    def _workers(self, uow: UnitOfWork) -> list[tuple[int, str, str]]:
        repo = self._repo_of(uow)
        holders = [repo.users_with_right(self.entity.module, a) for a in WORKS]
        ids = set.intersection(*({u[0] for u in found} for found in holders))
        return [u for u in holders[0] if u[0] in ids]

    def _check_worker(self, uow: UnitOfWork, user_id: int) -> None:
        if all(u[0] != user_id for u in self._workers(uow)):
            raise ValidationError({"assignee": FieldError(
                "not_a_worker", "is not a user who works feedback tickets (they need the "
                                "rights feedback.start and feedback.resolve)")})



class FeedbackSettingsService(SettingsGroupService):
    """The SLA: hours until a ticket of each priority is due. An administrator changes it
    (admin.edit); whoever views feedback reads it. Each change is audited, and the group is
    versioned (of two administrators saving at once the second is told)."""

    entity = FEEDBACK_SETTINGS
    group = GROUP
    readers = (("feedback", "view"), ("feedback", "create"))

    def get_sla(self, actor: Actor) -> Record:
        """The SLA settings (``urgent_hours``, ``high_hours``, ``normal_hours``,
        ``low_hours``) with the version to pass back when changing them."""
        return self.settings(actor)

    def set_sla(self, actor: Actor, hours: Mapping[str, Any],
                expected_version: int | None = None) -> Changed:
        """Set the hours of some priorities (``{"urgent": 2, "low": 240}``, 1-8760 each);
        tickets made afterwards (or whose priority changes) are due by them, those made
        before keep their due time. Without ``expected_version``, whatever the settings
        are now is changed."""
        self._require(actor, "edit")
        unknown = [p for p in hours if p not in FACTORY_PRIORITIES]
        if unknown:
            raise ValidationError({p: FieldError(
                "unknown_priority", f"is not a priority (priorities: "
                                    f"{', '.join(FACTORY_PRIORITIES)})") for p in unknown})
        if expected_version is None:
            expected_version = self.settings(actor).version
        return self.change_settings(actor, expected_version,
                                    {f"{p}_hours": h for p, h in hours.items()})



def sla_of(settings: Record) -> dict[str, int]:
    """Hours by priority of the SLA settings ``settings`` (a FeedbackSettingsService
    record)."""
    return {p: int(settings.get(f"{p}_hours")) for p in FACTORY_PRIORITIES}


def _sla(uow: UnitOfWork) -> dict[str, int]:
    values = read_settings(uow, FEEDBACK_SETTINGS, GROUP)
    return {p: int(values[f"{p}_hours"]) for p in FACTORY_PRIORITIES}


def _choice_label(field: str, value: str) -> Label | None:
    return next((c.label for c in FEEDBACK.field(field).choices if c.value == value), None)
