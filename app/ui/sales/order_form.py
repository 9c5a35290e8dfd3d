"""Create, read or edit one order: the kit's record form with the customer found as the user
types, the lines table under the fields (keyboard-first, live totals: lines.py), and the
order's moves (Confirm, Deliver, Cancel). Confirm runs the credit check: refused, the form
says why with the figures; a user who may override is asked for the reason and confirms
anyway (audited)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QSplitter, QWidget

from app.logic.kit.dto import Changed, Record
from app.logic.kit.errors import ValidationError
from app.logic.sales import CREDIT_OVERRIDE, ORDER, CreditCheck, CreditRefused
from app.ui.kit.context import Context
from app.ui.kit.language import ui_language
from app.ui.kit.record_form import Choices, RecordForm
from app.ui.kit.typed_ref import TypedRef
from app.ui.kit.workflow import FormMoves
from app.ui.sales.lines import LinesEditor


def user_items(refs: Any) -> list[tuple[str, Any]]:
    return [(f"{r.label} ({r.key})" if r.label and r.label != r.key else r.key, r.id)
            for r in refs]


class OrderMoves(FormMoves):
    """The order's moves; Confirm with the credit check and its override."""

    form: OrderForm

    def on_move(self, name: str) -> Any:
        form, record = self.form, self.form.record
        if name != "confirm" or record is None or form.is_dirty():
            return super().on_move(name)
        if name not in {t.name for t in self.moves(record)}:
            return None
        self.confirm(record, None)
        return None

    def confirm(self, record: Record, reason: str | None) -> None:
        form = self.form
        service, actor = form.context.services.orders, form.context.actor
        self._set_busy(True)
        form.show_status(self.tr("Saving..."))
        form.context.runner.run(
            lambda: service.confirm_order(actor, record.id, record.version, reason),
            self.on_moved, self.on_confirm_failed, context=form)

    def on_confirm_failed(self, error: Exception) -> None:
        if not isinstance(error, CreditRefused):
            self.on_failed(error)
            return
        self._set_busy(False)
        form = self.form
        text = credit_text(error.check, ui_language())
        form.show_status(text)
        if not form.context.can(ORDER.module, CREDIT_OVERRIDE) or form.record is None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Credit check"), text,
                              QMessageBox.StandardButton.Ok, form)
            box.setObjectName("creditRefused")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # window-modal, and the form goes on
            return
        reason = self.ask_override_reason(text)
        if reason:
            self.confirm(form.record, reason)

    def ask_override_reason(self, text: str) -> str:
        """The reason to confirm over the credit limit, asked of a user who may; empty:
        not confirmed."""
        reason, ok = QInputDialog.getText(
            self.form, self.tr("Credit check"),
            text + "\n\n" + self.tr("Confirm anyway? The reason is kept in the audit log:"))
        return reason.strip() if ok else ""


def credit_text(check: CreditCheck, language: str) -> str:
    """The credit refusal with its figures, in the user's language."""
    f = check.figures()
    zh = language.startswith("zh")
    if check.limit <= 0:
        return (f"该客户未设置信用额度（0.00），赊销订单需要信用额度（或账期为 0 天、预付款）。"
                f"未收款 {f['open']}，本订单 {f['order']}。" if zh else
                f"The customer has no credit limit (0.00): an order on credit needs one (or "
                f"payment terms of 0 days, paid in advance). Open {f['open']}, this order "
                f"{f['order']}.")
    return (f"超出信用额度：额度 {f['limit']}，未收款 {f['open']}，本订单 {f['order']}，"
            f"超出 {f['excess']}。" if zh else
            f"Over the credit limit: limit {f['limit']}, open {f['open']}, this order "
            f"{f['order']}, excess {f['excess']}.")


class OrderForm(RecordForm):
    moves_class = OrderMoves

    def __init__(self, context: Context, order_id: int | None = None,
                 parent: QWidget | None = None, initial: dict[str, Any] | None = None
                 ) -> None:
        self.lines = LinesEditor()
        self._lines_dirty = False
        super().__init__(context, "orders", ORDER, order_id, parent, initial)
        self.lines.sig_changed.connect(self.on_lines_changed)
        orders, actor = context.services.orders, context.actor
        context.runner.run(lambda: orders.product_picks(actor), self.lines.set_products,
                           lambda _error: None, context=self)

    def _details(self) -> QWidget:
        """The order's fields above, its lines below (the larger part)."""
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("orderSplit")
        split.addWidget(super()._details())
        split.addWidget(self.lines)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        return split

    def _build(self) -> None:
        super()._build()
        self.customer = TypedRef(self, "customer", self.tr("Type a customer's name or code"))

    def choices_task(self) -> Any:
        opportunities, actor = self.context.services.opportunities, self.context.actor
        customers = self.customer.choices(self.initial.get("customer"))
        record_opportunity = self.initial.get("opportunity")

        def choices() -> Choices:
            found: Choices = {"customer": customers(),
                              "salesperson": [("", None), *user_items(
                                  opportunities.owner_choices(actor))]}
            found["opportunity"] = [("", None)]
            if record_opportunity:
                found["opportunity"].append((str(record_opportunity), record_opportunity))
            return found

        return choices

    def show_record(self, record: Record | None) -> None:
        if record is not None and record.get("opportunity") is not None:
            ref = record.get("opportunity")
            items = [("", None), (f"{ref.key} {ref.label}", ref.id)]
            self.fields.set_choices("opportunity", items)
        super().show_record(record)
        if record is None and "customer" not in self.initial:
            self.customer.clear_if_new(None)  # chosen, never assumed
            self.fields.mark_clean()
        draft = record is None or record.get("status") == "draft"
        self.lines.set_lines(record.children.get("lines", ()) if record is not None else (),
                             read_only=not (draft and self.may_save()))
        if record is not None and not draft:  # only a draft is edited; notes always
            for name in self.fields.names():
                if name != "notes":
                    self.fields.editor(name).setEnabled(False)
        self._lines_dirty = False
        if record is None and not self.lines.read_only:
            self.lines.add_line()
            self._lines_dirty = False
            self.customer_editor_focus()

    def _show_heading(self) -> None:
        """The number and the customer's name (the order has no name of its own)."""
        super()._show_heading()
        if self.record is not None:
            customer = self.record.get("customer")
            self.title.setText(f"{self.record.get('number')}  "
                               f"{getattr(customer, 'label', '') or ''}".strip())

    def customer_editor_focus(self) -> None:
        self.fields.editor("customer").setFocus()

    def on_lines_changed(self) -> None:
        self._lines_dirty = True
        self.setWindowModified(True)

    def is_dirty(self) -> bool:
        return self.fields.is_dirty() or self._lines_dirty

    def on_save(self) -> None:
        if not self.may_save() or self.fields.read_only:
            return
        orders, actor, record = self.context.services.orders, self.context.actor, self.record
        lines = self.lines.lines()
        if record is None:
            values = self.create_values()
            task: Any = lambda: orders.create_order(actor, values, lines)  # noqa: E731
        else:
            changes = self.fields.changes()
            changed_lines = lines if self._lines_dirty else None
            if not changes and changed_lines is None:
                self.status.setText(self.tr("No changes to save."))
                if self._close_after_save:
                    self.accept()
                return
            task = lambda: orders.update_order(actor, record.id, record.version,  # noqa: E731
                                               changes, changed_lines)
        self.status.setText(self.tr("Saving..."))
        self.save_button.setEnabled(False)
        self.context.runner.run(task, self.on_saved, self.on_save_failed, context=self)

    def on_saved(self, changed: Changed) -> None:
        super().on_saved(changed)
        self._lines_dirty = False
        self.setWindowModified(False)

    def create_values(self) -> dict[str, Any]:
        values = super().create_values()
        self.customer.typed(values)
        return values

    def show_validation(self, error: ValidationError) -> None:
        lines = {k: v.message for k, v in error.errors.items() if k.startswith("lines")}
        self.lines.show_errors(lines)
        rest = {k: v for k, v in error.errors.items() if not k.startswith("lines")}
        if rest:
            super().show_validation(ValidationError(rest))
        if lines:
            word = self.tr("Line")
            self.status.setText("\n".join(
                f"{word} {k.removeprefix('lines[').replace('].', ': ', 1)}: {m}"
                if "." in k else m for k, m in lines.items()))

    def default_size(self) -> QSize:
        return QSize(1000, 720)
