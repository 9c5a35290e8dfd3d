"""activities: a customer's visits, calls, meetings, e-mails and tasks

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

- ``activities``: kind, customer, contact, subject, notes, the time it is scheduled at and
  the time it was done, outcome, owner, the next follow-up date, state (planned or done),
  with the subject's sort key and a search key; indexes on the customer with the time (its
  activities, the record scope through the customer's owner), on the owner with the state
  and the time ("My day"), on the kind with the time and the owner (the visit plan), on the
  state with the time (the overdue filter), and one per sort of the list ``(sort, id)``
  (activities are never archived).
- ``activities.complete``: marking an activity done (its workflow's one move, a right of its
  own); the default roles that plan activities get it: the Administrator, the Sales manager
  and the Salesperson.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (("scheduled", "scheduled_at"), ("subject", "subject_sort"), ("kind", "kind"),
         ("state", "state"), ("created", "created_at"))
INDEXES = (("ix_activities_customer", ["customer_id", "scheduled_at"]),
           ("ix_activities_owner_day", ["owner_id", "state", "scheduled_at"]),
           ("ix_activities_plan", ["kind", "scheduled_at", "owner_id"]),
           ("ix_activities_state_scheduled", ["state", "scheduled_at"]))
COMPLETE_ROLES = ("admin", "sales_manager", "salesperson")


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Unicode(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.Unicode(length=200), nullable=False),
        sa.Column("notes", sa.UnicodeText(), nullable=False),
        sa.Column("scheduled_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("done_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("outcome", sa.UnicodeText(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("next_follow_up", sa.Date(), nullable=True),
        sa.Column("state", sa.Unicode(length=16), nullable=False),
        sa.Column("subject_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_activities_customer_id_customers")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_activities_contact_id_contacts")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name=op.f("fk_activities_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    for name, columns in INDEXES:
        op.create_index(name, "activities", columns)
    for name, column in SORTS:
        op.create_index(f"ix_activities_list_{name}", "activities", [column, "id"])
    _grant_complete()
    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def _grant_complete() -> None:
    """INSERT ... SELECT the roles' ids (valid T-SQL too; a role renamed or removed is
    skipped)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    op.execute(_rights().insert().from_select(
        ["role_id", "module", "action"],
        sa.select(roles.c.id, sa.literal("activities", sa.Unicode),
                  sa.literal("complete", sa.Unicode))
        .where(roles.c.code.in_(COMPLETE_ROLES))))


def downgrade() -> None:
    rights = _rights()
    op.execute(rights.delete().where(rights.c.module == "activities",
                                     rights.c.action == "complete"))
    for name, _ in SORTS:
        op.drop_index(f"ix_activities_list_{name}", table_name="activities")
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="activities")
    op.drop_table("activities")
