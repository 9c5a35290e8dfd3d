"""Save screenshots of the report screen into docs/screenshots/.

    uv run kehu --db sqlite:////tmp/shots_rv.db db upgrade
    uv run kehu --db sqlite:////tmp/shots_rv.db demo --customers 3000 --seed 5
    QT_QPA_PLATFORM=offscreen uv run python tests/ui/reports/report_view_shots.py \
        [sqlite:////tmp/shots_rv.db [REPORT ...]]

KEHU_SHOTS_DIR: save there instead (other reports, for a look).

Signs in as the sales manager (demo1234), runs sales-by-month, pipeline and
customer-analysis with their usual parameters and saves ``report-<name>-<en|zh>.png`` at
1280x800. Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from app.data.database import open_database  # noqa: E402
from app.demo import DEMO_PASSWORD  # noqa: E402
from app.logic.services import Services  # noqa: E402
from app.ui.kit.context import Context  # noqa: E402
from app.ui.kit.hub import ChangeHub  # noqa: E402
from app.ui.kit.tasks import SyncTaskRunner  # noqa: E402
from app.ui.reports.report_view import ReportView  # noqa: E402
from app.ui.shell.i18n import Translation  # noqa: E402

DOCS = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)
REPORTS = ("sales-by-month", "pipeline", "customer-analysis")


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "sqlite:////tmp/shots_rv.db"
    application = QApplication.instance() or QApplication(sys.argv)
    application.setFont(QFont("WenQuanYi Micro Hei", 10))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    translation = Translation()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        db = open_database(url)
        services = Services.build(db.unit_of_work, db.display_url)
        manager = services.auth.login("manager", DEMO_PASSWORD)
        context = Context(services, manager, SyncTaskRunner(), ChangeHub())
        out = Path(os.environ.get("KEHU_SHOTS_DIR", DOCS))
        out.mkdir(parents=True, exist_ok=True)
        for language in ("en", "zh_CN"):
            translation.install(language)
            view = ReportView(context)
            view.resize(*SIZE)
            view.show()
            for name in sys.argv[2:] or REPORTS:
                view.choose(name)
                view.run_report()
                QApplication.processEvents()
                path = out / f"report-{name}-{language[:2]}.png"
                view.grab().save(str(path))
                print("saved", path)
            view.close()
            view.deleteLater()
            QApplication.processEvents()
        translation.install("en")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
