"""Sales' screens: the pipeline board, the opportunities' and orders' lists, the opportunity
form (won: a draft order), the order form with its lines and the credit check, and the
customer form's Opportunities and Orders tabs. The module's public API."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context
from app.ui.kit.registry import Part, UiModule
from app.ui.sales.board import PipelineBoard
from app.ui.sales.lines import LinesEditor
from app.ui.sales.list_views import OpportunityListView, OrderListView
from app.ui.sales.opportunity_form import OpportunityForm
from app.ui.sales.order_form import OrderForm
from app.ui.sales.page import SalesPage
from app.ui.sales.parts import OpportunitiesTab, OrdersTab

__all__ = ["MODULE", "LinesEditor", "OpportunitiesTab", "OpportunityForm",
           "OpportunityListView", "OrderForm", "OrderListView", "OrdersTab", "PipelineBoard",
           "SalesPage"]


def opportunity_form(context: Context, record_id: int | None, parent: QWidget | None,
                     values: Mapping[str, Any]) -> OpportunityForm:
    return OpportunityForm(context, record_id, parent, initial=dict(values))


def order_form(context: Context, record_id: int | None, parent: QWidget | None,
               values: Mapping[str, Any]) -> OrderForm:
    return OrderForm(context, record_id, parent, initial=dict(values))


VIEW = ("sales", "view")

MODULE = UiModule(
    "sales", Label("Sales", "销售"), VIEW, SalesPage,
    forms={"opportunity": opportunity_form, "order": order_form},
    parts=(Part("customer", Label("Opportunities", "商机"), OpportunitiesTab, place="tab",
                order=40, right=VIEW),
           Part("customer", Label("Orders", "订单"), OrdersTab, place="tab", order=45,
                right=VIEW)))
