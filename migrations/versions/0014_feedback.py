"""feedback: service tickets (complaints, service requests, fault reports, suggestions, praise)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

- ``feedback``: number (F000001...), type, channel, customer, contact, subject, description,
  priority, assignee, the due time from the SLA, status (the workflow's state), resolution,
  the cause reported to the customer, satisfaction (1-5) and its comment, when it was
  resolved and closed, with the subject's sort key and a search key; indexes on the
  customer (its tickets, the record scope through the customer's owner), on the assignee
  with the state and due time (a user's overdue tickets), on the state with the due time
  (the overdue filter), and one per sort of the list ``(sort, id)`` (tickets are closed,
  never archived).
- the ``feedback`` number counter, made here as the customers' one is.
- the workflow's moves, each its own right (``feedback.assign``, ``start``, ``resolve``,
  ``close``, ``reopen``): the Administrator and Service get all five, the Sales manager
  ``assign``.
- The SLA hours per priority, an administrator's setting, are kept in ``settings``
  (``feedback.<priority>_hours``); none is stored until one is set (urgent 4, high 24,
  normal 72, low 168 until then).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.data.types
from app.data.grants import app_role, grant_statements

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORTS = (("number", "number"), ("subject", "subject_sort"), ("type", "type"),
         ("priority", "priority"), ("status", "status"), ("due", "due_at"),
         ("created", "created_at"))
MOVES = ("assign", "start", "resolve", "close", "reopen")
GRANTS = {"admin": MOVES, "service": MOVES, "sales_manager": ("assign",)}


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Unicode(length=20), nullable=False),
        sa.Column("type", sa.Unicode(length=16), nullable=False),
        sa.Column("channel", sa.Unicode(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.Unicode(length=200), nullable=False),
        sa.Column("description", sa.UnicodeText(), nullable=False),
        sa.Column("priority", sa.Unicode(length=16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("due_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("status", sa.Unicode(length=16), nullable=False),
        sa.Column("resolution", sa.UnicodeText(), nullable=False),
        sa.Column("cause", sa.UnicodeText(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("satisfaction_comment", sa.UnicodeText(), nullable=False),
        sa.Column("resolved_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("closed_at", app.data.types.UtcDateTime(), nullable=True),
        sa.Column("subject_sort", sa.Unicode(length=200), nullable=False),
        sa.Column("search_text", sa.UnicodeText(), nullable=False),
        sa.Column("created_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", app.data.types.UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_feedback_customer_id_customers")),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"],
                                name=op.f("fk_feedback_contact_id_contacts")),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"],
                                name=op.f("fk_feedback_assignee_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("number", name=op.f("uq_feedback_number")),
    )
    op.create_index("ix_feedback_customer", "feedback", ["customer_id", "id"])
    op.create_index("ix_feedback_assignee", "feedback", ["assignee_id", "status", "due_at"])
    op.create_index("ix_feedback_status_due", "feedback", ["status", "due_at"])
    for name, column in SORTS:
        op.create_index(f"ix_feedback_list_{name}", "feedback", [column, "id"])

    op.execute(sa.table("code_sequences", sa.column("name", sa.Unicode),
                        sa.column("next_value", sa.Integer)).insert().values(
        name="feedback", next_value=1))
    _grant_moves()
    for statement in grant_statements(op.get_context().dialect.name, app_role()):
        op.execute(statement)


def _rights() -> sa.TableClause:
    return sa.table("role_permissions", sa.column("role_id", sa.Integer),
                    sa.column("module", sa.Unicode), sa.column("action", sa.Unicode))


def _grant_moves() -> None:
    """INSERT ... SELECT the roles' ids (valid T-SQL too; a role renamed or removed is
    skipped)."""
    roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("code", sa.Unicode))
    rights = _rights()
    for role, actions in GRANTS.items():
        for action in actions:
            op.execute(rights.insert().from_select(
                ["role_id", "module", "action"],
                sa.select(roles.c.id, sa.literal("feedback", sa.Unicode),
                          sa.literal(action, sa.Unicode)).where(roles.c.code == role)))


def downgrade() -> None:
    rights = _rights()
    op.execute(rights.delete().where(rights.c.module == "feedback",
                                     rights.c.action.in_(MOVES)))
    settings = sa.table("settings", sa.column("key", sa.Unicode))
    op.execute(settings.delete().where(settings.c.key.like("feedback.%")))
    groups = sa.table("settings_groups", sa.column("name", sa.Unicode))
    op.execute(groups.delete().where(groups.c.name == "feedback"))
    sequences = sa.table("code_sequences", sa.column("name", sa.Unicode))
    op.execute(sequences.delete().where(sequences.c.name == "feedback"))
    for name, _ in SORTS:
        op.drop_index(f"ix_feedback_list_{name}", table_name="feedback")
    op.drop_index("ix_feedback_status_due", table_name="feedback")
    op.drop_index("ix_feedback_assignee", table_name="feedback")
    op.drop_index("ix_feedback_customer", table_name="feedback")
    op.drop_table("feedback")
