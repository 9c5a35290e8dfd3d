"""What activities add to the customer form (registered as ``Part``s in ``MODULE``): an
Activities tab listing the customer's visits, calls, meetings, e-mails and tasks (Add opens a
new one for the customer), and the customer's timeline on its Overview (activities, tickets,
projects and what later modules add, newest first)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.logic.activities import ACTIVITY
from app.logic.kit.fields import Label
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language

TAB_COLUMNS = ("scheduled_at", "kind", "subject", "state", "owner", "outcome", "overdue")
CUSTOMER_WORD = Label("customer", "客户")


class ActivitiesTab(ChildRecordsTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "activities", ACTIVITY, TAB_COLUMNS, sort="scheduled_at",
                         parent_label=CUSTOMER_WORD.text(ui_language()), parent=parent)
        self.setObjectName("customerActivitiesTab")
