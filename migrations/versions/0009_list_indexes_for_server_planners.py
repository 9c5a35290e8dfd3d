"""list indexes the PostgreSQL and SQL Server planners use

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

A list shows the customers not archived in one order (``archived_at IS NULL ORDER BY
name_sort, id LIMIT 201``). SQLite walks ``(archived_at, name_sort, id)`` for it;
PostgreSQL does not take the order from that index: it read and sorted all 200,000 demo
customers (127 ms after ANALYZE) for every first page. So on the servers each sort of the
list gets an index of the customers not archived, partial on PostgreSQL and filtered on
SQL Server, and the ``(archived_at, sort, id)`` ones, which no server plan used, go:

- ``ix_customers_unarchived_<sort>`` on ``(sort, id) WHERE archived_at IS NULL`` for name,
  code, city, status, tier, updated, created and owner (PostgreSQL: ``owner_id NULLS
  FIRST``, the list's order);
- ``ix_contacts_name`` on ``(name, id)``: every contact the user may see, by name;
- SQLite keeps its indexes and gains ``ix_customers_list_created``: the list's sort by
  creation time had no index on any database;
- PostgreSQL: ``customer_fts_short_tokens``, a GIN index of the short search tokens, for
  searches of one or two Chinese characters, which the trigram index cannot serve (a
  trigram needs three); and statistics of the search text from 1,000 values instead of 100,
  from which the planner estimates a term's hits: with 100 it took 伟 (7,500 of 200,000
  customers) for 20 and sorted the whole table. A search is planned by that estimate
  (``app/data/kit/search.py``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVERS = ("postgresql", "mssql")
SORTS = (("name", "name_sort"), ("code", "code"), ("city", "city_sort"),
         ("status", "status"), ("tier", "tier"), ("updated", "updated_at"),
         ("owner", "owner_id"))  # the (archived_at, sort, id) indexes of revisions 0001-0007
UNARCHIVED = "archived_at IS NULL"
SEARCH_STATISTICS = 1000  # values sampled per column: 300 times this many rows
SHORT_TOKENS = ("CREATE INDEX customer_fts_short_tokens ON customers "
                "USING gin (to_tsvector('simple'::regconfig, search_short))")


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.create_index("ix_customers_list_created", "customers",
                        ["archived_at", "created_at", "id"])
        return
    if dialect not in SERVERS:
        return
    for name, _ in SORTS:
        op.drop_index(f"ix_customers_list_{name}", table_name="customers")
    where = {f"{dialect}_where": sa.text(UNARCHIVED)}
    for name, column in (*SORTS, ("created", "created_at")):
        columns = [column, "id"]
        if name == "owner" and dialect == "postgresql":
            columns = [sa.text("owner_id NULLS FIRST"), "id"]
        op.create_index(f"ix_customers_unarchived_{name}", "customers", columns, **where)
    op.create_index("ix_contacts_name", "contacts", ["name", "id"])
    if dialect == "postgresql":
        op.execute(SHORT_TOKENS)
        op.execute(f"ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS "
                   f"{SEARCH_STATISTICS}")
        op.execute("ANALYZE customers")  # the new index's expression, the search text


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.drop_index("ix_customers_list_created", table_name="customers")
        return
    if dialect not in SERVERS:
        return
    if dialect == "postgresql":
        op.execute("ALTER TABLE customers ALTER COLUMN search_text SET STATISTICS -1")
        op.execute("DROP INDEX IF EXISTS customer_fts_short_tokens")
    op.drop_index("ix_contacts_name", table_name="contacts")
    for name, _ in (*SORTS, ("created", "created_at")):
        op.drop_index(f"ix_customers_unarchived_{name}", table_name="customers")
    for name, column in SORTS:
        op.create_index(f"ix_customers_list_{name}", "customers", ["archived_at", column, "id"])
