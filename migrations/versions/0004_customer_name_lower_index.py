"""index lower(name) for the case-insensitive duplicate check

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Without it, checking a new customer's name against a million others scanned the table
(about 4 s). SQL Server compares case-insensitively through its collation and uses the
plain name index, so the expression index exists on SQLite and PostgreSQL only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIALECTS = ("sqlite", "postgresql")


def upgrade() -> None:
    if op.get_context().dialect.name in DIALECTS:
        op.create_index("ix_customers_name_lower", "customers", [sa.text("lower(name)")])


def downgrade() -> None:
    if op.get_context().dialect.name in DIALECTS:
        op.drop_index("ix_customers_name_lower", table_name="customers")
