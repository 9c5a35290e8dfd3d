"""What one module adds to another's form: a tab (a customer's projects) or a section of the
form's Overview tab (its open projects), each declared as a ``Part`` in the module's
``MODULE`` (app/ui/kit/registry.py) and shown by ``RecordForm`` by itself.

A part is told which record its form shows (``set_parent``: None while the record is new)
and loads what it shows in the background; links in an overview section open the record
they name (``open_record``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.entity import Entity
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language

MORE = "more"  # the link of "n more..." (opens the part's tab, when the form has one)


class FormPart(QWidget):
    """A tab or an overview section of another module's form."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.language = ui_language()
        self.parent_record: Record | None = None

    def set_parent(self, record: Record | None) -> None:
        """The form shows ``record`` (None: a new record not saved yet)."""
        self.parent_record = record

    @property
    def parent_id(self) -> int | None:
        return None if self.parent_record is None else self.parent_record.id


class OverviewSection(FormPart):
    """A heading and a few lines, each line text or a link to a record."""

    sig_link = Signal(str, int)  # entity, id (after the record was opened)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.body = QLabel()
        self.body.setObjectName("overviewBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.linkActivated.connect(self.on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        self.links: list[tuple[str, str, int]] = []

    def show_text(self, lines: Sequence[str]) -> None:
        """Plain lines (escaped)."""
        self.links = []
        self.body.setText("<br>".join(html.escape(line) for line in lines))

    def show_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        """(label, value) lines, the label dimmed; empty values left out."""
        self.links = []
        label = "color: palette(placeholder-text); padding-right: 12px; white-space: nowrap;"
        shown = [f"<tr><td style='{label}'>"
                 f"{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in rows if v]
        self.body.setText(f"<table cellspacing='0' cellpadding='1'>{''.join(shown)}</table>")

    def show_fields(self, entity: Entity, record: Record | None,
                    names: Sequence[str]) -> None:
        """Fields of ``record`` as (caption, value) lines in the user's language."""
        if record is None:
            self.show_text([])
            return
        self.show_rows([(entity.field(n).caption(self.language),
                         entity.field(n).display(record.get(n), self.language))
                        for n in names])

    def show_links(self, rows: Sequence[tuple[str, str, int]], empty: str = "",
                   more: int = 0, styles: Mapping[int, str] | None = None) -> None:
        """Each (text, entity, id) a link that opens that record; ``empty`` when there
        are none; ``more`` records not listed ("and 3 more"); ``styles``: the CSS of some
        rows by their index (an overdue one in dark red)."""
        self.links = list(rows)
        if not rows:
            self.body.setText(f"<i>{html.escape(empty)}</i>")
            return
        styles = styles or {}
        lines = [f"<a href='{entity}:{record_id}'"
                 + (f" style='{styles[n]}'" if n in styles else "")
                 + f">{html.escape(text)}</a>"
                 for n, (text, entity, record_id) in enumerate(rows)]
        if more > 0:
            lines.append(html.escape(self.tr("and %1 more").replace("%1", str(more))))
        self.body.setText("<br>".join(lines))

    def on_link(self, href: str) -> None:
        entity, _, number = href.partition(":")
        if not number.isdigit():
            return
        self.open_link(entity, int(number))

    def open_link(self, entity: str, record_id: int) -> Any:
        from app.ui.kit.opener import open_record

        form = open_record(self.context, entity, record_id, self)
        if form is not None:
            self.sig_link.emit(entity, record_id)
        return form


class LoadingSection(OverviewSection):
    """An overview section that loads what it shows for the form's record in the
    background (``fetch``, run off the GUI thread: services only, no widgets), shows it
    (``show_found``), and loads again when a record of one of ``watches`` (entity names) is
    saved anywhere: a customer's open projects, its open tickets."""

    watches: tuple[str, ...] = ()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        if record is None:
            self.show_text([])
            return
        self.load(record.id)

    def load(self, parent_id: int) -> None:
        fetch = self.fetcher()
        self.context.runner.run(lambda: fetch(parent_id),
                                lambda found: self.on_loaded(parent_id, found),
                                self.on_failed, context=self)

    def fetcher(self) -> Callable[[int], Any]:
        """What loads the section's content for a record id (run in the background)."""
        raise NotImplementedError

    def on_loaded(self, parent_id: int, found: Any) -> None:
        if parent_id == self.parent_id:  # else the form moved on to another record
            self.show_found(found)

    def show_found(self, found: Any) -> None:
        raise NotImplementedError

    def on_failed(self, _error: Exception) -> None:
        """The form itself reports a record that is gone."""

    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and changed.entity in self.watches:
            self.load(self.parent_id)


class OverviewTab(QScrollArea):
    """The sections of a form's Overview, two columns, each under its caption."""

    def __init__(self, sections: Sequence[tuple[str, FormPart]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewTab")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.sections = [s for _, s in sections]
        page = QWidget()
        grid = QGridLayout(page)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)
        for number, (caption, section) in enumerate(sections):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(caption)
            heading.setObjectName("overviewHeading")
            heading.setStyleSheet("font-weight: 600;")
            column.addWidget(heading)
            column.addWidget(section)
            column.addStretch(1)
            grid.addWidget(box, number // 2, number % 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(grid.rowCount(), 1)
        self.setWidget(page)

    def set_parent(self, record: Record | None) -> None:
        for section in self.sections:
            section.set_parent(record)
