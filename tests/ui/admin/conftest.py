"""Fixtures of the administration and audit-log screen tests (tests/ui/audit uses them
too): a migrated SQLite file and a signed-in admin."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from app.data.database import open_database
from app.logic.services import Services
from app.ui.kit.tasks import SyncTaskRunner

from .kit import ADMIN_PASSWORD, Env


@pytest.fixture
def env(tmp_path, quick_hashing: None) -> Iterator[Env]:
    path = str(tmp_path / "screens.db")
    db = open_database(f"sqlite:///{path}")
    services = Services.build(db.unit_of_work, db.display_url)
    services.auth.create_admin("admin", ADMIN_PASSWORD)
    yield Env(services, services.auth.login("admin", ADMIN_PASSWORD), path)
    db.dispose()


@pytest.fixture
def sync_runner(qapp) -> SyncTaskRunner:
    return SyncTaskRunner()
