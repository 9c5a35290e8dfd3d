"""Sales' data: opportunities, orders and their lines; their repositories and lists. The
module's public API."""

from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule
from app.data.sales.bulk import OPPORTUNITY_BULK, ORDER_BULK, ORDER_LINE_BULK, SALES_BULK
from app.data.sales.models import (
    OPEN_STAGES,
    OWING,
    Opportunity,
    SalesOrder,
    SalesOrderLine,
)
from app.data.sales.queries import OpportunityQueries, OrderQueries
from app.data.sales.repository import (
    CustomerTerms,
    OpportunityRepository,
    OrderRepository,
    StageSum,
    sales_search_key,
)

__all__ = ["DATA", "OPEN_STAGES", "OPPORTUNITY_BULK", "ORDER_BULK", "ORDER_LINE_BULK", "OWING",
           "SALES_BULK", "CustomerTerms", "Opportunity", "OpportunityQueries",
           "OpportunityRepository", "OrderQueries", "OrderRepository", "SalesOrder",
           "SalesOrderLine", "StageSum", "sales_search_key"]

# Others refer to an opportunity or an order by its number; each counts among its owner's
# (an order: its salesperson's) records in the sales scope.
DATA = DataModule("sales", refs={
    "opportunity": RefTarget(Opportunity, Opportunity.number, Opportunity.name, upper=True,
                             scope="sales", owner=Opportunity.owner_id),
    "order": RefTarget(SalesOrder, SalesOrder.number, SalesOrder.number, upper=True,
                       scope="sales", owner=SalesOrder.salesperson_id)})
