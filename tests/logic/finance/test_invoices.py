"""Invoices and payments on real databases: an invoice for an order (whole or in parts),
issue and void, payments allocated oldest-due-first or by hand, over-allocation refused with
nothing written, a credit used by the next invoice, receivables as of a past date across the
buckets' edges, the credit check on the receivables, rights and conflicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from app.logic.kit.errors import ConflictError, PermissionDenied, ValidationError
from app.logic.sales import CreditRefused
from tests.logic.finance.conftest import Books


def codes(error: ValidationError) -> dict[str, str]:
    return {f: e.code for f, e in error.errors.items()}


def test_an_invoice_for_an_order_whole_or_in_parts(books: Books) -> None:
    order = books.shop.confirmed(customer="theirs", lines=(
        {"product": "G0300", "quantity": "100"},))  # 300.00 + 6% = 318.00
    invoices = books.services.invoices
    first = invoices.invoice_order(books.finance, order.number, False,
                                   {"net": "100.00", "tax": "6.00"}).saved
    assert (first.status, first.gross, first.order.key) == ("draft", D("106.00"), order.number)
    assert first.due_date == first.issue_date + timedelta(days=30)  # the order's terms
    rest = invoices.invoice_order(books.finance, order.id, True).saved
    assert (rest.net, rest.tax, rest.gross, rest.status) == (
        D("200.00"), D("12.00"), D("212.00"), "issued")
    with pytest.raises(ValidationError) as done:
        invoices.invoice_order(books.finance, order.id)
    assert codes(done.value) == {"order": "invoiced"}
    # A void invoice no longer counts: its part may be invoiced again.
    invoices.void_invoice(books.finance, first.id, first.version, "金额有误")
    again = invoices.invoice_order(books.finance, order.id).saved
    assert again.gross == D("106.00")
    draft = books.shop.order(customer="theirs")
    with pytest.raises(ValidationError) as not_confirmed:
        invoices.invoice_order(books.finance, draft.id)
    assert codes(not_confirmed.value) == {"order": "not_invoiceable"}


def test_a_payment_pays_the_oldest_due_first_and_the_rest_is_a_credit(
        books: Books) -> None:
    older = books.invoice(300, customer="theirs")
    newer = books.invoice(200, customer="theirs")
    payment = books.pay("350.00", customer="theirs")
    assert (payment.allocated, payment.unallocated) == (D("350.00"), D("0.00"))
    a, b = books.reload(older), books.reload(newer)
    assert (a.status, a.open) == ("paid", D("0.00"))
    assert (b.status, b.paid, b.open) == ("partially_paid", D("50.00"), D("150.00"))
    assert books.services.payments.allocations(books.finance, payment.id) == [
        (older.number, date.today(), D("300.00")), (newer.number, date.today(), D("50.00"))]
    second = books.pay("200.00", customer="theirs")
    assert (second.allocated, second.unallocated) == (D("150.00"), D("50.00"))
    assert books.reload(newer).status == "paid"
    # The credit of 50.00 pays the next invoice as it is issued.
    third = books.invoice(120, customer="theirs")
    assert (third.status, third.paid, third.open) == ("partially_paid", D("50.00"),
                                                      D("70.00"))
    assert books.reload(second).unallocated == D("0.00")


def test_over_allocation_is_refused_and_nothing_is_written(
        books: Books, row_counts: Callable[[], dict[str, int]]) -> None:
    invoice = books.invoice(200, customer="theirs")
    other = books.invoice(10, customer="house")
    before = row_counts()
    with pytest.raises(ValidationError) as over_payment:
        books.pay("50.00", customer="theirs", by_hand={invoice.number: "60.00"})
    assert codes(over_payment.value) == {"allocate": "over_amount"}
    with pytest.raises(ValidationError) as over_open:
        books.pay("500.00", customer="theirs", by_hand={invoice.number: "200.01"})
    assert codes(over_open.value) == {f"allocate[{invoice.number}]": "over_open"}
    with pytest.raises(ValidationError) as stray:
        books.pay("10.00", customer="theirs", by_hand={other.number: "10.00"})
    assert "other_customer" in codes(stray.value).values()
    assert row_counts() == before
    # By hand, exactly as given: 60 of 100 to the invoice, 40 a credit.
    paid = books.pay("100.00", customer="theirs", by_hand={invoice.number.lower(): "60"})
    assert (paid.allocated, paid.unallocated) == (D("60.00"), D("40.00"))
    assert books.reload(invoice).open == D("140.00")


def test_void_is_refused_once_anything_is_paid(books: Books) -> None:
    invoices = books.services.invoices
    draft = books.invoice(10, issue=False)
    voided = invoices.void_invoice(books.finance, draft.id, draft.version, "开错了").saved
    assert (voided.status, voided.void_reason, voided.open) == ("void", "开错了", D("0.00"))
    with pytest.raises(ValidationError) as no_reason:
        other = books.invoice(10)
        invoices.void_invoice(books.finance, other.id, other.version, "")
    assert codes(no_reason.value) == {"void_reason": "required"}
    partly = books.invoice(100, customer="theirs")
    books.pay("1.00", customer="theirs")
    partly = books.reload(partly)
    assert partly.status == "partially_paid"
    with pytest.raises(ValidationError) as refused:
        invoices.void_invoice(books.finance, partly.id, partly.version, "不要了")
    assert codes(refused.value) == {"status": "paid"}
    assert books.reload(partly).status == "partially_paid"


def test_only_a_draft_invoice_is_edited(books: Books) -> None:
    invoices = books.services.invoices
    draft = books.invoice(10, issue=False)
    edited = invoices.update(books.finance, draft.id, draft.version,
                             {"net": "12.00", "tax": "1.56"}).saved
    assert edited.gross == D("13.56")
    issued = invoices.issue_invoice(books.finance, edited.id, edited.version).saved
    with pytest.raises(ValidationError) as refused:
        invoices.update(books.finance, issued.id, issued.version, {"net": "1.00"})
    assert codes(refused.value) == {"net": "not_draft"}
    noted = invoices.update(books.finance, issued.id, issued.version, {"notes": "已寄出"}).saved
    assert noted.notes == "已寄出"


def test_receivables_as_of_a_past_date_across_the_bucket_edges(books: Books) -> None:
    as_of = date(2026, 6, 30)
    made = {}
    for name, amount, due in (("I1", 100, as_of), ("I2", 200, as_of - timedelta(days=1)),
                              ("I3", 300, as_of - timedelta(days=30)),
                              ("I4", 400, as_of - timedelta(days=31)),
                              ("I5", 500, as_of - timedelta(days=90)),
                              ("I6", 600, as_of - timedelta(days=91))):
        made[name] = books.invoice(amount, issue_date="2026-01-01",
                                   due_date=due.isoformat())
    made["I7"] = books.invoice(700, issue_date="2026-07-01", due_date="2026-07-31")
    books.pay("50.00", by_hand={made["I6"].number: "50.00"}, day=date(2026, 6, 15))
    books.pay("200.00", by_hand={made["I2"].number: "200.00"}, day=date(2026, 7, 5))
    receivables = books.services.receivables
    then = receivables.receivables(books.finance, as_of).rows
    assert len(then) == 1
    row = then[0]
    assert row.as_dict() == {
        "code": books.shop.customers["house"].code, "name": "广州南方贸易",
        "open": "2050.00", "overdue": "1950.00", "current": "100.00",
        "days_1_30": "500.00", "days_31_60": "400.00", "days_61_90": "500.00",
        "days_over_90": "550.00"}
    # A day later: I7 issued (current), I1 1-30, I3 31-60, I5 over 90.
    later = receivables.receivables(books.finance, as_of + timedelta(days=1)).rows[0]
    assert (later.buckets["current"], later.buckets["days_1_30"],
            later.buckets["days_31_60"], later.buckets["days_61_90"],
            later.buckets["days_over_90"]) == (D("700.00"), D("300.00"), D("700.00"),
                                               D("0.00"), D("1050.00"))
    assert receivables.receivables(books.finance, date(2000, 1, 1)).rows == ()
    now = receivables.receivables(books.finance, customer=books.shop.customers["house"].code)
    assert now.rows[0].open == D("2550.00")  # I2 paid since; I7 issued since
    assert now.total.open == D("2550.00")


def test_the_credit_check_counts_open_invoices_and_orders_not_yet_invoiced(
        books: Books) -> None:
    shop = books.shop
    big = shop.confirmed(customer="theirs", lines=({"product": "G0100", "quantity": "60000"},))
    second = shop.order(customer="theirs", lines=({"product": "G0100", "quantity": "50000"},))
    with pytest.raises(CreditRefused) as refused:  # 60,000 owed on the order
        shop.services.orders.confirm_order(shop["admin"], second.id, second.version)
    assert refused.value.check.open == D("60000.00")
    invoice = books.services.invoices.invoice_order(books.finance, big.id, True).saved
    with pytest.raises(CreditRefused) as still:  # now owed on the invoice, not twice
        shop.services.orders.confirm_order(shop["admin"], second.id, second.version)
    assert still.value.check.open == D("60000.00")
    books.pay("20000.00", customer="theirs", by_hand={invoice.number: "20000"})
    confirmed = shop.services.orders.confirm_order(shop["admin"], second.id,
                                                   second.version).saved
    assert confirmed.status == "confirmed"  # 40,000 open + 50,000 within 100,000


def test_rights_finance_writes_the_manager_reads_a_salesperson_neither(books: Books) -> None:
    invoice = books.invoice(10)
    shop = books.shop
    with pytest.raises(PermissionDenied):
        books.services.invoices.get(shop["sales1"], invoice.id)
    with pytest.raises(PermissionDenied):
        books.services.receivables.receivables(shop["sales1"])
    assert books.services.invoices.get(shop["manager"], invoice.id).number == invoice.number
    with pytest.raises(PermissionDenied):
        books.services.payments.receive(shop["manager"], {
            "customer": shop.customers["theirs"].code, "amount": "1"})
    with pytest.raises(PermissionDenied):
        order = shop.confirmed(customer="house")
        books.services.invoices.invoice_order(shop["manager"], order.id)


def test_two_clerks_issuing_the_same_invoice_the_second_is_told(
        books: Books, make_user: Callable[..., object]) -> None:
    make_user("finance2", "钱芳", roles=("finance",))
    from tests.conftest import ADMIN_PASSWORD

    other = books.services.auth.login("finance2", ADMIN_PASSWORD)
    draft = books.invoice(10, issue=False)
    books.services.invoices.issue_invoice(books.finance, draft.id, draft.version)
    with pytest.raises(ConflictError):
        books.services.invoices.issue_invoice(other, draft.id, draft.version)


def test_each_write_is_one_audit_entry(books: Books,
                                       audit_log: Callable[[], list]) -> None:
    invoice = books.invoice(30, customer="theirs")
    before = len(audit_log())
    books.pay("30.00", customer="theirs")
    entries = audit_log()[before:]
    assert [(e.action, e.entity_type) for e in entries] == [("create", "payment")]
    assert f"{invoice.number}: 30.00" in str(entries[0].changes)


def test_a_payment_changes_the_customers_rating_at_once(
        books: Books, audit_log: Callable[[], list]) -> None:
    today = date.today()
    early = books.invoice(960, customer="theirs",
                          issue_date=(today - timedelta(days=60)).isoformat(),
                          due_date=(today - timedelta(days=30)).isoformat())
    late = books.invoice(40, customer="theirs",
                         issue_date=(today - timedelta(days=31)).isoformat(),
                         due_date=(today - timedelta(days=1)).isoformat())
    customers, admin = books.services.customers, books.shop["admin"]
    code = books.shop.customers["theirs"].code
    books.pay("960.00", customer="theirs", by_hand={early.number: "960"},
              day=today - timedelta(days=35))
    # 96% paid on time, 0.04 days late on average, but 40.00 overdue: AA.
    assert customers.get_by_key(admin, code).credit_rating == "AA"
    books.pay("40.00", customer="theirs", by_hand={late.number: "40"})
    assert customers.get_by_key(admin, code).credit_rating == "AAA"  # nothing overdue now
    assert audit_log()[-1].changes["credit_rating"] == ["AA", "AAA"]


def test_what_a_payment_paid_is_named_for_the_screens(books: Books) -> None:
    first, second = books.invoice(30, customer="theirs"), books.invoice(20, customer="theirs")
    given = {"customer": books.shop.customers["theirs"].code, "amount": "60"}
    changed = books.services.payments.receive(books.finance, given)
    assert set(changed.related) == {("invoice", first.id), ("invoice", second.id)}
    issued = books.invoice(15, customer="theirs")  # the 10.00 credit pays part of it
    assert books.reload(issued).paid == D("10.00")
    again = books.services.invoices.get(books.finance, issued.id)
    assert again.status == "partially_paid"
