"""customers.country: customers abroad, as real data has them

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

A customer's country (free text, as people write it: 中国, Germany, México). Customers
entered before have it as 中国, the default, which is where they were all entered.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_COUNTRY = "中国"


def upgrade() -> None:
    # Plain ADD COLUMN (no batch mode): SQLite would copy the table and drop its FTS
    # triggers with the old one.
    op.add_column("customers", sa.Column("country", sa.Unicode(length=64), nullable=False,
                                         server_default=DEFAULT_COUNTRY))


def downgrade() -> None:
    op.drop_column("customers", "country", mssql_drop_default=True)
