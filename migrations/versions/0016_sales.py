"""sales: opportunities, orders and their lines

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

- ``opportunities``: number (OP000001...), name, customer, stage (the pipeline's), amount,
  probability (percent) and the weighted amount, expected close date, owner, source, the
  lost reason, notes and when it was closed, with the name's sort key and a search key;
  indexes on the customer, on the stage with the owner and close date (the board's sums),
  on the owner with the stage (the record scope), and one per sort of the list.
- ``sales_orders``: number (SO2026-000001, a counter per year), customer, order date,
  salesperson, status (draft, confirmed, delivered, cancelled), payment terms and due
  date, currency, the opportunity it came from, notes, the exact totals of its lines (net,
  tax, gross: cents in BIGINT), the cancel and credit-override reasons and the times of its
  moves; indexes on the customer with the status and gross (the credit check's sum), on the
  date with the status (reports), on the salesperson with the date (the record scope), and
  one per sort of the list.
- ``sales_order_lines``: position, product, description, quantity (thousandths, BIGINT),
  unit, unit price, discount (ten-thousandths, BIGINT), tax rate, net, tax, gross; removed
  with their order.
- The moves of an order, each its own right (``sales.confirm``, ``deliver``, ``cancel``),
  and ``sales.credit_override`` (confirming over the credit limit, with a reason): the
  Administrator and the Sales manager get all four, the Salesperson the three moves.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPPORTUNITY_SORTS = (("number", "number"), ("name", "name_sort"), ("stage", "stage"),
                     ("amount", "amount"), ("close", "expected_close"),
                     ("created", "created_at"))
ORDER_SORTS = (("number", "number"), ("date", "order_date"), ("status", "status"),
               ("gross", "gross"), ("created", "created_at"))
OPPORTUNITY_INDEXES = (("ix_opportunities_customer", ["customer_id", "id"]),
                       ("ix_opportunities_board", ["stage", "owner_id", "expected_close"]),
                       ("ix_opportunities_owner", ["owner_id", "stage"]))
ORDER_INDEXES = (("ix_sales_orders_customer_status", ["customer_id", "status", "gross"]),
                 ("ix_sales_orders_date", ["order_date", "status"]),
                 ("ix_sales_orders_salesperson", ["salesperson_id", "order_date"]))
RIGHTS = ("confirm", "deliver", "cancel", "credit_override")
GRANTS = {"admin": RIGHTS, "sales_manager": RIGHTS,
          "salesperson": ("confirm", "deliver", "cancel")}


def _tracked() -> list[sa.Column]:
    return [sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
            sa.Column("updated_by", sa.Integer(), nullable=True),
            sa.Column("version", sa.Integer(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Unicode(length=20), nullable=False),
        sa.Column("name", sa.Unicode(length=200), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Unicode(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("weighted", sa.BigInteger(), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Unicode(length=16), nullable=False),
        sa.Column("lost_reason", sa.UnicodeText(), nullable=False),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("closed_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("name_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_opportunities_customer_id_customers")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_opportunities_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
        sa.UniqueConstraint("number", name=op.f("uq_opportunities_number")),
    )
    for name, columns in OPPORTUNITY_INDEXES:
        op.create_index(name, "opportunities", columns)
    for name, column in OPPORTUNITY_SORTS:
        op.create_index(f"ix_opportunities_list_{name}", "opportunities", [column, "id"])

    op.create_table(
        "sales_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Unicode(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=False),
        sa.Column("salesperson_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Unicode(length=16), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("currency", sa.Unicode(length=3), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("cancel_reason", sa.UnicodeText(), nullable=False),
        sa.Column("credit_override_reason", sa.UnicodeText(), nullable=False),
        sa.Column("confirmed_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("delivered_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("cancelled_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_sales_orders_customer_id_customers")),
        sa.ForeignKeyConstraint(["salesperson_id"], ["users.id"],
                                name=op.f("fk_sales_orders_salesperson_id_users")),
        sa.ForeignKeyConstraint(["opportunity_id"], ["opportunities.id"],
                                name=op.f("fk_sales_orders_opportunity_id_opportunities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_sales_orders_number")),
    )
    for name, columns in ORDER_INDEXES:
        op.create_index(name, "sales_orders", columns)
    for name, column in ORDER_SORTS:
        op.create_index(f"ix_sales_orders_list_{name}", "sales_orders", [column, "id"])

    op.create_table(
        "sales_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Unicode(length=200), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.Unicode(length=8), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate", sa.Unicode(length=8), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["sales_orders.id"],
                                name=op.f("fk_sales_order_lines_order_id_sales_orders"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_sales_order_lines_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order_lines")),
    )
    op.create_index("ix_sales_order_lines_order", "sales_order_lines", ["order_id", "position"])
    op.create_index("ix_sales_order_lines_product", "sales_order_lines", ["product_id"])
    _grant_rights()
    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def _grant_rights() -> None:
    """INSERT ... SELECT the roles' ids (valid T-SQL too; a role renamed or removed is
    skipped)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    rights = _rights()
    for role, actions in GRANTS.items():
        for action in actions:
            op.execute(rights.insert().from_select(
                ["role_id", "module", "action"],
                sa.select(roles.c.id, sa.literal("sales", sa.Unicode),
                          sa.literal(action, sa.Unicode)).where(roles.c.code == role)))


def downgrade() -> None:
    rights = _rights()
    op.execute(rights.delete().where(rights.c.module == "sales", rights.c.action.in_(RIGHTS)))
    settings = sa.table("settings", sa.column("key", sa.Unicode))
    op.execute(settings.delete().where(settings.c.key.like("sales.%")))
    groups = sa.table("settings_groups", sa.column("name", sa.Unicode))
    op.execute(groups.delete().where(groups.c.name == "sales"))
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name.like("sales_order%") |
                                        (sequences.c.name == "opportunity")))
    op.drop_index("ix_sales_order_lines_product", table_name="sales_order_lines")
    op.drop_index("ix_sales_order_lines_order", table_name="sales_order_lines")
    op.drop_table("sales_order_lines")
    for name, _ in ORDER_SORTS:
        op.drop_index(f"ix_sales_orders_list_{name}", table_name="sales_orders")
    for name, _ in reversed(ORDER_INDEXES):
        op.drop_index(name, table_name="sales_orders")
    op.drop_table("sales_orders")
    for name, _ in OPPORTUNITY_SORTS:
        op.drop_index(f"ix_opportunities_list_{name}", table_name="opportunities")
    for name, _ in reversed(OPPORTUNITY_INDEXES):
        op.drop_index(name, table_name="opportunities")
    op.drop_table("opportunities")
