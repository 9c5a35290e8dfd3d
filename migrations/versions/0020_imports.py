"""imports: what each import wrote, to undo it as a whole

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

- ``imports``: one row per import that wrote something: the entity, the file's name, the
  user, when, the counts, and when and by whom it was undone.
- ``import_items``: per record the import created or updated: its id, the version the
  import left it at (an undo refuses a record changed since), and an update's values
  before (JSON).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.Unicode(length=32), nullable=False),
        sa.Column("source", sa.Unicode(length=260), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.Unicode(length=64), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("counts", sa.UnicodeText(), nullable=False),
        sa.Column("undone_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_table(
        "import_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.Unicode(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.Unicode(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("before", sa.UnicodeText(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"],
                                name=op.f("fk_import_items_import_id_imports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_items")),
    )
    op.create_index("ix_import_items_import", "import_items", ["import_id", "id"])
    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_import_items_import", table_name="import_items")
    op.drop_table("import_items")
    op.drop_table("imports")
