"""What feedback adds to the customer form (registered as ``Part``s in ``MODULE``): a
Feedback tab listing the customer's tickets (Add opens a new ticket for it), and an "Open
tickets" section on its Overview, the overdue ones standing out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.feedback import FEEDBACK
from app.logic.kit.dto import Record
from app.logic.kit.fields import Label
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.parts import LoadingSection

TAB_COLUMNS = ("number", "subject", "type", "priority", "status", "assignee", "due_at",
               "overdue")
CUSTOMER_WORD = Label("customer", "客户")
LATE = "color: #8b0000; font-weight: 600;"


class FeedbackTab(ChildRecordsTab):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "feedback", FEEDBACK, TAB_COLUMNS, sort="number",
                         parent_label=CUSTOMER_WORD.text(ui_language()),
                         late_field="overdue", parent=parent)
        self.setObjectName("customerFeedbackTab")


class OpenTicketsSection(LoadingSection):
    """The customer's open tickets, each a link to it; overdue ones in dark red."""

    watches = ("feedback",)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerOpenTickets")

    def fetcher(self) -> Callable[[int], Any]:
        service, actor = self.context.services.feedback, self.context.actor
        return lambda customer_id: service.open_tickets_of(actor, customer_id)

    def show_found(self, found: tuple[list[Record], int, int]) -> None:
        tickets, total, late = found
        status = FEEDBACK.field("status")
        rows = []
        for t in tickets:
            text = f"{t.number}  {t.subject} · {status.choice_label(t.status, self.language)}"
            if t.get("overdue"):
                text += " · " + self.tr("overdue")
            rows.append((text, "feedback", t.id))
        self.show_links(rows, empty=self.tr("No open tickets"), more=total - len(tickets),
                        styles={i: LATE for i, t in enumerate(tickets) if t.get("overdue")})
        self.setToolTip(self.tr("%1 open, %2 overdue").replace("%1", str(total))
                        .replace("%2", str(late)) if total else "")
