"""A record's workflow on its form: the state it is in, shown prominently beside the title,
and a button for each move it may make now that the user holds the right to (Assign,
Resolve, Close, Reopen), each with its mnemonic.

A move that sets fields (a resolution, an assignee, a satisfaction score) asks for them in
a small dialog built from the same field declarations (``MoveDialog``): the fields the
move requires are starred and editable there even when the form keeps them read-only; a
refused value is shown beneath its field and nothing is saved. A move sets nothing else
goes at once. Unsaved edits in the form are saved first. The record as moved is shown and
broadcast on the change hub, as a save is; a record changed meanwhile is a conflict, as for
a save. A user without the right to any move sees the state and no buttons.

``RecordForm`` builds this by itself for an entity with a workflow (``FormMoves``); a
module's form gives the choices of a reference field a move sets (the assignee) through
``RecordForm.move_choices``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.entity import Entity
from app.logic.kit.errors import ConflictError, FieldError, ValidationError
from app.logic.kit.fields import Field, Label, Ref
from app.logic.kit.workflow import Transition, Workflow
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.field_set import ERROR_STYLE, FieldSet
from app.ui.kit.language import ui_language
from app.ui.kit.messages import Messages

if TYPE_CHECKING:
    from app.ui.kit.record_form import RecordForm

# The reference choices a move's field offers: (label, id), as FieldSet.set_choices takes.
ChoiceItems = Sequence[tuple[str, Any]]
ChoiceLoader = Callable[[str], "Sequence[Ref] | None"]  # field name -> choices, off the GUI
OPEN_BADGE = ("color: #0b4f8a; background: #e3effb; border: 1px solid #9cc3ea;"
              " border-radius: 9px; padding: 2px 10px; font-weight: 600;")
FINAL_BADGE = ("color: #3c3c3c; background: #ececec; border: 1px solid #bdbdbd;"
               " border-radius: 9px; padding: 2px 10px; font-weight: 600;")
_MNEMONIC = re.compile(r"&([^&\s])")


# --- words -------------------------------------------------------------------------------
def state_label(entity: Entity, state: Any, language: str) -> str:
    """A state in the user's language: "Assigned", "已指派"."""
    workflow = _workflow(entity)
    return entity.field(workflow.field).choice_label(state, language)


def taken_mnemonics(texts: Iterable[str]) -> set[str]:
    """The letters that ``texts`` ("&Save", "保存(&S)") already use as mnemonics."""
    return {m.lower() for t in texts for m in _MNEMONIC.findall(t.replace("&&", ""))}


def with_mnemonic(label: Label, language: str, taken: set[str]) -> str:
    """The button's text with a free mnemonic (added to ``taken``): "&Resolve" or, in
    Chinese, "解决(&R)" with the English word's letter; no mnemonic when none is free."""
    english = label.en
    starts = [i for i, ch in enumerate(english) if ch.isalpha()
              and (i == 0 or not english[i - 1].isalpha())]
    rest = [i for i, ch in enumerate(english) if ch.isalpha() and i not in starts]
    for i in starts + rest:
        letter = english[i].lower()
        if letter.isascii() and letter not in taken:
            taken.add(letter)
            if language.startswith("zh"):
                return f"{label.zh}(&{letter.upper()})"
            return english[:i] + "&" + english[i:]
    return label.text(language)


def ref_items(refs: Iterable[Ref]) -> list[tuple[str, Any]]:
    """References as a combo's choices: "王芳 (wangfang)", or the key alone."""
    return [(f"{r.label} ({r.key})" if r.label and r.label != r.key else r.key, r.id)
            for r in refs]


def _workflow(entity: Entity) -> Workflow:
    if entity.workflow is None:
        raise ValueError(f"{entity.name} has no workflow")
    return entity.workflow


# --- the state -----------------------------------------------------------------------------
class StateBadge(QLabel):
    """The record's state as a badge: "Status: Assigned" (blue while open, grey once final)."""

    def __init__(self, entity: Entity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stateBadge")
        self.entity = entity
        self.state: str = ""
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_state(self, state: Any) -> None:
        workflow, language = _workflow(self.entity), ui_language()
        self.state = str(state or "")
        caption = self.entity.field(workflow.field).caption(language)
        colon = "：" if language.startswith("zh") else ": "
        self.setText(f"{caption}{colon}{state_label(self.entity, self.state, language)}")
        self.setStyleSheet(OPEN_BADGE if workflow.is_open(self.state) else FINAL_BADGE)
        self.setAccessibleName(self.text())


# --- the dialog of a move's fields -----------------------------------------------------------
class MoveDialog(QDialog):
    """Asks for the fields ``transition`` sets, then makes the move: ``sig_moved`` with the
    ``Changed`` once saved; a refused value stays on the dialog beneath its field; a record
    changed meanwhile closes it with ``sig_conflict``. Esc cancels."""

    sig_moved = Signal(object)  # Changed
    sig_conflict = Signal(object)  # ConflictError

    def __init__(self, context: Context, service: str, entity: Entity, record: Record,
                 transition: Transition, parent: QWidget | None = None,
                 choices: Mapping[str, ChoiceItems] | None = None,
                 load_choices: ChoiceLoader | None = None) -> None:
        """``choices``: a reference field's choices to start with (those the form shows);
        ``load_choices(name)`` (run in the background; None: keep them) loads them."""
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.context, self.entity, self.record = context, entity, record
        self.transition = transition
        self._service = service
        self._language = ui_language()
        self._messages = Messages(self)
        self.names = transition.settable
        self.fields = FieldSet(entity, self._messages, self, self.overrides())
        self.fields.build(self.names)
        self._build()
        self._fill(choices or {})
        if load_choices is not None:
            self.load_choices(load_choices)

    def overrides(self) -> dict[str, Field]:
        """The move's fields editable here, those it requires marked required."""
        return {n: replace(self.entity.field(n), editable=True,
                           required=self.entity.field(n).required
                           or n in self.transition.requires)
                for n in self.names}

    def _build(self) -> None:
        key = str(self.record.get(self.entity.key) or "") if self.entity.key else ""
        title = str(self.record.get(self.entity.title) or "")
        name = self.transition.label.text(self._language)
        self.setWindowTitle(f"{name} {key or title}".strip())
        heading = QLabel(f"{key}  {title}".strip())
        heading.setObjectName("moveHeading")
        heading.setStyleSheet("font-weight: 600;")
        heading.setWordWrap(True)
        state = _workflow(self.entity).field
        self.path = QLabel(self.tr("%1 → %2").replace(
            "%1", state_label(self.entity, self.record.get(state), self._language)).replace(
            "%2", state_label(self.entity, self.transition.target, self._language)))
        self.path.setObjectName("movePath")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for n in self.names:
            form.addRow(self.fields.label(n), self.fields.row(n))
        self.problem = QLabel()
        self.problem.setObjectName("moveProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox()
        taken = {"c"}  # Cancel's C (Esc cancels too)
        self.ok_button = self.buttons.addButton(
            with_mnemonic(self.transition.label, self._language, taken),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("moveOk")
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(self.tr("Cancel"),
                                        QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("moveCancel")
        self.ok_button.clicked.connect(self.on_ok)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.path)
        layout.addLayout(form)
        if self.transition.requires:
            hint = QLabel(self.tr("Fields marked * are required."))
            hint.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _fill(self, choices: Mapping[str, ChoiceItems]) -> None:
        for n in self.names:
            if self.fields.field(n).kind == "reference":
                self.fields.set_choices(n, self._with_blank(n, choices.get(n, ())))
        self.fields.set_values({n: self.record.get(n) for n in self.names})
        if self.names:
            self.fields.editor(self.names[0]).setFocus()

    def _with_blank(self, name: str, items: ChoiceItems) -> list[tuple[str, Any]]:
        """A reference not given yet starts blank: a choice is made, never assumed."""
        listed = [(label, data) for label, data in items if data not in (None, "")]
        return [("", None), *listed]

    def load_choices(self, loader: ChoiceLoader) -> None:
        for n in self.names:
            if self.fields.field(n).kind == "reference":
                self.context.runner.run(partial(loader, n), partial(self.on_choices, n),
                                        self.on_choices_failed, context=self)

    def on_choices(self, name: str, refs: Sequence[Ref] | None) -> None:
        """The loaded choices replace those the form gave; what is chosen stays chosen, and
        the record's own value is always offered."""
        if refs is None:
            return
        chosen = self.fields.value(name)
        self.fields.set_choices(name, self._with_blank(name, ref_items(refs)))
        current = self.record.get(name)
        if isinstance(current, Ref):
            self.fields.add_choice(name, ref_items([current])[0][0], current.id)
        combo = self.fields.editor(name)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def on_choices_failed(self, _error: Exception) -> None:
        """The choices the form gave stay; the move still checks what is chosen."""

    # --- the move ------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {n: self.fields.value(n) for n in self.names}

    def on_ok(self) -> None:
        service, actor = self.context.service(self._service), self.context.actor
        record, name, values = self.record, self.transition.name, self.values()
        self.ok_button.setEnabled(False)
        self.fields.clear_errors()
        self.problem.hide()
        self.context.runner.run(
            lambda: service.transit(actor, record.id, record.version, name, values),
            self.on_moved, self.on_failed, context=self)

    def on_moved(self, changed: Changed) -> None:
        self.ok_button.setEnabled(True)
        self.fields.mark_clean()
        self.accept()
        self.sig_moved.emit(changed)

    def on_failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_validation(error.errors)
        elif isinstance(error, ConflictError):
            self.reject()
            self.sig_conflict.emit(error)
        else:
            show_error(self, error)

    def show_validation(self, errors: Mapping[str, FieldError]) -> None:
        """Each error beneath its field; one about another field (the state: moved by
        someone else meanwhile) in words above the buttons. Nothing was saved."""
        rest = self.fields.show_errors(errors)
        lines = [f"{self._messages.field_label(n, self.entity)}: "
                 f"{self._messages.field_error(p)}" for n, p in rest.items()]
        lines.append(self.tr("Nothing was saved."))
        self.problem.setText("\n".join(lines))
        self.problem.show()
        first = self.fields.first_error()
        if first is not None:
            self.fields.editor(first).setFocus()


# --- on the form ---------------------------------------------------------------------------
class FormMoves(QObject):
    """What a ``RecordForm`` of an entity with a workflow adds: the state badge (``badge``,
    beside the title) and the move buttons (``bar``, in the button row)."""

    def __init__(self, form: RecordForm) -> None:
        super().__init__(form)
        self.form = form
        self.entity = form.entity
        self.workflow = _workflow(form.entity)
        self.badge = StateBadge(form.entity)
        self.bar = QWidget()
        self.bar.setObjectName("moveButtons")
        self._row = QHBoxLayout(self.bar)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.dialog: MoveDialog | None = None
        self._pending = ""  # a move waiting for the form's save

    # --- showing --------------------------------------------------------------------------
    def show(self, record: Record | None) -> None:
        """The state of ``record`` (a new one: the workflow's first state) and its moves."""
        self.badge.show_state(record.get(self.workflow.field) if record is not None
                              else self.workflow.initial)
        for button in self.buttons.values():
            self._row.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        if record is None:
            return
        language = ui_language()
        taken = taken_mnemonics(self._form_texts())
        for t in self.moves(record):
            button = QPushButton(with_mnemonic(t.label, language, taken), self.bar)
            button.setObjectName(f"move_{t.name}")
            button.setAutoDefault(False)
            button.setToolTip(self.tr("%1: to %2").replace(
                "%1", t.label.text(language)).replace(
                "%2", state_label(self.entity, t.target, language)))
            button.clicked.connect(partial(self.on_move, t.name))
            self._row.addWidget(button)
            button.show()  # now, not once the event loop gets to it
            self.buttons[t.name] = button

    def moves(self, record: Record) -> tuple[Transition, ...]:
        """The moves ``record`` may make that the user holds the right to."""
        found: tuple[Transition, ...] = self.form.service.next_moves(self.form.context.actor,
                                                                      record)
        return found

    def _form_texts(self) -> list[str]:
        """The form's own buttons and tabs, whose mnemonics a move must not take."""
        texts = [b.text() for b in self.form.findChildren(QPushButton)
                 if b.parent() is not self.bar]
        tabs: QTabWidget = self.form.tabs
        texts += [tabs.tabText(i) for i in range(tabs.count())]
        return texts

    # --- moving ---------------------------------------------------------------------------
    def on_move(self, name: str) -> MoveDialog | None:
        """Make the move ``name``: save the form's edits first, ask for the fields it sets,
        then move."""
        form, record = self.form, self.form.record
        if record is None or name not in {t.name for t in self.moves(record)}:
            return None
        if form.is_dirty():
            self._pending = name
            form.on_save()
            return None
        transition = self.workflow.transition(name)
        if transition.settable:
            return self.ask(transition, record)
        self._set_busy(True)
        form.show_status(self.tr("Saving..."))
        service, actor = form.service, form.context.actor
        form.context.runner.run(
            lambda: service.transit(actor, record.id, record.version, name, {}),
            self.on_moved, self.on_failed, context=form)
        return None

    def ask(self, transition: Transition, record: Record) -> MoveDialog:
        form = self.form
        names = [n for n in transition.settable if n in form.fields.names()
                 and form.entity.field(n).kind == "reference"]
        choices = {n: self._items(n) for n in names}
        dialog = self.dialog = MoveDialog(form.context, form.service_name, form.entity, record,
                                          transition, form, choices, form.move_choices)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_moved.connect(self.on_moved)
        dialog.sig_conflict.connect(self.on_failed)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.dialog = None

    def _items(self, name: str) -> list[tuple[str, Any]]:
        combo = self.form.fields.editor(name)
        return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]

    def after_save(self) -> None:
        """The form saved: make the move that waited for it."""
        name, self._pending = self._pending, ""
        if name and not self.form.is_dirty():
            self.on_move(name)

    def cancel_pending(self) -> None:
        self._pending = ""

    def on_moved(self, changed: Changed) -> None:
        self._set_busy(False)
        form = self.form
        form.on_saved(changed)
        record = changed.saved
        key = str(record.get(self.entity.key) or "") if self.entity.key else ""
        form.show_status(self.tr("%1 is now %2.").replace(
            "%1", key or form.noun()).replace(
            "%2", state_label(self.entity, record.get(self.workflow.field), ui_language())))

    def on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.form.show_status("")
        self.form.on_save_failed(error)

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)
