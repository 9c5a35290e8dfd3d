"""Opportunities on the kit's write path, and what only they have: the chance of winning
from the stage's default (an administrator's settings) unless one is given, the weighted
amount, the pipeline's sums per stage (the board and ``kehu pipeline``), moves between
stages (won and lost close one; lost needs the reason), and a won one turned into a draft
order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.data.admin import DepartmentRepository, UserRepository
from app.data.kit.uow import UnitOfWork
from app.data.sales import OpportunityQueries, OpportunityRepository, StageSum
from app.logic.customers import require_customer
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.permissions import owner_scope
from app.logic.kit.service import RecordService
from app.logic.kit.settings import SettingsGroupService, read_settings
from app.logic.kit.timeline import Moment
from app.logic.sales.fields import (
    FACTORY_PROBABILITY,
    OPPORTUNITY,
    SALES_SETTINGS,
    STAGES,
)
from app.logic.sales.totals import to_cent

GROUP = "sales"  # where the probabilities are kept
BOARD_CARDS = 200  # cards a column of the board shows (the largest first)
STAGE_NAMES = tuple(s for s, _, _ in STAGES)


@dataclass(frozen=True)
class Filter:
    """What the board and ``kehu pipeline`` are narrowed to: an owner (a user name or id), a
    team (a department's name) and an expected close month (YYYY-MM)."""

    owner: int | str | None = None
    team: str | None = None
    month: str | None = None


@dataclass(frozen=True)
class Stage:
    stage: str
    count: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]  # every stage, in order, zero where none

    @property
    def open(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.stage not in ("won", "lost"))

    @property
    def weighted(self) -> Decimal:
        """The weighted amount of the open stages: what the pipeline is expected to
        bring."""
        return sum((s.weighted for s in self.open), Decimal("0.00"))


def weighted_amount(amount: Decimal, probability: int) -> Decimal:
    """amount x probability %, rounded half up to the cent."""
    return to_cent(amount * Decimal(probability) / 100)


class OpportunityService(RecordService):
    entity = OPPORTUNITY
    repository = OpportunityRepository
    queries = OpportunityQueries

    # --- named use cases --------------------------------------------------------------
    def get_opportunity(self, actor: Actor, opportunity_id: int) -> Record:
        return self.get(actor, opportunity_id)

    def list_opportunities(self, actor: Actor, query: ListQuery,
                           after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_opportunity(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        """A new opportunity at qualification; without a probability, the stage's."""
        return self.create(actor, values)

    def update_opportunity(self, actor: Actor, opportunity_id: int, expected_version: int,
                           changes: Mapping[str, Any]) -> Changed:
        """Change fields (the stage is a move: ``move_to``)."""
        return self.update(actor, opportunity_id, expected_version, changes)

    def move_to(self, actor: Actor, opportunity_id: int, expected_version: int, stage: str,
                lost_reason: str | None = None, probability: int | None = None) -> Changed:
        """To another stage (the board's drag and drop): lost needs ``lost_reason``; the
        probability becomes the new stage's default unless one is given."""
        values: dict[str, Any] = {}
        if lost_reason is not None:
            values["lost_reason"] = lost_reason
        if probability is not None:
            values["probability"] = probability
        return self.move(actor, opportunity_id, expected_version, stage, values)

    # --- the pipeline -----------------------------------------------------------------
    def pipeline(self, actor: Actor, narrow: Filter | None = None) -> Pipeline:
        """Per stage: count, amount and weighted amount of the opportunities the actor may
        see (``narrow``: of an owner, a team, a close month)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            owners, since, until = self._narrowed(uow, actor, narrow or Filter())
            found = {s.stage: s for s in self._repo_of(uow).stage_sums(owners, since, until)}
        zero = StageSum("", 0, Decimal("0.00"), Decimal("0.00"))
        return Pipeline(tuple(Stage(name, found.get(name, zero).count,
                                    found.get(name, zero).amount,
                                    found.get(name, zero).weighted)
                              for name in STAGE_NAMES))

    def board(self, actor: Actor, narrow: Filter | None = None, limit: int = BOARD_CARDS
              ) -> dict[str, list[Record]]:
        """The cards of each stage (the largest amounts first, up to ``limit`` each)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            owners, since, until = self._narrowed(uow, actor, narrow or Filter())
            repo = self._repo_of(uow)
            return {name: self.records_of(uow, repo.on_board(name, owners, since, until,
                                                             limit))
                    for name in STAGE_NAMES}

    def owner_choices(self, actor: Actor) -> list[Ref]:
        """Whose opportunities the board may be narrowed to: the sales users in the actor's
        scope, by user name."""
        self._require(actor, "view")
        scope = owner_scope(actor, self.entity.scope_rights)
        with self._open(actor, write=False) as uow:
            users = uow.get(UserRepository).sales_users(scope)
            return [Ref(u.id, u.username, u.display_name or u.username)
                    for u in sorted(users, key=lambda u: str(u.username))]

    def team_choices(self, actor: Actor) -> list[str]:
        """The departments (teams) the board may be narrowed to, by name."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return [str(d.name) for d in uow.get(DepartmentRepository).all()]

    def probabilities(self, actor: Actor) -> dict[str, int]:
        """The default chance of winning per stage now (percent)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            return _probabilities(uow)

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's opportunities on its timeline, at their creation."""
        self._require(actor, "view")
        stages = {c.value: c.label for c in OPPORTUNITY.field("stage").choices}
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, limit)
            return [Moment(o.created_at, OPPORTUNITY.name, o.id, OPPORTUNITY.label,
                           f"{o.name} ({o.amount:,.2f})", stages.get(o.stage), o.number,
                           False) for o in found]

    # --- hooks ------------------------------------------------------------------------
    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is not None:
            return
        if values.get("owner") is None:  # the customer's owner, else whoever adds it
            values["owner"] = self._repo_of(uow).customer_owner(values["customer"]) \
                or actor.user_id
        if values.get("probability") is None:
            values["probability"] = _probabilities(uow)[OPPORTUNITY.workflow.initial
                                                        if OPPORTUNITY.workflow else ""]

    def transit(self, actor: Actor, record_id: int, expected_version: int, name: str,
                values: Mapping[str, Any] | None = None) -> Changed:
        """A move leaves the probability the new stage's default unless it gives one."""
        given = dict(values or {})
        if given.get("probability") in (None, "") and OPPORTUNITY.workflow is not None and \
                name in OPPORTUNITY.workflow.by_name:
            target = OPPORTUNITY.workflow.transition(name).target
            if actor.can(self.entity.module, "view"):
                given["probability"] = self.probabilities(actor)[target]
        return super().transit(actor, record_id, expected_version, name, given)

    def before_flush(self, uow: UnitOfWork, record: Any, action: str,
                     values: Mapping[str, Any]) -> None:
        weighted = weighted_amount(record.amount or Decimal(0), int(record.probability or 0))
        if record.weighted != weighted:
            record.weighted = weighted

    # --- helpers ----------------------------------------------------------------------
    def _repo_of(self, uow: UnitOfWork) -> OpportunityRepository:
        return uow.get(OpportunityRepository)

    def _narrowed(self, uow: UnitOfWork, actor: Actor, narrow: Filter
                  ) -> tuple[frozenset[int] | None, date | None, date | None]:
        scope = owner_scope(actor, self.entity.scope_rights)
        owners = None if scope is None else frozenset(scope)
        if narrow.owner not in (None, ""):
            owner = narrow.owner
            if isinstance(owner, str):
                found = uow.refs.find("user", owner)
                if found is None:
                    raise NotFound("user", owner)
                owner = found
            owners = frozenset({owner}) & owners if owners is not None else frozenset({owner})
        if narrow.team:
            team = uow.get(DepartmentRepository).by_name(narrow.team)
            if team is None:
                raise NotFound("department", narrow.team)
            members = frozenset(u.id for u in uow.get(UserRepository).members_of(team.id))
            owners = members if owners is None else owners & members
        since = until = None
        if narrow.month:
            since, until = _month(narrow.month)
        return owners, since, until


class SalesSettingsService(SettingsGroupService):
    """The default chance of winning per stage. An administrator changes it (admin.edit);
    whoever views sales reads it. Versioned and audited."""

    entity = SALES_SETTINGS
    group = GROUP
    readers = (("sales", "view"), ("sales", "create"))

    def set_probabilities(self, actor: Actor, percents: Mapping[str, Any],
                          expected_version: int | None = None) -> Changed:
        """Set the default probability of some stages (``{"proposal": 40}``); opportunities
        keep theirs until they move."""
        self._require(actor, "edit")
        unknown = [s for s in percents if s not in STAGE_NAMES]
        if unknown:
            raise ValidationError({s: FieldError(
                "unknown_stage", f"is not a stage (stages: {', '.join(STAGE_NAMES)})")
                for s in unknown})
        if expected_version is None:
            expected_version = self.settings(actor).version
        return self.change_settings(actor, expected_version,
                                    {f"{s}_probability": p for s, p in percents.items()})


def probabilities_of(settings: Record) -> dict[str, int]:
    """Percent by stage of the settings ``settings`` (a SalesSettingsService record)."""
    return {s: int(settings.get(f"{s}_probability")) for s in STAGE_NAMES}


def _probabilities(uow: UnitOfWork) -> dict[str, int]:
    values = read_settings(uow, SALES_SETTINGS, GROUP)
    return {s: int(values.get(f"{s}_probability", FACTORY_PROBABILITY[s]))
            for s in STAGE_NAMES}


def _month(text: str) -> tuple[date, date]:
    """The first and last day of the month ``YYYY-MM``."""
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise ValidationError({"month": FieldError(
            "invalid_month", f"must be a month like 2026-05 (got {text!r})")}) from None
    after = date(year + month // 12, month % 12 + 1, 1)
    return first, date.fromordinal(after.toordinal() - 1)
