"""Qt tests run offscreen on real services over a temporary SQLite database.

Each test's database is a copy of the session's migrated template (``sqlite_template``), and
passwords are hashed with argon2id at its cheapest throughout tests/ui (``quick_hasher``);
tests/logic/test_auth.py checks the production parameters.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QSettings

from app.data.database import Database, open_database
from app.logic.admin import passwords
from app.logic.kit.dto import Actor, Changed
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.kit.hub import ChangeHub
from app.ui.kit.messages import Messages
from app.ui.kit.tasks import SyncTaskRunner
from app.ui.shell.i18n import Translation

from .helpers import add_customers

PASSWORD = "secret123"
# The offscreen platform has no window manager and says so; these are not our warnings.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|requestActivate)\(\)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("qt_log_ignore", OFFSCREEN_NOISE)


@pytest.fixture(scope="session", autouse=True)
def settings_sandbox(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings write to a throw-away INI file, never to the user's real settings."""
    QCoreApplication.setOrganizationName("KehuTest")
    QCoreApplication.setApplicationName("KehuTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))


@pytest.fixture(autouse=True)
def clean_settings(settings_sandbox: None) -> Iterator[None]:
    QSettings().clear()
    # The widgets an earlier test left as garbage are collected here, on the GUI thread:
    # collected on a task's worker thread, a Qt object's destruction there deadlocked
    # against the GUI thread (both waiting for Qt's connection lock and the GIL).
    gc.collect()
    yield
    QSettings().clear()
    gc.collect()


@pytest.fixture(scope="package", autouse=True)
def cheap_hashing(quick_hasher: PasswordHasher) -> Iterator[None]:
    """The cheap hasher for every test in tests/ui, module-scoped fixtures included; put back
    when the package's last test has run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "HASHER", quick_hasher)
        yield


def make_services(path: str, template: Path | None = None) -> tuple[Database, Services]:
    """Services on the SQLite file ``path``: a copy of ``template`` (a migrated database)
    when given, else a new file that the migrations build."""
    if template is not None:
        shutil.copyfile(template, path)
    db = open_database(f"sqlite:///{path}")
    return db, Services.build(db.unit_of_work, db.display_url)


@pytest.fixture
def services(tmp_path: Path, sqlite_template: Path) -> Iterator[Services]:
    db, services = make_services(str(tmp_path / "t.db"), sqlite_template)
    services.auth.create_admin("admin", PASSWORD)
    yield services
    db.dispose()


@pytest.fixture
def actor(services: Services) -> Actor:
    return services.auth.login("admin", PASSWORD)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
         ) -> Iterator[tuple[Services, Actor]]:
    """A database with 450 customers (more than two pages), shared by read-only tests."""
    db, services = make_services(str(tmp_path_factory.mktemp("many") / "many.db"),
                                 sqlite_template)
    services.auth.create_admin("admin", PASSWORD)
    actor = services.auth.login("admin", PASSWORD)
    add_customers(services, actor, 450)
    yield services, actor
    db.dispose()


@pytest.fixture
def runner(qapp) -> SyncTaskRunner:
    return SyncTaskRunner()


@pytest.fixture
def messages(qapp) -> Messages:
    return Messages()


@pytest.fixture
def hub(qapp) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def context(services: Services, actor: Actor, runner: SyncTaskRunner, hub: ChangeHub
            ) -> Context:
    """What the shell hands every screen: here the administrator's."""
    return Context(services, actor, runner, hub)


@pytest.fixture
def make_actor(services: Services, actor: Actor) -> Callable[..., Actor]:
    """A user with ``roles`` (role codes), signed in with a password of their own."""

    def make(username: str, roles: tuple[str, ...], display_name: str = "") -> Actor:
        services.users.add_user(actor, username, "first-password-1", display_name or username,
                                list(roles))
        first = services.auth.login(username, "first-password-1")
        return services.auth.change_password(first, "first-password-1", PASSWORD + "-x")

    return make


@pytest.fixture
def make_context(services: Services, runner: SyncTaskRunner, hub: ChangeHub
                 ) -> Callable[[Actor], Context]:
    """Another user's context over the same services, runner and hub."""
    return lambda who: Context(services, who, runner, hub)


@pytest.fixture
def translation(qapp) -> Iterator[Translation]:
    """The UI's translation, back to English after the test."""
    translation = Translation()
    yield translation
    translation.install("en")


@pytest.fixture
def heard(context: Context) -> list[Changed]:
    """What the window's change hub broadcasts during the test."""
    seen: list[Changed] = []
    context.hub.sig_changed.connect(seen.append)
    return seen
