"""Feedback's screens: the tickets' list ("My open tickets" for the Service role), the ticket
form with its workflow, the SLA an administrator sets, and the customer form's Feedback tab
and "Open tickets" section. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.feedback.form import FeedbackForm
from app.ui.feedback.list_view import FeedbackListView
from app.ui.feedback.parts import FeedbackTab, OpenTicketsSection
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule

__all__ = ["MODULE", "FeedbackForm", "FeedbackListView", "FeedbackTab", "OpenTicketsSection"]


def feedback_form(context: Context, ticket_id: int | None, parent: QWidget | None,
                  values: Mapping[str, Any]) -> FeedbackForm:
    return FeedbackForm(context, ticket_id, parent, initial=dict(values))


VIEW = ("feedback", "view")

MODULE = UiModule(
    "feedback", Label("Feedback", "服务反馈"), VIEW, FeedbackListView,
    forms={"feedback": feedback_form},
    parts=(Part("customer", Label("Feedback", "服务反馈"), FeedbackTab, place="tab",
                order=30, right=VIEW),
           Part("customer", Label("Open tickets", "未结工单"), OpenTicketsSection,
                place="overview", order=20, right=VIEW)),
    start=20)
