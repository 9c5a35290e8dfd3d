"""The screens of the modules listed in ``app.modules``, loaded by name.

Each module's UI package (``app.ui.customers``) defines ``MODULE``: its navigation entry,
the right that opens it, how to build its page, and whether the global search and the New
action go to it. The main window shows the modules the user may open, in registry order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtWidgets import QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context


@dataclass(frozen=True)
class UiModule:
    key: str
    title: Label
    right: tuple[str, str]  # (module, action) the user needs to open it
    page: Callable[[Context], QWidget]
    searchable: bool = False  # the global search (Ctrl+F) filters this page
    creates: Label | None = None  # the File menu's "New ..." opens this page's new record


@cache
def load_ui_modules() -> tuple[UiModule, ...]:
    from app.modules import packages

    return tuple(m for package in packages("app.ui")
                 if (m := getattr(package, "MODULE", None)) is not None)
