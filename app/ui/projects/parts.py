"""What projects add to the customer form (registered as ``Part``s in ``MODULE``): a
Projects tab listing the customer's projects, and an "Open projects" section on its
Overview. Both follow projects saved anywhere (the change hub)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.dto import Record
from app.logic.kit.fields import Label
from app.logic.projects import PROJECT
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.parts import LoadingSection

CUSTOMER_WORD = Label("customer", "客户")
TAB_COLUMNS = ("code", "name", "stage", "budget", "start_date", "end_date")


class ProjectsTab(ChildRecordsTab):
    """The customer's projects (the newest first): Add opens a new project of this
    customer, Open or Enter opens the chosen one."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "projects", PROJECT, TAB_COLUMNS, sort="code",
                         parent_label=CUSTOMER_WORD.text(ui_language()), parent=parent)
        self.setObjectName("customerProjectsTab")


class OpenProjectsSection(LoadingSection):
    """The customer's open projects (lead, proposal, in progress), each a link to it."""

    watches = ("project",)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerOpenProjects")

    def fetcher(self) -> Callable[[int], Any]:
        service, actor = self.context.services.projects, self.context.actor
        return lambda customer_id: service.open_projects_of(actor, customer_id)

    def show_found(self, found: tuple[list[Record], int]) -> None:
        projects, total = found
        stage = PROJECT.field("stage")
        self.show_links([(f"{p.code}  {p.name} · {stage.choice_label(p.stage, self.language)}",
                          "project", p.id) for p in projects],
                        empty=self.tr("No open projects"), more=total - len(projects))
