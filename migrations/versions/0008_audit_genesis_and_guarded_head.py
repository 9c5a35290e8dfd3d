"""the audit chain's genesis entry and a head only the chain may move

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

(Filled in by the audit hardening work of issue 4/10.)
"""

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
