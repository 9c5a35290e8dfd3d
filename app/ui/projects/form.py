"""Create, read or edit one project: the kit's record form, with the customer found as the
user types, the owners offered, and a completed or cancelled project read-only until
someone with the right reopens it (the Reopen button)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPushButton, QWidget

from app.logic.kit.dto import Changed, ListQuery, Record
from app.logic.projects import CLOSED, PROJECT
from app.ui.kit.context import Context
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.type_search import search_as_typed

CUSTOMERS_OFFERED = 200  # customers in the list before the user types; a search finds more


def customer_text(code: str, name: str) -> str:
    return f"{name} ({code})"


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
        self._customer_search()

    # --- the customer, found as the user types ---------------------------------------------
    @property
    def customer_combo(self) -> QComboBox:
        combo: QComboBox = self.fields.editor("customer")
        return combo

    def _customer_search(self) -> None:
        combo = self.customer_combo
        self._search_timer = search_as_typed(
            combo, self.tr("Type a customer's name or code"), self.search_customers, self)

    def search_customers(self) -> None:
        """Customers whose name, code or pinyin hold what was typed become choices too."""
        text = self.customer_combo.currentText().strip()
        if not text or not self.context.can("customers", "view"):
            return
        service, actor = self.context.services.customers, self.context.actor
        self.context.runner.run(
            lambda: service.list_customers(actor, ListQuery(search=text), limit=50).rows,
            self.on_customers_found, self.on_customers_failed, context=self)

    def on_customers_found(self, rows: Any) -> None:
        for row in rows:
            self.fields.add_choice("customer", customer_text(row.code, row.name), row.id)

    def on_customers_failed(self, _error: Exception) -> None:
        """A search the list refuses (too long): the choices stay as they were."""

    def choices_task(self) -> Any:
        projects, customers, actor = (self.context.services.projects,
                                      self.context.services.customers, self.context.actor)
        wanted = self.initial.get("customer")
        can_list = actor.can("customers", "view")

        def choices() -> Choices:
            offered: list[tuple[str, Any]] = []
            if can_list:
                rows = customers.list_customers(actor, ListQuery(),
                                                limit=CUSTOMERS_OFFERED).rows
                offered = [(customer_text(r.code, r.name), r.id) for r in rows]
                if isinstance(wanted, int) and all(i != wanted for _, i in offered):
                    found = customers.get(actor, wanted)
                    offered.insert(0, (customer_text(found.code, found.name), found.id))
            owners = [(f"{r.label} ({r.key})" if r.label != r.key else r.key, r.id)
                      for r in projects.owner_choices(actor)]
            return {"customer": offered, "owner": [("", None), *owners]}

        return choices

    def new_values(self) -> dict[str, Any]:
        values = super().new_values()
        if not self.initial.get("owner"):
            values["owner"] = self.context.actor.user_id  # the service's default too
        return values

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer_combo.setCurrentIndex(-1)  # chosen, never assumed
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
        """A customer typed (a code or a name) but not picked from the list is sent as
        typed: the service finds it by its code or says there is no such customer."""
        values = super().create_values()
        combo = self.customer_combo
        typed = combo.currentText().strip()
        if typed and (combo.currentIndex() < 0 or combo.itemText(combo.currentIndex())
                      != combo.currentText()):
            values["customer"] = typed
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
