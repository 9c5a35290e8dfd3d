"""Administration screens: users, roles and rights, departments, security settings."""

from app.ui.admin.page import AdminPage

__all__ = ["AdminPage"]
