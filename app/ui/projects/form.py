"""Create, read or edit one project: the kit's record form, with the customer found as the
user types, the owners offered, and a completed or cancelled project read-only until
someone with the right reopens it (the Reopen button)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPushButton, QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.projects import CLOSED, PROJECT
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import TypedRef

CUSTOMERS_OFFERED = 200  # customers in the list before the user types; a search finds more


class ProjectForm(RecordForm):
    def __init__(self, context: Context, project_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "projects", PROJECT, project_id, parent, initial)

    def _build(self) -> None:
        super()._build()
        self.reopen_button: QPushButton = self.buttons.addButton(
            self.tr("&Reopen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.setAutoDefault(False)
        self.reopen_button.clicked.connect(self.on_reopen)
        self.reopen_button.hide()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"),
                                 CUSTOMERS_OFFERED)

    # --- the customer, found as the user types ---------------------------------------------
    @property
    def customer_combo(self) -> QComboBox:
        return self.customer.combo

    def choices_task(self) -> Any:
        projects, actor = self.context.services.projects, self.context.actor
        customers = self.customer.choices(self.initial.get("customer"))

        def choices() -> Choices:
            owners = [(f"{r.label} ({r.key})" if r.label != r.key else r.key, r.id)
                      for r in projects.owner_choices(actor)]
            return {"customer": customers(), "owner": [("", None), *owners]}

        return choices

    def new_values(self) -> dict[str, Any]:
        values = super().new_values()
        if not self.initial.get("owner"):
            values["owner"] = self.context.actor.user_id  # the service's default too
        return values

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()
        closed = record is not None and record.get("stage") in CLOSED
        may_reopen = self.context.can("projects", "reopen")
        self.reopen_button.setVisible(closed)
        self.reopen_button.setEnabled(closed and may_reopen)
        self.reopen_button.setToolTip(
            self.tr("Put the project back in progress so that it can be changed")
            if may_reopen else self.tr("You do not have the right to reopen projects."))
        if closed and record is not None:
            stage = PROJECT.field("stage").choice_label(record.get("stage"), self._language)
            stage = stage.lower() if self._language == "en" else stage
            self.status.setText(self.tr("This project is %1: it is read-only until it is "
                                        "reopened.").replace("%1", stage))

    def may_save(self) -> bool:
        if self.record is not None and self.record.get("stage") in CLOSED:
            return False
        return super().may_save()

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    # --- reopening -------------------------------------------------------------------------
    def on_reopen(self) -> None:
        record = self.record
        if record is None or record.get("stage") not in CLOSED or \
                not self.context.can("projects", "reopen"):
            return
        service, actor = self.service, self.context.actor
        self.reopen_button.setEnabled(False)
        self.status.setText(self.tr("Reopening..."))
        self.context.runner.run(
            lambda: service.reopen_project(actor, record.id, record.version),
            self.on_reopened, self.on_reopen_failed, context=self)

    def on_reopened(self, changed: Changed) -> None:
        self.on_saved(changed)
        self.status.setText(self.tr("Reopened: the project is in progress again."))

    def on_reopen_failed(self, error: Exception) -> None:
        self.reopen_button.setEnabled(self.context.can("projects", "reopen"))
        self.on_save_failed(error)

    def default_size(self) -> QSize:
        return QSize(640, 560)
