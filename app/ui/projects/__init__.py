"""Projects' screens: the list, the project form, and the customer form's Projects tab and
Overview section. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule
from app.ui.projects.form import ProjectForm
from app.ui.projects.list_view import ProjectListView
from app.ui.projects.parts import OpenProjectsSection, ProjectsTab

__all__ = ["MODULE", "OpenProjectsSection", "ProjectForm", "ProjectListView", "ProjectsTab"]


def project_form(context: Context, project_id: int | None, parent: QWidget | None,
                 values: Mapping[str, Any]) -> ProjectForm:
    return ProjectForm(context, project_id, parent, initial=dict(values))


VIEW = ("projects", "view")

MODULE = UiModule(
    "projects", Label("Projects", "项目"), VIEW, ProjectListView,
    forms={"project": project_form},
    parts=(Part("customer", Label("Projects", "项目"), ProjectsTab, place="tab", right=VIEW),
           Part("customer", Label("Open projects", "进行中的项目"), OpenProjectsSection,
                place="overview", order=10, right=VIEW)))
