"""The invoices' and the payments' lists: columns, filters, sorts and the search. Finance
sees every customer's (no record scope: its rights are the finance module's)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import case, func, type_coerce

from app.data.customers import Customer
from app.data.finance.models import OPEN_INVOICE, Invoice, Payment
from app.data.kit.keyset import KeysetQueries, ListSpec
from app.data.sales import SalesOrder
from app.data.types import Money


class InvoiceQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        i = Invoice
        plain = ("number", "status", "issue_date", "payment_terms_days", "due_date", "net",
                 "tax", "gross", "paid", "issued_at", "voided_at", "created_at",
                 "updated_at")
        columns: dict[str, object] = {name: getattr(i, name) for name in plain}
        columns["open"] = type_coerce(
            case((i.status.in_(OPEN_INVOICE), i.gross - i.paid), else_=0), Money())
        columns["customer"] = (i.customer_id, Customer.code, Customer.name)
        columns["order"] = (i.order_id, SalesOrder.number, SalesOrder.number)
        return ListSpec(
            model=i, columns=columns,
            sorts={"number": i.number, "issue_date": i.issue_date, "due_date": i.due_date,
                   "status": i.status, "gross": i.gross, "created_at": i.created_at},
            filters={"status": i.status, "customer": i.customer_id, "order": i.order_id,
                     "issue_date": i.issue_date, "due_date": i.due_date, "gross": i.gross,
                     "created_at": i.created_at},
            flags={"overdue": i.status.in_(OPEN_INVOICE) & (i.due_date < func.current_date()),
                   "outstanding": i.status.in_(OPEN_INVOICE)},
            joins=((Customer, Customer.id == i.customer_id),
                   (SalesOrder, SalesOrder.id == i.order_id)),
            search_column=i.search_text)


class PaymentQueries(KeysetQueries):
    @classmethod
    @cache
    def spec(cls) -> ListSpec:
        p = Payment
        plain = ("number", "payment_date", "amount", "method", "reference", "allocated",
                 "created_at", "updated_at")
        columns: dict[str, object] = {name: getattr(p, name) for name in plain}
        columns["unallocated"] = type_coerce(p.amount - p.allocated, Money())
        columns["customer"] = (p.customer_id, Customer.code, Customer.name)
        return ListSpec(
            model=p, columns=columns,
            sorts={"number": p.number, "payment_date": p.payment_date, "amount": p.amount,
                   "created_at": p.created_at},
            filters={"customer": p.customer_id, "method": p.method,
                     "payment_date": p.payment_date, "amount": p.amount,
                     "created_at": p.created_at},
            joins=((Customer, Customer.id == p.customer_id),),
            search_column=p.search_text)
