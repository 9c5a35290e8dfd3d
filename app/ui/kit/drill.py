"""The click-through from a figure to the list behind it, for any module: a drill names a
module's screens, an entity, filters (field, value) and ranges (field, from, to); the
navigator (the main window) shows that module's page, the list of that entity in it is
brought to the front (its tab chosen, its stacked page shown) and filtered as the drill
says (``RecordListView.show_drill``: the bar's filters where it has them, the others pinned
and shown as "Filtered: ...").

The kit knows no module: the page and the list are found by the module's key and the
entity's name."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from app.logic.kit.fields import Label
from app.ui.kit.language import ui_language
from app.ui.kit.list_view import RecordListView


class DrillTarget(Protocol):
    """Where a figure leads (as app.logic.reports' ``Drill``)."""

    @property
    def module(self) -> str: ...

    @property
    def entity(self) -> str: ...

    @property
    def filters(self) -> tuple[tuple[str, Any], ...]: ...

    @property
    def ranges(self) -> tuple[tuple[str, Any, Any], ...]: ...

    @property
    def label(self) -> Label | None: ...


class Navigator(Protocol):
    """What can show a module's page by its key: the main window (``page``: shown and
    returned; None when the user may not open it)."""

    def page(self, key: str) -> Any: ...


def find_list(page: QWidget, entity: str) -> RecordListView | None:
    """The list of ``entity`` on ``page`` (the page itself or the one nearest its top)."""
    if isinstance(page, RecordListView) and page.entity.name == entity:
        return page
    found = [v for v in page.findChildren(RecordListView) if v.entity.name == entity]
    return min(found, key=lambda v: _depth(v, page), default=None)


def _depth(widget: QWidget, top: QWidget) -> int:
    depth, current = 0, widget.parentWidget()
    while current is not None and current is not top:
        current = current.parentWidget()
        depth += 1
    return depth


def reveal(widget: QWidget) -> None:
    """Bring ``widget`` to the front: at each level up, the tab or stacked page that holds
    it is chosen."""
    current: QWidget | None = widget
    while current is not None:
        parent = current.parentWidget()
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget) and tabs.indexOf(current) >= 0:
                tabs.setCurrentWidget(current)
            else:
                parent.setCurrentWidget(current)
        current = parent


def open_drill(navigator: Navigator, drill: DrillTarget) -> RecordListView | None:
    """Show the list ``drill`` leads to, filtered as it says; None when the user may not
    open that module or its page has no list of that entity."""
    page = navigator.page(drill.module)
    if not isinstance(page, QWidget):
        return None
    view = find_list(page, drill.entity)
    if view is None:
        return None
    reveal(view)
    label = drill.label.text(ui_language()) if drill.label is not None else None
    view.show_drill(drill.filters, drill.ranges, label)
    view.focus_table()
    return view
