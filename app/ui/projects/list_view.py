"""The projects page: the kit's list with its own search box and its filters (stage, owner,
customer, a start-date range); a project opens in its form (app/ui/kit/opener.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.projects import PROJECT
from app.ui.kit.context import Context
from app.ui.kit.list_view import RecordListView
from app.ui.kit.opener import open_record


def owners(context: Context) -> list[tuple[str, Any]]:
    return [(r.label or r.key, r.id)
            for r in context.services.projects.owner_choices(context.actor)]


def customers(context: Context) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})", r.id)
            for r in context.services.projects.customer_choices(context.actor)]


class ProjectListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "projects", PROJECT,
                         filters=("stage", "owner", "customer", "start_date"),
                         loaders={"owner": owners, "customer": customers},
                         reload_on={"user": ("owner",), "role": ("owner",),
                                    "customer": ("customer",), "project": ("customer",)},
                         search_box=True, parent=parent)
        self.sig_open.connect(self.open_project)

    def new_record(self) -> QDialog | None:
        if not self.context.can("projects", "create"):
            return None
        return open_record(self.context, "project", None, self)

    def open_project(self, project_id: int) -> QDialog | None:
        return open_record(self.context, "project", project_id, self)
