"""The administration page the main window hosts: Users, Roles, Departments, Security."""

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
        services, actor, runner = context.services, context.actor, context.runner
        layout = QVBoxLayout(self)
        self.tabs: QTabWidget | None = None
        if not actor.can("admin", "view"):
            notice = QLabel(self.tr("You do not have the right to view the administration."))
            notice.setObjectName("noAccess")
            notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(notice)
            return
        self.users = UsersTab(services, actor, runner)
        self.roles = RolesTab(services, actor, runner)
        self.departments = DepartmentsTab(services, actor, runner)
        self.security = SecurityTab(services, actor, runner)
        self.users.sig_users_changed.connect(self.departments.reload)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.users, self.tr("&Users"))
        self.tabs.addTab(self.roles, self.tr("&Roles"))
        self.tabs.addTab(self.departments, self.tr("&Departments"))
        self.tabs.addTab(self.security, self.tr("&Security"))
        self.tabs.currentChanged.connect(self.on_tab_changed)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def on_tab_changed(self, index: int) -> None:
        """Show fresh data on the tab just opened (another screen may have changed it)."""
        if self.tabs is not None:
            widget = self.tabs.widget(index)
            if isinstance(widget, UsersTab | RolesTab | DepartmentsTab | SecurityTab):
                widget.reload()

    def save_state(self, settings: QSettings) -> None:
        if self.tabs is not None:
            settings.setValue(f"{SETTINGS_KEY}/tab", self.tabs.currentIndex())
            for tab in (self.users, self.roles, self.departments):
                tab.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        if self.tabs is not None:
            for tab in (self.users, self.roles, self.departments):
                tab.restore_state(settings)
            self.tabs.setCurrentIndex(int(settings.value(f"{SETTINGS_KEY}/tab", 0) or 0))
