"""Open any record's form from anywhere (a link on a customer's overview opens a project):
the form comes from the module whose ``MODULE.forms`` names the entity; a record already
open in a form is raised rather than opened twice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.kit.context import Context
from app.ui.kit.registry import UiModule, form_factory


class _Forms(QObject):
    """The forms opened here, until they close."""

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[tuple[int, str, int], QDialog] = {}

    def find(self, key: tuple[int, str, int]) -> QDialog | None:
        return self.open.get(key)

    def keep(self, key: tuple[int, str, int], form: QDialog) -> None:
        self.open[key] = form
        form.setProperty("openerKey", list(key))
        form.finished.connect(self.on_finished)

    def on_finished(self, _result: int) -> None:
        form = self.sender()
        if not isinstance(form, QDialog):
            return
        for key, kept in list(self.open.items()):
            if kept is form:
                del self.open[key]
        form.deleteLater()


_FORMS: _Forms | None = None


def _forms() -> _Forms:
    global _FORMS
    if _FORMS is None:
        _FORMS = _Forms()
    return _FORMS


def open_record(context: Context, entity: str, record_id: int | None, near: QWidget,
                values: Mapping[str, Any] | None = None,
                modules: tuple[UiModule, ...] | None = None) -> QDialog | None:
    """Show the form of ``entity`` ``record_id`` (None: a new one with ``values``), next
    to ``near``'s window; None when no module has a form for ``entity``."""
    factory = form_factory(entity, modules)
    if factory is None:
        return None
    forms = _forms()
    key = (id(context.hub), entity, record_id if record_id is not None else -1)
    form = forms.find(key) if record_id is not None else None
    if form is None:
        window = near.window()
        form = factory(context, record_id, window, dict(values or {}))
        form.setWindowModality(Qt.WindowModality.NonModal)
        restore = getattr(form, "restore_state", None)
        if callable(restore):
            restore(QSettings())
        place = getattr(form, "place", None)
        if callable(place):
            place(window.pos() + QPoint(40, 40))
        if record_id is not None:
            forms.keep(key, form)
        else:
            form.finished.connect(form.deleteLater)
    form.show()
    form.raise_()
    form.activateWindow()
    return form
