"""application role: SELECT and INSERT only on the audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

On PostgreSQL and SQL Server, the role the desktops connect as (KEHU_APP_DB_ROLE, default
kehu_app) may read and append to audit_log but never update or delete it. A migration that
adds tables later calls grant_statements() again so the new tables are granted too.
"""

from collections.abc import Sequence

from alembic import op

from app.data.grants import app_role, grant_statements, revoke_statements

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def downgrade() -> None:
    for statement in revoke_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)
