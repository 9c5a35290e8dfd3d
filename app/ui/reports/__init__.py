"""Reports' screens: the dashboard (the start page of managers: key figures and charts,
each leading to the list behind it) and the report screen (the managers' reports as tables
and charts, exported to Excel). The module's public API."""

from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.registry import UiModule
from app.ui.reports.dashboard import DashboardView
from app.ui.reports.page import ReportsPage
from app.ui.reports.report_view import ReportView

__all__ = ["MODULE", "DashboardView", "ReportView", "ReportsPage"]

MANAGERS_START = 5  # before "My day" (10) and the Service role's tickets (20)


def start(context: Context) -> int | None:
    """Managers (whose reports cover their team's or all records) start on the dashboard;
    a salesperson (their own records) keeps "My day"."""
    return MANAGERS_START if context.actor.scope("reports") in ("team", "all") else None


MODULE = UiModule("reports", Label("Reports", "报表"), ("reports", "view"), ReportsPage,
                  start=start)
