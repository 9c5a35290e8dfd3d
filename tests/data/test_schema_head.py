"""The app knows the newest schema revision without importing alembic (start-up time)."""

from app.data.database import HEAD_REVISION
from app.data.migrate import head_revision


def test_head_revision_constant_matches_the_migrations() -> None:
    assert head_revision() == HEAD_REVISION
