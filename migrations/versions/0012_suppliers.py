"""suppliers, the products they supply, supplier contacts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

- ``suppliers``: code, name, category, rating, payment terms, country (default 中国),
  province, city, address, postal code, phone, fax, e-mail, tax id, bank and account,
  notes, archived, with the name and city sort keys and a search key; the list's indexes,
  one per sort, as the customers have them (SQLite ``(archived_at, sort, id)``, the
  servers ``(sort, id) WHERE archived_at IS NULL``), and one on the tax id (the duplicate
  check).
- ``supplier_products``: the products a supplier supplies, each once, with the supplier's
  own product code, the purchase price (cents) and the lead time in days.
- ``contacts``: a contact belongs to a customer or to a supplier: ``customer_id`` may be
  empty, ``supplier_id`` is new, and a check says exactly one of them is set. SQLite
  changes a column's NOT NULL and adds constraints only by copying the table (batch mode);
  contacts have no triggers to lose. SQL Server does not alter a column an index or a
  foreign key uses: those are dropped and made again around it.
- the ``supplier`` code counter (S000001...), as the customers' one.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (("code", "code"), ("name", "name_sort"), ("category", "category"),
         ("rating", "rating"), ("city", "city_sort"), ("updated", "updated_at"))
SERVERS = ("postgresql", "mssql")
ONE_PARENT = ("(customer_id IS NOT NULL AND supplier_id IS NULL) OR "
              "(customer_id IS NULL AND supplier_id IS NOT NULL)")
CUSTOMER_FK = "fk_contacts_customer_id_customers"
SUPPLIER_FK = "fk_contacts_supplier_id_suppliers"


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    _create_suppliers(dialect)
    _create_supplier_products()
    _contacts_of_suppliers(dialect)
    op.execute(sa.table("code_sequences", sa.column("name", sa.Unicode),
                        sa.column("next_value", sa.Integer)).insert().values(
        name="supplier", next_value=1))
    for statement in grant_statements(dialect, app_role()):
        op.execute(statement)


def _create_suppliers(dialect: str) -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Unicode(length=20), nullable=False),
        sa.Column("name", sa.Unicode(length=200), nullable=False),
        sa.Column("category", sa.Unicode(length=64), nullable=False),
        sa.Column("rating", sa.Unicode(length=1), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("country", sa.Unicode(length=64), nullable=False),
        sa.Column("province", sa.Unicode(length=64), nullable=False),
        sa.Column("city", sa.Unicode(length=64), nullable=False),
        sa.Column("address", sa.Unicode(length=300), nullable=False),
        sa.Column("postal_code", sa.Unicode(length=16), nullable=False),
        sa.Column("phone", sa.Unicode(length=40), nullable=False),
        sa.Column("fax", sa.Unicode(length=40), nullable=False),
        sa.Column("email", sa.Unicode(length=254), nullable=False),
        sa.Column("tax_id", sa.Unicode(length=32), nullable=False),
        sa.Column("bank_name", sa.Unicode(length=128), nullable=False),
        sa.Column("bank_account", sa.Unicode(length=64), nullable=False),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("archived_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("name_sort", sa.Unicode(length=400), nullable=False),
        sa.Column("city_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint("code", name=op.f("uq_suppliers_code")),
    )
    op.create_index("ix_suppliers_tax_id", "suppliers", ["tax_id"])
    if dialect == "sqlite":
        for name, column in SORTS:
            op.create_index(f"ix_suppliers_list_{name}", "suppliers",
                            ["archived_at", column, "id"])
    elif dialect in SERVERS:
        where = {f"{dialect}_where": sa.text("archived_at IS NULL")}
        for name, column in SORTS:
            op.create_index(f"ix_suppliers_unarchived_{name}", "suppliers", [column, "id"],
                            **where)


def _create_supplier_products() -> None:
    op.create_table(
        "supplier_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("supplier_code", sa.Unicode(length=40), nullable=False),
        sa.Column("purchase_price", app.data.types.Money(), nullable=False),
        sa.Column("lead_time_days", sa.Integer(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_supplier_products_supplier_id_suppliers"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_supplier_products_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_products")),
        sa.UniqueConstraint("product_id", "supplier_id",
                            name=op.f("uq_supplier_products_product_id")),
    )
    op.create_index("ix_supplier_products_supplier", "supplier_products",
                    ["supplier_id", "id"])


def _contacts_of_suppliers(dialect: str) -> None:
    if dialect == "mssql":
        op.drop_index("ix_contacts_customer", table_name="contacts")
        op.drop_constraint(CUSTOMER_FK, "contacts", type_="foreignkey")
    with op.batch_alter_table("contacts") as batch:
        batch.alter_column("customer_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("supplier_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(SUPPLIER_FK, "suppliers", ["supplier_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_check_constraint(op.f("ck_contacts_one_parent"), ONE_PARENT)
    if dialect == "mssql":
        op.create_foreign_key(CUSTOMER_FK, "contacts", "customers", ["customer_id"], ["id"],
                              ondelete="CASCADE")
        op.create_index("ix_contacts_customer", "contacts", ["customer_id", "id"])
    op.create_index("ix_contacts_supplier", "contacts", ["supplier_id", "id"])


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    # A supplier's contacts go with the suppliers: the contacts table had no place for them.
    contacts = sa.table("contacts", sa.column("supplier_id", sa.Integer))
    op.execute(contacts.delete().where(contacts.c.supplier_id.is_not(None)))
    op.drop_index("ix_contacts_supplier", table_name="contacts")
    if dialect == "mssql":
        op.drop_index("ix_contacts_customer", table_name="contacts")
        op.drop_constraint(CUSTOMER_FK, "contacts", type_="foreignkey")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_constraint(op.f("ck_contacts_one_parent"), type_="check")
        batch.drop_constraint(SUPPLIER_FK, type_="foreignkey")
        batch.drop_column("supplier_id")
        batch.alter_column("customer_id", existing_type=sa.Integer(), nullable=False)
    if dialect == "mssql":
        op.create_foreign_key(CUSTOMER_FK, "contacts", "customers", ["customer_id"], ["id"],
                              ondelete="CASCADE")
        op.create_index("ix_contacts_customer", "contacts", ["customer_id", "id"])
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name == "supplier"))
    op.drop_index("ix_supplier_products_supplier", table_name="supplier_products")
    op.drop_table("supplier_products")
    for name, _ in SORTS:
        if dialect == "sqlite":
            op.drop_index(f"ix_suppliers_list_{name}", table_name="suppliers")
        elif dialect in SERVERS:
            op.drop_index(f"ix_suppliers_unarchived_{name}", table_name="suppliers")
    op.drop_index("ix_suppliers_tax_id", table_name="suppliers")
    op.drop_table("suppliers")
