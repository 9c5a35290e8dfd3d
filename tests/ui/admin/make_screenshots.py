"""Save screenshots of the administration and audit-log screens into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen uv run python tests/ui/admin/make_screenshots.py

Builds a throw-away SQLite database with a few users, teams and changes, shows each page in
English and in Chinese, and saves ``window.grab()``. Not a test (no test_ prefix).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from app.data.database import open_database  # noqa: E402
from app.logic import passwords  # noqa: E402
from app.logic.dto import Actor  # noqa: E402
from app.logic.services import Services  # noqa: E402
from app.ui.admin.page import AdminPage  # noqa: E402
from app.ui.audit.page import AuditLogPage  # noqa: E402
from app.ui.kit.tasks import SyncTaskRunner  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
I18N = ROOT / "resources" / "i18n"
SIZE = (1200, 720)


def sample(services: Services) -> Actor:
    services.auth.create_admin("admin", "secret-admin-1", "Ada Admin")
    admin = services.auth.login("admin", "secret-admin-1")
    east = services.departments.create_department(admin, "华东销售部")
    north = services.departments.create_department(admin, "North China Sales")
    boss = services.users.add_user(admin, "wang.fang", "manager-pw-1", "王芳",
                                   ["sales_manager"], east.id)
    services.departments.update_department(admin, east.id, east.version, manager_id=boss.id)
    for name, display, roles, dept in (("li.lei", "李雷", ["salesperson"], east.id),
                                       ("han.meimei", "韩梅梅", ["salesperson"], east.id),
                                       ("j.smith", "John Smith", ["salesperson"], north.id),
                                       ("zhao.audit", "赵审计", ["auditor"], None),
                                       ("chen.fin", "陈财务", ["finance"], None)):
        services.users.add_user(admin, name, "first-password-1", display, roles, dept)
    li = services.auth.login("li.lei", "first-password-1")
    li = services.auth.change_password(li, "first-password-1", "chosen-password-1")
    services.customers.create_customer(li, {"name": "上海浦东贸易有限公司", "city": "上海"})
    row = next(u for u in services.users.list_all_users(admin) if u.username == "j.smith")
    services.users.disable_user(admin, row.id, row.version)
    han = next(u for u in services.users.list_all_users(admin) if u.username == "han.meimei")
    services.users.update_user(admin, han.id, han.version, "韩梅梅 (Han Meimei)",
                               ["salesperson", "service"], north.id)
    role = services.roles.get_role(admin, "salesperson")
    services.roles.update_role(admin, "salesperson", role.version,
                               rights=set(role.rights) | {("reports", "view")})
    return admin


def install(language: str) -> list[QTranslator]:
    translators = []
    if language == "zh_CN":
        translator = QTranslator()
        if translator.load(str(I18N / "kehu_zh_CN.qm")):
            QCoreApplication.installTranslator(translator)
            translators.append(translator)
    return translators


def shoot(widget: QWidget, name: str) -> None:
    widget.resize(*SIZE)
    widget.show()
    QApplication.processEvents()
    path = OUT / name
    widget.grab().save(str(path))
    print("saved", path)


def admin_shots(services: Services, admin: Actor, runner: SyncTaskRunner,
                language: str) -> None:
    page = AdminPage(services, admin, runner)
    page.setWindowTitle("Kehu")
    if language == "en":
        users = page.users
        users.table.selectRow(users.model.row_of(
            next(u.id for u in services.users.list_all_users(admin) if u.username == "li.lei")))
        shoot(page, "admin-users-en.png")
    else:
        page.tabs.setCurrentWidget(page.roles)
        page.roles.reload("salesperson")
        shoot(page, "admin-roles-zh.png")
    page.close()
    page.deleteLater()


def audit_shot(services: Services, admin: Actor, runner: SyncTaskRunner,
               language: str) -> None:
    page = AuditLogPage(services, admin, runner)
    page.on_verify()
    model = page.model
    row = next(n for n in range(model.rowCount())
               if (model.row_at(n).action, model.row_at(n).entity_type) == ("update", "user"))
    page.table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    shoot(page, f"audit-log-{'zh' if language == 'zh_CN' else 'en'}.png")
    page.close()
    page.deleteLater()


def main() -> int:
    application = QApplication.instance() or QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{Path(folder) / 'shots.db'}")
        services = Services.build(db.unit_of_work, db.display_url)
        admin = sample(services)
        runner = SyncTaskRunner()
        for language in ("en", "zh_CN"):
            translators = install(language)
            admin_shots(services, admin, runner, language)
            audit_shot(services, admin, runner, language)
            for translator in translators:
                QCoreApplication.removeTranslator(translator)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
