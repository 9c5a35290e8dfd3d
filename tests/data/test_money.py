"""Money is exact on every database: integer cents, never a binary float."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, text

from app.data.customers import Customer
from app.data.database import Database
from app.logic.kit.dto import Actor, ListQuery
from app.logic.services import Services

AMOUNTS = [Decimal("99999999999999.99"), Decimal("0.01"), Decimal("0.00"),
           Decimal("12345678901234.56")]


def raw_credit_limit(db: Database, customer_id: int) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT credit_limit FROM customers WHERE id = :id"),
                            {"id": customer_id}).scalar_one()


@pytest.mark.parametrize("amount", AMOUNTS, ids=str)
def test_a_credit_limit_comes_back_to_the_cent(services: Services, admin: Actor, db: Database,
                                               amount: Decimal) -> None:
    created = services.customers.create_customer(admin, {"name": "上海贸易有限公司",
                                                         "credit_limit": str(amount)}).saved
    assert created.credit_limit == amount
    again = services.customers.get_customer(admin, created.id)
    assert str(again.credit_limit) == str(amount)
    listed = services.customers.list_customers(admin, ListQuery()).rows
    assert [r.credit_limit for r in listed] == [amount]
    assert raw_credit_limit(db, created.id) == int(amount * 100)


@pytest.mark.parametrize("amount", AMOUNTS, ids=str)
def test_the_orm_stores_integer_cents_and_reads_decimals(db: Database,
                                                         amount: Decimal) -> None:
    with db.unit_of_work() as uow:
        customer = Customer(code="M1", name="Money Ltd", credit_limit=amount)
        uow.session.add(customer)
        uow.commit()
        customer_id = customer.id
    with db.unit_of_work(write=False) as uow:
        stored = uow.session.execute(
            select(Customer.credit_limit).where(Customer.id == customer_id)).scalar_one()
    assert isinstance(stored, Decimal)
    assert stored == amount and stored.as_tuple().exponent == -2
    raw = raw_credit_limit(db, customer_id)
    assert isinstance(raw, int) and raw == int(amount * 100)


def test_sums_in_sql_stay_exact(db: Database) -> None:
    """0.10 + 0.20 is 0.30, not 0.30000000000000004: the database adds integers."""
    with db.unit_of_work() as uow:
        for i, amount in enumerate(["0.10", "0.20", "99999999999999.99"]):
            uow.session.add(Customer(code=f"S{i}", name=f"Sum {i}",
                                       credit_limit=Decimal(amount)))
        uow.commit()
    with db.engine.connect() as conn:
        total = conn.execute(text("SELECT SUM(credit_limit) FROM customers")).scalar_one()
    assert int(total) == 10000000000000029


def test_amounts_from_text_and_floats_become_exact_cents(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Customer(code="F1", name="Float Ltd", credit_limit=0.1))
        uow.session.add(Customer(code="F2", name="Text Ltd", credit_limit="19.99"))
        uow.commit()
    with db.engine.connect() as conn:
        raw = dict(conn.execute(text("SELECT code, credit_limit FROM customers")).all())
    assert raw == {"F1": 10, "F2": 1999}
