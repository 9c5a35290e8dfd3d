"""Save screenshots of the dashboard into docs/screenshots/.

    uv run kehu --db sqlite:////tmp/shots_db.db db upgrade
    uv run kehu --db sqlite:////tmp/shots_db.db demo --customers 3000 --seed 7
    QT_QPA_PLATFORM=offscreen uv run python tests/ui/reports/dashboard_shots.py \
        [sqlite:////tmp/shots_db.db [EXTRA.qm]]

Signs in as the sales manager (demo1234), opens the main window at 1280x800 on its start
page, the dashboard, and saves ``dashboard-<en|zh>.png``. ``EXTRA.qm``: translations not
yet in resources/i18n, installed over them. Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from app.data.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD  # noqa: E402
from app.logic.services import Services  # noqa: E402
from app.ui.kit.tasks import SyncTaskRunner  # noqa: E402
from app.ui.shell.i18n import Translation  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/shots_db.db"
    extra = sys.argv[2] if len(sys.argv) > 2 else ""
    application = QApplication.instance() or QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    translation = Translation()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(url)
        services = Services.build(db.unit_of_work, db.display_url)
        manager = services.auth.login("manager", DEMO_PASSWORD)
        DOCS.mkdir(parents=True, exist_ok=True)
        for language in ("en", "zh_CN"):
            translation.install(language)
            more = QTranslator(application)
            if language != "en" and extra and more.load(extra):
                application.installTranslator(more)
            window = MainWindow(services, manager, SyncTaskRunner())
            window.resize(*SIZE)
            window.show()
            settle()
            path = DOCS / f"dashboard-{language[:2]}.png"
            window.grab().save(str(path))
            print("saved", path)
            window.close()
            window.deleteLater()
            application.removeTranslator(more)
            settle()
        translation.install("en")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
