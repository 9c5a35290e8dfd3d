"""Administration screens: users, roles and rights, departments, security settings. The
module's public API."""

from app.logic.kit.fields import Label
from app.ui.admin.page import AdminPage
from app.ui.kit.context import Context
from app.ui.shell.registry import UiModule

__all__ = ["MODULE", "AdminPage"]


def _page(context: Context) -> AdminPage:
    return AdminPage(context)


MODULE = UiModule("admin", Label("Administration", "系统管理"), ("admin", "view"), _page)
