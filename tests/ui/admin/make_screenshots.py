"""Save screenshots of the administration and audit-log screens into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen uv run python tests/ui/admin/make_screenshots.py [--all]

Fills a throw-away database with the demo data (``kehu demo --customers 300``), signs in as
admin / demo1234 and does what an administrator does on a working day (a salesperson locked
out, a customer moved on, a user's roles and a role's rights changed), then shows the main
window on each screen in English and in Chinese and saves ``window.grab()``. Writes
admin-users-en, admin-roles-zh, audit-log-en and audit-log-zh (the documented ones); with
``--all`` also the other tabs and languages into /tmp/kehu-shots for looking at. Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from app.data.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD, create_demo_data  # noqa: E402
from app.logic.audit import AuditFilter  # noqa: E402
from app.logic.kit.dto import Actor, ListQuery  # noqa: E402
from app.logic.kit.errors import AuthenticationFailed  # noqa: E402
from app.logic.services import Services  # noqa: E402
from app.ui.admin.page import AdminPage  # noqa: E402
from app.ui.admin.prompts import question  # noqa: E402
from app.ui.audit.page import AuditLogPage  # noqa: E402
from app.ui.kit.tasks import SyncTaskRunner  # noqa: E402
from app.ui.shell.i18n import Translation  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs" / "screenshots"
MORE = Path("/tmp/kehu-shots")
SIZE = (1280, 800)
DOCUMENTED = {"admin-users-en", "admin-roles-zh", "audit-log-en", "audit-log-zh"}


def working_day(services: Services) -> Actor:
    """What an administrator did today on the demo database."""
    admin = services.auth.login("admin", DEMO_PASSWORD)
    for _ in range(6):  # sales3 forgot the password: locked out
        with suppress(AuthenticationFailed):
            services.auth.login("sales3", "wrong password")
    customers = services.customers
    row = customers.list_page(admin, ListQuery(), limit=1).rows[0]
    record = customers.get(admin, row.id)
    customers.update(admin, record.id, record.version,
                     {"status": "active", "tier": "major", "credit_limit": "200000"})
    users = {u.username: u for u in services.users.list_all_users(admin)}
    sales2 = users["sales2"]
    services.users.update_user(admin, sales2.id, sales2.version,
                               roles=["salesperson", "service"])
    role = services.roles.get_role(admin, "salesperson")
    services.roles.update_role(admin, "salesperson", role.version,
                               rights=set(role.rights) | {("reports", "view")})
    return admin


def shoot(window: MainWindow, name: str) -> None:
    QApplication.processEvents()
    folder = DOCS if name in DOCUMENTED else MORE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    window.grab().save(str(path))
    print("saved", path)


def admin_shots(window: MainWindow, language: str, wanted: Callable[[str], bool]) -> None:
    page: AdminPage = window.page("admin")
    assert page.tabs is not None
    users = page.users
    locked = next(n for n in range(users.model.rowCount()) if users.model.row_at(n).locked)
    users.table.selectRow(locked)
    for tab, name in ((page.users, "users"), (page.roles, "roles"),
                      (page.security, "security"), (page.departments, "departments")):
        shot = f"admin-{name}-{language[:2]}"
        if not wanted(shot):
            continue
        page.tabs.setCurrentWidget(tab)
        if tab is page.roles:
            page.roles.reload("salesperson")
        shoot(window, shot)


def dialog_shots(window: MainWindow, language: str, wanted: Callable[[str], bool]) -> None:
    """The questions and dialogs of the administration, for looking at (--all)."""
    page: AdminPage = window.page("admin")
    suffix = language[:2]
    if wanted(f"security-question-{suffix}"):
        page.tabs.setCurrentWidget(page.security)
        page.security.spins["password_min_length"].setValue(10)
        page.security.spins["lockout_minutes"].setValue(30)
        box = question(page.security, page.security.tr("Save the security settings"),
                       page.security.confirmation(page.security.changes()))
        box.show()
        grab(box, f"security-question-{suffix}")
        box.close()
        page.security.reload()
    if wanted(f"role-dialog-{suffix}"):
        page.tabs.setCurrentWidget(page.roles)
        page.roles.reload("salesperson")
        dialog = page.roles.on_copy()
        assert dialog is not None
        grab(dialog, f"role-dialog-{suffix}")
        dialog.close()
    if wanted(f"user-dialog-{suffix}"):
        page.tabs.setCurrentWidget(page.users)
        users = page.users
        users.table.selectRow(0)
        dialog = users.on_edit()
        assert dialog is not None
        grab(dialog, f"user-dialog-{suffix}")
        dialog.close()


def grab(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    MORE.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(MORE / f"{name}.png"))
    print("saved", MORE / f"{name}.png")


def audit_shot(window: MainWindow, language: str, wanted: Callable[[str], bool]) -> None:
    shot = f"audit-log-{language[:2]}"
    if not wanted(shot):
        return
    page: AuditLogPage = window.page("audit")
    page.on_verify()
    model = page.model
    row = next(n for n in range(model.rowCount())
               if (model.row_at(n).action, model.row_at(n).entity_type)
               == ("update", "customer"))
    assert page.table is not None
    page.table.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    shoot(window, shot)


def main() -> int:
    everything = "--all" in sys.argv

    def wanted(name: str) -> bool:
        return everything or name in DOCUMENTED

    application = QApplication.instance() or QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    translation = Translation()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{Path(folder) / 'demo.db'}")
        create_demo_data(db, customers=300)
        services = Services.build(db.unit_of_work, "sqlite:///C:/Users/admin/Kehu/kehu.db")
        admin = working_day(services)
        assert services.audit.count_audit_entries(admin, AuditFilter()) > 0
        runner = SyncTaskRunner()
        for language in ("en", "zh_CN"):
            translation.install(language)
            window = MainWindow(services, admin, runner)
            window.resize(*SIZE)
            window.show()
            admin_shots(window, language, wanted)
            dialog_shots(window, language, wanted)
            audit_shot(window, language, wanted)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        translation.install("en")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
