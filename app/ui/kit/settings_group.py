"""A module's settings an administrator changes (the SLA's hours per priority, the tax rate of
new products), in one small dialog built from the settings group's declaration
(app/logic/kit/settings.py): the values now, Save (Enter) and Cancel (Esc); a refused value is
shown beneath its field and nothing is saved; another administrator's save meanwhile is said,
and the values now are shown again. A user without the right to change them reads them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.logic.kit.dto import Changed, Record
from app.logic.kit.errors import ConflictError, ValidationError
from app.ui.kit.context import Context
from app.ui.kit.errors import show_error
from app.ui.kit.field_set import ERROR_STYLE, FieldSet
from app.ui.kit.language import ui_language
from app.ui.kit.messages import Messages


class SettingsGroupDialog(QDialog):
    """The settings of ``service`` (the name of a ``SettingsGroupService`` among the
    services); ``sig``-less: ``changed`` holds what the last save gave."""

    def __init__(self, context: Context, service: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsGroupDialog")
        self.context = context
        self.service = context.service(service)
        self.entity = self.service.entity
        self.language = ui_language()
        self.record: Record | None = None
        self.changed: Changed | None = None
        self.may_change = context.can(self.entity.module, "edit")
        self.fields = FieldSet(self.entity, Messages(self), self)
        names = [f.name for f in self.entity.fields]
        self.fields.build(names)
        self.setWindowTitle(self.entity.label.text(self.language))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            form.addRow(self.fields.label(name), self.fields.row(name))
        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox()
        if self.may_change:
            self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
            self.save_button.setText(self.tr("&Save"))
            self.save_button.setDefault(True)
            self.save_button.clicked.connect(self.on_save)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Cancel") if self.may_change else self.tr("Close"))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if not self.may_change:
            note = QLabel(self.tr("Only an administrator changes these settings."))
            note.setObjectName("settingsReadOnly")
            layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.fields.set_read_only(not self.may_change)
        self.load()

    def load(self) -> None:
        service, actor = self.service, self.context.actor
        self.context.runner.run(lambda: service.settings(actor), self.show_settings,
                                self.on_failed, context=self)

    def show_settings(self, record: Record) -> None:
        self.record = record
        self.fields.set_values(record.values)

    def on_save(self) -> None:
        if self.record is None:
            return
        self.fields.clear_errors()
        self.problem.hide()
        values: dict[str, Any] = self.fields.values()
        service, actor, version = self.service, self.context.actor, self.record.version
        self.context.runner.run(lambda: service.change_settings(actor, version, values),
                                self.on_saved, self.on_failed, context=self)

    def on_saved(self, changed: Changed) -> None:
        self.changed = changed
        self.context.hub.broadcast(changed)
        self.accept()

    def on_failed(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self.fields.show_errors(error.errors)
            self.problem.setText(self.tr("Nothing was saved."))
            self.problem.show()
        elif isinstance(error, ConflictError):
            self.problem.setText(self.tr("Another administrator changed these settings "
                                         "meanwhile; they are shown as they are now. "
                                         "Nothing was saved."))
            self.problem.show()
            self.load()
        else:
            show_error(self, error)
