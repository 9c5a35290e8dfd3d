"""customers: an index of the tier and the owner, so the customers per tier of a
salesperson's or a team's customers (the dashboard's pie, the customer analysis) are
counted from the index alone

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06

Without it SQLite reads the tier index and every customer's row for its owner: 650-840 ms
for a salesperson or a team on a million customers (docs/benchmarks.md, "Reports and the
dashboard"); with it 60-110 ms, for everyone's records too.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_customers_tier_owner", "customers",
                    ["archived_at", "tier", "owner_id"])


def downgrade() -> None:
    op.drop_index("ix_customers_tier_owner", table_name="customers")
