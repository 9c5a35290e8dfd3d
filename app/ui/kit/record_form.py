"""Create, read or edit one record: the form every module gets from its field declarations.

Keyboard first: Enter saves from any one-line field, Ctrl+S saves, Esc closes (asking
Save, Discard or Cancel when there are unsaved changes, which the title marks with *),
Ctrl+N starts a new record. A user who may not change the record gets locked fields and
no prompt. A save that another user beat shows both sets of values and offers to reload
and re-apply; a possible duplicate asks before saving. History shows the record's audit
entries. Forms open cascaded and stay on the screen; an error message never changes the
size they keep. An entity with a workflow shows its state beside the title and a button per
move the user may make now (``FormMoves``, app/ui/kit/workflow.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QScreen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.entity import Entity, Group
from app.logic.kit.errors import ConflictError, PossibleDuplicate, ValidationError
from app.logic.kit.fields import Ref
from app.ui.kit import persist
from app.ui.kit.conflict_dialog import ConflictDialog, Difference
from app.ui.kit.context import Context
from app.ui.kit.duplicate_prompt import DuplicatePrompt
from app.ui.kit.errors import show_error
from app.ui.kit.field_set import FieldSet
from app.ui.kit.language import in_sentence, ui_language
from app.ui.kit.messages import Messages
from app.ui.kit.parts import FormPart, OverviewTab
from app.ui.kit.progress import run_with_progress
from app.ui.kit.registry import parts_for
from app.ui.kit.workflow import FormMoves

Choices = dict[str, list[tuple[str, Any]]]  # reference field -> (label, id) to choose from
CASCADE = 32
# A reader's form: fields on the window's colour, choices in the text colour (not greyed
# out as if missing), so it reads as a record to look at rather than a form to fill in.
READ_ONLY_STYLE = """
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] { background: palette(window); }
QComboBox:disabled, QSpinBox:disabled, QCheckBox:disabled { color: palette(text); }
"""
# A caution (Entity.warnings): amber on a light amber band, apart from the red of an error.
WARNING_STYLE = ("color: #8a5300; background: #fff4e0; border: 1px solid #f0c36d;"
                 " border-radius: 3px; padding: 3px 6px;")


class RecordForm(QDialog):
    sig_saved = Signal(object)  # Changed
    # The state badge and move buttons of an entity with a workflow; a form whose moves ask
    # for more (an order's confirm: the credit override) gives its own subclass.
    moves_class: type[FormMoves] = FormMoves

    def __init__(self, context: Context, service: str, entity: Entity,
                 record_id: int | None = None, parent: QWidget | None = None,
                 initial: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{entity.name}Form")
        self.initial = dict(initial or {})  # a new record's values, over the defaults
        self.context = context
        self.entity = entity
        self._service = service
        self._language = ui_language()
        self.record: Record | None = None
        self.record_id = record_id
        self._allow_duplicate = False
        self._close_after_save = False
        self.settings_key = f"{entity.module}/{entity.name}/form"
        self.fields = FieldSet(entity, Messages(self), self)
        self.fields.sig_dirty_changed.connect(self.setWindowModified)
        self._new_defaults: dict[str, Any] | None = None  # the service's, once loaded
        self._build()
        self.fields.sig_edited.connect(self.show_warnings)
        self._add_shortcuts()
        context.hub.sig_changed.connect(self.on_changed)
        self.load(record_id)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setObjectName("formMeta")
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("formTabs")
        self.tabs.addTab(self._details(), self.tr("&Details"))
        notes = [f.name for f in self.entity.fields if f.kind == "notes"]
        self.fields.build(notes)
        for name in notes:
            self.tabs.addTab(self.fields.row(name), self.fields.caption(name))
        for widget, caption in self.extra_tabs():
            self.tabs.addTab(widget, caption)
        self._add_parts()
        self.status = QLabel()
        self.status.setObjectName("formStatus")
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("formWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save (Enter or Ctrl+S)"))
        self.save_button.clicked.connect(self.on_save)
        self.history_button = QPushButton(self.tr("&History..."), self)
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(self.on_history)
        self.moves = self.moves_class(self) if self.entity.workflow is not None else None
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.title)
        if self.moves is not None:  # the state, beside the title
            head.addSpacing(12)
            head.addWidget(self.moves.badge)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addWidget(self.history_button)  # about the record, apart from Save and Close
        if self.moves is not None:
            bottom.addWidget(self.moves.bar)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _details(self) -> QWidget:
        """The groups of fields in two columns (the first group on its own on the left),
        inside a scroll area: a small screen scrolls, and error messages under the fields
        never grow the window."""
        groups = [Group(g.label, tuple(n for n in g.fields
                                       if self.entity.field(n).kind != "notes"))
                  for g in self.entity.layout()]
        page = QWidget()
        grid = QGridLayout(page)
        for number, group in enumerate(groups):
            self.fields.build(group.fields)
            box = self._group(group)
            if number == 0 and len(groups) > 1:
                grid.addWidget(box, 0, 0, max(1, len(groups) - 1), 1)
            elif len(groups) == 1:
                grid.addWidget(box, 0, 0)
            else:
                grid.addWidget(box, number - 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1 if len(groups) > 1 else 0)
        grid.setRowStretch(max(1, len(groups) - 1), 1)
        scroll = QScrollArea()
        scroll.setObjectName("detailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _group(self, group: Group) -> QGroupBox:
        box = QGroupBox(group.label.text(self._language))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in group.fields:
            form.addRow(self.fields.label(name), self.fields.row(name))
        return box

    def move_choices(self, name: str) -> list[Ref] | None:
        """The choices of reference field ``name`` that a workflow move sets (a ticket's
        assignee), for the move's dialog; None: those the form's own field offers. Runs in
        the background: call services only, touch no widget."""
        return None

    def extra_tabs(self) -> list[tuple[QWidget, str]]:
        """More tabs after the details and notes (a customer's contacts)."""
        return []

    def _add_parts(self) -> None:
        """What other modules add to this entity's form (registered as ``Part``s): their
        tabs after the form's own, and an Overview tab of their sections after Details."""
        self.parts: list[FormPart] = []
        for part in parts_for(self.entity.name, "tab", self.context):
            widget = part.build(self.context)
            self.parts.append(widget)
            self.tabs.addTab(widget, part.caption.text(self._language))
        sections = [(p.caption.text(self._language), p.build(self.context))
                    for p in parts_for(self.entity.name, "overview", self.context)]
        self.overview: OverviewTab | None = None
        if sections:
            self.overview = OverviewTab(sections)
            self.tabs.insertTab(1, self.overview, self.tr("O&verview"))

    def _show_parts(self, record: Record | None) -> None:
        for part in self.parts:
            part.set_parent(record)
        if self.overview is not None:
            self.overview.set_parent(record)
            self.tabs.setTabVisible(self.tabs.indexOf(self.overview), record is not None)

    def _add_shortcuts(self) -> None:
        for key, slot in ((QKeySequence.StandardKey.Save, self.on_save),
                          (QKeySequence.StandardKey.New, self.on_new)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves, always, from whatever field has the focus (not from a button or
        the notes, where it presses the button or starts a new line)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not isinstance(self.focusWidget(), QPushButton | QPlainTextEdit):
            event.accept()
            self.on_save()
            return
        super().keyPressEvent(event)

    # --- loading --------------------------------------------------------------------------
    @property
    def service(self) -> Any:
        return self.context.service(self._service)

    @property
    def service_name(self) -> str:
        """The name of the entity's record service among ``context.services``."""
        return self._service

    def load(self, record_id: int | None) -> None:
        service, actor = self.service, self.context.actor
        choices = self.choices_task()
        defaults = getattr(service, "new_defaults", None)

        def fetch() -> tuple[Choices, Record | None, dict[str, Any] | None]:
            record = None if record_id is None else service.get(actor, record_id)
            return choices(), record, defaults(actor) if defaults is not None else None

        run_with_progress(self.context.runner, self, self.tr("Opening..."), fetch,
                          self.on_loaded, self.on_load_failed, context=self)

    def choices_task(self) -> Any:
        """A function (run in the background) giving the choices of reference fields."""
        return dict

    def on_loaded(self, loaded: tuple[Choices, Record | None, dict[str, Any] | None]
                  ) -> None:
        choices, record, self._new_defaults = loaded
        for name, items in choices.items():
            self.fields.set_choices(name, items)
        self.show_record(record)

    def on_load_failed(self, error: Exception) -> None:
        show_error(self.parentWidget(), error)
        self.fields.mark_clean()
        self.close()

    def new_values(self) -> dict[str, Any]:
        """A new record's values before the user types: the defaults the service gives
        (those declared, and those an administrator set), over them ``initial``."""
        blank = {n: "" for n in self.fields.names()}
        defaults = self._new_defaults if self._new_defaults is not None \
            else self.entity.defaults()
        return {**blank, **defaults, **self.initial}

    def show_record(self, record: Record | None) -> None:
        self.record = record
        self.record_id = record.id if record else None
        self._allow_duplicate = False
        self.fields.clear_errors()
        self.fields.set_read_only(False)
        if record is None:
            self.fields.set_values(self.new_values())
        else:
            self.fields.set_values(record.values)
        self._show_heading()
        self._apply_rights()
        if self.moves is not None:
            self.moves.show(record)
        self._show_parts(record)
        self.tabs.setCurrentIndex(0)
        first = self.entity.title if self.entity.has(self.entity.title) else None
        if first and first in self.fields.names() and not self.fields.read_only:
            self.fields.editor(first).setFocus()
        elif self.fields.read_only:
            self.tabs.setFocus()  # a reader starts at the tabs, nothing selected

    def may_save(self) -> bool:
        """Whether the signed-in user may save this record (the service checks again)."""
        return self.context.can(self.entity.module,
                                "create" if self.record is None else "edit")

    def _apply_rights(self) -> None:
        allowed = self.may_save()
        self.setStyleSheet("" if allowed else READ_ONLY_STYLE)
        self.fields.set_read_only(not allowed)
        self.save_button.setVisible(allowed)
        self.history_button.setEnabled(self.record is not None)
        if not allowed:
            self.status.setText(self.tr("You may look at this %1 but not change it.")
                                .replace("%1", self.noun()))
        else:
            self.status.clear()

    def noun(self) -> str:
        """The entity's name inside a sentence: "customer" (English lower case), "客户"."""
        return in_sentence(self.entity.label)

    def _show_heading(self) -> None:
        label = self.entity.label.text(self._language)
        r = self.record
        if r is None:
            self.setWindowTitle(self.tr("New %1[*]").replace("%1", self.noun()))
            self.title.setText(self.tr("New %1").replace("%1", self.noun()))
            self.meta.setText(self.tr("Fields marked * are required. Enter or Ctrl+S saves."))
            return
        key = str(r.get(self.entity.key) or "") if self.entity.key else ""
        title = str(r.get(self.entity.title) or "")
        self.setWindowTitle(f"{label} {key or title}[*]".strip())
        self.title.setText(f"{key}  {title}".strip())
        when = r.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.updated_at else ""
        self.meta.setText(self.tr("Last changed by %1 at %2 (version %3)")
                          .replace("%1", r.updated_by or "-").replace("%2", when)
                          .replace("%3", str(r.version)))

    def show_warnings(self) -> None:
        """What the values shown are warned of (the entity's cautions: a cost above the list
        price), as the user types; saving goes on all the same."""
        if not self.entity.warnings:
            return
        found = self.entity.warnings_for(self.fields.values())
        self.warning.setText("\n".join(self.tr("Warning: %1").replace(
            "%1", w.text(self._language)) for w in found))
        self.warning.setVisible(bool(found))

    def show_status(self, text: str) -> None:
        """A word under the fields on how something went (saved, exported)."""
        self.status.setText(text)

    # --- saving ---------------------------------------------------------------------------
    def on_save(self) -> None:
        if not self.may_save() or self.fields.read_only:
            return
        service, actor, record = self.service, self.context.actor, self.record
        allow = self._allow_duplicate
        if record is None:
            values = self.create_values()
            task: Any = lambda: self.save_new(service, actor, values, allow)  # noqa: E731
        else:
            changes = self.fields.changes()
            if not changes:
                self.status.setText(self.tr("No changes to save."))
                if self._close_after_save:
                    self.accept()
                return
            task = lambda: service.update(actor, record.id, record.version, changes,  # noqa: E731
                                          allow_duplicate=allow)
        self.status.setText(self.tr("Saving..."))
        self.save_button.setEnabled(False)
        self.context.runner.run(task, self.on_saved, self.on_save_failed, context=self)

    def create_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.fields.values().items() if v not in ("", None)
                or k in self.entity.defaults()}

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.create(actor, values, allow_duplicate=allow)
        return changed

    def on_saved(self, changed: Changed) -> None:
        self.save_button.setEnabled(True)
        record = changed.saved
        index = self.tabs.currentIndex()
        self.show_record(record)
        self.tabs.setCurrentIndex(index)
        self.status.setText(self.tr("Saved %1.").replace(
            "%1", str(record.get(self.entity.key) or record.get(self.entity.title) or "")))
        self.context.hub.broadcast(changed)
        self.sig_saved.emit(changed)
        if self._close_after_save:
            self.accept()
        elif self.moves is not None:
            self.moves.after_save()  # a move that waited for this save

    def on_save_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._close_after_save = False
        if self.moves is not None:
            self.moves.cancel_pending()
        self.status.clear()
        if isinstance(error, ValidationError):
            self.show_validation(error)
        elif isinstance(error, PossibleDuplicate):
            if self.confirm_duplicate(error):
                self._allow_duplicate = True
                self.on_save()
        elif isinstance(error, ConflictError):
            self.resolve_conflict(error)
        else:
            show_error(self, error)

    def show_validation(self, error: ValidationError) -> None:
        rest = self.fields.show_errors(error.errors)
        first = self.fields.first_error()
        if first is not None:
            notes = self.entity.field(first).kind == "notes"
            self.tabs.setCurrentIndex(self.tabs.indexOf(self.fields.row(first)) if notes else 0)
            self.fields.editor(first).setFocus()
        self.status.setText(self.tr("Please correct the marked fields. Nothing was saved."))
        if rest:
            show_error(self, ValidationError(rest))

    def confirm_duplicate(self, error: PossibleDuplicate) -> bool:
        return DuplicatePrompt(self.entity, error, self).confirmed()

    # --- conflicts ------------------------------------------------------------------------
    def resolve_conflict(self, error: ConflictError) -> None:
        mine = self.fields.changes()
        dialog = ConflictDialog(self.noun(), error.changed_by, error.changed_at,
                                self.differences(mine, error.theirs), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self.record is not None:
            service, actor, record_id = self.service, self.context.actor, self.record.id
            self.context.runner.run(lambda: service.get(actor, record_id),
                                    lambda fresh: self.reapply(fresh, mine),
                                    self.on_load_failed, context=self)
        else:
            self.status.setText(self.tr("Not saved: another user changed this record."))

    def differences(self, mine: dict[str, Any], theirs: dict[str, Any]) -> list[Difference]:
        base = self.record.editable_values(tuple(self.fields.names())) if self.record else {}
        rows = []
        for name in self.fields.names():
            if name not in theirs:
                continue
            they_changed = self.fields.display(name, theirs[name]) != \
                self.fields.display(name, base.get(name))
            if name in mine or they_changed:
                yours = mine.get(name, base.get(name))
                rows.append((self.fields.caption(name), self.fields.display(name, yours),
                             self.fields.display(name, theirs[name]),
                             name in mine and they_changed))
        return rows

    def reapply(self, fresh: Record, mine: dict[str, Any]) -> None:
        self.show_record(fresh)
        self.fields.set_values(mine, snapshot=False)
        self.status.setText(self.tr("Reloaded. Your edits are re-applied: check them and save."))

    def on_changed(self, changed: Changed) -> None:
        """Another screen saved this record: show it, unless the user is editing (then
        saving shows the conflict)."""
        if self.record is None or not changed.touches(self.entity.name, self.record.id):
            return
        if changed.record is not None and changed.entity == self.entity.name \
                and changed.record.version != self.record.version and \
                not self.is_dirty():
            self.show_record(changed.record)

    # --- history --------------------------------------------------------------------------
    def on_history(self) -> QDialog | None:
        if self.record is None:
            return None
        from app.ui.kit.history import HistoryDialog

        dialog = HistoryDialog(self.context, self._service, self.entity, self.record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- new, cancel, close ---------------------------------------------------------------
    def on_new(self) -> None:
        if not self.context.can(self.entity.module, "create"):
            return
        if self.confirm_close():
            self.show_record(None)

    def reject(self) -> None:
        if self.confirm_close():
            self.fields.mark_clean()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_close():
            event.ignore()
            return
        self.fields.mark_clean()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.save_state(QSettings())
        super().done(result)

    def is_dirty(self) -> bool:
        """Whether the form holds edits not saved: its fields' (a form that edits more, an
        order's lines, adds its own)."""
        return self.fields.is_dirty()

    def confirm_close(self) -> bool:
        """True when the form may close: nothing unsaved, or the user chose Discard. Save
        saves first and closes once that worked."""
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            self._close_after_save = True
            self.on_save()
            return False
        return answer == "discard"

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel"."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Save your changes to this %1?").replace(
                              "%1", self.noun()),
                          parent=self)
        box.setObjectName("unsavedPrompt")
        save = box.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    # --- where the window goes --------------------------------------------------------------
    def place(self, near: QPoint | None, room: QRect | None = None) -> None:
        """Open below and right of ``near`` (the previous form), inside the screen."""
        self.fit_on_screen(room)
        if near is not None:
            self.move(near + QPoint(CASCADE, CASCADE))
            self.fit_on_screen(room)

    def fit_on_screen(self, room: QRect | None = None) -> None:
        """Keep the whole window, frame included, inside ``room``: by default the screen
        without its taskbar. Too large a window is made smaller first."""
        if room is None:
            screen: QScreen | None = self.screen()
            screen = screen if screen is not None else QGuiApplication.primaryScreen()
            if screen is None:
                return
            room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), room.left()), room.right() - width - extra_w + 1)
        y = min(max(self.y(), room.top()), room.bottom() - height - extra_h + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.settings_key}/size", self.size())

    def restore_state(self, settings: QSettings) -> None:
        """The size the user gave forms of this kind (not the position: forms cascade)."""
        size = settings.value(f"{self.settings_key}/size")
        self.resize(size if size is not None and not size.isEmpty() else self.default_size())
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

    def default_size(self) -> QSize:
        return QSize(900, 620)


__all__ = ["Choices", "RecordForm", "persist"]
