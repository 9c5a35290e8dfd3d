"""The kit's Import dialog on real widgets over a real database: a Chinese list's columns
matched by label, a preview that classifies every row and writes nothing, the preview
following the mapping, an import of the valid rows with its problems saved, the import
undone (and refused when a record changed since), named mappings kept, cancel writing
nothing, and the Import button only for users with the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QMessageBox

from app.logic.kit.dto import Actor, Changed, ListQuery
from app.logic.services import Services
from app.ui.customers import CustomerListView
from app.ui.kit import import_dialog
from app.ui.kit.context import Context
from app.ui.kit.import_dialog import ERROR_FOREGROUND, ImportDialog, OutcomeModel
from app.ui.shell.i18n import Translation

HEADERS = ["客户编号", "公司名称", "城市"]
GOOD = [["IMP001", "上海明远贸易有限公司", "上海"], ["IMP002", "北京华信科技有限公司", "北京"]]
BAD = [["IMP003", "", "广州"],            # no name
       ["bad code!", "深圳新创电子", "深圳"]]  # not a code


def workbook(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def customer_codes(services: Services, actor: Actor) -> set[str]:
    page = services.customers.list_page(actor, ListQuery())
    return {str(row.code) for row in page.rows}


def count(services: Services, actor: Actor) -> int:
    return services.customers.count(actor, ListQuery())


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    return workbook(tmp_path / "客户清单.xlsx", [*GOOD, *BAD])


def open_dialog(qtbot, context: Context, path: Path | None = None) -> ImportDialog:
    dialog = ImportDialog(context, context.services.customers)
    qtbot.addWidget(dialog)
    if path is not None:
        dialog.load(path)
    return dialog


def actions(model: OutcomeModel) -> list[str]:
    return [model.index(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]


def test_a_chinese_list_is_matched_and_previewed_with_two_errors_writing_nothing(
        qtbot, context: Context, services: Services, actor: Actor, listing: Path,
        heard: list[Changed]) -> None:
    dialog = open_dialog(qtbot, context, listing)
    assert dialog.mapping() == {"客户编号": "code", "公司名称": "name", "城市": "city"}
    assert dialog.mapping_combo("城市").currentText() == "City"
    assert dialog.preview_button.isEnabled()
    dialog.preview_button.click()
    result = dialog.last_result
    assert result is not None and result.dry_run and not result.written
    assert (result.count("create"), result.count("error")) == (2, 2)
    model = dialog.outcomes
    assert actions(model) == ["create", "create", "error", "error"]
    error = model.index(2, 0)
    assert [model.index(2, c).data() for c in range(6)] == [
        "4", "Error", "IMP003", "公司名称", "", "This field is required."]
    assert [model.index(3, c).data() for c in range(4)] == ["5", "Error", "bad code!", "客户编号"]
    assert model.index(3, 4).data() == "bad code!"
    assert isinstance(error.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert error.data(Qt.ItemDataRole.ForegroundRole).color() == ERROR_FOREGROUND
    assert error.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 1).data() == "Create"
    assert "Create: 2" in dialog.counts_label.text()
    assert "Error: 2" in dialog.counts_label.text()
    assert "nothing was written" in dialog.status_label.text()
    assert dialog.problems_button.isEnabled()
    assert count(services, actor) == 0
    assert heard == []


def test_the_preview_follows_a_changed_mapping(qtbot, context: Context, listing: Path
                                               ) -> None:
    dialog = open_dialog(qtbot, context, listing)
    dialog.on_preview()
    assert dialog.last_result is not None and dialog.last_result.errors == 2
    code = dialog.mapping_combo("客户编号")
    code.setCurrentIndex(code.findData("notes"))  # the codes are notes: Kehu numbers them
    result = dialog.last_result
    assert result is not None and result.dry_run
    assert result.mapping["客户编号"] == "notes"
    assert (result.count("create"), result.errors) == (3, 1)
    assert actions(dialog.outcomes) == ["create", "create", "error", "create"]
    assert dialog.outcomes.index(0, 2).data().startswith("C")  # the code it would get
    dialog.duplicates.setCurrentIndex(dialog.duplicates.findData("skip"))
    assert dialog.last_result is not result  # the options are followed too


def test_importing_the_valid_rows_writes_them_lists_the_others_and_refreshes_the_list(
        qtbot, context: Context, services: Services, actor: Actor, listing: Path,
        tmp_path: Path, heard: list[Changed]) -> None:
    view = CustomerListView(context)
    qtbot.addWidget(view)
    assert view.model.total == 0
    dialog = open_dialog(qtbot, context, listing)
    dialog.on_import()  # without skip-invalid: refused whole
    assert dialog.last_result is not None and not dialog.last_result.written
    assert "Nothing was written: 2 rows have errors." in dialog.status_label.text()
    assert count(services, actor) == 0 and heard == []
    dialog.skip_invalid.setChecked(True)
    dialog.import_button.click()
    result = dialog.last_result
    assert result is not None and result.written and result.import_id is not None
    assert customer_codes(services, actor) == {"IMP001", "IMP002"}
    assert "Imported: 2 created, 0 updated." in dialog.status_label.text()
    assert [c.action for c in heard] == ["import"]
    assert view.model.total == 2  # the list heard it and read its rows again
    problems = tmp_path / "problems.xlsx"
    dialog.ask_problems_path = lambda: str(problems)
    dialog.problems_button.click()
    sheet = openpyxl.load_workbook(problems, read_only=True).worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in rows] == [(4, "公司名称"), (5, "客户编号")]
    assert "2 problems saved to" in dialog.status_label.text()


def test_an_import_is_undone_as_a_whole(qtbot, context: Context, services: Services,
                                        actor: Actor, listing: Path,
                                        heard: list[Changed]) -> None:
    dialog = open_dialog(qtbot, context, listing)
    dialog.skip_invalid.setChecked(True)
    dialog.on_import()
    assert count(services, actor) == 2
    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or True
    undo = dialog.open_undo()
    qtbot.addWidget(undo)
    table = undo.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in (0, 1, 3, 6, 7)] == [
        "客户清单.xlsx", "admin", "2", "2", ""]
    assert not undo.undo_button.isEnabled()  # nothing chosen yet
    table.selectRow(0)
    undo.undo_button.click()
    assert asked and "客户清单.xlsx" in asked[0]
    assert count(services, actor) == 0
    assert [c.action for c in heard] == ["import", "import_undo"]
    assert table.item(0, 7).text() != ""  # shown undone
    table.selectRow(0)
    assert not undo.undo_button.isEnabled()
    assert "undone: 2 records put back" in dialog.status_label.text()


def test_an_undo_is_refused_when_a_record_changed_since(
        qtbot, context: Context, services: Services, actor: Actor, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, context, workbook(tmp_path / "good.xlsx", GOOD))
    dialog.on_import()
    record = services.customers.get_by_key(actor, "IMP001")
    services.customers.update(actor, record.id, record.version, {"city": "苏州"})
    dialog.confirm = lambda _text: True
    undo = dialog.open_undo()
    qtbot.addWidget(undo)
    undo.table.selectRow(0)
    undo.on_undo()
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert "cannot be undone" in boxes[0].text() and "IMP001" in boxes[0].text()
    boxes[0].close()
    assert customer_codes(services, actor) == {"IMP001", "IMP002"}  # nothing undone


def test_a_saved_mapping_comes_back_by_name(qtbot, context: Context, listing: Path) -> None:
    dialog = open_dialog(qtbot, context, listing)
    code = dialog.mapping_combo("客户编号")
    code.setCurrentIndex(code.findData("notes"))
    city = dialog.mapping_combo("城市")
    city.setCurrentIndex(city.findData("address"))
    dialog.ask_mapping_name = lambda: "ERP 导出"
    dialog.save_mapping_button.click()
    dialog.close()

    again = open_dialog(qtbot, context, listing)
    assert again.mapping()["客户编号"] == "code"  # a new dialog matches by label
    names = [again.saved_combo.itemText(i) for i in range(again.saved_combo.count())]
    assert "ERP 导出" in names
    again.saved_combo.setCurrentIndex(again.saved_combo.findData("ERP 导出"))
    again.saved_combo.activated.emit(again.saved_combo.currentIndex())
    assert again.mapping() == {"客户编号": "notes", "公司名称": "name", "城市": "address"}
    again.on_preview()
    assert again.last_result is not None
    assert again.last_result.mapping == {"客户编号": "notes", "公司名称": "name",
                                         "城市": "address"}


def test_a_customers_primary_contact_can_be_mapped_from_its_row(
        qtbot, context: Context, services: Services, actor: Actor, tmp_path: Path) -> None:
    path = workbook(tmp_path / "with-contacts.xlsx", [["IMP010", "杭州远景", "杭州", "王芳"]],
                    [*HEADERS, "联系人"])
    dialog = open_dialog(qtbot, context, path)
    assert dialog.mapping()["联系人"] == "contact.name"
    assert dialog.mapping_combo("联系人").currentText() == "Contact: Name"
    dialog.on_import()
    assert dialog.last_result is not None and dialog.last_result.written
    customer = services.customers.get_by_key(actor, "IMP010")
    contacts = services.contacts.list_page(actor, ListQuery().with_filter(
        "customer", customer.id)).rows
    assert [c.name for c in contacts] == ["王芳"]


def test_a_column_set_to_not_imported_is_left_out(qtbot, context: Context,
                                                  listing: Path) -> None:
    dialog = open_dialog(qtbot, context, listing)
    city = dialog.mapping_combo("城市")
    city.setCurrentIndex(city.findData(""))
    dialog.on_preview()
    assert dialog.last_result is not None
    assert "城市" not in dialog.last_result.mapping


def test_a_cancelled_import_writes_nothing(qtbot, context: Context, services: Services,
                                           actor: Actor, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [[f"IMP{n:04d}", f"公司 {n}", "上海"] for n in range(600)]  # past the first report
    dialog = open_dialog(qtbot, context, workbook(tmp_path / "many.xlsx", rows))

    original = import_dialog.ImportJob.progress

    def cancelled_at_once(job: import_dialog.ImportJob, done: int) -> bool:
        job.cancel()  # as the progress dialog's Cancel does, at the first report
        return original(job, done)

    monkeypatch.setattr(import_dialog.ImportJob, "progress", cancelled_at_once)
    dialog.on_import()
    assert dialog.status_label.text() == "Cancelled: nothing was written."
    assert dialog.job is None and dialog.import_button.isEnabled()
    assert count(services, actor) == 0


def test_a_file_that_cannot_be_read_is_said(qtbot, context: Context, tmp_path: Path
                                            ) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"not a workbook")
    dialog = open_dialog(qtbot, context, path)
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "only .xlsx and .csv can be imported" in boxes[0].text()
    assert boxes[0].windowTitle() == "Cannot import the file"
    boxes[0].close()
    assert dialog.path == "" and not dialog.preview_button.isEnabled()


def test_keys_preview_and_import(qtbot, context: Context, services: Services, actor: Actor,
                                 tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, context, workbook(tmp_path / "good.xlsx", GOOD))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dialog.last_result is not None and dialog.last_result.dry_run
    assert count(services, actor) == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.last_result.written
    assert count(services, actor) == 2
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_dialog_keeps_its_size(qtbot, context: Context) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.resize(1000, 700)
    dialog.reject()
    assert QSettings().value("customers/customer/import/size") == QSize(1000, 700)
    assert open_dialog(qtbot, context).size() == QSize(1000, 700)


def test_the_outcomes_pass_the_model_tester(qtbot, qtmodeltester, context: Context,
                                            listing: Path) -> None:
    dialog = open_dialog(qtbot, context, listing)
    dialog.on_preview()
    qtmodeltester.check(dialog.outcomes)


def test_the_dialog_speaks_chinese(qtbot, context: Context, listing: Path,
                                   translation: Translation) -> None:
    translation.install("zh_CN")
    dialog = open_dialog(qtbot, context, listing)
    assert dialog.windowTitle() == "导入客户"
    assert dialog.mapping_combo("城市").currentText() == "城市"
    dialog.on_preview()
    assert dialog.outcomes.index(0, 1).data() == "新建"
    assert dialog.outcomes.index(2, 1).data() == "错误"
    assert dialog.outcomes.index(2, 5).data() == "此项为必填项。"  # the problem, too
    assert "错误：2" in dialog.counts_label.text()


def test_only_a_user_with_the_import_right_sees_import(
        qtbot, context: Context, make_actor: Callable[..., Actor],
        make_context: Callable[[Actor], Context]) -> None:
    salesperson = make_actor("sales1", ("salesperson",))
    manager = make_actor("manager1", ("sales_manager",))
    assert not salesperson.can("customers", "import") and manager.can("customers", "import")
    theirs = CustomerListView(make_context(salesperson))
    qtbot.addWidget(theirs)
    assert theirs.import_button is None and theirs.on_import() is None
    for who in (context, make_context(manager)):
        view = CustomerListView(who)
        qtbot.addWidget(view)
        assert view.import_button is not None
        assert view.import_button.text() == "Import..."
        dialog = view.on_import()
        assert isinstance(dialog, ImportDialog) and dialog.isVisible()
        assert dialog.service is who.services.customers
        dialog.close()
