"""Customer value recomputed on a small hand-made set (docs/credit.md): the Pareto tiers with
a tie across the 80% line, restricted for an amount long overdue, potential for a
prospect, a tier and a rating set by hand kept, key accounts by revenue and by a manager's
word, lifecycle and churn; one transaction, one summary audit entry; rights."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from app.logic.kit.errors import PermissionDenied, ValidationError
from tests.logic.finance.conftest import Books

TODAY = date.today()


def _made(books: Books) -> dict[str, str]:
    """Seven customers with revenue 400, 300, 100, 100, 60, 30 and 10 in the last 12 months
    (net of confirmed orders), a prospect without any, and an old overdue invoice."""
    shop, admin = books.shop, books.shop["admin"]
    c = books.services.customers
    extra = {key: c.create_customer(admin, {"name": name, "credit_limit": "100000",
                                            "status": "active"}).saved
             for key, name in (("c6", "深圳六号"), ("c7", "杭州七号"), ("lead", "成都意向"))}
    c.update(admin, extra["lead"].id, extra["lead"].version, {"status": "prospect"})
    shop.customers.update(extra)
    for key in ("house", "theirs", "north", "mine", "zero"):
        found = c.get(admin, shop.customers[key].id)
        c.update(admin, found.id, found.version, {"status": "active"})
    recent = (TODAY - timedelta(days=20)).isoformat()
    early = (TODAY - timedelta(days=80)).isoformat()
    for key, amount, terms, day in (("house", 400, None, early), ("theirs", 300, None, recent),
                                    ("north", 100, None, recent), ("zero", 100, 0, recent),
                                    ("mine", 60, None, recent), ("c6", 30, None, recent),
                                    ("c7", 10, None,
                                     (TODAY - timedelta(days=200)).isoformat())):
        values = {"order_date": day, **({"payment_terms_days": terms} if terms is not None
                                        else {})}
        order = shop.confirmed(customer=key, lines=(
            {"product": "G0100", "quantity": str(amount)},), **values)
        back = {"c6": 130, "house": 70}.get(key, 10)  # house: due (60 days) 10 days ago
        issue = (TODAY - timedelta(days=back)).isoformat()
        due = (TODAY - timedelta(days=100)).isoformat() if key == "c6" else None
        invoice = books.services.invoices.invoice_order(
            books.finance, order.id, True,
            {"issue_date": issue, **({"due_date": due} if due else {})}).saved
        if key == "house":
            books.pay("400.00", customer="house", by_hand={invoice.number: "400"},
                      day=TODAY - timedelta(days=20))  # paid before it was due
    return {key: r.code for key, r in shop.customers.items()}


def test_recompute_tiers_ratings_key_accounts_lifecycle_and_churn(
        books: Books, audit_log: Callable[[], list]) -> None:
    codes = _made(books)
    shop, value, admin = books.shop, books.services.customer_value, books.shop["admin"]
    settings = books.services.value_settings
    settings.change_settings(admin, settings.settings(admin).version,
                             {"key_account_revenue": "300"})
    c7 = books.services.customers.get_by_key(admin, codes["c7"])
    books.services.customers.update(admin, c7.id, c7.version,
                                    {"tier": "major", "tier_override": True})
    value.set_key_account(shop["manager"], codes["mine"], True, "战略合作伙伴")
    value.set_rating(books.finance, codes["theirs"], "B", "曾有坏账记录")
    entries = len(audit_log())
    c6 = books.services.customers.get_by_key(admin, codes["c6"])

    done = value.recompute(shop["manager"])

    # Derived columns: nobody changed the record (a form open on it is not in conflict).
    after = books.services.customers.get_by_key(admin, codes["c6"])
    assert (after.tier, after.version, after.updated_at) == ("restricted", c6.version,
                                                             c6.updated_at)

    rows = {r.code: r for r in value.tiers(books.finance)}
    tiers = {k: rows[code].tier for k, code in codes.items() if code in rows}
    assert tiers == {"house": "premium", "theirs": "premium",  # 40%, 70%
                     "north": "premium", "zero": "premium",  # the tie across 80%: 90%
                     "mine": "major",  # 96%
                     "c6": "restricted",  # 30 of revenue, but 100 days overdue
                     "c7": "major"}  # computed ordinary; set by hand, kept
    assert rows[codes["c7"]].manual
    assert [rows[codes[k]].share for k in ("house", "theirs", "north", "zero", "mine")] == [
        D("0.4"), D("0.7"), D("0.9"), D("0.9"), D("0.96")]
    lead = books.services.customers.get_by_key(admin, codes["lead"])
    assert lead.tier == "potential"
    # Ratings: house paid all that fell due on time; c6 owes 30 of its 100,000 limit, but
    # 100 days late on all it owed.
    assert (rows[codes["house"]].rating, rows[codes["c6"]].rating) == ("AAA", "C")
    assert (rows[codes["theirs"]].rating, rows[codes["theirs"]].rating_manual) == ("B", True)
    # Key accounts: revenue from 300 (house, theirs), and mine named by its manager.
    keys = {k.code: k for k in value.key_accounts(books.finance)}
    assert set(keys) == {codes["house"], codes["theirs"], codes["mine"]}
    assert keys[codes["mine"]].manual and not keys[codes["house"]].manual
    assert (keys[codes["house"]].open, keys[codes["theirs"]].open) == (D("0.00"),
                                                                       D("300.00"))
    assert keys[codes["house"]].trend is None  # nothing in the 12 months before
    # The manager sees the team's key accounts only (sales1's and sales2's customers).
    assert {k.code for k in value.key_accounts(shop["manager"])} == {codes["theirs"],
                                                                     codes["mine"]}
    # Lifecycle: every first order within the year: new. Churn: c7 last ordered 200 days
    # ago and nobody has been in touch since.
    assert {rows[codes[k]].lifecycle for k in ("house", "c7")} == {"new"}
    assert [r.code for r in value.churn_list(books.finance)] == [codes["c7"]]
    assert rows[codes["c7"]].churn == "no_contact"
    # One audit entry: the customers per tier before and after.
    new = audit_log()[entries:]
    assert [(e.action, e.entity_type) for e in new] == [("recompute_value", "customer")]
    assert new[0].changes["tiers"][1] == done.after
    assert done.after["premium"] == 4 and done.before.get("premium", 0) == 0


def test_recompute_twice_changes_nothing_more(books: Books) -> None:
    _made(books)
    value = books.services.customer_value
    value.recompute(books.shop["manager"])
    again = value.recompute(books.shop["manager"])
    assert again.changed == 0 and again.before == again.after


def test_rights_and_reasons(books: Books) -> None:
    codes = _made(books)
    value, shop = books.services.customer_value, books.shop
    with pytest.raises(PermissionDenied):
        value.recompute(shop["sales1"])
    with pytest.raises(PermissionDenied):
        value.tiers(shop["sales1"])
    with pytest.raises(PermissionDenied):  # a rating is finance.credit
        value.set_rating(shop["sales1"], codes["mine"], "AAA", "关系好")
    with pytest.raises(ValidationError) as no_reason:
        value.set_key_account(shop["manager"], codes["mine"], True, " ")
    assert set(no_reason.value.errors) == {"reason"}
    with pytest.raises(ValidationError):
        value.set_rating(books.finance, codes["mine"], "BBBB", "x")
    # The manager sees the team's customers only (sales3's north is another team's).
    value.recompute(shop["manager"])
    seen = {r.code for r in value.tiers(shop["manager"])}
    assert codes["mine"] in seen and codes["north"] not in seen
