"""Create, read or edit one opportunity: the kit's record form with the customer found as
the user types, the owners offered, and the stage's moves (each stage, Won, Lost with its
reason). Marked won, it offers to make a draft order for the customer and opens it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QMessageBox, QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.sales import OPPORTUNITY
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.opener import open_record
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import TypedRef
from app.ui.sales.order_form import user_items


class OrderOffer(QObject):
    """The question a won opportunity asks: a draft order for its customer now?"""

    def question(self, opportunity: Record) -> str:
        return self.tr("%1 is won. Make a draft order for %2 now?").replace(
            "%1", str(opportunity.get("number"))).replace(
            "%2", str(getattr(opportunity.get("customer"), "label", "")))

    def title(self) -> str:
        return self.tr("Won")


def offer_order(context: Context, opportunity: Record, near: QWidget,
                ask: Any = None) -> Any:
    """Ask whether to make a draft order for a won opportunity's customer; yes: make it
    and open its form (returned)."""
    if not context.can("sales", "create"):
        return None
    words = OrderOffer(near)
    question = words.question(opportunity)
    answer = ask(question) if ask is not None else QMessageBox.question(
        near, words.title(), question) == QMessageBox.StandardButton.Yes
    if not answer:
        return None
    try:
        changed = context.services.orders.order_from_opportunity(context.actor,
                                                                 opportunity.id)
    except Exception as error:  # shown to the user, as any failure of a save
        show_error(near, error)
        return None
    context.hub.broadcast(changed)
    return open_record(context, "order", changed.saved.id, near)


class OpportunityForm(RecordForm):
    def __init__(self, context: Context, opportunity_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        self.ask_order: Any = None  # tests answer the question of a draft order
        super().__init__(context, "opportunities", OPPORTUNITY, opportunity_id, parent,
                         initial)

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))

    def choices_task(self) -> Any:
        opportunities, actor = self.context.services.opportunities, self.context.actor
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            return {"customer": customers(),
                    "owner": [("", None), *user_items(opportunities.owner_choices(actor))]}

        return choices

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    def on_saved(self, changed: Changed) -> None:
        super().on_saved(changed)
        if changed.action == "win" and changed.record is not None:
            offer_order(self.context, changed.record, self, self.ask_order)

    def default_size(self) -> QSize:
        return QSize(860, 560)
