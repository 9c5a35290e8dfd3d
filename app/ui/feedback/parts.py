"""What feedback adds to the customer form (registered as ``Part``s in ``MODULE``): a
Feedback tab listing the customer's tickets (Add opens a new ticket for it), and an "Open
tickets" section on its Overview, the overdue ones standing out."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.logic.feedback import FEEDBACK
from app.logic.kit.dto import Changed, Record
from app.logic.kit.fields import Label
from app.ui.kit.child_tab import ChildRecordsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.parts import OverviewSection

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


class OpenTicketsSection(OverviewSection):
    """The customer's open tickets, each a link to it; overdue ones in dark red."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerOpenTickets")
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        if record is None:
            self.show_text([])
            return
        self.load(record.id)

    def load(self, customer_id: int) -> None:
        service, actor = self.context.services.feedback, self.context.actor
        self.context.runner.run(lambda: service.open_tickets_of(actor, customer_id),
                                lambda found: self.on_loaded(customer_id, found),
                                self.on_failed, context=self)

    def on_loaded(self, customer_id: int, found: tuple[list[Record], int, int]) -> None:
        if customer_id != self.parent_id:
            return
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

    def on_failed(self, _error: Exception) -> None:
        """The form itself reports a customer that is gone."""

    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and changed.entity == "feedback":
            self.load(self.parent_id)
