"""The sales reports' sums: net revenue (the net of confirmed and delivered orders,
docs/sales.md) and orders in a range of order dates, by month, product, salesperson and
customer; the pipeline's opportunities by stage. Each is one aggregate statement; money in
cents as the database keeps it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Select, func, select, type_coerce
from sqlalchemy.orm import Session

from app.data.admin import User
from app.data.customers import Customer
from app.data.products import Product
from app.data.reports.common import Owners, cents, day, number, owned, rows
from app.data.sales import OWING, Opportunity, SalesOrder, SalesOrderLine


def revenue_orders(start: date, end: date, owners: Owners, province: str | None = None
                   ) -> list[Any]:
    """The conditions of the orders that count as revenue in [start, end]: confirmed or
    delivered, of the salespeople among ``owners``, of customers in ``province``."""
    o = SalesOrder
    conds: list[Any] = [o.order_date >= start, o.order_date <= end, o.status.in_(OWING),
                        owned(o.salesperson_id, owners)]
    if province:
        conds.append(o.customer_id.in_(select(Customer.id).where(
            Customer.province == province)))
    return conds


def _net(column: Any) -> Any:
    return type_coerce(func.sum(type_coerce(column, BigInteger())), BigInteger())


class SalesFacts:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_month(self, start: date, end: date, owners: Owners, province: str | None = None
                 ) -> dict[tuple[int, int], tuple[int, int]]:
        """(year, month) -> (orders, net revenue in cents), the months with any."""
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for when, (n, c) in self.by_day(start, end, owners, province).items():
            key = (when.year, when.month)
            had_n, had_c = found.get(key, (0, 0))
            found[key] = (had_n + n, had_c + c)
        return found

    def by_day(self, start: date, end: date, owners: Owners, province: str | None = None
               ) -> dict[date, tuple[int, int]]:
        """order date -> (orders, net revenue in cents), the days with any. Grouped by the
        date column itself: no date function per row (SQLite's strftime per order cost
        more than the rest of the statement; docs/benchmarks.md), the months summed here."""
        o = SalesOrder
        stmt = (select(o.order_date, func.count(), _net(o.net))
                .where(*revenue_orders(start, end, owners, province)).group_by(o.order_date))
        found: dict[date, tuple[int, int]] = {}
        for d, n, c in rows(self.session, stmt):
            when = day(d)
            if when is not None:
                found[when] = (int(n), cents(c))
        return found

    def by_product(self, start: date, end: date, owners: Owners,
                   province: str | None = None) -> list[tuple[str, str, Any, int, int]]:
        """Per product (lines without one together, code ""): code, name, quantity (in
        thousandths), net revenue in cents, orders; largest revenue first."""
        line, o, p = SalesOrderLine, SalesOrder, Product
        per = (select(line.product_id.label("product_id"),
                      _net(line.quantity).label("quantity"), _net(line.net).label("net"),
                      func.count(func.distinct(line.order_id)).label("orders"))
               .join(o, o.id == line.order_id)
               .where(*revenue_orders(start, end, owners, province))
               .group_by(line.product_id).subquery())
        stmt: Select[Any] = (select(func.coalesce(p.code, ""), func.coalesce(p.name, ""),
                                    per.c.quantity, per.c.net, per.c.orders)
                             .outerjoin(p, p.id == per.c.product_id)
                             .order_by(per.c.net.desc(), func.coalesce(p.code, "")))
        return [(str(c), str(n), number(q).scaleb(-3), cents(v), int(k))
                for c, n, q, v, k in rows(self.session, stmt)]

    def by_salesperson(self, start: date, end: date, owners: Owners,
                       province: str | None = None) -> list[tuple[str, str, int, int, int]]:
        """Per salesperson: user name, name, net revenue in cents, orders, customers;
        largest revenue first (orders without a salesperson: user name "")."""
        o = SalesOrder
        per = (select(o.salesperson_id.label("user_id"), _net(o.net).label("net"),
                      func.count().label("orders"),
                      func.count(func.distinct(o.customer_id)).label("customers"))
               .where(*revenue_orders(start, end, owners, province))
               .group_by(o.salesperson_id).subquery())
        stmt: Select[Any] = (select(func.coalesce(User.username, ""),
                                    func.coalesce(User.display_name, ""), per.c.net,
                                    per.c.orders, per.c.customers)
                             .outerjoin(User, User.id == per.c.user_id)
                             .order_by(per.c.net.desc(), func.coalesce(User.username, "")))
        return [(str(u), str(n or u), cents(v), int(k), int(c))
                for u, n, v, k, c in rows(self.session, stmt)]

    def by_customer(self, start: date, end: date, owners: Owners,
                    province: str | None = None, top: int | None = None
                    ) -> tuple[list[tuple[str, str, int, int]], int]:
        """Per customer: code, name, net revenue in cents, orders; largest first (the
        first ``top``), and the revenue of all of them."""
        o = SalesOrder
        per = (select(o.customer_id.label("customer_id"), _net(o.net).label("net"),
                      func.count().label("orders"))
               .where(*revenue_orders(start, end, owners, province))
               .group_by(o.customer_id).subquery())
        stmt: Select[Any] = (select(Customer.code, Customer.name, per.c.net, per.c.orders)
                             .join(Customer, Customer.id == per.c.customer_id)
                             .order_by(per.c.net.desc(), Customer.code))
        if top is not None:
            stmt = stmt.limit(top)
        found = [(str(c), str(n), cents(v), int(k)) for c, n, v, k in rows(self.session, stmt)]
        total = self.session.execute(select(_net(o.net)).where(
            *revenue_orders(start, end, owners, province))).scalar()
        return found, cents(total)

    def revenue(self, start: date, end: date, owners: Owners) -> tuple[int, int]:
        """(orders, net revenue in cents) in [start, end]."""
        o = SalesOrder
        n, c = self.session.execute(select(func.count(), _net(o.net)).where(
            *revenue_orders(start, end, owners))).one()
        return int(n), cents(c)

    # --- opportunities ---------------------------------------------------------------------
    def stages(self, owners: Owners, created_from: Any = None, created_to: Any = None,
               only: Sequence[str] | None = None) -> dict[str, tuple[int, int, int]]:
        """stage -> (opportunities, amount, weighted amount in cents): of the owners, made
        in [created_from, created_to) (UTC times; None: any time), at one of the stages
        ``only`` when given."""
        p = Opportunity
        conds: list[Any] = [owned(p.owner_id, owners)]
        if only is not None:
            conds.append(p.stage.in_(list(only)))
        if created_from is not None:
            conds.append(p.created_at >= created_from)
        if created_to is not None:
            conds.append(p.created_at < created_to)
        stmt = (select(p.stage, func.count(), _net(p.amount), _net(p.weighted))
                .where(*conds).group_by(p.stage))
        return {str(s): (int(n), cents(a), cents(w)) for s, n, a, w in
                rows(self.session, stmt)}

    def overrides(self, start: date, end: date, owners: Owners
                  ) -> list[tuple[str, str, str, date | None, int, str, str]]:
        """Orders confirmed over the credit limit (with a reason) dated in the range:
        number, customer code and name, order date, gross in cents, salesperson, reason."""
        o = SalesOrder
        stmt = (select(o.number, Customer.code, Customer.name, o.order_date,
                       type_coerce(o.gross, BigInteger()),
                       func.coalesce(func.nullif(User.display_name, ""), User.username, ""),
                       o.credit_override_reason)
                .join(Customer, Customer.id == o.customer_id)
                .outerjoin(User, User.id == o.salesperson_id)
                .where(o.credit_override_reason != "", o.order_date >= start,
                       o.order_date <= end, o.status != "draft",
                       owned(o.salesperson_id, owners))
                .order_by(o.order_date.desc(), o.number))
        return [(str(a), str(b), str(c), day(d), cents(g), str(s), str(r))
                for a, b, c, d, g, s, r in rows(self.session, stmt)]
