"""Finance (issue 8/10, begun): so far the right that guards a customer's credit terms.

``finance.credit``: changing a customer's credit limit, payment terms or credit rating. The
credit check of 7/10 rests on the limit, so a salesperson may not raise their own
customer's: the customers' service refuses such a change from a user without this right
(PermissionDenied, exit 3 from the CLI), and the customer form shows those fields read-only
to them. The Administrator, the Finance role and the Sales manager hold it (migration
0017).
"""

from app.logic.kit.fields import Label
from app.logic.kit.registry import LogicModule

CREDIT = "credit"  # the action of the right ``finance.credit``
# The customer's fields only a holder of ``finance.credit`` changes.
CREDIT_FIELDS = ("credit_limit", "payment_terms_days", "credit_rating")

__all__ = ["CREDIT", "CREDIT_FIELDS", "MODULE"]

MODULE = LogicModule("finance", actions={
    CREDIT: Label("Change credit terms", "修改信用条件")})
