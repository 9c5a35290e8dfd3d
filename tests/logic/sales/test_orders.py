"""Orders: exact totals stored with the order (reloaded), what a line takes from its product,
products and quantities refused with nothing written, the numbers of the year, the
customer's payment terms and the due date, draft-only edits, lines replaced with the totals
and the audit entry following, conflicts, each move's own right and what it needs, and the
salesperson's record scope; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.logic.kit.dto import Actor, ListQuery
from app.logic.kit.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from tests.conftest import Audit
from tests.logic.sales.conftest import Counts, Shop, codes

D = Decimal
AuditLog = Callable[[], list[Audit]]
YEAR = date.today().year  # the year an order's number is taken in


def totals(record: Any) -> tuple[Decimal, Decimal, Decimal]:
    return record.net, record.tax, record.gross


def line_values(record: Any) -> list[dict[str, Any]]:
    return [dict(li.values) for li in record.children["lines"]]


# --- exact totals ----------------------------------------------------------------------------
def test_three_at_33_33_ten_percent_off_thirteen_percent_tax_is_stored_exactly(
        shop: Shop) -> None:
    # 3 × 33.33 = 99.99; × 0.9 = 89.991 → 89.99; × 0.13 = 11.6987 → 11.70; 101.69
    saved = shop.order(lines=[{"product": "G3333", "quantity": "3", "discount": "10%"}])
    stored = shop.reload(saved)
    assert totals(stored) == (D("89.99"), D("11.70"), D("101.69"))
    assert totals(saved) == totals(stored)
    [line] = stored.children["lines"]
    assert (line.quantity, line.unit_price, line.discount, line.tax_rate) == (
        D("3"), D("33.33"), D("0.1"), "0.13")
    assert (line.net, line.tax, line.gross) == (D("89.99"), D("11.70"), D("101.69"))
    # The list shows the same stored amounts.
    [row] = shop.services.orders.list_orders(shop["admin"], ListQuery()).rows
    assert (row.net, row.gross) == (D("89.99"), D("101.69"))


@pytest.mark.parametrize(("quantity", "price", "discount", "tax_rate", "net", "tax"), [
    ("0.005", "1.00", "0", "0", "0.01", "0.00"),  # 0.005 → 0.01 (half up, not to even)
    ("0.335", "3.00", "0", "0", "1.01", "0.00"),  # 1.005 → 1.01
    ("1", "0.01", "0.5", "0", "0.01", "0.00"),  # 0.005 after the discount → 0.01
    ("0.5", "0.99", "0", "0.01", "0.50", "0.01"),  # net 0.495 → 0.50; tax 0.005 → 0.01
    ("0.004", "1.00", "0", "0.13", "0.00", "0.00"),  # 0.004 → 0.00
    ("2.125", "2.00", "0", "0.06", "4.25", "0.26"),  # tax 0.255 → 0.26
])
def test_half_a_cent_rounds_up_on_the_stored_order(
        shop: Shop, quantity: str, price: str, discount: str, tax_rate: str, net: str,
        tax: str) -> None:
    saved = shop.order(lines=[{"description": "服务费", "quantity": quantity,
                               "unit_price": price, "discount": discount,
                               "tax_rate": tax_rate}])
    stored = shop.reload(saved)
    assert totals(stored) == (D(net), D(tax), D(net) + D(tax))


def test_the_order_is_the_sum_of_its_rounded_lines(shop: Shop) -> None:
    # Three lines of 0.333 × 1.00 at 6%: each 0.33 (tax 0.0198 → 0.02); the order 0.99,
    # 0.06 and 1.05, not 0.999 → 1.00 of the whole.
    line = {"description": "小零件", "quantity": "0.333", "unit_price": "1.00",
            "tax_rate": "0.06"}
    stored = shop.reload(shop.order(lines=[line] * 3))
    assert [li.net for li in stored.children["lines"]] == [D("0.33")] * 3
    assert totals(stored) == (D("0.99"), D("0.06"), D("1.05"))
    # And mixed: 3 × G3333 at 10% off (89.99 + 11.70) with 2 × G0300 (6.00 + 0.36).
    mixed = shop.reload(shop.order(lines=[
        {"product": "G3333", "quantity": "3", "discount": "0.1"},
        {"product": "G0300", "quantity": "2"}]))
    assert totals(mixed) == (D("95.99"), D("12.06"), D("108.05"))


def test_a_unit_price_has_at_most_two_places(shop: Shop, row_counts: Counts) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        shop.order(lines=[{"description": "服务费", "quantity": "3", "unit_price": "0.335"}])
    assert codes(caught.value) == {"lines[1].unit_price": "too_precise"}
    assert row_counts() == before


# --- what a line takes from its product ------------------------------------------------------
def test_a_line_takes_the_products_name_unit_price_and_tax_rate(shop: Shop) -> None:
    stored = shop.reload(shop.order(lines=[{"product": "G0300", "quantity": "2"},
                                           {"product": shop.products["G0100"].id,
                                            "quantity": "4"}]))
    first, second = stored.children["lines"]
    assert (first.product.key, first.description, first.unit, first.unit_price,
            first.tax_rate) == ("G0300", "垫片", "kg", D("3.00"), "0.06")
    assert (first.net, first.tax, first.gross) == (D("6.00"), D("0.36"), D("6.36"))
    assert (second.product.key, second.description, second.unit, second.unit_price,
            second.tax_rate) == ("G0100", "螺丝", "box", D("1.00"), "0")
    assert totals(stored) == (D("10.00"), D("0.36"), D("10.36"))
    defaults = shop.services.orders.line_defaults(shop["sales1"], "g0300")
    assert defaults == {"description": "垫片", "unit": "kg", "unit_price": D("3.00"),
                        "tax_rate": "0.06"}


def test_what_a_line_gives_is_kept_over_the_product(shop: Shop) -> None:
    stored = shop.reload(shop.order(lines=[{
        "product": "G0300", "quantity": "2", "unit_price": "2.50", "description": "特价垫片",
        "unit": "box", "tax_rate": "0.13"}]))
    [line] = stored.children["lines"]
    assert (line.product.key, line.description, line.unit, line.unit_price,
            line.tax_rate) == ("G0300", "特价垫片", "box", D("2.50"), "0.13")
    assert totals(stored) == (D("5.00"), D("0.65"), D("5.65"))


def test_an_inactive_product_is_refused_on_a_new_line_and_nothing_is_written(
        shop: Shop, row_counts: Counts, audit_log: AuditLog) -> None:
    before, entries = row_counts(), len(audit_log())
    with pytest.raises(ValidationError) as caught:
        shop.order(lines=[{"product": "G9999", "quantity": "1"},
                          {"product": "G3333", "quantity": "1"}])
    assert codes(caught.value) == {"lines[1].product": "inactive_product"}
    assert "G9999" in caught.value.errors["lines[1].product"].message
    with pytest.raises(ValidationError) as both:  # every line's problem at once
        shop.order(lines=[{"product": "G3333", "quantity": "1"},
                          {"product": "G9999", "quantity": "1"},
                          {"product": "NOPE", "quantity": "1"}])
    assert codes(both.value) == {"lines[2].product": "inactive_product",
                                 "lines[3].product": "unknown_product"}
    with pytest.raises(ValidationError):
        shop.services.orders.line_defaults(shop["admin"], "G9999")
    assert row_counts() == before and len(audit_log()) == entries
    offered = [r.key for r in shop.services.orders.product_choices(shop["sales1"])]
    assert offered == ["G0100", "G0300", "G3333"]


def test_a_product_already_on_a_draft_may_stay_when_it_stops_being_sold(shop: Shop) -> None:
    order = shop.order(lines=[{"product": "G0100", "quantity": "1"}])
    screw = shop.products["G0100"]
    shop.services.products.update_product(shop["admin"], screw.id, screw.version,
                                          {"active": False})
    changed = shop.services.orders.update_order(
        shop["admin"], order.id, order.version, {},
        lines=[{"product": "G0100", "quantity": "5"}])
    assert totals(changed.saved) == (D("5.00"), D("0.00"), D("5.00"))
    with pytest.raises(ValidationError) as caught:  # but not on another order
        shop.order(lines=[{"product": "G0100", "quantity": "1"}])
    assert codes(caught.value) == {"lines[1].product": "inactive_product"}


@pytest.mark.parametrize(("quantity", "code"), [
    ("1.2345", "too_precise"), ("0", "out_of_range"), ("-1", "out_of_range"),
    ("abc", "not_a_number")])
def test_a_bad_quantity_is_refused_and_nothing_is_written(
        shop: Shop, row_counts: Counts, quantity: str, code: str) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        shop.order(lines=[{"product": "G3333", "quantity": quantity}])
    assert codes(caught.value) == {"lines[1].quantity": code}
    assert row_counts() == before


def test_a_line_needs_a_quantity_and_a_price_or_product(shop: Shop) -> None:
    with pytest.raises(ValidationError) as caught:
        shop.order(lines=[{"product": "G3333"}, {"quantity": "1", "unit_price": "5.00"},
                          {"description": "安装", "quantity": "1"},
                          {"product": "G3333", "quantity": "1", "colour": "red"}])
    assert codes(caught.value) == {"lines[1].quantity": "required",
                                   "lines[2].description": "required",
                                   "lines[3].unit_price": "required",
                                   "lines[4].colour": "unknown_field"}


# --- numbers, terms and due dates ------------------------------------------------------------
def test_numbers_are_of_the_year_and_a_given_one_is_kept(shop: Shop, row_counts: Counts
                                                         ) -> None:
    first, second = shop.order(), shop.order()
    assert (first.number, second.number) == (f"SO{YEAR}-000001", f"SO{YEAR}-000002")
    given = shop.order(number=f"so{YEAR}-000003")
    assert given.number == f"SO{YEAR}-000003"
    hand = shop.order(number="HT-2026-A7")
    assert hand.number == "HT-2026-A7"
    assert shop.services.orders.get_order_by_number(shop["admin"], "ht-2026-a7").id == hand.id
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        shop.order(number="HT-2026-A7")
    assert codes(caught.value) == {"number": "duplicate_code"}
    assert row_counts() == before
    # The counter passes over the number given by hand.
    assert shop.order().number == f"SO{YEAR}-000004"


def test_the_due_date_is_the_order_date_plus_the_customers_terms(shop: Shop) -> None:
    # mine: 45 days; 10 May + 45 days = 24 June.
    order = shop.order(customer="mine", order_date="2026-05-10")
    assert (order.payment_terms_days, order.due_date) == (45, date(2026, 6, 24))
    assert order.salesperson.key == "sales1"  # the customer's owner, though admin added it
    today = shop.order(customer="theirs")
    assert (today.order_date, today.payment_terms_days, today.due_date) == (
        date.today(), 30, date.today() + timedelta(days=30))
    own_terms = shop.order(customer="mine", order_date="2026-05-10", payment_terms_days="10")
    assert (own_terms.payment_terms_days, own_terms.due_date) == (10, date(2026, 5, 20))
    prepaid = shop.order(customer="mine", order_date="2026-05-10", payment_terms_days="0")
    assert prepaid.due_date == date(2026, 5, 10)
    given = shop.order(customer="mine", order_date="2026-05-10", due_date="2026-07-01")
    assert given.due_date == date(2026, 7, 1)
    # A new order date moves the due date with it.
    moved = shop.services.orders.update_order(shop["admin"], order.id, order.version,
                                              {"order_date": "2026-06-01"}).saved
    assert moved.due_date == date(2026, 7, 16)


# --- edits ----------------------------------------------------------------------------------
def test_only_a_draft_is_edited_but_its_notes_always(shop: Shop, row_counts: Counts) -> None:
    orders = shop.services.orders
    order = shop.confirmed(customer="house")
    before = row_counts()
    for changes, lines, field in (
            ({"customer": shop.customers["theirs"].code}, None, "customer"),
            ({}, [{"product": "G0100", "quantity": "1"}], "lines"),
            ({"payment_terms_days": "10"}, None, "payment_terms_days")):
        with pytest.raises(ValidationError) as caught:
            orders.update_order(shop["admin"], order.id, order.version, changes, lines)
        assert codes(caught.value) == {field: "not_draft"}
        assert "the order is confirmed" in caught.value.errors[field].message
    assert row_counts() == before
    noted = orders.update_order(shop["admin"], order.id, order.version,
                                {"notes": "客户要求分两批发货"}).saved
    assert (noted.notes, noted.status, noted.version) == (
        "客户要求分两批发货", "confirmed", order.version + 1)
    assert totals(noted) == totals(order)


def test_new_lines_replace_the_old_and_the_totals_and_audit_follow(
        shop: Shop, audit_log: AuditLog) -> None:
    orders = shop.services.orders
    order = shop.order(lines=[{"product": "G3333", "quantity": "3", "discount": "0.1"}])
    changed = orders.update_order(shop["admin"], order.id, order.version, {}, lines=[
        {"product": "G0100", "quantity": "2"},
        {"description": "运费", "quantity": "1.5", "unit_price": "10", "tax_rate": "0.06",
         "discount": "12.5%"}])
    stored = shop.reload(order)
    assert [(li.get("product") and li.product.key, li.description, li.net)
            for li in stored.children["lines"]] == [
        ("G0100", "螺丝", D("2.00")), (None, "运费", D("13.13"))]  # 15 × 0.875 = 13.125
    # net 2.00 + 13.13; tax 0 + 0.7878 → 0.79
    assert totals(stored) == (D("15.13"), D("0.79"), D("15.92"))
    assert (changed.action, stored.version) == ("update", order.version + 1)
    entry = audit_log()[-1]
    assert (entry.action, entry.entity_type, entry.entity_id) == ("update", "order",
                                                                   str(order.id))
    assert entry.changes["lines"] == [
        ["G3333 压力表: 3 pcs x 33.33 -10% tax 13% = 89.99"],
        ["G0100 螺丝: 2 box x 1.00 -0% tax 0% = 2.00",
         "运费: 1.5 pcs x 10.00 -12.5% tax 6% = 13.13"]]
    assert (entry.changes["net"], entry.changes["tax"], entry.changes["gross"]) == (
        ["89.99", "15.13"], ["11.70", "0.79"], ["101.69", "15.92"])
    # The same lines again change nothing and write nothing.
    entries = len(audit_log())
    same = orders.update_order(shop["admin"], order.id, stored.version, {}, lines=[
        {"product": "G0100", "quantity": "2"},
        {"description": "运费", "quantity": "1.5", "unit_price": "10", "tax_rate": "0.06",
         "discount": "0.125"}])
    assert (same.action, same.version) == ("unchanged", stored.version)
    assert len(audit_log()) == entries


def test_a_lines_new_description_or_unit_alone_is_saved_and_audited(
        shop: Shop, audit_log: AuditLog) -> None:
    orders = shop.services.orders
    order = shop.order(lines=[{"product": "G3333", "quantity": "3"}])
    changed = orders.update_order(shop["admin"], order.id, order.version, {}, lines=[
        {"product": "G3333", "quantity": "3", "description": "压力表（定制刻度）",
         "unit": "box"}])
    stored = shop.reload(order)
    [line] = stored.children["lines"]
    assert (changed.action, stored.version) == ("update", order.version + 1)
    assert (line.description, line.unit) == ("压力表（定制刻度）", "box")
    assert audit_log()[-1].changes["lines"][0] != audit_log()[-1].changes["lines"][1]


def test_two_users_editing_the_lines_the_second_gets_a_conflict(
        shop: Shop, row_counts: Counts) -> None:
    orders = shop.services.orders
    order = shop.order(shop["sales1"], customer="mine")
    mine = orders.get_order(shop["sales1"], order.id)
    theirs = orders.get_order(shop["manager"], order.id)
    first = orders.update_order(shop["sales1"], mine.id, mine.version, {},
                                lines=[{"product": "G0100", "quantity": "7"}])
    assert first.version == order.version + 1
    before = row_counts()
    with pytest.raises(ConflictError) as caught:
        orders.update_order(shop["manager"], theirs.id, theirs.version, {},
                            lines=[{"product": "G0300", "quantity": "1"}])
    assert (caught.value.expected_version, caught.value.current_version) == (
        order.version, order.version + 1)
    assert caught.value.changed_by == "王伟"
    assert row_counts() == before
    stored = shop.reload(order)
    assert [(li.product.key, li.quantity) for li in stored.children["lines"]] == [
        ("G0100", D("7"))]
    assert totals(stored) == (D("7.00"), D("0.00"), D("7.00"))


# --- moves ----------------------------------------------------------------------------------
@pytest.mark.parametrize("move", ["confirm", "deliver", "cancel"])
def test_each_move_needs_its_own_right(shop: Shop, make_user: Callable[..., Actor],
                                       row_counts: Counts, move: str) -> None:
    """A sales manager's role without that one right: PermissionDenied naming it; the two
    other moves still allowed."""
    services, admin = shop.services, shop["admin"]
    code = f"no_{move}"
    services.roles.create_role(admin, code, f"Manager without {move}",
                               copy_from="sales_manager")
    role = services.roles.get_role(admin, code)
    services.roles.update_role(admin, code, role.version,
                               rights=set(role.rights) - {("sales", move)},
                               scopes={**dict(role.scopes), "customers": "all"})
    actor = make_user(f"user_{move}", "无权限", roles=(code,))
    assert not actor.can("sales", move)
    orders = services.orders
    order = shop.order(actor, customer="house")
    if move == "deliver":
        order = orders.confirm_order(actor, order.id, order.version).saved
    calls: dict[str, Callable[[], Any]] = {
        "confirm": lambda: orders.confirm_order(actor, order.id, order.version),
        "deliver": lambda: orders.deliver_order(actor, order.id, order.version),
        "cancel": lambda: orders.cancel_order(actor, order.id, order.version, "客户取消")}
    before = row_counts()
    with pytest.raises(PermissionDenied) as caught:
        calls[move]()
    assert (caught.value.module, caught.value.action) == ("sales", move)
    assert row_counts() == before
    assert shop.reload(order).status == order.status
    allowed = next(m for m in ("cancel", "confirm") if m != move)
    assert calls[allowed]().saved.status == {"cancel": "cancelled",
                                             "confirm": "confirmed"}[allowed]


def test_a_clerk_edits_a_draft_but_makes_none_of_the_moves(shop: Shop) -> None:
    clerk, orders = shop["clerk"], shop.services.orders
    order = shop.order(clerk, customer="house")
    order = orders.update_order(clerk, order.id, order.version, {"notes": "加急"}).saved
    for call in (lambda: orders.confirm_order(clerk, order.id, order.version),
                 lambda: orders.deliver_order(clerk, order.id, order.version),
                 lambda: orders.cancel_order(clerk, order.id, order.version, "重复")):
        with pytest.raises(PermissionDenied):
            call()
    assert orders.next_moves(clerk, order) == ()
    assert [t.name for t in orders.next_moves(shop["sales1"], order)] == ["confirm",
                                                                          "cancel"]


def test_confirm_deliver_and_cancel_with_their_stamps(shop: Shop, audit_log: AuditLog
                                                      ) -> None:
    orders, admin = shop.services.orders, shop["admin"]
    order = shop.order()
    confirmed = orders.confirm_order(admin, order.id, order.version)
    assert (confirmed.action, confirmed.saved.status) == ("confirm", "confirmed")
    assert confirmed.saved.confirmed_at is not None
    delivered = orders.deliver_order(admin, order.id, confirmed.version).saved
    assert (delivered.status, delivered.delivered_at is not None) == ("delivered", True)
    assert [(e.action, e.changes["status"]) for e in audit_log()[-2:]] == [
        ("confirm", ["draft", "confirmed"]), ("deliver", ["confirmed", "delivered"])]
    # Delivered is final.
    with pytest.raises(ValidationError) as caught:
        orders.cancel_order(admin, order.id, delivered.version, "太晚了")
    assert codes(caught.value) == {"status": "not_allowed"}


def test_cancel_needs_the_reason(shop: Shop, row_counts: Counts) -> None:
    orders, admin = shop.services.orders, shop["admin"]
    draft, confirmed = shop.order(), shop.confirmed()
    before = row_counts()
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            orders.cancel_order(admin, draft.id, draft.version, reason)
        assert codes(caught.value) == {"cancel_reason": "required"}
    assert row_counts() == before
    for order in (draft, confirmed):
        cancelled = orders.cancel_order(admin, order.id, order.version, "客户取消订单").saved
        assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "客户取消订单")
        assert cancelled.cancelled_at is not None
    with pytest.raises(ValidationError) as again:
        orders.cancel_order(admin, draft.id, draft.version + 1, "再次取消")
    assert codes(again.value) == {"status": "not_allowed"}


def test_deliver_only_from_confirmed(shop: Shop, row_counts: Counts) -> None:
    orders, admin = shop.services.orders, shop["admin"]
    draft = shop.order()
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        orders.deliver_order(admin, draft.id, draft.version)
    assert caught.value.errors["status"].message == (
        "cannot go from draft to delivered; from draft the next states are: confirmed, "
        "cancelled")
    cancelled = orders.cancel_order(admin, draft.id, draft.version, "不要了").saved
    with pytest.raises(ValidationError):
        orders.deliver_order(admin, draft.id, cancelled.version)
    assert shop.reload(draft).status == "cancelled"
    assert row_counts()["sales_orders"] == before["sales_orders"]


def test_an_order_without_lines_is_not_confirmed(shop: Shop, row_counts: Counts) -> None:
    empty = shop.order(lines=())
    assert totals(empty) == (D("0.00"), D("0.00"), D("0.00"))
    before = row_counts()
    with pytest.raises(ValidationError) as caught:
        shop.services.orders.confirm_order(shop["admin"], empty.id, empty.version)
    assert codes(caught.value) == {"lines": "no_lines"}
    assert row_counts() == before


# --- record scope ---------------------------------------------------------------------------
def test_a_salesperson_sees_their_orders_and_the_manager_their_teams(shop: Shop) -> None:
    orders = shop.services.orders
    own = shop.order(shop["sales1"], customer="mine")
    other = shop.order(shop["sales2"], customer="theirs")
    north = shop.order(shop["sales3"], customer="north")
    house = shop.order(customer="house")  # the administrator's
    assert (own.salesperson.key, other.salesperson.key, north.salesperson.key,
            house.salesperson.key) == ("sales1", "sales2", "sales3", "admin")

    def listed(who: str) -> list[str]:
        return [r.number for r in orders.list_orders(shop[who], ListQuery()).rows]

    assert listed("sales1") == [own.number]
    assert listed("sales2") == [other.number]
    assert listed("manager") == [own.number, other.number]
    assert listed("admin") == [own.number, other.number, north.number, house.number]
    assert orders.count(shop["sales1"], ListQuery()) == 1
    for who, record in (("sales1", other), ("sales1", north), ("manager", north),
                        ("sales2", own)):
        with pytest.raises(NotFound):
            orders.get_order(shop[who], record.id)
        with pytest.raises(NotFound):
            orders.get_order_by_number(shop[who], record.number)
        with pytest.raises(NotFound):
            orders.confirm_order(shop[who], record.id, record.version)
    assert orders.get_order(shop["manager"], own.id).number == own.number
    # A salesperson's order for a customer they do not see is refused.
    with pytest.raises(ValidationError) as caught:
        shop.order(shop["sales1"], customer="theirs")
    assert set(codes(caught.value)) == {"customer"}


def test_an_order_dated_in_another_year_takes_that_years_number(shop: Shop) -> None:
    old = shop.order(order_date="2025-12-30")
    assert old.number == "SO2025-000001"
    assert shop.order(order_date="2025-06-01").number == "SO2025-000002"
    assert shop.order().number.startswith(f"SO{date.today().year}-")
