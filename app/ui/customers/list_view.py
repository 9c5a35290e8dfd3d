"""The customers page: the kit's list with its filters (status, tier, owner, city), and
the customer forms it opens, one per customer, cascaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QWidget

from app.logic.customers import CUSTOMER
from app.ui.customers.form import CustomerForm
from app.ui.kit.context import Context
from app.ui.kit.list_view import RecordListView


def owners(context: Context) -> list[tuple[str, Any]]:
    return [(r.label or r.key, r.id)
            for r in context.services.customers.owner_choices(context.actor)]


def cities(context: Context) -> list[tuple[str, Any]]:
    return [(c, c) for c in context.services.customers.list_cities(context.actor)]


class CustomerListView(RecordListView):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, "customers", CUSTOMER,
                         filters=("status", "tier", "owner", "city"),
                         loaders={"owner": owners, "city": cities},
                         reload_on={"user": ("owner",), "role": ("owner",),
                                    "customer": ("city",)},
                         parent=parent)
        self.forms: list[CustomerForm] = []
        self.sig_open.connect(self.open_customer)

    def new_record(self) -> CustomerForm | None:
        if not self.context.can("customers", "create"):
            return None
        return self._show_form(None)

    def open_customer(self, customer_id: int) -> CustomerForm:
        return self._show_form(customer_id)

    def _show_form(self, customer_id: int | None) -> CustomerForm:
        form = next((f for f in self.forms
                     if customer_id is not None and f.customer_id == customer_id), None)
        if form is None:
            near = self._last_position()
            form = CustomerForm(self.context, customer_id, self.window())
            form.setWindowModality(Qt.WindowModality.NonModal)
            form.restore_state(QSettings())
            form.place(near)
            # A bound method, not a lambda holding the form: PySide6 6.11 crashes in
            # ~QObject when a lambda capturing a QObject is connected to a deleted widget.
            form.finished.connect(self.on_form_finished)
            self.forms.append(form)
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def _last_position(self) -> QPoint | None:
        shown = [f for f in self.forms if f.isVisible()]
        if shown:
            return shown[-1].pos()
        window = self.window()
        return window.pos() + QPoint(60, 40) if window is not self else None

    def on_form_finished(self, _result: int) -> None:
        form = self.sender()
        if isinstance(form, CustomerForm) and form in self.forms:
            self.forms.remove(form)
            form.deleteLater()
