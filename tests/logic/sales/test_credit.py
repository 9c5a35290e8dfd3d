"""The credit check that blocks confirming an order: exactly at the limit passes, one cent over
is refused with the figures, what is open (confirmed and delivered orders only), a customer
without a limit, the override (its right, the reason stored and audited with the figures)
and a refused confirm writing nothing; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from app.logic.kit.errors import PermissionDenied
from app.logic.sales import CreditCheck, CreditRefused
from tests.conftest import Audit
from tests.logic.sales.conftest import Counts, Shop

D = Decimal
AuditLog = Callable[[], list[Audit]]
# 3 × G3333 at 10% off: 89.99 + 11.70 = 101.69, exactly mine's credit limit.
AT_LIMIT = ({"product": "G3333", "quantity": "3", "discount": "0.1"},)
ONE_CENT = ({"description": "样品", "quantity": "1", "unit_price": "0.01", "tax_rate": "0"},)


def test_exactly_at_the_limit_passes(shop: Shop) -> None:
    order = shop.order(shop["sales1"], customer="mine", lines=AT_LIMIT)
    assert order.gross == D("101.69")
    check = shop.services.orders.credit_check(shop["sales1"], order.id)
    assert check == CreditCheck(limit=D("101.69"), open=D("0.00"), order=D("101.69"),
                                prepaid=False)
    assert (check.passes, check.excess) == (True, D("0.00"))
    confirmed = shop.services.orders.confirm_order(shop["sales1"], order.id,
                                                   order.version).saved
    assert (confirmed.status, confirmed.credit_override_reason) == ("confirmed", "")


def test_one_cent_over_is_refused_with_the_figures(shop: Shop, row_counts: Counts,
                                                   audit_log: AuditLog) -> None:
    sales1, orders = shop["sales1"], shop.services.orders
    shop.confirmed(sales1, customer="mine", lines=ONE_CENT)  # open: 0.01
    order = shop.order(sales1, customer="mine", lines=AT_LIMIT)
    before, entries = row_counts(), len(audit_log())
    with pytest.raises(CreditRefused) as caught:
        orders.confirm_order(sales1, order.id, order.version)
    message = str(caught.value)
    assert message == (f"order {order.number} not confirmed: the credit limit would be "
                       f"exceeded: limit 101.69, open 0.01, this order 101.69, excess 0.01")
    assert caught.value.check.figures() == {"limit": "101.69", "open": "0.01",
                                            "order": "101.69", "excess": "0.01"}
    # Nothing was written: still a draft at its version, no audit entry.
    assert row_counts() == before and len(audit_log()) == entries
    stored = shop.reload(order)
    assert (stored.status, stored.version, stored.confirmed_at) == ("draft", order.version,
                                                                    None)


def test_open_is_the_gross_of_confirmed_and_delivered_orders_only(shop: Shop) -> None:
    orders, admin = shop.services.orders, shop["admin"]
    # house: confirmed 1 × G0100 = 1.00; delivered 2 × G0300 = 6.00 + 0.36 = 6.36
    shop.confirmed(customer="house", lines=[{"product": "G0100", "quantity": "1"}])
    delivered = shop.confirmed(customer="house", lines=[{"product": "G0300", "quantity": "2"}])
    orders.deliver_order(admin, delivered.id, delivered.version)
    # Not counted: a draft, a cancelled one (confirmed first), another customer's.
    shop.order(customer="house", lines=[{"product": "G3333", "quantity": "30"}])
    cancelled = shop.confirmed(customer="house",
                               lines=[{"product": "G0100", "quantity": "500"}])
    orders.cancel_order(admin, cancelled.id, cancelled.version, "客户取消")
    shop.confirmed(customer="theirs", lines=[{"product": "G0100", "quantity": "40"}])
    # This order: 1 × G3333 = 33.33 + 4.3329 → 4.33 = 37.66
    order = shop.order(customer="house", lines=[{"product": "G3333", "quantity": "1"}])
    check = orders.credit_check(admin, order.id)
    assert (check.limit, check.open, check.order, check.excess, check.passes) == (
        D("1000000.00"), D("7.36"), D("37.66"), D("0.00"), True)
    # Once confirmed, it is open for the next one and not counted twice for itself.
    confirmed = orders.confirm_order(admin, order.id, order.version).saved
    assert orders.credit_check(admin, confirmed.id).open == D("7.36")
    following = shop.order(customer="house", lines=[{"product": "G0100", "quantity": "1"}])
    assert orders.credit_check(admin, following.id).open == D("45.02")


def test_open_orders_use_up_the_limit(shop: Shop) -> None:
    """theirs: limit 100000.00; confirmed 99000.00, so an order of 1000.01 is one cent over
    and one of 1000.00 passes."""
    orders, sales2 = shop.services.orders, shop["sales2"]

    def service_line(price: str) -> list[dict[str, str]]:
        return [{"description": "项目服务", "quantity": "1", "unit_price": price,
                 "tax_rate": "0"}]

    shop.confirmed(sales2, customer="theirs", lines=service_line("99000.00"))
    over = shop.order(sales2, customer="theirs", lines=service_line("1000.01"))
    with pytest.raises(CreditRefused) as caught:
        orders.confirm_order(sales2, over.id, over.version)
    assert caught.value.check.figures() == {"limit": "100000.00", "open": "99000.00",
                                            "order": "1000.01", "excess": "0.01"}
    orders.cancel_order(sales2, over.id, over.version, "金额有误")
    within = shop.order(sales2, customer="theirs", lines=service_line("1000.00"))
    assert orders.confirm_order(sales2, within.id, within.version).saved.status == "confirmed"


def test_no_credit_limit_blocks_unless_paid_in_advance(shop: Shop) -> None:
    sales1, orders = shop["sales1"], shop.services.orders
    on_credit = shop.order(sales1, customer="zero", lines=ONE_CENT)
    assert on_credit.payment_terms_days == 30
    with pytest.raises(CreditRefused) as caught:
        orders.confirm_order(sales1, on_credit.id, on_credit.version)
    assert "no credit limit (0.00)" in str(caught.value)
    assert "this order 0.01" in str(caught.value)
    assert shop.reload(on_credit).status == "draft"
    prepaid = shop.order(sales1, customer="zero", lines=AT_LIMIT, payment_terms_days="0")
    check = orders.credit_check(sales1, prepaid.id)
    assert (check.prepaid, check.passes) == (True, True)
    confirmed = orders.confirm_order(sales1, prepaid.id, prepaid.version).saved
    assert (confirmed.status, confirmed.credit_override_reason) == ("confirmed", "")
    # Changing the draft's terms to 0 lets it through too.
    terms = orders.update_order(sales1, on_credit.id, on_credit.version,
                                {"payment_terms_days": "0"}).saved
    assert orders.confirm_order(sales1, terms.id, terms.version).saved.status == "confirmed"


def test_a_salesperson_may_not_override(shop: Shop, row_counts: Counts,
                                        audit_log: AuditLog) -> None:
    sales1, orders = shop["sales1"], shop.services.orders
    assert not sales1.can("sales", "credit_override")
    shop.confirmed(sales1, customer="mine", lines=ONE_CENT)
    order = shop.order(sales1, customer="mine", lines=AT_LIMIT)
    before, entries = row_counts(), len(audit_log())
    with pytest.raises(PermissionDenied) as caught:
        orders.confirm_order(sales1, order.id, order.version, override_reason="老客户，先发货")
    assert (caught.value.module, caught.value.action) == ("sales", "credit_override")
    assert row_counts() == before and len(audit_log()) == entries
    assert shop.reload(order).status == "draft"


def test_the_manager_overrides_with_a_reason_audited_with_the_figures(
        shop: Shop, audit_log: AuditLog) -> None:
    manager, orders = shop["manager"], shop.services.orders
    assert manager.can("sales", "credit_override")
    shop.confirmed(shop["sales1"], customer="mine", lines=ONE_CENT)
    order = shop.order(shop["sales1"], customer="mine", lines=AT_LIMIT)
    entries = len(audit_log())
    reason = "老客户，总经理批准先发货"
    changed = orders.confirm_order(manager, order.id, order.version, override_reason=reason)
    assert (changed.saved.status, changed.saved.credit_override_reason) == ("confirmed",
                                                                            reason)
    stored = shop.reload(order)
    assert (stored.status, stored.credit_override_reason) == ("confirmed", reason)
    new = audit_log()[entries:]
    assert [(e.action, e.entity_type, e.entity_id, e.username) for e in new] == [
        ("credit_override", "order", str(order.id), "manager"),
        ("confirm", "order", str(order.id), "manager")]
    assert new[0].changes == {"limit": [None, "101.69"], "open": [None, "0.01"],
                              "order": [None, "101.69"], "excess": [None, "0.01"],
                              "reason": [None, reason]}
    assert new[1].changes["credit_override_reason"] == ["", reason]
    assert new[1].changes["status"] == ["draft", "confirmed"]


def test_a_reason_given_where_the_check_passes_overrides_nothing(
        shop: Shop, audit_log: AuditLog) -> None:
    order = shop.order(shop["sales1"], customer="mine", lines=AT_LIMIT)
    entries = len(audit_log())
    confirmed = shop.services.orders.confirm_order(shop["manager"], order.id, order.version,
                                                   override_reason="以防万一").saved
    assert (confirmed.status, confirmed.credit_override_reason) == ("confirmed", "")
    assert [e.action for e in audit_log()[entries:]] == ["confirm"]


def test_a_blank_reason_is_no_override(shop: Shop, row_counts: Counts) -> None:
    shop.confirmed(shop["sales1"], customer="mine", lines=ONE_CENT)
    order = shop.order(shop["sales1"], customer="mine", lines=AT_LIMIT)
    before = row_counts()
    with pytest.raises(CreditRefused):
        shop.services.orders.confirm_order(shop["manager"], order.id, order.version,
                                           override_reason="   ")
    assert row_counts() == before
