"""A customer's timeline on its form's Overview: what happened with the customer and what is
planned, from every module that contributes (``Services.timeline``: activities, feedback,
projects), newest first.

Each line reads the local date and time, what it is ("Visit", "Complaint", "Project"), its
key and title as a link that opens the record, and its state; a late one (overdue) is dark
red and bold and says "overdue" in words. The section loads in the background and loads
again when a record touching this customer is saved anywhere (the change hub). A module
registers it on the customer form:
``Part("customer", Label("Timeline", "时间线"), TimelineSection, place="overview")``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.kit.timeline import TIMELINE_SHOWN, Moment
from app.ui.kit.context import Context
from app.ui.kit.parts import OverviewSection
from app.ui.kit.table_model import LATE_COLOUR

TITLE_SHOWN = 40  # characters of a title on its line; the record's form has the rest
CUSTOMER = "customer"


def shorten(text: str, limit: int = TITLE_SHOWN) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


class TimelineSection(OverviewSection):
    """The customer's timeline: up to ``TIMELINE_SHOWN`` entries, each a link."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("customerTimeline")
        self.moments: list[Moment] = []
        self.failed = False
        context.hub.sig_changed.connect(self.on_changed)

    def set_parent(self, record: Record | None) -> None:
        super().set_parent(record)
        self.moments = []
        if record is None:
            self.show_text([])
            return
        self.load(record.id)

    def load(self, customer_id: int) -> None:
        services, actor = self.context.services, self.context.actor
        self.context.runner.run(lambda: services.timeline(actor, customer_id),
                                lambda found: self.on_loaded(customer_id, found),
                                lambda error: self.on_failed(customer_id, error),
                                context=self)

    def on_loaded(self, customer_id: int, moments: list[Moment]) -> None:
        if customer_id != self.parent_id:  # the form moved on to another customer
            return
        self.failed = False
        self.moments = list(moments)
        self.show_moments(self.moments)

    def on_failed(self, customer_id: int, _error: Exception) -> None:
        """Said in place of the lines; the form itself reports a customer that is gone."""
        if customer_id != self.parent_id:
            return
        self.failed = True
        self.moments = []
        self.links = []
        self.body.setText(f"<i>{html.escape(self.tr('The timeline could not be loaded.'))}"
                          "</i>")

    # --- lines -------------------------------------------------------------------------
    def show_moments(self, moments: Sequence[Moment]) -> None:
        self.links = [(self.line_text(m), m.entity, m.record_id) for m in moments]
        if not moments:
            self.body.setText(f"<i>{html.escape(self.tr('Nothing on the timeline yet.'))}</i>")
            return
        rows = "".join(self.line_html(m) for m in moments)
        more = ""
        if len(moments) >= TIMELINE_SHOWN:
            more = ("<p style='color: palette(placeholder-text);'>" + html.escape(
                self.tr("The latest %1 are shown.").replace("%1", str(len(moments))))
                + "</p>")
        self.body.setText(f"<table cellspacing='0' cellpadding='2'>{rows}</table>{more}")

    def when_text(self, moment: Moment) -> str:
        return moment.when.astimezone().strftime("%Y-%m-%d %H:%M")

    def late_text(self) -> str:
        return self.tr("overdue")

    def line_text(self, moment: Moment) -> str:
        """The line as plain words (what a screen reader or a test reads)."""
        parts = [self.when_text(moment), moment.kind.text(self.language),
                 f"{moment.key}  {moment.title}".strip()]
        if moment.state is not None:
            parts.append(moment.state.text(self.language))
        if moment.late:
            parts.append(self.late_text())
        return " · ".join(parts)

    def line_html(self, moment: Moment) -> str:
        """A table row: time (dimmed), kind, the link, state; a late row dark red and bold
        throughout, its link too, with "⚠ overdue" after the state."""
        late = moment.late
        colour = f"color: {LATE_COLOUR}; font-weight: 700; " if late else ""
        when = colour or "color: palette(placeholder-text); "
        pad = "padding-right: 10px;"
        name = html.escape(f"{moment.key}  {shorten(moment.title)}".strip())
        link = f"<a href='{moment.entity}:{moment.record_id}' style='{colour}'>{name}</a>"
        state = html.escape(moment.state.text(self.language)) if moment.state else ""
        if late:
            state = (f"{state} · " if state else "") + "⚠ " + html.escape(self.late_text())
        return (f"<tr><td style='{when}{pad}'>{html.escape(self.when_text(moment))}</td>"
                f"<td style='{colour}{pad}'>{html.escape(moment.kind.text(self.language))}"
                f"</td><td style='{pad}'>{link}</td><td style='{colour}'>{state}</td></tr>")

    # --- what changed elsewhere ----------------------------------------------------------
    def on_changed(self, changed: Changed) -> None:
        if self.parent_id is not None and self.touches_customer(changed, self.parent_id):
            self.load(self.parent_id)

    def touches_customer(self, changed: Changed, customer_id: int) -> bool:
        """Whether ``changed`` may change this customer's timeline: the customer itself or
        a record naming it (a project, a visit), or a record on the timeline now (moved to
        another customer, removed)."""
        if changed.touches(CUSTOMER, customer_id):
            return True
        if any(m.entity == changed.entity and m.record_id in changed.ids
               for m in self.moments):
            return True
        entity = self.context.services.entities().get(changed.entity)
        if entity is None:
            return False
        names = [f.name for f in entity.fields if f.kind == "reference" and f.ref == CUSTOMER]
        if changed.record is None:  # removed, or a change without the record: ask again
            return bool(names)
        return any(changed.record.ref_id(n) == customer_id for n in names)
