"""Helpers for the administration and audit-log screen tests (real services, SQLite)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.logic.admin import UserRow
from app.logic.kit.dto import Actor
from app.logic.services import Services
from app.ui.kit.context import Context
from app.ui.kit.errors import ErrorDialog
from app.ui.kit.hub import ChangeHub
from app.ui.kit.tasks import Runner

ADMIN_PASSWORD = "secret123"
BAD_INPUTS = {
    "very_long": "长" * 3000,
    "control_chars": "bad\x00name\x07",
    "sql": "x'); DROP TABLE users; --",
    "emoji": "团队 😀👍🏽",
    "mixed_scripts": "Zhang 张三 Иван عربي",
    "html": "<b>bold</b> & %1 %2",
}


@dataclass
class Env:
    services: Services
    admin: Actor
    db_path: str

    def context(self, runner: Runner, actor: Actor | None = None,
                hub: ChangeHub | None = None) -> Context:
        """What the shell gives a page: these services, ``actor`` (the admin), a hub."""
        return Context(self.services, actor or self.admin, runner, hub or ChangeHub())

    def user(self, username: str) -> UserRow | None:
        return next((u for u in self.services.users.list_all_users(self.admin)
                     if u.username == username), None)


def add_signed_in(services: Services, admin: Actor, username: str, roles: list[str],
                  department_id: int | None = None) -> tuple[UserRow, Actor]:
    """A user with ``roles`` who has signed in and chosen their own password."""
    services.users.add_user(admin, username, "temporary-pw-1", username.title(), roles,
                            department_id)
    actor = services.auth.login(username, "temporary-pw-1")
    actor = services.auth.change_password(actor, "temporary-pw-1", "chosen-pw-22")
    row = next(u for u in services.users.list_all_users(admin) if u.username == username)
    return row, actor


def error_dialogs(widget: QWidget) -> list[ErrorDialog]:
    return widget.findChildren(ErrorDialog)


def close_errors(widget: QWidget) -> list[str]:
    """The texts of the error dialogs shown over ``widget``; closes them."""
    texts = []
    for dialog in error_dialogs(widget):
        texts.append(dialog.text())
        dialog.close()
        dialog.setParent(None)
        dialog.deleteLater()
    return texts
