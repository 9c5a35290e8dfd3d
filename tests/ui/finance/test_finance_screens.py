"""The finance screens on real records: the invoice list (overdue ones stand out, a new
invoice from an order), the invoice form (issue; void refused once money came in), the
payment form (allocated oldest first or by hand, over-allocation shown and nothing saved,
the service's refusal shown by its invoice), and the receivables as of a past date,
exported to a real workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from app.logic.kit.dto import Actor, ListQuery, Record
from app.logic.services import Services
from app.ui.finance import (
    MODULE,
    InvoiceForm,
    InvoiceListView,
    PaymentForm,
    ReceivablesPage,
)
from app.ui.finance.payment_form import ALLOCATE
from app.ui.kit.context import Context
from app.ui.kit.registry import parts_for


def numbers(view: InvoiceListView) -> list[str]:
    column = view.model.column_of("number")
    return [str(view.model.index(r, column).data()) for r in range(view.model.rowCount())]


def test_the_invoice_list_shows_invoices_and_overdue_ones_stand_out(
        qtbot, context: Context, invoices: dict[str, Record],
        customers: dict[str, Record]) -> None:
    view = InvoiceListView(context)
    qtbot.addWidget(view)
    assert sorted(numbers(view)) == sorted(str(r.number) for r in invoices.values())
    combo = view.filter_combos["customer"]
    combo.setCurrentIndex(combo.findData(customers["other"].id))
    assert numbers(view) == [invoices["theirs"].number]
    status = view.filter_combos["status"]
    combo.setCurrentIndex(0)
    status.setCurrentIndex(status.findData("draft"))
    assert numbers(view) == [invoices["draft"].number]


def test_overdue_invoices_stand_out(qtbot, context: Context,
                                    invoices: dict[str, Record]) -> None:
    view = InvoiceListView(context)
    qtbot.addWidget(view)
    rows = numbers(view)
    assert view.model.is_late(rows.index(invoices["old"].number))  # due 2025-02-09
    assert not view.model.is_late(rows.index(invoices["draft"].number))
    # Why it stands out, on every cell of the row (the overdue column may be hidden).
    cell = view.model.index(rows.index(invoices["old"].number), 0)
    assert cell.data(Qt.ItemDataRole.ToolTipRole).endswith("⚠ Overdue")
    plain = view.model.index(rows.index(invoices["draft"].number), 0)
    assert "⚠" not in plain.data(Qt.ItemDataRole.ToolTipRole)


def test_the_invoice_list_shows_what_is_open(
        qtbot, context: Context, invoices: dict[str, Record]) -> None:
    view = InvoiceListView(context)
    qtbot.addWidget(view)
    rows = numbers(view)
    column = view.model.column_of("open")
    assert view.model.index(rows.index(invoices["old"].number), column).data() == \
        "1,130.00"


def test_a_new_invoice_from_an_order_opens_its_form(
        qtbot, context: Context, services: Services, actor: Actor, order: Record) -> None:
    view = InvoiceListView(context)
    qtbot.addWidget(view)
    view.ask_order = lambda: str(order.number).lower()
    view.on_from_order()
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, InvoiceForm)]
    assert len(forms) == 1 and forms[0].record is not None
    made = forms[0].record
    assert made.get("order").id == order.id and made.gross == Decimal("226.00")
    assert made.status == "draft" and made.number in numbers(view)


def test_issuing_from_the_form(qtbot, context: Context, services: Services, actor: Actor,
                               invoices: dict[str, Record]) -> None:
    draft = invoices["draft"]
    form = InvoiceForm(context, draft.id)  # closed clean by close_forms, not by qtbot
    assert form.moves is not None and set(form.moves.buttons) == {"issue", "void"}
    assert form.fields.editor("net").isEnabled()
    form.moves.buttons["issue"].click()
    issued = services.invoices.get(actor, draft.id)
    assert issued.status == "issued" and issued.issued_at is not None
    assert form.record is not None and form.record.status == "issued"
    assert set(form.moves.buttons) == {"void"}
    assert not form.fields.editor("net").isEnabled()  # only a draft is edited
    assert form.fields.editor("notes").isEnabled()


def test_voiding_an_invoice_with_money_received_is_refused(
        qtbot, context: Context, services: Services, actor: Actor,
        invoices: dict[str, Record], customers: dict[str, Record]) -> None:
    old = invoices["old"]
    services.payments.receive(actor, {"customer": customers["acme"].id, "amount": "500",
                                      "payment_date": "2025-02-20"},
                              by_hand={old.number: "500"})
    form = InvoiceForm(context, old.id)
    record = form.record
    assert record is not None and record.status == "partially_paid"
    assert form.allocations.note.isVisibleTo(form)  # said before the user tries
    assert "500.00" in form.allocations.note.text()
    assert form.allocations.numbers() and form.allocations.numbers()[0].startswith("RC")
    assert form.moves is not None
    form.moves.buttons["void"].click()  # asks the reason, then the service refuses
    dialog = form.moves.dialog
    assert dialog is not None
    dialog.fields.editor("void_reason").setPlainText("开错了")
    dialog.ok_button.click()
    assert dialog.problem.isVisibleTo(dialog)
    assert "cannot be voided" in dialog.problem.text()
    assert "Nothing was saved" in dialog.problem.text()
    assert services.invoices.get(actor, old.id).status == "partially_paid"
    dialog.fields.mark_clean()
    dialog.reject()


def new_payment(qtbot, context: Context, customer: Record, amount: str) -> PaymentForm:
    form = PaymentForm(context, None, initial={"customer": customer.id})
    # closed clean by close_forms (qtbot would close it first and be asked to save)
    form.fields.editor("amount").setText(amount)
    form.fields.editor("payment_date").setText("2025-03-20")
    form.fields.editor("reference").setText("BANK-0001")
    return form


def payments_of(services: Services, actor: Actor) -> list:
    return list(services.payments.list_page(actor, ListQuery()).rows)


def test_a_payment_is_allocated_oldest_first(
        qtbot, context: Context, services: Services, actor: Actor,
        invoices: dict[str, Record], customers: dict[str, Record]) -> None:
    form = new_payment(qtbot, context, customers["acme"], "1,500")
    method = form.fields.editor("method")
    method.setCurrentIndex(method.findData("acceptance_bill"))
    table = form.allocation.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        invoices["old"].number, invoices["new"].number]  # open ones, oldest due first
    assert [table.item(r, ALLOCATE).text() for r in range(table.rowCount())] == [
        "1,130.00", "370.00"]
    assert "1,500.00" in form.allocation.summary.text()
    form.fields.editor("amount").setText("4000")
    assert "3,390.00" in form.allocation.summary.text()
    assert "610.00" in form.allocation.summary.text()  # the rest: the customer's credit
    form.on_save()
    saved = payments_of(services, actor)
    assert len(saved) == 1 and saved[0].method == "acceptance_bill"
    assert saved[0].allocated == Decimal("3390.00")
    assert services.invoices.get(actor, invoices["old"].id).status == "paid"
    assert services.invoices.get(actor, invoices["new"].id).status == "paid"
    assert form.record is not None and not form.is_dirty()
    assert form.allocation.table.rowCount() == 2  # where it went


def test_a_payment_allocated_by_hand_refuses_too_much_before_saving(
        qtbot, context: Context, services: Services, actor: Actor,
        invoices: dict[str, Record], customers: dict[str, Record]) -> None:
    form = new_payment(qtbot, context, customers["acme"], "100")
    allocation = form.allocation
    allocation.cell(0).setText("200")  # typing an amount: by hand
    assert allocation.by_hand.isChecked()
    assert allocation.problem.isVisibleTo(form)
    assert "200.00" in allocation.problem.text() and "100.00" in allocation.problem.text()
    form.on_save()
    assert payments_of(services, actor) == []  # nothing saved
    assert "Nothing was saved" in form.status.text()
    allocation.cell(0).setText("")
    allocation.cell(1).setText("3000")  # more than the 2,260.00 open
    assert "2,260.00" in allocation.problem.text()
    form.on_save()
    assert payments_of(services, actor) == []
    allocation.cell(1).setText("80")
    assert not allocation.problem.isVisibleTo(form)
    assert "80.00" in allocation.summary.text() and "20.00" in allocation.summary.text()
    form.on_save()
    saved = payments_of(services, actor)
    assert len(saved) == 1 and saved[0].allocated == Decimal("80.00")
    assert services.invoices.allocations(actor, invoices["new"].id)[0][2] == Decimal("80.00")
    assert services.invoices.get(actor, invoices["old"].id).status == "issued"


def test_the_services_refusal_of_an_allocation_is_shown_by_its_invoice(
        qtbot, context: Context, services: Services, actor: Actor,
        invoices: dict[str, Record], customers: dict[str, Record]) -> None:
    form = new_payment(qtbot, context, customers["acme"], "100")
    # meanwhile another user's payment settles the old invoice
    services.payments.receive(actor, {"customer": customers["acme"].id, "amount": "1130"},
                              by_hand={invoices["old"].number: "1130"})
    form.allocation.cell(0).setText("100")
    form.on_save()
    assert len(payments_of(services, actor)) == 1  # only the other one
    assert form.allocation.problem.isVisibleTo(form)
    assert invoices["old"].number in form.allocation.problem.text()
    assert form.allocation.cell(0).toolTip()


def test_receivables_as_of_a_past_date_and_exported(
        qtbot, context: Context, invoices: dict[str, Record], customers: dict[str, Record],
        tmp_path: Path) -> None:
    page = ReceivablesPage(context)
    qtbot.addWidget(page)
    page.as_of.setDate(QDate(2025, 3, 15))
    assert page.as_of_date() == date(2025, 3, 15)
    assert page.rows_shown() == 2
    assert page.cell(0, "code") == customers["acme"].code  # largest open first
    assert page.cell(0, "open") == "3,390.00"
    assert page.cell(0, "overdue") == "1,130.00"
    assert page.cell(0, "days_31_60") == "1,130.00"  # due 2025-02-09: 34 days
    assert page.cell(0, "current") == "2,260.00"
    assert page.cell(1, "days_1_30") == "339.00"  # due 2025-03-03: 12 days
    assert page.total_text("open") == "3,729.00"
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # the total stays last
    assert page.cell(0, "code") == customers["other"].code
    assert page.total_text("open") == "3,729.00"
    page.as_of.setDate(QDate(2025, 1, 5))  # before any was issued
    assert page.rows_shown() == 0 and page.empty.isVisibleTo(page)
    page.as_of.setDate(QDate(2025, 3, 15))
    combo = page.customer
    combo.setCurrentIndex(combo.findData(customers["other"].id))
    assert page.rows_shown() == 1 and page.total_text("open") == "339.00"
    path = tmp_path / "receivables.xlsx"
    page.ask_path = lambda: str(path)
    page.on_export()
    assert path.exists() and str(path) in page.status.text()
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == customers["acme"].code and rows[1][2] == 3390
    assert rows[-1][1] == "Total" and rows[-1][2] == 3729


def test_the_customer_form_gets_invoices_and_payments_tabs(context: Context) -> None:
    captions = [p.caption.en for p in parts_for("customer", "tab", context, (MODULE,))]
    assert captions == ["Invoices", "Payments"]
