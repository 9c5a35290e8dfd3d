"""Reports (报表): the managers' reports, each computed by aggregation in the database
within the user's record scope, shown as a table and a chart, exported as a workbook with
native Excel charts; and the dashboard, the managers' start page. The module's public API.

Screens and commands use ``ReportService`` (``services.reports``: ``reports``,
``definition``, ``resolve``, ``run``, ``export``, ``dashboard``, ``owner_choices``,
``team_choices``). docs/reports.md says what each figure means.
"""

from app.logic.kit.registry import LogicModule
from app.logic.reports.catalogue import BY_NAME, REPORTS
from app.logic.reports.model import (
    CHART_KINDS,
    KINDS,
    Chart,
    Choice,
    Col,
    Dashboard,
    DashChart,
    Drill,
    Figure,
    Params,
    Report,
    ReportDef,
    Section,
    Series,
    Table,
    json_value,
)
from app.logic.reports.periods import PERIODS, period, year_before
from app.logic.reports.service import ReportService

__all__ = ["BY_NAME", "CHART_KINDS", "KINDS", "MODULE", "PERIODS", "REPORTS", "Chart",
           "Choice", "Col", "DashChart", "Dashboard", "Drill", "Figure", "Params", "Report",
           "ReportDef", "ReportService", "Section", "Series", "Table", "json_value", "period",
           "year_before"]

MODULE = LogicModule("reports", services={"reports": ReportService})
