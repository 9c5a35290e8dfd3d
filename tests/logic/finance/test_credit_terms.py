"""A customer's credit terms (credit limit, payment terms, credit rating) change only with
the right finance.credit: the credit check rests on them, so a salesperson may not raise
their own customer's limit (8/10). The Administrator, Finance and the Sales manager hold
the right."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.logic.kit.dto import Actor
from app.logic.kit.errors import PermissionDenied
from app.logic.services import Services


def test_a_salesperson_cannot_change_credit_terms_but_finance_can(
        services: Services, admin: Actor, make_user: Callable[..., Actor],
        audit_log: Callable[[], list]) -> None:
    sales1 = make_user("sales1", "王伟", roles=("salesperson",))
    manager = make_user("manager", "张敏", roles=("sales_manager",))
    clerk = make_user("clerk", "钱芳", roles=("finance",))
    customers = services.customers
    mine = customers.create_customer(sales1, {"name": "北京星河科技有限公司"}).saved
    assert (mine.credit_limit, mine.payment_terms_days) == (0, 30)  # the defaults: allowed
    entries = len(audit_log())
    for changes in ({"credit_limit": "500000"}, {"payment_terms_days": "90"},
                    {"credit_rating": "AAA"}):
        with pytest.raises(PermissionDenied):
            customers.update(sales1, mine.id, mine.version, changes)
    with pytest.raises(PermissionDenied):  # nor on a new customer
        customers.create_customer(sales1, {"name": "上海远航", "credit_limit": "1000"})
    assert len(audit_log()) == entries  # nothing written
    same = customers.update(sales1, mine.id, mine.version, {"phone": "010-12345678",
                                                             "credit_limit": "0.00"}).saved
    assert same.phone == "010-12345678"  # other fields, and the limit as it is: allowed
    raised = customers.update(clerk, mine.id, same.version, {"credit_limit": "500000",
                                                             "payment_terms_days": "60"}).saved
    assert (raised.credit_limit, raised.payment_terms_days) == (500000, 60)
    assert customers.update(admin, mine.id, raised.version,
                            {"credit_rating": "AA"}).saved.credit_rating == "AA"
    # the sales manager, who overrides the credit check, sets terms as well
    theirs = customers.create_customer(manager, {"name": "上海远航", "credit_limit": "1000"})
    assert theirs.saved.credit_limit == 1000
