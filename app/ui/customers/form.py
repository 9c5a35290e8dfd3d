"""Create, read or edit one customer: the kit's record form with the contacts tab and the
owners the signed-in user may choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.logic.customers import CREDIT_FIELDS, CREDIT_RIGHT, CUSTOMER
from app.logic.kit.dto import Changed, Record
from app.ui.contacts import ContactsTab
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.record_form import Choices, RecordForm

CHURN_STYLE = ("color: #b71c1c; background: #fdecea; border: 1px solid #f5a9a3;"
               " border-radius: 3px; padding: 2px 8px; font-weight: 600;")
KEY_ACCOUNT_STYLE = ("color: #0d47a1; background: #e3f2fd; border: 1px solid #90caf9;"
                     " border-radius: 3px; padding: 2px 8px; font-weight: 600;")


class CustomerForm(RecordForm):
    def __init__(self, context: Context, customer_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        super().__init__(context, "customers", CUSTOMER, customer_id, parent, initial)
        self.setObjectName("customerForm")

    def _build(self) -> None:
        super()._build()
        # Beside the title: the churn warning and the key account (finance's customer value).
        self.churn_badge = QLabel()
        self.churn_badge.setObjectName("churnBadge")
        self.churn_badge.setStyleSheet(CHURN_STYLE)
        self.key_account_badge = QLabel(self.tr("Key account"))
        self.key_account_badge.setObjectName("keyAccountBadge")
        self.key_account_badge.setStyleSheet(KEY_ACCOUNT_STYLE)
        layout = self.layout()
        first = layout.itemAt(0) if layout is not None else None
        head = first.layout() if first is not None else None  # the title's row
        for badge in (self.key_account_badge, self.churn_badge):
            badge.hide()
            if isinstance(head, QHBoxLayout):
                head.insertWidget(1, badge)
                head.insertSpacing(1, 8)

    def show_badges(self, record: Record | None) -> None:
        reason = str(record.get("churn_reason") or "") if record is not None else ""
        if reason:
            words = CUSTOMER.field("churn_reason").choice_label(reason, ui_language())
            self.churn_badge.setText(self.tr("Churn warning: %1").replace(
                "%1", words if ui_language() != "en" else words[:1].lower() + words[1:]))
        self.churn_badge.setVisible(bool(reason))
        self.key_account_badge.setVisible(record is not None and
                                          bool(record.get("key_account")))

    @property
    def customer_id(self) -> int | None:
        return self.record_id

    def extra_tabs(self) -> list[tuple[QWidget, str]]:
        self.contacts = ContactsTab(self.context)
        return [(self.contacts, self.tr("C&ontacts"))]

    def choices_task(self) -> Any:
        customers, actor = self.context.services.customers, self.context.actor
        unowned = actor.scope("customers") == "all"

        def owners() -> Choices:
            items: list[tuple[str, Any]] = [(self.tr("(nobody)"), None)] if unowned else []
            items += [(f"{r.label} ({r.key})" if r.label != r.key else r.key, r.id)
                      for r in customers.owner_choices(actor)]
            return {"owner": items}

        return owners

    def new_values(self) -> dict[str, Any]:
        values = super().new_values()
        owner = self.fields.editor("owner")
        mine = owner.findData(self.context.actor.user_id)
        values["owner"] = self.context.actor.user_id if mine >= 0 else None
        return values

    def show_record(self, record: Record | None) -> None:
        super().show_record(record)
        self.show_badges(record)
        # The credit terms: only with the right finance.credit (the service checks again).
        if not self.context.can(*CREDIT_RIGHT):
            for name in CREDIT_FIELDS:
                if name in self.fields.names():
                    self.fields.editor(name).setEnabled(False)
                    self.fields.editor(name).setToolTip(self.tr(
                        "Only a user with the right to change credit terms (Finance) may "
                        "change this."))
        contacts = record.children.get("contacts", ()) if record is not None else ()
        self.contacts.set_contacts(record.id if record is not None else None, contacts)

    def save_new(self, service: Any, actor: Any, values: dict[str, Any], allow: bool
               ) -> Changed:
        changed: Changed = service.create_customer(actor, values, allow,
                                                   contacts=self.contacts.pending)
        return changed

    def default_size(self) -> QSize:
        return QSize(940, 660)
