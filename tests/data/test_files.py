"""The database files hold password hashes and customer data: only their owner may read
them. A new SQLite file (and its -wal and -shm), Kehu's own data folder and the backup copy
made before an upgrade are created 0600 / 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from app.data import engine as engine_module
from app.data import migrate
from app.data.database import Database, open_database
from app.data.engine import default_url, make_engine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everyone read what is created (0022 is the usual one)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "share" / "Kehu"
    monkeypatch.setattr(engine_module, "user_data_dir", lambda: folder)
    return folder


def test_the_default_database_and_its_folder_are_private(data_folder: Path,
                                                         open_umask: None) -> None:
    db = open_database(default_url())
    try:
        with db.engine.connect() as conn:  # while connected: the -wal and -shm files exist
            conn.execute(text("SELECT 1"))
            files = sorted(p.name for p in data_folder.iterdir())
            assert files == ["kehu.db", "kehu.db-shm", "kehu.db-wal"]
            assert {p.name: mode(p) for p in data_folder.iterdir()} == dict.fromkeys(files, 0o600)
    finally:
        db.dispose()
    assert mode(data_folder) == 0o700


def test_a_data_folder_readable_by_others_is_made_private(data_folder: Path,
                                                          open_umask: None) -> None:
    data_folder.mkdir(parents=True, mode=0o755)
    data_folder.chmod(0o755)  # as an older Kehu left it
    open_database(default_url()).dispose()
    assert mode(data_folder) == 0o700


def test_a_new_database_at_a_given_path_is_private_and_its_folder_left_alone(
        tmp_path: Path, open_umask: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    open_database(f"sqlite:///{(folder / 'team.db').as_posix()}").dispose()
    assert mode(folder / "team.db") == 0o600
    assert mode(folder) == 0o755


def test_an_existing_file_keeps_its_mode(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "kehu.db"
    path.write_bytes(sqlite_template.read_bytes())
    path.chmod(0o640)
    open_database(f"sqlite:///{path.as_posix()}").dispose()
    assert mode(path) == 0o640


def test_the_backup_before_an_upgrade_is_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "kehu.db"
    url = f"sqlite:///{path.as_posix()}"
    engine = make_engine(url)
    migrate.upgrade(engine, "0007")
    engine.dispose()
    path.chmod(0o644)  # made by an older Kehu, readable by all
    db = Database(url)
    try:
        backup = db.upgrade()
    finally:
        db.dispose()
    assert backup is not None and backup.exists()
    assert mode(backup) == 0o600
    assert backup.stat().st_mtime <= path.stat().st_mtime
