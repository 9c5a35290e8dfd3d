"""The one rule of an order's totals, against amounts computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.logic.sales import line_amounts, order_totals, to_cent

D = Decimal


def test_three_at_33_33_with_ten_percent_off_and_thirteen_percent_tax() -> None:
    # 3 × 33.33 = 99.99; × 0.9 = 89.991 → 89.99; × 0.13 = 11.6987 → 11.70
    line = line_amounts("3", "33.33", "0.1", "0.13")
    assert (line.net, line.tax, line.gross) == (D("89.99"), D("11.70"), D("101.69"))


@pytest.mark.parametrize(("quantity", "price", "discount", "net"), [
    ("0.5", "2.01", "0", "1.01"),  # 1.005: half up, not to even (banker's would give 1.00)
    ("1.5", "0.67", "0", "1.01"),  # 1.005 again
    ("0.5", "0.01", "0", "0.01"),  # 0.005 → 0.01
    ("1", "0.01", "0.5", "0.01"),  # 0.005 → 0.01
    ("0.001", "4.99", "0", "0.00"),  # 0.00499 → 0.00
    ("2.125", "1.00", "0", "2.13"),  # three decimals of quantity
    ("-0.5", "2.01", "0", "-1.01"),  # a return rounds away from zero too (四舍五入)
])
def test_half_a_cent_rounds_up(quantity: str, price: str, discount: str, net: str) -> None:
    assert line_amounts(quantity, price, discount).net == D(net)


def test_tax_is_on_the_rounded_net_and_rounded_again() -> None:
    # net 0.50 × 1% = 0.005 → 0.01 tax; on the unrounded 0.495 it would be 0.00495 → 0.00
    line = line_amounts("0.5", "0.99", "0", "0.01")
    assert (line.net, line.tax, line.gross) == (D("0.50"), D("0.01"), D("0.51"))


def test_the_order_sums_its_rounded_lines() -> None:
    # three lines of 0.333 × 1.00: each 0.33 (tax 6%: 0.0198 → 0.02); the order 0.99 and
    # 0.06, not 0.999 → 1.00 and 0.06 of the whole
    totals = order_totals([("0.333", "1.00", "0", "0.06")] * 3)
    assert [a.net for a in totals.lines] == [D("0.33")] * 3
    assert (totals.net, totals.tax, totals.gross) == (D("0.99"), D("0.06"), D("1.05"))
    empty = order_totals([])
    assert (empty.net, empty.tax, empty.gross) == (D("0.00"),) * 3


def test_amounts_are_exact_and_rates_sane() -> None:
    with pytest.raises(ValueError, match="exact"):
        line_amounts(1.005, "1")  # type: ignore[arg-type]  # a float is what is refused
    with pytest.raises(ValueError, match="not a number"):
        line_amounts("x", "1")
    with pytest.raises(ValueError, match="not a number"):
        line_amounts("NaN", "1")
    with pytest.raises(ValueError, match="between 0 and 1"):
        line_amounts("1", "1", "1.5")
    with pytest.raises(ValueError, match="negative"):
        line_amounts("1", "1", "0", "-0.13")
    assert line_amounts(2, D("10.005")).net == D("20.01")
    assert to_cent(D("-1.005")) == D("-1.01")
