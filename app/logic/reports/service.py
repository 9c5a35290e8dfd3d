"""The reports and the dashboard (reports.view), within the actor's record scope of
``reports`` (a salesperson: their own records; a manager: the team's); the export of a
report to a workbook with native Excel charts (reports.export), audited."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from app.data.admin import DepartmentRepository, UserRepository
from app.data.kit.uow import UnitOfWork
from app.data.reports import Owners
from app.logic.kit.clock import now as utc_now
from app.logic.kit.dto import Actor
from app.logic.kit.errors import FieldError, NotFound, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.permissions import owner_scope, require
from app.logic.kit.service import Service
from app.logic.reports.builders import BUILDERS
from app.logic.reports.catalogue import BY_NAME, REPORTS
from app.logic.reports.dashboard import build_dashboard
from app.logic.reports.model import Dashboard, Params, Report, ReportDef
from app.logic.reports.periods import period
from app.logic.reports.run import Run

MODULE = "reports"
NO_PARAMS = Params()
LONGEST = timedelta(days=366 * 20)  # a range longer than this is a typing slip

class ReportService(Service):
    def reports(self, actor: Actor) -> tuple[ReportDef, ...]:
        """The reports, in the order the screen lists them."""
        require(actor, MODULE, "view")
        return REPORTS

    def definition(self, actor: Actor, name: str) -> ReportDef:
        require(actor, MODULE, "view")
        found = BY_NAME.get(name)
        if found is None:
            raise NotFound("report", name)
        return found

    def resolve(self, actor: Actor, name: str, params: Params = NO_PARAMS,
                today: date | None = None) -> Params:
        """``params`` with the range the report covers set (its usual period where none
        is given) and checked: ValidationError naming the parameter for a range that ends
        before it starts, a ``--by`` the report does not have, a ``top`` below 1."""
        definition = self.definition(actor, name)
        return _resolve(definition, params, today or date.today())

    def run(self, actor: Actor, name: str, params: Params = NO_PARAMS,
            today: date | None = None) -> Report:
        """Run the report ``name``: every figure an aggregate in the database, of the
        records in the actor's scope, narrowed to an owner (a user name), a team (a
        department's name) and a province when given."""
        definition = self.definition(actor, name)
        day = today or date.today()
        resolved = _resolve(definition, params, day)
        builder = BUILDERS[name]
        with self._open(actor, write=False) as uow:
            owners = self._owners(uow, actor, resolved)
            run = Run(uow, definition, resolved, owners, day, utc_now())
            tables = tuple(builder(run))
        return Report(definition, resolved, tables, utc_now(), actor.username,
                      actor.scope(MODULE))

    def export(self, actor: Actor, report: Report, path: str | os.PathLike[str],
               language: str = "en", progress: Callable[[int], bool] | None = None
               ) -> Path:
        """``report`` (as run) to a workbook: a sheet per section with typed cells and a
        native Excel chart where the section has one, and a sheet saying what was run, by
        whom, when and within which scope; audited (reports.export)."""
        require(actor, MODULE, "export")
        from app.logic.reports.workbook import write_report  # XlsxWriter only when used

        target = write_report(report, path, language, progress)
        with self._open(actor) as uow:
            uow.audit.append(user_id=actor.user_id, username=actor.username, action="export",
                             entity_type="report", entity_id=report.name,
                             changes={"report": [None, report.name],
                                      **{k: [None, v] for k, v in report.params.as_dict()
                                         .items()},
                                      "rows": [None, sum(len(t.rows) for t in report.tables)],
                                      "file": [None, os.path.basename(os.fspath(path))]})
            uow.commit()
        return target

    def dashboard(self, actor: Actor, today: date | None = None) -> Dashboard:
        """The key figures and charts of the start page: each of the records its list
        shows the actor (app/logic/reports/dashboard.py)."""
        require(actor, MODULE, "view")
        day = today or date.today()
        with self._open(actor, write=False) as uow:
            return build_dashboard(uow, actor, day, utc_now())

    # --- the parameters' choices -----------------------------------------------------------
    def owner_choices(self, actor: Actor) -> list[Ref]:
        """Whose figures a report may be narrowed to: the sales users in the actor's scope,
        by user name."""
        require(actor, MODULE, "view")
        scope = owner_scope(actor, MODULE)
        with self._open(actor, write=False) as uow:
            users = uow.get(UserRepository).sales_users(scope)
            return [Ref(u.id, u.username, u.display_name or u.username) for u in users]

    def team_choices(self, actor: Actor) -> list[str]:
        require(actor, MODULE, "view")
        with self._open(actor, write=False) as uow:
            return [str(d.name) for d in uow.get(DepartmentRepository).all()]

    def _owners(self, uow: UnitOfWork, actor: Actor, params: Params) -> Owners:
        scope = owner_scope(actor, MODULE)
        owners = None if scope is None else frozenset(scope)
        if params.owner:
            found = uow.refs.find("user", params.owner)
            if found is None:
                raise ValidationError({"owner": FieldError(
                    "unknown_user", f"there is no user {params.owner!r}")})
            owners = frozenset({found}) if owners is None else owners & {found}
        if params.team:
            team = uow.get(DepartmentRepository).by_name(params.team)
            if team is None:
                raise ValidationError({"team": FieldError(
                    "unknown_team", f"there is no team {params.team!r}")})
            members = frozenset(u.id for u in uow.get(UserRepository).members_of(team.id))
            owners = members if owners is None else owners & members
        return owners


def _resolve(definition: ReportDef, params: Params, today: date) -> Params:
    errors: dict[str, FieldError] = {}
    start, end = params.start, params.end
    if definition.period == "year":
        first, _last = period("this-year", today)
        start, end = start or (first if end is None else date(end.year, 1, 1)), end or today
    elif definition.period == "month":
        first, _last = period("this-month", today)
        start, end = start or first, end or today
    else:  # as of a day, or no range: both ends the day
        end = end or params.as_of or today
        start = start or end
    if end < start:
        errors["to"] = FieldError("range_reversed", f"the range ends ({end}) before it "
                                  f"starts ({start})")
    elif end - start > LONGEST:
        errors["from"] = FieldError("range_too_long", "the range is longer than 20 years")
    if params.by is not None and params.by not in {c.value for c in definition.by}:
        choices = ", ".join(c.value for c in definition.by) or "none"
        errors["by"] = FieldError("invalid_choice", f"must be one of: {choices}")
    if params.top is not None and params.top < 1:
        errors["top"] = FieldError("too_small", "must be at least 1")
    if errors:
        raise ValidationError(errors)
    as_of = params.as_of or (end if definition.period in ("today", "none") else today)
    return replace(params, start=start, end=end, as_of=as_of)
