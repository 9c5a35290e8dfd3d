"""Take the README screenshots of the customer screens, in English and Chinese.

    QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/make_screenshots.py

Fills a throw-away database with the demo data (as ``kehu demo --customers 300`` does),
then, as the sales manager, shows the customer list and a customer's form, and as the
auditor the same form read-only. Writes customer-list-{en,zh}.png,
customer-form-{en,zh}.png and customer-form-readonly-{en,zh}.png beside this script.
Not a test (pytest does not collect it). The administration and audit-log screenshots
come from tests/ui/admin/make_screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.data.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD, create_demo_data  # noqa: E402
from app.logic.kit.dto import Actor, ListQuery  # noqa: E402
from app.logic.services import Services  # noqa: E402
from app.ui.customers import CustomerForm, CustomerListView  # noqa: E402
from app.ui.kit.tasks import SyncTaskRunner  # noqa: E402
from app.ui.shell.i18n import Translation  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
DATABASE_SHOWN = "sqlite:///C:/Users/zhoumin/Kehu/kehu.db"


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, name: str) -> None:
    settle()
    widget.grab().save(str(OUT / name))
    print("wrote", name)


def pick_customer(services: Services, manager: Actor) -> int:
    """A customer of the manager's team with two or more contacts, given some history: the
    manager raised its tier and wrote a note."""
    rows = services.customers.list_customers(manager, ListQuery(sort="name"), limit=200).rows
    for row in rows:
        record = services.customers.get_customer(manager, row.id)
        if len(record.children.get("contacts", ())) >= 2:
            services.customers.update_customer(manager, record.id, record.version, {
                "tier": "premium", "tier_override": True,
                "notes": "每季度回访一次。Prefers e-mail in English for export orders."})
            return record.id
    raise SystemExit("no customer with contacts in the demo data")


def shoot(services: Services, language: str, translation: Translation, customer: int) -> None:
    translation.install(language)
    suffix = language[:2]
    runner = SyncTaskRunner()
    manager = services.auth.login("manager", DEMO_PASSWORD)
    window = MainWindow(services, manager, runner)
    window.resize(1280, 800)
    window.show()
    view = window.page("customers")
    assert isinstance(view, CustomerListView)
    view.table.selectRow(2)
    save(window, f"customer-list-{suffix}.png")
    form = view.open_customer(customer)
    form.resize(form.default_size())
    save(form, f"customer-form-{suffix}.png")
    form.close()
    window.close()
    auditor = services.auth.login("auditor", DEMO_PASSWORD)
    reader = MainWindow(services, auditor, runner)
    readonly = CustomerForm(reader.context, customer)
    readonly.resize(readonly.default_size())
    readonly.show()
    save(readonly, f"customer-form-readonly-{suffix}.png")
    readonly.close()
    reader.close()


def main() -> int:
    application = QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    QCoreApplication.setOrganizationName("KehuScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    translation = Translation()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(f"sqlite:///{folder}/screens.db")
        create_demo_data(db, customers=300)
        services = Services.build(db.unit_of_work, DATABASE_SHOWN)
        customer = pick_customer(services, services.auth.login("manager", DEMO_PASSWORD))
        for language in ("en", "zh_CN"):
            shoot(services, language, translation, customer)
        translation.install("en")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
