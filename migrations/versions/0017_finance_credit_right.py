"""finance.credit: the right to change a customer's credit terms

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

- ``finance.credit``: changing a customer's credit limit, payment terms or credit rating
  (the credit check of 7/10 rests on them). The Administrator, the Finance role and the
  Sales manager (who also holds the credit override) get it; a salesperson's change of
  those fields is refused.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("admin", "finance", "sales_manager")


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def upgrade() -> None:
    """INSERT ... SELECT the roles' ids (valid T-SQL too; a role renamed or removed is
    skipped)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    op.execute(_rights().insert().from_select(
        ["role_id", "module", "action"],
        sa.select(roles.c.id, sa.literal("finance", sa.Unicode),
                  sa.literal("credit", sa.Unicode)).where(roles.c.code.in_(ROLES))))


def downgrade() -> None:
    rights = _rights()
    op.execute(rights.delete().where(rights.c.module == "finance",
                                     rights.c.action == "credit"))
