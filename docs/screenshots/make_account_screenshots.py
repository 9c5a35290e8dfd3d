"""Take the screenshots of the idle lock and the forced password change, in Chinese.

Run: uv run python docs/screenshots/make_account_screenshots.py  (not collected by pytest)
Builds a throw-away database with one administrator and a user whose password was reset.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.data.database import open_database
from app.logic.admin import passwords
from app.logic.services import Services
from app.ui.kit.tasks import SyncTaskRunner
from app.ui.shell.i18n import Translation
from app.ui.shell.lock import LockDialog
from app.ui.shell.password_dialog import ChangePasswordDialog

OUT = Path(__file__).resolve().parent


def shoot(widget: QWidget, name: str) -> None:
    widget.show()
    widget.adjustSize()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("saved", OUT / name)


def main() -> int:
    application = QApplication.instance() or QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    translation = Translation()
    translation.install("zh_CN")
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{Path(folder) / 'shots.db'}")
        services = Services.build(db.unit_of_work, db.display_url)
        services.auth.create_admin("admin", "secret-admin-1", "Ada Admin")
        admin = services.auth.login("admin", "secret-admin-1")
        services.users.add_user(admin, "li.lei", "temporary-pw-1", "李雷", ["salesperson"])
        li = services.auth.login("li.lei", "temporary-pw-1")
        runner = SyncTaskRunner()
        change = ChangePasswordDialog(services, li, runner, forced=True)
        change.current.setText("temporary-pw-1")
        change.new.setText("short")
        change.repeat.setText("short")
        change.on_change()
        shoot(change, "change-password-zh.png")
        lock = LockDialog(services, li, runner)
        lock.password.setText("not-my-password")
        lock.on_unlock()
        shoot(lock, "lock-zh.png")
        db.dispose()
    translation.install("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
