"""Fixtures of the administration and audit-log screen tests (tests/ui/audit uses them
too): a copy of the session's migrated template database and a signed-in admin. Password
hashing is cheap throughout tests/ui (tests/ui/conftest.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.data.database import open_database
from app.logic.services import Services
from app.ui.kit.tasks import SyncTaskRunner

from .kit import ADMIN_PASSWORD, Env


@pytest.fixture
def env(tmp_path: Path, sqlite_template: Path) -> Iterator[Env]:
    path = tmp_path / "screens.db"
    shutil.copyfile(sqlite_template, path)
    db = open_database(f"sqlite:///{path}")
    services = Services.build(db.unit_of_work, db.display_url)
    services.auth.create_admin("admin", ADMIN_PASSWORD, "Ada Admin")
    yield Env(services, services.auth.login("admin", ADMIN_PASSWORD), str(path))
    db.dispose()


@pytest.fixture
def sync_runner(qapp) -> SyncTaskRunner:
    return SyncTaskRunner()
