"""The credit check, the one rule (docs/sales.md): an order may be confirmed when its
customer's open receivables plus the order's gross stay within the customer's credit limit
(exactly at the limit passes; one cent over is blocked). A customer without a limit (zero)
buys on credit only with it set: unless the order is paid in advance (payment terms of 0
days), it is blocked. Blocked, a user with the right ``sales.credit_override`` may confirm
all the same with a reason, and the override is audited with the figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.logic.kit.errors import KehuError

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CreditCheck:
    limit: Decimal  # the customer's credit limit
    open: Decimal  # what it owes already: open invoices, and orders not yet invoiced
    order: Decimal  # this order's gross
    prepaid: bool  # payment terms of 0 days: paid before delivery, no credit taken

    @property
    def excess(self) -> Decimal:
        """How much open + this order exceed the limit (zero when within it)."""
        return max(self.open + self.order - self.limit, ZERO)

    @property
    def passes(self) -> bool:
        if self.prepaid:
            return True
        if self.limit <= ZERO:
            return False
        return self.open + self.order <= self.limit

    def figures(self) -> dict[str, str]:
        """The figures as the refusal, the audit entry and the CLI give them."""
        return {"limit": f"{self.limit:.2f}", "open": f"{self.open:.2f}",
                "order": f"{self.order:.2f}", "excess": f"{self.excess:.2f}"}

    def explain(self) -> str:
        f = self.figures()
        if self.limit <= ZERO:
            return (f"the customer has no credit limit (0.00): an order on credit needs one "
                    f"(or payment terms of 0 days, paid in advance); open {f['open']}, this "
                    f"order {f['order']}")
        return (f"the credit limit would be exceeded: limit {f['limit']}, open {f['open']}, "
                f"this order {f['order']}, excess {f['excess']}")


class CreditRefused(KehuError):
    """Confirming the order would take its customer past its credit limit (exit 1); the
    message gives the figures: limit, open, this order, excess."""

    def __init__(self, number: str, check: CreditCheck) -> None:
        self.number = number
        self.check = check
        super().__init__(f"order {number} not confirmed: {check.explain()}")
