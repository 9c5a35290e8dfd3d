"""What other modules ask of a customer they hang records on: that it exists and the actor
may see it (a project's, a ticket's, an activity's customer)."""

from __future__ import annotations

from app.data.customers import CustomerRepository
from app.data.kit.uow import UnitOfWork
from app.logic.kit.dto import Actor
from app.logic.kit.errors import NotFound
from app.logic.kit.permissions import require_in_scope


def require_customer(uow: UnitOfWork, actor: Actor, customer_id: int) -> None:
    """NotFound for a customer that does not exist or is outside the actor's scope (the
    same answer for both, so neither tells that it exists)."""
    customer = uow.get(CustomerRepository).get(customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    require_in_scope(actor, "customers", customer.owner_id, "customer", customer_id)
