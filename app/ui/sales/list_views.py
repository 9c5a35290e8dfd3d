"""The lists of opportunities (all, or mine still open; filters by stage, owner and the
expected close date) and of orders (filters by status, customer, salesperson and the order
date)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.kit.fields import Label
from app.logic.sales import OPPORTUNITY, ORDER
from app.ui.kit.context import Context
from app.ui.kit.list_view import ListView, RecordListView
from app.ui.kit.opener import open_record
from app.ui.sales.order_form import user_items

OPPORTUNITY_VIEWS = (
    ListView(Label("All opportunities", "全部商机"), lambda context: ()),
    ListView(Label("My open opportunities", "我的进行中商机"),
             lambda context: (("owner", context.actor.user_id), ("open", True))))
ORDER_VIEWS = (
    ListView(Label("All orders", "全部订单"), lambda context: ()),
    ListView(Label("My drafts", "我的草稿订单"),
             lambda context: (("salesperson", context.actor.user_id), ("status", "draft"))))


def owners(context: Context) -> list[tuple[str, Any]]:
    return user_items(context.services.opportunities.owner_choices(context.actor))


class OpportunityListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "opportunities", OPPORTUNITY,
                         filters=("stage", "owner", "source", "expected_close"),
                         loaders={"owner": owners},
                         reload_on={"user": ("owner",), "role": ("owner",)},
                         search_box=True, views=OPPORTUNITY_VIEWS, parent=parent)
        self.sig_open.connect(self.open_opportunity)

    def new_record(self) -> QDialog | None:
        if not self.context.can("sales", "create"):
            return None
        return open_record(self.context, "opportunity", None, self)

    def open_opportunity(self, opportunity_id: int) -> QDialog | None:
        return open_record(self.context, "opportunity", opportunity_id, self)


def customers(context: Context) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})", r.id)
            for r in context.services.orders.customer_choices(context.actor)]


class OrderListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "orders", ORDER,
                         filters=("status", "customer", "salesperson", "order_date"),
                         loaders={"salesperson": owners, "customer": customers},
                         reload_on={"user": ("salesperson",), "role": ("salesperson",),
                                    "order": ("customer",)},
                         search_box=True, views=ORDER_VIEWS, parent=parent)
        self.sig_open.connect(self.open_order)

    def new_record(self) -> QDialog | None:
        if not self.context.can("sales", "create"):
            return None
        return open_record(self.context, "order", None, self)

    def open_order(self, order_id: int) -> QDialog | None:
        return open_record(self.context, "order", order_id, self)
