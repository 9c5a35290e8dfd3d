"""The reports' sums: each an aggregate statement over other modules' tables (read through
their public API), within the record scope. The module's public API."""

from app.data.kit.registry import DataModule
from app.data.reports.common import Owners
from app.data.reports.finance import FinanceFacts
from app.data.reports.overview import COUNTED, OverviewFacts
from app.data.reports.sales import SalesFacts, revenue_orders
from app.data.reports.service import ServiceFacts

__all__ = ["COUNTED", "DATA", "FinanceFacts", "OverviewFacts", "Owners", "SalesFacts",
           "ServiceFacts", "revenue_orders"]

DATA = DataModule("reports")
