"""The feedback page: every ticket the user may see, with "My open tickets" a click away (the
Service role starts there), filters by type, status, priority, assignee, customer and
overdue, overdue tickets standing out, and the SLA an administrator sets."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.logic.feedback import FEEDBACK
from app.logic.kit.fields import Label
from app.ui.feedback.form import assignee_items
from app.ui.kit.context import Context
from app.ui.kit.list_view import ListView, RecordListView
from app.ui.kit.opener import open_record
from app.ui.kit.settings_group import SettingsGroupDialog

VIEWS = (ListView(Label("All feedback", "全部服务反馈"), lambda context: ()),
         ListView(Label("My open tickets", "我的未结工单"),
                  lambda context: (("assignee", context.actor.user_id), ("open", True))))


def assignees(context: Context) -> list[tuple[str, Any]]:
    return assignee_items(context.services.feedback.assignee_choices(context.actor))


def customers(context: Context) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})", r.id)
            for r in context.services.feedback.customer_choices(context.actor)]


def works_tickets(context: Context) -> bool:
    """Whose day is tickets (the Service role): they may start and resolve them but see no
    activities; their list opens on their own open tickets."""
    return context.can("feedback", "resolve") and not context.can("activities", "view")


class FeedbackListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "feedback", FEEDBACK,
                         filters=("type", "status", "priority", "assignee", "customer",
                                  "overdue"),
                         loaders={"assignee": assignees, "customer": customers},
                         reload_on={"user": ("assignee",), "role": ("assignee",),
                                    "customer": ("customer",), "feedback": ("customer",)},
                         search_box=True, late_field="overdue", views=VIEWS,
                         view=1 if works_tickets(context) else 0, parent=parent)
        self.setObjectName("feedbackPage")
        self.sig_open.connect(self.open_ticket)
        self.sla_button = QPushButton(self.tr("Service levels (SLA)..."))
        self.sla_button.setObjectName("slaButton")
        self.sla_button.setAutoDefault(False)
        self.sla_button.clicked.connect(self.open_sla)
        self.add_to_bar(self.sla_button)

    def new_record(self) -> QDialog | None:
        if not self.context.can("feedback", "create"):
            return None
        return open_record(self.context, "feedback", None, self)

    def open_ticket(self, ticket_id: int) -> QDialog | None:
        return open_record(self.context, "feedback", ticket_id, self)

    def open_sla(self) -> SettingsGroupDialog:
        dialog = SettingsGroupDialog(self.context, "feedback_settings", self)
        dialog.open()
        return dialog
