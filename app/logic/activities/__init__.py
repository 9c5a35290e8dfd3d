"""Activities: visits, calls, meetings, e-mails and tasks with customers, marked done with
their outcome and follow-up; "My day" and the month's visit plan. The module's public API.

Screens use ``ActivityService`` (``services.activities``): the kit's reads and writes,
``mark_done``, ``my_day`` (``MyDay``), ``plan`` (``PlanRow`` per salesperson),
``month_visits``, ``activities_of``, ``timeline_of`` and ``owner_choices``.
"""

from app.logic.activities.fields import ACTIVITY, KINDS, STATES, VISIT, WORKFLOW
from app.logic.activities.service import (
    ActivityService,
    MyDay,
    PlanRow,
    completion_rate,
    follow_up_subject,
    month_bounds,
)
from app.logic.kit.registry import LogicModule

__all__ = ["ACTIVITY", "KINDS", "MODULE", "STATES", "VISIT", "WORKFLOW", "ActivityService",
           "MyDay", "PlanRow", "completion_rate", "follow_up_subject", "month_bounds"]

MODULE = LogicModule("activities", services={"activities": ActivityService},
                     entities=(ACTIVITY,), actions=WORKFLOW.actions(),
                     timeline=("activities",))
