"""Activities' screens: "My day" (the page sales staff start on), the list of activities,
the month's visit plan with each salesperson's completion rate, the activity form with Mark
done, and the customer form's Activities tab and timeline. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.activities.form import ActivityForm
from app.ui.activities.list_view import ActivityListView
from app.ui.activities.my_day import MyDayPage
from app.ui.activities.page import ActivitiesPage
from app.ui.activities.parts import ActivitiesTab
from app.ui.activities.plan import VisitPlanPage
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule
from app.ui.kit.timeline import TimelineSection

__all__ = ["MODULE", "ActivitiesPage", "ActivitiesTab", "ActivityForm", "ActivityListView",
           "MyDayPage", "VisitPlanPage"]


def activity_form(context: Context, activity_id: int | None, parent: QWidget | None,
                  values: Mapping[str, Any]) -> ActivityForm:
    return ActivityForm(context, activity_id, parent, initial=dict(values))


VIEW = ("activities", "view")

MODULE = UiModule(
    "activities", Label("Activities", "活动"), VIEW, ActivitiesPage,
    forms={"activity": activity_form},
    parts=(Part("customer", Label("Activities", "活动"), ActivitiesTab, place="tab",
                order=20, right=VIEW),
           # Everything that happened with the customer, from every module (the kit's
           # Services.timeline); registered here, where the timeline began.
           Part("customer", Label("Timeline", "时间线"), TimelineSection, place="overview",
                order=90)),
    start=10)
