"""sales roles, versioned settings, customers sorted by city in pinyin

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

- ``roles.sales``: members of such a role may own customers; the owner lists offer only
  them. True for the default Salesperson and Sales manager roles.
- ``settings_groups``: a version per group of settings saved together (``security``), so
  two administrators saving at once are told instead of overwriting each other.
- ``customers.city_sort``: the list sorts cities by pinyin with blanks last (北京 under "b",
  not after 上海 by character code); the city index sorts by it.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SALES_ROLES = ("salesperson", "sales_manager")


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN everywhere: SQLite's batch mode would copy the
    # tables (and drop the customers' FTS triggers with the old one).
    op.add_column("roles", sa.Column("sales", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    roles = sa.table("roles", sa.column("code", sa.Unicode), sa.column("sales", sa.Boolean))
    op.execute(roles.update().where(roles.c.code.in_(SALES_ROLES)).values(sales=True))

    groups = op.create_table(
        "settings_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Unicode(length=32), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settings_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_settings_groups_name")),
    )
    now = datetime.now(UTC)
    # No explicit id: PostgreSQL's sequence would stay behind it (the next group's insert
    # would take id 1 again). Not bulk_insert: offline it wraps the row in SET
    # IDENTITY_INSERT ON for SQL Server, which then insists on an explicit id.
    op.execute(groups.insert().values(name="security", created_at=now, updated_at=now,
                                      version=1))

    op.add_column("customers", sa.Column("city_sort", sa.Unicode(length=200), nullable=False,
                                         server_default="1"))
    op.drop_index("ix_customers_list_city", table_name="customers")
    _fill_city_sort()
    op.create_index("ix_customers_list_city", "customers", ["archived_at", "city_sort", "id"])

    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def _fill_city_sort() -> None:
    """Each distinct city's key, computed once, written to its customers in one UPDATE
    (a million customers have a few hundred cities). Offline (a script for SQL Server) the
    keys cannot be computed: customers keep "1" (sorted last) until saved again."""
    if op.get_context().as_sql:
        return
    from app.data.kit.search import sort_key  # the key as the app computes it today

    bind = op.get_bind()
    cities = [r[0] for r in bind.execute(sa.text(
        "SELECT DISTINCT city FROM customers WHERE city <> ''"))]
    if not cities:
        return
    keys = sa.table("city_sort_keys", sa.column("city", sa.Unicode),
                    sa.column("city_sort", sa.Unicode))
    op.create_table("city_sort_keys", sa.Column("city", sa.Unicode(64), primary_key=True),
                    sa.Column("city_sort", sa.Unicode(200), nullable=False))
    op.bulk_insert(keys, [{"city": c, "city_sort": sort_key(c)} for c in cities])
    op.execute("UPDATE customers SET city_sort = (SELECT k.city_sort FROM city_sort_keys k "
               "WHERE k.city = customers.city) WHERE city <> ''")
    op.drop_table("city_sort_keys")


def downgrade() -> None:
    op.drop_index("ix_customers_list_city", table_name="customers")
    op.drop_column("customers", "city_sort")
    op.create_index("ix_customers_list_city", "customers", ["archived_at", "city", "id"])
    op.drop_table("settings_groups")
    op.drop_column("roles", "sales")
