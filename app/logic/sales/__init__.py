"""Sales: the opportunity pipeline (商机), orders and contracts (订单 / 合同) with exact totals,
and the credit check that blocks. The module's public API.

Screens use ``OpportunityService`` (``services.opportunities``: the kit's reads and writes,
``move_to`` a stage, ``pipeline`` and ``board``, ``owner_choices``, ``team_choices``,
``probabilities``), ``SalesSettingsService`` (``services.sales_settings``: the default
probability per stage an administrator sets) and ``OrderService`` (``services.orders``:
``create_order`` and ``update_order`` with lines, ``confirm_order`` with the credit check and
its override, ``deliver_order``, ``cancel_order``, ``credit_check``,
``order_from_opportunity``, ``line_defaults``, ``product_choices``). The rules of money are
in ``totals.py`` (an order's totals) and ``credit.py`` (the credit check), each in one
place; docs/sales.md writes them down.
"""

from app.logic.kit.fields import Label
from app.logic.kit.registry import LogicModule
from app.logic.sales.credit import CreditCheck, CreditRefused
from app.logic.sales.fields import (
    CREDIT_OVERRIDE,
    CURRENCIES,
    FACTORY_PROBABILITY,
    OPEN_STAGES,
    OPPORTUNITY,
    ORDER,
    ORDER_FLOW,
    ORDER_LINE,
    ORDER_STATUSES,
    PIPELINE,
    SALES_SETTINGS,
    SOURCES,
    STAGES,
)
from app.logic.sales.opportunities import (
    Filter,
    OpportunityService,
    Pipeline,
    SalesSettingsService,
    Stage,
    probabilities_of,
    weighted_amount,
)
from app.logic.sales.orders import LINE_FIELDS, OrderService, ProductPick
from app.logic.sales.totals import (
    CENT,
    LineAmounts,
    OrderTotals,
    exact,
    line_amounts,
    order_totals,
    to_cent,
)

__all__ = ["CENT", "CREDIT_OVERRIDE", "CURRENCIES", "FACTORY_PROBABILITY", "LINE_FIELDS",
           "MODULE", "OPEN_STAGES", "OPPORTUNITY", "ORDER", "ORDER_FLOW", "ORDER_LINE",
           "ORDER_STATUSES", "PIPELINE", "SALES_SETTINGS", "SOURCES", "STAGES",
           "CreditCheck", "CreditRefused", "Filter", "LineAmounts", "OpportunityService",
           "OrderService", "OrderTotals", "Pipeline", "ProductPick", "SalesSettingsService",
           "Stage", "exact", "line_amounts", "order_totals", "probabilities_of", "to_cent",
           "weighted_amount"]

MODULE = LogicModule(
    "sales",
    services={"opportunities": OpportunityService, "orders": OrderService,
              "sales_settings": SalesSettingsService},
    entities=(OPPORTUNITY, ORDER, ORDER_LINE, SALES_SETTINGS),
    actions={**ORDER_FLOW.actions(),
             CREDIT_OVERRIDE: Label("Override the credit check", "超信用额度确认")},
    timeline=("opportunities", "orders"))
