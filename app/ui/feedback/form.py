"""Create, read or edit one feedback ticket: the kit's record form with its workflow (the
state beside the title, a button per move the user may make: Assign, Start, Resolve, Close,
Reopen), the customer found as the user types, the contact among that customer's contacts,
the assignees offered, and the due time the SLA gives shown as the priority is chosen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.logic.feedback import FEEDBACK
from app.logic.kit.dto import Record
from app.logic.kit.fields import Ref
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import DependentRef, TypedRef


def assignee_items(refs: list[Ref]) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})" if r.label and r.label != r.key else r.key, r.id)
            for r in refs]


class FeedbackForm(RecordForm):
    def __init__(self, context: Context, ticket_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "feedback", FEEDBACK, ticket_id, parent, initial)

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))
        self.contact = DependentRef(self, "contact", "customer")
        self.fields.editor("priority").currentIndexChanged.connect(self.show_due)

    def choices_task(self) -> Any:
        feedback, actor = self.context.services.feedback, self.context.actor
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            return {"customer": customers(),
                    "assignee": [("", None), *assignee_items(feedback.assignee_choices(actor))]}

        return choices

    def move_choices(self, name: str) -> list[Ref] | None:
        if name == "assignee":
            result: list[Ref] = self.context.services.feedback.assignee_choices(
                self.context.actor)
            return result
        return None

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()
        self.contact.reload()
        self.show_due()

    def show_due(self, *_args: Any) -> None:
        """A new ticket's due time as the SLA gives it for the chosen priority (the
        service sets it when saved; a saved ticket shows its own)."""
        if self.record is not None:
            return
        priority = self.fields.value("priority")
        if not priority:
            return
        service, actor = self.context.services.feedback, self.context.actor
        self.context.runner.run(lambda: service.due_for(actor, priority), self.on_due,
                                lambda _error: None, context=self)

    def on_due(self, due: Any) -> None:
        if self.record is None:
            editor = self.fields.editor("due_at")
            editor.setText(self.fields.as_text("due_at", due))

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    def default_size(self) -> QSize:
        return QSize(900, 620)
