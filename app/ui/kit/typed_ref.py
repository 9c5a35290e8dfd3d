"""Reference fields of a record form that find their records: a customer picked by typing
its name, code or pinyin, and a contact chosen among that customer's contacts.

``TypedRef`` offers the first records of the referred entity (its record service's list, in
the actor's scope) and adds those the list's search finds as the user types; a text typed
but not picked is sent as typed, so the service finds the record by its key or says there is
none. ``DependentRef`` offers the records belonging to the record another field names (a
customer's contacts), reloaded when that field changes. Neither names a module: each reads
the referred entity's declaration (its key and title) through ``services.for_entity``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox

from app.logic.kit.dto import ListQuery
from app.ui.kit.type_search import search_as_typed

if TYPE_CHECKING:
    from app.ui.kit.record_form import RecordForm

OFFERED = 200  # records in the list before the user types; a search finds more
FOUND = 50  # records a search adds
Items = list[tuple[str, Any]]


def ref_text(key: str, title: str) -> str:
    """How a referred record reads in a combo: "北京星河科技有限公司 (C000001)"."""
    if not key or key == title:
        return title or key
    return f"{title} ({key})" if title else key


class TypedRef(QObject):
    """``field`` of ``form`` (a reference): its choices come from the referred entity's
    list, and more are found as the user types."""

    def __init__(self, form: RecordForm, field: str, placeholder: str,
                 offered: int = OFFERED) -> None:
        super().__init__(form)
        self.form, self.field, self.offered = form, field, offered
        self.ref = form.entity.field(field).ref
        self.timer = search_as_typed(self.combo, placeholder, self.search, self)

    @property
    def combo(self) -> QComboBox:
        combo: QComboBox = self.form.fields.editor(self.field)
        return combo

    def _service(self) -> Any:
        return self.form.context.services.for_entity(self.ref)

    def may_list(self) -> bool:
        entity = self._service().entity
        return self.form.context.can(entity.module, "view")

    def choices(self, wanted: Any = None) -> Callable[[], Items]:
        """A task for the form's background load: the first records, and ``wanted`` (an
        id: the record a new one is made for) among them."""
        service, actor, offered = self._service(), self.form.context.actor, self.offered
        can_list = self.may_list()

        def task() -> Items:
            if not can_list:
                return []
            rows = service.list_page(actor, ListQuery(), None, offered).rows
            items = [self._item(service.entity, r) for r in rows]
            if isinstance(wanted, int) and all(i != wanted for _, i in items):
                found = service.get(actor, wanted)
                items.insert(0, (ref_text(str(found.get(service.entity.key) or ""),
                                          str(found.get(service.entity.title) or "")),
                                 found.id))
            return items

        return task

    @staticmethod
    def _item(entity: Any, row: Any) -> tuple[str, Any]:
        key = str(getattr(row, entity.key, "") or "") if entity.key else ""
        title = str(getattr(row, entity.title, "") or "") if entity.title else ""
        return ref_text(key, title), row.id

    def search(self) -> None:
        """Records whose name, key or pinyin hold what was typed become choices too."""
        text = self.combo.currentText().strip()
        if not text or not self.may_list():
            return
        service, actor = self._service(), self.form.context.actor
        self.form.context.runner.run(
            lambda: service.list_page(actor, ListQuery(search=text), None, FOUND).rows,
            self.on_found, self.on_failed, context=self.form)

    def on_found(self, rows: Any) -> None:
        entity = self._service().entity
        for row in rows:
            self.form.fields.add_choice(self.field, *self._item(entity, row))

    def on_failed(self, _error: Exception) -> None:
        """A search the list refuses (too long): the choices stay as they were."""

    def typed(self, values: dict[str, Any]) -> None:
        """A text typed but not picked from the list is sent as typed (the service finds
        the record by its key, or says there is no such record)."""
        combo = self.combo
        text = combo.currentText().strip()
        if text and (combo.currentIndex() < 0 or
                     combo.itemText(combo.currentIndex()) != combo.currentText()):
            values[self.field] = text

    def clear_if_new(self, wanted: Any) -> None:
        """A new record not made for a given one: nothing chosen, never assumed."""
        if wanted is None:
            self.combo.setCurrentIndex(-1)


class DependentRef(QObject):
    """``field`` of ``form`` (a reference) offers the records belonging to the one
    ``parent_field`` names (a customer's contacts: the referred list filtered by
    ``filter_name``), reloaded when the parent changes; blank is always a choice."""

    def __init__(self, form: RecordForm, field: str, parent_field: str,
                 filter_name: str = "", limit: int = OFFERED) -> None:
        super().__init__(form)
        self.form, self.field, self.parent_field = form, field, parent_field
        self.filter_name, self.limit = filter_name or parent_field, limit
        self.ref = form.entity.field(field).ref
        self.loaded_for: Any = object()
        parent_combo: QComboBox = form.fields.editor(parent_field)
        parent_combo.currentIndexChanged.connect(self.reload)

    def reload(self, *_args: Any) -> None:
        parent_id = self.form.fields.value(self.parent_field)
        if parent_id == self.loaded_for:
            return
        self.loaded_for = parent_id
        if not isinstance(parent_id, int):
            self.form.fields.set_choices(self.field, [("", None)])
            return
        service = self.form.context.services.for_entity(self.ref)
        if not self.form.context.can(service.entity.module, "view"):
            return
        actor, query = self.form.context.actor, ListQuery(
            filters=((self.filter_name, parent_id),))
        self.form.context.runner.run(
            lambda: service.list_page(actor, query, None, self.limit).rows,
            lambda rows: self.on_loaded(parent_id, rows), self.on_failed, context=self.form)

    def on_loaded(self, parent_id: Any, rows: Any) -> None:
        if parent_id != self.form.fields.value(self.parent_field):
            return
        entity = self.form.context.services.for_entity(self.ref).entity
        clean = not self.form.fields.is_dirty()
        self.form.fields.set_choices(
            self.field, [("", None), *(TypedRef._item(entity, r) for r in rows)])
        if clean:  # new choices are not an edit
            self.form.fields.mark_clean()

    def on_failed(self, _error: Exception) -> None:
        """The parent is gone or out of scope: the form says so when it saves."""
