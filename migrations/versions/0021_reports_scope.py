"""reports: a salesperson sees the reports and the dashboard of their own records, a sales
manager the team's

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06

- ``reports.view`` for the Salesperson role (their own figures on the dashboard and in the
  reports; no export).
- The record scope of ``reports``: own for the Salesperson, team for the Sales manager
  (it was all for every role); the others keep all.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCOPES = {"salesperson": "own", "sales_manager": "team"}


def _roles() -> sa.TableClause:
    return sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def _scopes() -> sa.TableClause:
    return sa.table("role_scopes", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("scope", sa.Unicode))


def _set_scopes(scopes: dict[str, str]) -> None:
    roles, table = _roles(), _scopes()
    for code, scope in scopes.items():
        op.execute(table.update().where(
            table.c.module == "reports",
            table.c.role_id.in_(sa.select(roles.c.id).where(roles.c.code == code)))
            .values(scope=scope))


def upgrade() -> None:
    """INSERT ... SELECT the role's id (valid T-SQL too; a role renamed or removed is
    skipped, one that already has the right is left alone)."""
    roles, rights = _roles(), _rights()
    held = sa.select(rights.c.role_id).where(rights.c.module == "reports",
                                             rights.c.action == "view")
    op.execute(rights.insert().from_select(
        ["role_id", "module", "action"],
        sa.select(roles.c.id, sa.literal("reports", sa.Unicode),
                  sa.literal("view", sa.Unicode))
        .where(roles.c.code == "salesperson", roles.c.id.not_in(held))))
    _set_scopes(SCOPES)


def downgrade() -> None:
    roles, rights = _roles(), _rights()
    op.execute(rights.delete().where(
        rights.c.module == "reports", rights.c.action == "view",
        rights.c.role_id.in_(sa.select(roles.c.id).where(roles.c.code == "salesperson"))))
    _set_scopes(dict.fromkeys(SCOPES, "all"))
