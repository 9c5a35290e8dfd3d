"""The reports' sums: each an aggregate statement over other modules' tables (read through
their public API), within the record scope. The module's public API."""

from app.data.kit.registry import DataModule
from app.data.reports.common import Owners
from app.data.reports.overview import COUNTED, OverviewFacts
from app.data.reports.sales import SalesFacts, revenue_orders

__all__ = ["COUNTED", "DATA", "OverviewFacts", "Owners", "SalesFacts", "revenue_orders"]

DATA = DataModule("reports")
