"""The reports page: the dashboard (the managers' start page) and the reports, as tabs
(Ctrl+Tab moves between them); the tab chosen is remembered. F5 (the window's Refresh)
loads the dashboard again on its tab and runs the report on the other."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from app.ui.kit.context import Context
from app.ui.reports.dashboard import DashboardView
from app.ui.reports.report_view import ReportView

TAB_KEY = "reports/tab"


class ReportsPage(QTabWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.context = context
        self.dashboard = DashboardView(context)
        self.reports = ReportView(context)
        self.addTab(self.dashboard, self.tr("&Dashboard"))
        self.addTab(self.reports, self.tr("&Reports"))
        # F5 is the window's Refresh, which comes here (``reload``): a second F5 of the
        # report screen's own would make the key ambiguous, and then neither would act.
        refresh = QKeySequence(QKeySequence.StandardKey.Refresh)
        for shortcut in self.reports.findChildren(QShortcut):
            if shortcut.key() == refresh:
                shortcut.setEnabled(False)

    def reload(self) -> None:
        if self.currentWidget() is self.dashboard:
            self.dashboard.refresh()
        else:
            self.reports.run_report()

    def save_state(self, settings: QSettings) -> None:
        self.reports.save_state(settings)
        settings.setValue(TAB_KEY, self.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        self.reports.restore_state(settings)
        index = str(settings.value(TAB_KEY, 0))
        self.setCurrentIndex(int(index) if index.isdigit() else 0)
