"""finance: invoices, payments and allocations, customer standing, computed customer columns

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

- ``invoices``: number (INV2026-000001, a counter per year), customer, order (optional),
  status (draft, issued, partially paid, paid, void), issue date, payment terms and due
  date, net, tax, gross, what payments covered (``paid``) and the day the last cent was
  covered or the invoice voided (``settled_on``; 9999-12-31 while open), notes, the void
  reason and the times of its moves; indexes on the customer with status and due date
  (allocation oldest-due-first), on status with due date (aging now), on the settled day
  with the issue day (aging as of a past date), on the order, and one per sort of the list.
- ``payments``: number (RC2026-000001), customer, date, amount, method, reference, notes,
  the amount allocated (the rest is the customer's credit).
- ``payment_allocations``: payment, invoice, amount and the day applied; indexes on the
  invoice with the day, the payment, and the day (anything applied after a date?).
- ``customer_standing``: per customer the last computation of its value (revenue of the
  last 12 months and the 12 before, cumulative share, computed tier and rating, payment
  behaviour, overdue amount, first and last order).
- ``customers``: ``credit_rating_manual``, ``lifecycle``, ``churn_reason``,
  ``key_account``, ``key_account_manual``.
- Rights ``finance.issue``, ``finance.void`` (the Administrator and Finance) and
  ``finance.value`` (recompute the tiers, name key accounts: also the Sales manager).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INVOICE_SORTS = (("number", "number"), ("issue", "issue_date"), ("due", "due_date"),
                 ("status", "status"), ("gross", "gross"), ("created", "created_at"))
PAYMENT_SORTS = (("number", "number"), ("date", "payment_date"), ("amount", "amount"),
                 ("created", "created_at"))
INVOICE_INDEXES = (("ix_invoices_customer", ["customer_id", "status", "due_date"]),
                   ("ix_invoices_open", ["status", "due_date", "customer_id"]),
                   ("ix_invoices_settled", ["settled_on", "issue_date"]),
                   ("ix_invoices_order", ["order_id", "status"]))
RIGHTS = ("issue", "void", "value")
GRANTS = {"admin": RIGHTS, "finance": RIGHTS, "sales_manager": ("value",)}
CUSTOMER_COLUMNS = (("credit_rating_manual", sa.Boolean(), sa.false()),
                    ("lifecycle", sa.Unicode(length=16), ""),
                    ("churn_reason", sa.Unicode(length=16), ""),
                    ("key_account", sa.Boolean(), sa.false()),
                    ("key_account_manual", sa.Boolean(), sa.false()))


def _tracked() -> list[sa.Column]:
    return [sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
            sa.Column("created_by", sa.Integer(), nullable=True),
            sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
            sa.Column("updated_by", sa.Integer(), nullable=True),
            sa.Column("version", sa.Integer(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Unicode(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Unicode(length=16), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("void_reason", sa.UnicodeText(), nullable=False),
        sa.Column("issued_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("voided_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_invoices_customer_id_customers")),
        sa.ForeignKeyConstraint(["order_id"], ["sales_orders.id"],
                                name=op.f("fk_invoices_order_id_sales_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    for name, columns in INVOICE_INDEXES:
        op.create_index(name, "invoices", columns)
    for name, column in INVOICE_SORTS:
        op.create_index(f"ix_invoices_list_{name}", "invoices", [column, "id"])

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Unicode(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.Unicode(length=16), nullable=False),
        sa.Column("reference", sa.Unicode(length=64), nullable=False),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("allocated", sa.BigInteger(), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_payments_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("number", name=op.f("uq_payments_number")),
    )
    op.create_index("ix_payments_customer", "payments", ["customer_id", "payment_date"])
    for name, column in PAYMENT_SORTS:
        op.create_index(f"ix_payments_list_{name}", "payments", [column, "id"])

    op.create_table(
        "payment_allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"],
                                name=op.f("fk_payment_allocations_payment_id_payments")),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"],
                                name=op.f("fk_payment_allocations_invoice_id_invoices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_allocations")),
    )
    op.create_index("ix_payment_allocations_invoice", "payment_allocations",
                    ["invoice_id", "applied_on"])
    op.create_index("ix_payment_allocations_payment", "payment_allocations", ["payment_id"])
    op.create_index("ix_payment_allocations_applied", "payment_allocations", ["applied_on"])

    op.create_table(
        "customer_standing",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("revenue", sa.BigInteger(), nullable=False),
        sa.Column("revenue_before", sa.BigInteger(), nullable=False),
        sa.Column("share", sa.BigInteger(), nullable=False),
        sa.Column("computed_tier", sa.Unicode(length=16), nullable=False),
        sa.Column("computed_rating", sa.Unicode(length=8), nullable=False),
        sa.Column("on_time", sa.BigInteger(), nullable=False),
        sa.Column("days_late", sa.BigInteger(), nullable=False),
        sa.Column("overdue", sa.BigInteger(), nullable=False),
        sa.Column("last_order", sa.Date(), nullable=True),
        sa.Column("first_order", sa.Date(), nullable=True),
        sa.Column("open_opportunities", sa.Boolean(), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_customer_standing_customer_id_customers")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_standing")),
    )
    op.create_index("ix_customer_standing_revenue", "customer_standing", ["revenue"])

    # Plain ADD COLUMN (no batch mode): SQLite would copy the table and drop its FTS
    # triggers with the old one.
    for name, kind, default in CUSTOMER_COLUMNS:
        op.add_column("customers", sa.Column(name, kind, nullable=False,
                                             server_default=default))
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
                sa.select(roles.c.id, sa.literal("finance", sa.Unicode),
                          sa.literal(action, sa.Unicode)).where(roles.c.code == role)))


def downgrade() -> None:
    rights = _rights()
    op.execute(rights.delete().where(rights.c.module == "finance",
                                     rights.c.action.in_(RIGHTS)))
    settings = sa.table("settings", sa.column("key", sa.Unicode))
    op.execute(settings.delete().where(settings.c.key.like("finance.%")))
    groups = sa.table("settings_groups", sa.column("name", sa.Unicode))
    op.execute(groups.delete().where(groups.c.name == "finance"))
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name.like("invoice%") |
                                        sequences.c.name.like("payment%")))
    # Plain DROP COLUMN (SQLite 3.35+): batch mode would copy the table and drop its FTS
    # triggers with the old one.
    for name, _, _ in reversed(CUSTOMER_COLUMNS):
        op.drop_column("customers", name, mssql_drop_default=True)
    op.drop_index("ix_customer_standing_revenue", table_name="customer_standing")
    op.drop_table("customer_standing")
    op.drop_index("ix_payment_allocations_applied", table_name="payment_allocations")
    op.drop_index("ix_payment_allocations_payment", table_name="payment_allocations")
    op.drop_index("ix_payment_allocations_invoice", table_name="payment_allocations")
    op.drop_table("payment_allocations")
    for name, _ in PAYMENT_SORTS:
        op.drop_index(f"ix_payments_list_{name}", table_name="payments")
    op.drop_index("ix_payments_customer", table_name="payments")
    op.drop_table("payments")
    for name, _ in INVOICE_SORTS:
        op.drop_index(f"ix_invoices_list_{name}", table_name="invoices")
    for name, _ in reversed(INVOICE_INDEXES):
        op.drop_index(name, table_name="invoices")
    op.drop_table("invoices")
