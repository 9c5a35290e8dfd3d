"""keep the plain name index on SQL Server only

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

The duplicate check reads ``lower(name)`` on SQLite and PostgreSQL (revision 0004 indexes
that) and the plain name only on SQL Server, whose collation ignores case; nothing else
looks customers up by name. On SQLite and PostgreSQL the plain index was kept up to date
for nothing: 41 MB and about 2 s of a million-customer demo load.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIALECTS = ("sqlite", "postgresql")


def upgrade() -> None:
    if op.get_context().dialect.name in DIALECTS:
        op.drop_index("ix_customers_name", table_name="customers")


def downgrade() -> None:
    if op.get_context().dialect.name in DIALECTS:
        op.create_index("ix_customers_name", "customers", ["name"])
