"""Project use cases on the kit's write path, and what only projects have: the end not
before the start, the owner the signed-in user by default, a closed project read-only until
reopened (a right of its own), and the record scope of the customer's owner."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.data.admin import UserRepository
from app.data.kit.uow import UnitOfWork
from app.data.projects import ProjectQueries, ProjectRepository
from app.logic.customers import require_customer
from app.logic.kit.dto import Actor, Changed, ListQuery, Page, Record
from app.logic.kit.errors import FieldError, ValidationError
from app.logic.kit.fields import Ref
from app.logic.kit.permissions import owner_scope
from app.logic.kit.service import Edit, RecordService
from app.logic.kit.timeline import Moment
from app.logic.kit.trail import diff
from app.logic.projects.fields import CLOSED, OPEN, PROJECT, REOPENED

OPEN_SHOWN = 5  # open projects a customer's overview lists


class ProjectService(RecordService):
    entity = PROJECT
    repository = ProjectRepository
    queries = ProjectQueries

    # --- named use cases --------------------------------------------------------------
    def get_project(self, actor: Actor, project_id: int) -> Record:
        return self.get(actor, project_id)

    def get_project_by_code(self, actor: Actor, code: str) -> Record:
        return self.get_by_key(actor, code)

    def list_projects(self, actor: Actor, query: ListQuery,
                      after: tuple[Any, ...] | None = None, limit: int = 200) -> Page:
        return self.list_page(actor, query, after, limit)

    def create_project(self, actor: Actor, values: Mapping[str, Any]) -> Changed:
        return self.create(actor, values)

    def update_project(self, actor: Actor, project_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> Changed:
        return self.update(actor, project_id, expected_version, changes)

    def archive_project(self, actor: Actor, project_id: int, expected_version: int
                        ) -> Changed:
        return self.archive(actor, project_id, expected_version)

    def restore_project(self, actor: Actor, project_id: int, expected_version: int
                        ) -> Changed:
        return self.restore(actor, project_id, expected_version)

    def reopen_project(self, actor: Actor, project_id: int, expected_version: int
                       ) -> Changed:
        """A completed or cancelled project back in progress, so it can be changed again:
        the right ``projects.reopen``, not ``projects.edit``; audited as a reopen."""

        def reopen(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            if record.stage not in CLOSED:
                raise ValidationError({"stage": FieldError(
                    "not_closed", "is not completed or cancelled: there is nothing to "
                                  "reopen")})
            before = {"stage": record.stage}
            self._repo(uow).assign(record, {"stage": REOPENED}, actor.user_id)
            return diff(before, {"stage": REOPENED})

        return self._change(actor, project_id, expected_version, "reopen", "reopen", reopen)

    def projects_of(self, actor: Actor, customer_id: int, open_only: bool = False
                    ) -> list[Record]:
        """The customer's projects not archived (only the open ones: lead, proposal, in
        progress), the newest first; NotFound for a customer outside the actor's scope."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, OPEN if open_only else None)
            return self.records_of(uow, found)

    def open_projects_of(self, actor: Actor, customer_id: int, limit: int = OPEN_SHOWN
                         ) -> tuple[list[Record], int]:
        """The customer's open projects (up to ``limit``, the newest first) and how many it
        has in all: what its overview shows."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            repo = self._repo_of(uow)
            found = repo.of_customer(customer_id, OPEN, limit=max(0, limit))
            return self.records_of(uow, found), repo.count_of_customer(customer_id, OPEN)

    def timeline_of(self, actor: Actor, customer_id: int, limit: int) -> list[Moment]:
        """The customer's projects on its timeline, at their creation (the right to view
        projects)."""
        self._require(actor, "view")
        stage = PROJECT.field("stage")
        with self._open(actor, write=False) as uow:
            require_customer(uow, actor, customer_id)
            found = self._repo_of(uow).of_customer(customer_id, limit=limit)
            return [Moment(p.created_at, PROJECT.name, p.id, PROJECT.label, p.name,
                           next((c.label for c in stage.choices if c.value == p.stage), None),
                           p.code) for p in found]

    def owner_choices(self, actor: Actor) -> list[Ref]:
        """Who may own a project, as a form offers them: the active users holding a sales
        role, and the signed-in user (the default owner)."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            users = list(uow.get(UserRepository).sales_users(None))
            if all(u.id != actor.user_id for u in users):
                me = uow.get(UserRepository).get(actor.user_id)
                users += [me] if me is not None else []
            return [Ref(u.id, u.username, u.display_name or u.username)
                    for u in sorted(users, key=lambda u: u.username)]

    def customer_choices(self, actor: Actor, limit: int = 1000) -> list[Ref]:
        """The customers with projects the actor may see, by name: what the list's
        customer filter offers."""
        self._require(actor, "view")
        with self._open(actor, write=False) as uow:
            rows = self._repo_of(uow).customers_with_projects(
                owner_scope(actor, self.entity.scope_rights), limit)
            return [Ref(i, code, name) for i, code, name in rows]

    @staticmethod
    def is_closed(record: Record) -> bool:
        """Whether ``record`` is completed or cancelled (read-only until reopened)."""
        return record.get("stage") in CLOSED

    # --- hooks ------------------------------------------------------------------------
    def scope_owner(self, uow: UnitOfWork, record: Any) -> int | None:
        return self._repo_of(uow).customer_owner(record)

    def check(self, uow: UnitOfWork, actor: Actor, values: dict[str, Any],
              record: Any | None) -> None:
        if record is None and values.get("owner") is None and "owner" not in values:
            values["owner"] = actor.user_id
        start = values["start_date"] if "start_date" in values else \
            getattr(record, "start_date", None)
        end = values["end_date"] if "end_date" in values else getattr(record, "end_date", None)
        if _before(end, start):
            raise ValidationError({"end_date": FieldError(
                "before_start", f"must not be before the start date ({start})")})

    def _change(self, actor: Actor, record_id: int, expected_version: int, right: str,
                action: str, edit: Edit) -> Changed:
        """Every change but a reopen (and bringing an archived project back) is refused
        while the project is completed or cancelled."""
        if action in ("reopen", "restore"):
            return super()._change(actor, record_id, expected_version, right, action, edit)

        def unless_closed(uow: UnitOfWork, record: Any) -> dict[str, list[Any]] | None:
            if record.stage in CLOSED:
                stage = PROJECT.field("stage").choice_label(record.stage, "en").lower()
                raise ValidationError({"stage": FieldError(
                    "closed", f"project {record.code} is {stage}: it is read-only until "
                              "someone with the right to reopen it reopens it")})
            return edit(uow, record)

        return super()._change(actor, record_id, expected_version, right, action,
                               unless_closed)

    # --- helpers ----------------------------------------------------------------------
    def _repo_of(self, uow: UnitOfWork) -> ProjectRepository:
        return uow.get(ProjectRepository)



def _before(end: date | None, start: date | None) -> bool:
    return end is not None and start is not None and end < start

