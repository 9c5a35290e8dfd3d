"""The screens of the modules listed in ``app.modules``, loaded by name, and what each adds
to the others' forms.

Each module's UI package (``app.ui.customers``) defines ``MODULE``: its navigation entry,
the right that opens it, how to build its page, whether the global search and the New
action go to it, the forms it opens for its entities, and its *parts*: tabs and overview
sections it adds to another entity's form (a customer's projects). A form shows the parts
registered for its entity by itself; the form's module never names them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QWidget

from app.logic.kit.fields import Label
from app.ui.kit.context import Context

if TYPE_CHECKING:
    from app.ui.kit.parts import FormPart

# (context, record id or None for a new record, parent window, a new record's values)
FormFactory = Callable[[Context, "int | None", "QWidget | None", Mapping[str, Any]], QDialog]
PLACES = ("tab", "overview")


@dataclass(frozen=True)
class Part:
    """What a module adds to another entity's form: a tab, or a section of its Overview."""

    entity: str  # the form it goes on: "customer"
    caption: Label
    build: Callable[[Context], FormPart]
    place: str = "tab"  # "tab" or "overview"
    order: int = 50  # lower first
    right: tuple[str, str] | None = None  # (module, action) the user needs to see it

    def __post_init__(self) -> None:
        if self.place not in PLACES:
            raise ValueError(f"a part's place is one of {PLACES}, not {self.place!r}")


@dataclass(frozen=True)
class UiModule:
    key: str
    title: Label
    right: tuple[str, str]  # (module, action) the user needs to open it
    page: Callable[[Context], QWidget]
    searchable: bool = False  # the global search (Ctrl+F) filters this page
    creates: Label | None = None  # the File menu's "New ..." opens this page's new record
    forms: Mapping[str, FormFactory] = field(default_factory=dict)  # entity -> its form
    parts: tuple[Part, ...] = ()
    # The page the window opens on at sign-in: of the modules the user may open, the one
    # with the lowest number ("My day" for sales staff); None: not a start page. A function
    # of the signed-in user's context gives the number for that user (the dashboard: for
    # managers only), or None.
    start: int | Callable[[Context], int | None] | None = None

    def start_for(self, context: Context) -> int | None:
        """This module's start number for the user of ``context`` (None: not theirs)."""
        return self.start(context) if callable(self.start) else self.start


@cache
def load_ui_modules() -> tuple[UiModule, ...]:
    from app.modules import packages

    return tuple(m for package in packages("app.ui")
                 if (m := getattr(package, "MODULE", None)) is not None)


def start_index(modules: tuple[UiModule, ...], context: Context) -> int:
    """Which of ``modules`` (those the user of ``context`` may open, in order) the window
    starts on: the lowest start number, the first module without any."""
    starts = [(number, n) for n, m in enumerate(modules)
              if (number := m.start_for(context)) is not None]
    return min(starts)[1] if starts else 0


def parts_for(entity: str, place: str, context: Context,
              modules: tuple[UiModule, ...] | None = None) -> list[Part]:
    """The parts for ``entity``'s form at ``place`` the signed-in user may see, in order."""
    found = [p for m in (load_ui_modules() if modules is None else modules)
             for p in m.parts if p.entity == entity and p.place == place
             and (p.right is None or context.can(*p.right))]
    return sorted(found, key=lambda p: p.order)


def form_factory(entity: str, modules: tuple[UiModule, ...] | None = None
                 ) -> FormFactory | None:
    for module in load_ui_modules() if modules is None else modules:
        if entity in module.forms:
            return module.forms[entity]
    return None
