"""products: the product catalogue

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

- ``products``: code (SKU, kept as given: "007"), name, category, unit, list price and cost
  (cents), tax rate (one of the rates, as written: "0.13"), active, description, archived,
  with the sort keys of the name and the category and a search key; an index on the
  category (the list's filter and the categories in use); the list's indexes, one per sort,
  as the customers have them (the servers ``(sort, id) WHERE archived_at IS NULL``; SQLite
  ``(archived_at, sort, id)`` followed by the search key and the filtered columns, so a
  search or a filter walks the index in the list's order and reads from the table only
  the rows it shows, and a count reads one index: ``benchmarks/products.py``); on
  PostgreSQL a pg_trgm index of the search key, as the customers have (100,000 products:
  a code found once 38 ms -> 0.4 ms), made by hand like theirs (``migrations/env.py``).
- the ``product`` code counter (G000001...), made here as the customers' one is: made on
  first use, two clients could race to make it.
- the Sales manager may keep the catalogue: products view, create, edit and export (0002
  gave the role view only); the Administrator has every right already.
- The tax rate of new products, an administrator's setting, is kept in ``settings``
  (``products.default_tax_rate``); none is stored until one is set (13% until then).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (("code", "code"), ("name", "name_sort"), ("category", "category_sort"),
         ("price", "list_price"))
# In SQLite's list indexes after (archived_at, sort, id): the search key and the filters.
LISTED = ("search_text", "category", "unit", "active", "tax_rate")
SERVERS = ("postgresql", "mssql")
SEARCH_INDEX = "product_search_trgm"  # PostgreSQL, when pg_trgm is there
MANAGER_RIGHTS = ("create", "edit", "export")  # besides view, which 0002 gave


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Unicode(length=20), nullable=False),
        sa.Column("name", sa.Unicode(length=200), nullable=False),
        sa.Column("category", sa.Unicode(length=64), nullable=False),
        sa.Column("unit", sa.Unicode(length=16), nullable=False),
        sa.Column("list_price", app.data.types.Money(), nullable=False),
        sa.Column("cost", app.data.types.Money(), nullable=False),
        sa.Column("tax_rate", sa.Unicode(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.UnicodeText(), nullable=False),
        sa.Column("archived_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("name_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("category_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("code", name=op.f("uq_products_code")),
    )
    op.create_index("ix_products_category", "products", ["category", "id"])
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for name, column in SORTS:
            op.create_index(f"ix_products_list_{name}", "products",
                            ["archived_at", column, "id", *LISTED])
    elif dialect in SERVERS:
        where = {f"{dialect}_where": sa.text("archived_at IS NULL")}
        for name, column in SORTS:
            op.create_index(f"ix_products_unarchived_{name}", "products", [column, "id"],
                            **where)
    if dialect == "postgresql" and (op.get_context().as_sql or op.get_bind().execute(
            sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()):
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"CREATE INDEX {SEARCH_INDEX} ON products "
                   "USING gin (search_text gin_trgm_ops)")

    op.execute(sa.table("code_sequences", sa.column("name", sa.Unicode),
                        sa.column("next_value", sa.Integer)).insert().values(
        name="product", next_value=1))
    _grant_manager()
    for statement in grant_statements(dialect, app_role()):
        op.execute(statement)


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def _grant_manager() -> None:
    """INSERT ... SELECT the role's id (valid T-SQL too; a role renamed or removed is
    skipped, and so is a right the role was given by hand already)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    rights = _rights()
    for action in MANAGER_RIGHTS:
        held = sa.select(rights.c.role_id).where(
            rights.c.role_id == roles.c.id, rights.c.module == "products",
            rights.c.action == action).exists()
        op.execute(rights.insert().from_select(
            ["role_id", "module", "action"],
            sa.select(roles.c.id, sa.literal("products", sa.Unicode),
                      sa.literal(action, sa.Unicode))
            .where(roles.c.code == "sales_manager", ~held)))


def downgrade() -> None:
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    rights = _rights()
    manager = sa.select(roles.c.id).where(roles.c.code == "sales_manager").scalar_subquery()
    op.execute(rights.delete().where(rights.c.role_id == manager,
                                     rights.c.module == "products",
                                     rights.c.action.in_(MANAGER_RIGHTS)))
    settings = sa.table("settings", sa.column("key", sa.Unicode))
    op.execute(settings.delete().where(settings.c.key.like("products.%")))
    groups = sa.table("settings_groups", sa.column("name", sa.Unicode))
    op.execute(groups.delete().where(groups.c.name == "products"))
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name == "product"))
    dialect = op.get_context().dialect.name
    if dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    for name, _ in SORTS:
        if dialect == "sqlite":
            op.drop_index(f"ix_products_list_{name}", table_name="products")
        elif dialect in SERVERS:
            op.drop_index(f"ix_products_unarchived_{name}", table_name="products")
    op.drop_index("ix_products_category", table_name="products")
    op.drop_table("products")
