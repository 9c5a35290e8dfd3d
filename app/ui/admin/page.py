"""The administration page the main window hosts: Users, Roles, Departments, Security.

Each tab listens to the change hub for what it shows; no tab refreshes another."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.admin.departments_tab import DepartmentsTab
from app.ui.admin.roles_tab import RolesTab
from app.ui.admin.security_tab import SecurityTab
from app.ui.admin.users_tab import UsersTab
from app.ui.kit.context import Context

SETTINGS_KEY = "admin/page"


class AdminPage(QWidget):
    """Without the right admin.view it only says so; the services refuse anyway."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPage")
        self.context = context
        layout = QVBoxLayout(self)
        self.tabs: QTabWidget | None = None
        if not context.can("admin", "view"):
            notice = QLabel(self.tr("You do not have the right to view the administration."))
            notice.setObjectName("noAccess")
            notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(notice)
            return
        self.users = UsersTab(context)
        self.roles = RolesTab(context)
        self.departments = DepartmentsTab(context)
        self.security = SecurityTab(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.users, self.tr("&Users"))
        self.tabs.addTab(self.roles, self.tr("&Roles"))
        self.tabs.addTab(self.departments, self.tr("&Departments"))
        self.tabs.addTab(self.security, self.tr("&Security"))
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def reload(self) -> None:
        """Refresh (F5): read the tab on show again (another desktop may have changed it)."""
        if self.tabs is not None:
            tab = self.tabs.currentWidget()
            if isinstance(tab, UsersTab | RolesTab | DepartmentsTab | SecurityTab):
                tab.reload()

    def save_state(self, settings: QSettings) -> None:
        if self.tabs is not None:
            settings.setValue(f"{SETTINGS_KEY}/tab", self.tabs.currentIndex())
            for tab in (self.users, self.roles, self.departments):
                tab.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        if self.tabs is not None:
            for tab in (self.users, self.roles, self.departments):
                tab.restore_state(settings)
            self.tabs.setCurrentIndex(int(str(settings.value(f"{SETTINGS_KEY}/tab", 0) or 0)))
