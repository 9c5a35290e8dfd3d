"""projects: a customer's projects, and the right to reopen a closed one

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

- ``projects``: code, customer, name, stage, budget (cents), start and end date, owner,
  description, archived, with the name's sort key and a search key; an index on the
  customer (its projects, the record scope through the customer's owner) and on the owner;
  the list's indexes, one per sort, as the customers have them (SQLite
  ``(archived_at, sort, id)``, the servers ``(sort, id) WHERE archived_at IS NULL``).
- the ``project`` code counter (P000001...), made here as the customers' one is: made on
  first use, two clients could race to make it.
- ``projects.reopen``: the right to reopen a completed or cancelled project, one of the
  rights a module adds to the matrix (``LogicModule.actions``); the default roles that
  should hold it get it: the Administrator and the Sales manager.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (("code", "code"), ("name", "name_sort"), ("stage", "stage"),
         ("start", "start_date"), ("end", "end_date"), ("budget", "budget"))
DATES = ("start_date", "end_date")
SERVERS = ("postgresql", "mssql")
REOPEN_ROLES = ("admin", "sales_manager")


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Unicode(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Unicode(length=200), nullable=False),
        sa.Column("stage", sa.Unicode(length=16), nullable=False),
        sa.Column("budget", app.data.types.Money(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.UnicodeText(), nullable=False),
        sa.Column("archived_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("name_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_projects_customer_id_customers")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_projects_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
        sa.UniqueConstraint("code", name=op.f("uq_projects_code")),
    )
    op.create_index("ix_projects_customer", "projects", ["customer_id", "id"])
    op.create_index("ix_projects_owner", "projects", ["owner_id", "id"])
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for name, column in SORTS:
            op.create_index(f"ix_projects_list_{name}", "projects",
                            ["archived_at", column, "id"])
    elif dialect in SERVERS:
        where = {f"{dialect}_where": sa.text("archived_at IS NULL")}
        for name, column in SORTS:
            columns = [column, "id"]
            if column in DATES and dialect == "postgresql":
                columns = [sa.text(f"{column} NULLS FIRST"), "id"]
            op.create_index(f"ix_projects_unarchived_{name}", "projects", columns, **where)

    op.execute(sa.table("code_sequences", sa.column("name", sa.Unicode),
                        sa.column("next_value", sa.Integer)).insert().values(
        name="project", next_value=1))
    _grant_reopen()
    for statement in grant_statements(dialect, app_role()):
        op.execute(statement)


def _grant_reopen() -> None:
    """INSERT ... SELECT the roles' ids (valid T-SQL too; a role renamed or removed is
    skipped)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    rights = sa.table("role_permissions", sa.column("role_id", sa.Integer),
                      sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))
    op.execute(rights.insert().from_select(
        ["role_id", "module", "action"],
        sa.select(roles.c.id, sa.literal("projects", sa.Unicode),
                  sa.literal("reopen", sa.Unicode)).where(roles.c.code.in_(REOPEN_ROLES))))


def downgrade() -> None:
    rights = sa.table("role_permissions", sa.column("module", sa.Unicode),
                      sa.column("action", sa.Unicode))
    op.execute(rights.delete().where(rights.c.module == "projects",
                                     rights.c.action == "reopen"))
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name == "project"))
    dialect = op.get_context().dialect.name
    for name, _ in SORTS:
        if dialect == "sqlite":
            op.drop_index(f"ix_projects_list_{name}", table_name="projects")
        elif dialect in SERVERS:
            op.drop_index(f"ix_projects_unarchived_{name}", table_name="projects")
    op.drop_index("ix_projects_owner", table_name="projects")
    op.drop_index("ix_projects_customer", table_name="projects")
    op.drop_table("projects")
