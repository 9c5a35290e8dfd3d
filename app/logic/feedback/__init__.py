"""Feedback: a customer's service tickets (complaints, service requests, fault reports,
suggestions, praise) through new -> assigned -> in progress -> resolved -> closed (and
reopened), each due by the SLA of its priority. The module's public API.

Screens use ``FeedbackService`` (``services.feedback``): the kit's reads and writes, the
moves (``assign_ticket`` ... ``reopen_ticket``, or the kit's ``move``/``transit`` and
``next_moves``), ``open_tickets_of`` (a customer's overview), ``tickets_of`` (its tab),
``overdue_for`` ("My day"), ``timeline_of``, ``assignee_choices``, ``customer_choices``,
``sla_hours`` and ``due_for``; and ``FeedbackSettingsService`` (``services.feedback_settings``)
for the SLA an administrator sets.
"""

from app.logic.feedback.fields import (
    CHANNELS,
    FACTORY_SLA,
    FEEDBACK,
    FEEDBACK_SETTINGS,
    OPEN,
    PRIORITIES,
    SLA_MAX_HOURS,
    STATUSES,
    TYPES,
    WORKFLOW,
)
from app.logic.feedback.service import FeedbackService, FeedbackSettingsService, sla_of
from app.logic.kit.registry import LogicModule

__all__ = ["CHANNELS", "FACTORY_SLA", "FEEDBACK", "FEEDBACK_SETTINGS", "MODULE", "OPEN",
           "PRIORITIES", "SLA_MAX_HOURS", "STATUSES", "TYPES", "WORKFLOW", "FeedbackService",
           "FeedbackSettingsService", "sla_of"]

MODULE = LogicModule("feedback", services={"feedback": FeedbackService,
                                           "feedback_settings": FeedbackSettingsService},
                     entities=(FEEDBACK, FEEDBACK_SETTINGS), actions=WORKFLOW.actions(),
                     timeline=("feedback",))
