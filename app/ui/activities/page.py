"""The activities page, where sales staff start their day: My day, the list of activities,
and the month's visit plan, as tabs (Ctrl+Tab moves between them; the last one chosen is
remembered)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget, QWidget

from app.ui.activities.list_view import ActivityListView
from app.ui.activities.my_day import MyDayPage
from app.ui.activities.plan import VisitPlanPage
from app.ui.kit.context import Context

SETTINGS_KEY = "activities/page"


class ActivitiesPage(QTabWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activitiesPage")
        self.context = context
        self.my_day = MyDayPage(context)
        self.list = ActivityListView(context)
        self.plan = VisitPlanPage(context)
        self.addTab(self.my_day, self.tr("&My day"))
        self.addTab(self.list, self.tr("&Activities"))
        self.addTab(self.plan, self.tr("&Visit plan"))

    def new_record(self) -> object:
        return self.list.new_record()

    def save_state(self, settings: QSettings) -> None:
        self.list.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.list.restore_state(settings)
