"""The opportunities' and the orders' lists: columns, filters, sorts and the search; the
record scope is the owner's (an opportunity) or the salesperson's (an order)."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import aliased

from app.data.admin import User
from app.data.customers import Customer
from app.data.kit.keyset import KeysetQueries, ListSpec, owner_label
from app.data.sales.models import OPEN_STAGES, OWING, Opportunity, SalesOrder


class OpportunityQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        owner = aliased(User)
        o = Opportunity
        plain = ("number", "name", "stage", "amount", "probability", "weighted",
                 "expected_close", "source", "lost_reason", "closed_at", "created_at",
                 "updated_at")
        columns: dict[str, object] = {name: getattr(o, name) for name in plain}
        columns["customer"] = (o.customer_id, Customer.code, Customer.name)
        columns["owner"] = (o.owner_id, owner.username, owner_label(owner))
        return ListSpec(
            model=o, columns=columns,
            sorts={"number": o.number, "name": o.name_sort, "stage": o.stage,
                   "amount": o.amount, "expected_close": o.expected_close,
                   "created_at": o.created_at},
            filters={"stage": o.stage, "source": o.source, "owner": o.owner_id,
                     "customer": o.customer_id, "amount": o.amount,
                     "expected_close": o.expected_close, "created_at": o.created_at},
            flags={"open": o.stage.in_(OPEN_STAGES)},
            scope=o.owner_id,
            joins=((Customer, Customer.id == o.customer_id), (owner, owner.id == o.owner_id)),
            search_column=o.search_text)


class OrderQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        seller = aliased(User)
        s = SalesOrder
        plain = ("number", "order_date", "status", "payment_terms_days", "due_date",
                 "currency", "net", "tax", "gross", "confirmed_at", "delivered_at",
                 "cancelled_at", "created_at", "updated_at")
        columns: dict[str, object] = {name: getattr(s, name) for name in plain}
        columns["customer"] = (s.customer_id, Customer.code, Customer.name)
        columns["salesperson"] = (s.salesperson_id, seller.username, owner_label(seller))
        columns["opportunity"] = (s.opportunity_id, Opportunity.number, Opportunity.name)
        return ListSpec(
            model=s, columns=columns,
            sorts={"number": s.number, "order_date": s.order_date, "status": s.status,
                   "gross": s.gross, "created_at": s.created_at},
            filters={"status": s.status, "customer": s.customer_id,
                     "salesperson": s.salesperson_id, "currency": s.currency,
                     "order_date": s.order_date, "due_date": s.due_date, "gross": s.gross,
                     "net": s.net, "created_at": s.created_at},
            flags={"revenue": s.status.in_(OWING)},
            scope=s.salesperson_id,
            joins=((Customer, Customer.id == s.customer_id),
                   (seller, seller.id == s.salesperson_id),
                   (Opportunity, Opportunity.id == s.opportunity_id)),
            search_column=s.search_text)
