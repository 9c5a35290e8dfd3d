"""An order's totals, exact, by the one rule every screen, command, export and report uses
(docs/sales.md):

- a line's net = quantity × unit price × (1 − discount), rounded half up (四舍五入) to the
  cent;
- its tax = that net × the tax rate, rounded the same way; its gross = net + tax;
- the order's net, tax and gross are the sums of its lines' (never recomputed from the sums).

Amounts are ``Decimal``s: a float is refused (0.1 + 0.2 is not 0.3), text and integers are
read exactly. Revenue in reports is the net of confirmed and delivered orders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
Amount = Decimal | int | str


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True)
class OrderTotals:
    lines: tuple[LineAmounts, ...]
    net: Decimal
    tax: Decimal
    gross: Decimal


def exact(value: Amount, name: str = "amount") -> Decimal:
    """``value`` as an exact Decimal; ValueError for a float or what is not a number."""
    if isinstance(value, float | bool):
        raise ValueError(f"{name} must be exact (a Decimal, an integer or text), "
                         f"not {type(value).__name__} {value!r}")
    try:
        found = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValueError(f"{name} is not a number: {value!r}") from None
    if not found.is_finite():
        raise ValueError(f"{name} is not a number: {value!r}")
    return found


def to_cent(value: Decimal) -> Decimal:
    """Rounded half up (四舍五入) to the cent: 1.005 is 1.01, -1.005 is -1.01."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amounts(quantity: Amount, unit_price: Amount, discount: Amount = 0,
                 tax_rate: Amount = 0) -> LineAmounts:
    """One line's net, tax and gross. ``discount`` and ``tax_rate`` are rates (0.1 is
    10%); the discount must be between 0 and 1."""
    q, p = exact(quantity, "quantity"), exact(unit_price, "unit price")
    d, t = exact(discount, "discount"), exact(tax_rate, "tax rate")
    if not Decimal(0) <= d <= Decimal(1):
        raise ValueError(f"discount must be between 0 and 1 (got {d})")
    if t < 0:
        raise ValueError(f"tax rate must not be negative (got {t})")
    net = to_cent(q * p * (Decimal(1) - d))
    tax = to_cent(net * t)
    return LineAmounts(net, tax, net + tax)


def order_totals(lines: Iterable[tuple[Amount, Amount, Amount, Amount]]) -> OrderTotals:
    """The order's lines (quantity, unit price, discount, tax rate) and their sums."""
    amounts = tuple(line_amounts(*line) for line in lines)
    net = sum((a.net for a in amounts), ZERO)
    tax = sum((a.tax for a in amounts), ZERO)
    return OrderTotals(amounts, net, tax, net + tax)
