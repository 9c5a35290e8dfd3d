"""Create, read or edit one activity (a visit, call, meeting, e-mail or task): the kit's
record form with the customer found as the user types, the contact among that customer's
contacts, the owners offered (the signed-in user by default), and Mark done (the workflow's
move, Ctrl+D) for one not done yet: the outcome and the follow-up, which becomes the next
activity."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from app.logic.activities import ACTIVITY
from app.logic.kit.dto import Record
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import DependentRef, TypedRef


def user_items(refs: Any) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})" if r.label and r.label != r.key else r.key, r.id)
            for r in refs]


def is_done(record: Record | None) -> bool:
    return record is not None and record.get("done_at") is not None


class ActivityForm(RecordForm):
    def __init__(self, context: Context, activity_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "activities", ACTIVITY, activity_id, parent, initial)

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))
        self.contact = DependentRef(self, "contact", "customer")
        # Mark done is the workflow's move (its button comes with the kit's form); Ctrl+D
        # as on My day.
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.on_mark_done)

    def choices_task(self) -> Any:
        activities, actor = self.context.services.activities, self.context.actor
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            return {"customer": customers(),
                    "owner": [("", None), *user_items(activities.owner_choices(actor))]}

        return choices

    def new_values(self) -> dict[str, Any]:
        values = super().new_values()
        if not self.initial.get("owner"):
            values["owner"] = self.context.actor.user_id  # the service's default too
        return values

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()
        self.contact.reload()

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    def on_mark_done(self) -> QDialog | None:
        """Mark done (the workflow's move): the outcome and the follow-up, asked for in
        the kit's move dialog; edits are saved first."""
        if self.moves is None:
            return None
        return self.moves.on_move("complete")

    def default_size(self) -> QSize:
        return QSize(720, 560)
