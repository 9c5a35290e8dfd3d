"""customer standing keeps every figure the value rules read

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05

The recomputation of customer value now judges every customer in the database (the rules
of ``app/logic/finance/value.py`` compiled to SQL): it sums each customer's figures once
into ``customer_standing`` and updates the customers from there. So the standing keeps, for
each customer with any figure (orders, invoices, activities, open opportunities), besides
what it kept:

- ``ahead`` and ``total``: the revenue of the customers strictly larger, and of all (the
  Pareto; null without revenue);
- ``overdue_long``: open more than the restricted days past due;
- ``due``, ``paid_on_time``, ``late_amount_days``: the payment behaviour of the invoices due
  in the last 12 months (cents; cents x days);
- ``last_activity``: the time of its last activity done;
- ``listed``: whether the tiers' list shows it (orders, payment behaviour or an amount
  overdue, as before).

The rows are recomputed by the next recomputation: the existing ones are emptied (the list
shows no revenue until then, as on a new database).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = ("ahead", "total")
COUNTED = ("overdue_long", "due", "paid_on_time", "late_amount_days")


def upgrade() -> None:
    op.execute(sa.table("customer_standing").delete())
    with op.batch_alter_table("customer_standing") as batch:
        for name in MONEY:
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=True))
        for name in COUNTED:
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=False,
                                       server_default="0"))
        batch.add_column(sa.Column("last_activity", app.data.types.UtcDateTime(),
                                   nullable=True))
        batch.add_column(sa.Column("listed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    op.execute(sa.table("customer_standing").delete())
    with op.batch_alter_table("customer_standing") as batch:
        for name in ("listed", "last_activity", *COUNTED, *MONEY):
            batch.drop_column(name)
