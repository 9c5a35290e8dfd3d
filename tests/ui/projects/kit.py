"""Helpers of the projects screens' tests."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.projects import ProjectForm


def open_forms() -> list[ProjectForm]:
    """The project forms on the screen."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ProjectForm) and w.isVisible()]
