"""The audit log page: lazy list, filters, entry detail, export, verify, rights."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QItemSelectionModel, QSettings

from app.logic.dto import AuditFilter
from app.ui.audit.model import PAGE_SIZE, AuditLogModel
from app.ui.audit.page import AuditLogPage
from app.ui.kit.tasks import TaskRunner

from ..admin.kit import BAD_INPUTS, Env, add_signed_in, close_errors
from ..helpers import type_text

DEPARTMENTS = 260


@pytest.fixture
def filled(env: Env) -> Env:
    """More entries than one page: a department created (and so audited) many times over."""
    for n in range(DEPARTMENTS):
        env.services.departments.create_department(env.admin, f"部门 {n:03d}")
    return env


@pytest.fixture
def page(qtbot, env: Env, sync_runner) -> AuditLogPage:
    widget = AuditLogPage(env.services, env.admin, sync_runner)
    qtbot.addWidget(widget)
    return widget


def entries(page: AuditLogPage) -> list:
    return [page.model.row_at(n) for n in range(page.model.rowCount())]


def select_id(page: AuditLogPage, entry_id: int) -> None:
    row = next(n for n, e in enumerate(entries(page)) if e.id == entry_id)
    page.table.selectionModel().setCurrentIndex(
        page.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_the_model_loads_lazily_and_passes_the_model_tester(filled: Env, sync_runner,
                                                          qtmodeltester) -> None:
    model = AuditLogModel(filled.services, filled.admin, sync_runner,
                          __import__("app.ui.audit.labels", fromlist=["AuditLabels"])
                          .AuditLabels())
    model.set_filters(AuditFilter())
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    assert model.total == DEPARTMENTS + 2  # plus the admin's creation and login
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    ids = [model.row_at(n).id for n in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(ids) == DEPARTMENTS + 2
    qtmodeltester.check(model)


def test_the_model_fetches_in_the_background(qtbot, filled: Env, qtmodeltester) -> None:
    runner = TaskRunner()
    try:
        page = AuditLogPage(filled.services, filled.admin, runner)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE)
        page.model.fetchMore()
        qtbot.waitUntil(lambda: page.model.rowCount() == DEPARTMENTS + 2)
        assert page.total_label.text() == f"{DEPARTMENTS + 2} entries"
    finally:
        runner.shutdown()


def test_filters_narrow_the_list(qtbot, page: AuditLogPage, env: Env) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sales1", ["salesperson"])
    env.services.customers.create_customer(sales, {"name": "上海浦东贸易"})
    env.services.departments.create_department(env.admin, "华南区")
    page.load_users()
    page.reload()
    everything = len(entries(page))
    bar = page.filter_bar
    bar.entity.setCurrentIndex(bar.entity.findData("department"))
    assert [e.entity_type for e in entries(page)] == ["department"]
    bar.entity.setCurrentIndex(0)
    bar.user.setCurrentIndex(bar.user.findData(sales.user_id))
    assert {e.username for e in entries(page)} == {"sales1"}
    bar.action.setCurrentIndex(bar.action.findData("create"))
    assert [e.entity_type for e in entries(page)] == ["customer"]
    bar.on_clear()
    assert len(entries(page)) == everything
    type_text(bar.text, "浦东")
    bar.on_changed()
    assert [e.entity_type for e in entries(page)] == ["customer"]
    bar.on_clear()
    bar.since.setDate(QDate(date.today() + timedelta(days=2)))
    bar.use_since.setChecked(True)
    assert entries(page) == []
    bar.use_since.setChecked(False)
    bar.until.setDate(QDate(date.today()))
    bar.use_until.setChecked(True)
    assert len(entries(page)) == everything
    assert page.total_label.text() == f"{everything} entries"


def test_the_detail_shows_each_field_before_and_after(page: AuditLogPage, env: Env) -> None:
    dept = env.services.departments.create_department(env.admin, "旧名称")
    env.services.departments.update_department(env.admin, dept.id, dept.version, "新名称")
    page.reload()
    newest = entries(page)[0]
    assert (newest.action, newest.entity_type) == ("update", "department")
    select_id(page, newest.id)
    assert page.detail.values() == [("Name", "旧名称", "新名称")]
    assert "Update" in page.detail.heading.text() and "Department" in page.detail.heading.text()
    created = entries(page)[1]
    select_id(page, created.id)
    assert ("Name", "", "旧名称") in page.detail.values()
    assert ("Manager", "", "") in page.detail.values()


def test_the_detail_names_the_users_departments_and_roles_an_entry_refers_to(
        page: AuditLogPage, env: Env) -> None:
    """Changes keep ids and role codes; the detail shows what they name today."""
    south = env.services.departments.create_department(env.admin, "华南区")
    north = env.services.departments.create_department(env.admin, "华北区",
                                                       manager_id=env.admin.user_id)
    add_signed_in(env.services, env.admin, "lina", ["salesperson"], south.id)
    users = {u.username: u for u in env.services.users.list_all_users(env.admin)}
    env.services.users.update_user(env.admin, users["lina"].id, users["lina"].version,
                                   roles=["sales_manager"], department_id=north.id)
    page.reload()
    moved = next(e for e in entries(page) if e.action == "update" and e.entity_type == "user")
    select_id(page, moved.id)
    admin = next(u for u in users.values() if u.id == env.admin.user_id).display_name
    assert ("Department", f"华南区 (#{south.id})", f"华北区 (#{north.id})") \
        in page.detail.values()
    assert ("Roles", "Salesperson", "Sales manager") in page.detail.values()
    created = next(e for e in entries(page)
                   if e.entity_type == "department" and e.entity_id == str(north.id))
    select_id(page, created.id)
    assert ("Manager", "", f"{admin} (#{env.admin.user_id})") in page.detail.values()


def test_export_writes_a_workbook_and_is_audited(tmp_path, page: AuditLogPage,
                                                 env: Env) -> None:
    target = tmp_path / "audit export"  # the page adds .xlsx
    page.ask_export_path = lambda: str(target)
    before = len(entries(page))
    assert page.on_export() is not None
    book = load_workbook(tmp_path / "audit export.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("ID", "Time (UTC)", "User", "Action")
    assert len(rows) == before + 1
    assert entries(page)[0].action == "export" and entries(page)[0].entity_type == "audit_log"
    assert "Exported" in page.status_label.text()
    assert page.export is None and page.export_button.isEnabled()


def test_cancelled_export_writes_nothing(tmp_path, page: AuditLogPage, env: Env) -> None:
    target = tmp_path / "never.xlsx"
    page.ask_export_path = lambda: str(target)
    from app.ui.audit import export as export_module

    original = export_module.AuditExport.progress

    def cancel_first(self, done: int, total: int) -> bool:
        self.dialog.canceled.emit()  # the user presses Cancel in the progress dialog
        return original(self, done, total)

    export_module.AuditExport.progress = cancel_first
    try:
        page.on_export()
    finally:
        export_module.AuditExport.progress = original
    assert not target.exists()
    assert "cancelled" in page.status_label.text()
    assert all(e.action != "export" for e in env.services.audit.list_audit_entries(
        env.admin, AuditFilter()))


def test_verify_reports_intact_then_the_tampered_entry(page: AuditLogPage, env: Env) -> None:
    for n in range(4):
        env.services.departments.create_department(env.admin, f"Team {n}")
    page.verify_button.click()
    assert page.report.intact and "intact" in page.chain_label.text()
    with sqlite3.connect(env.db_path) as raw:
        raw.execute("""UPDATE audit_log SET changes='{"name": [null, "forged"]}' WHERE id=3""")
    page.verify_button.click()
    assert not page.report.intact and page.report.first_bad_id == 3
    assert "entry 3" in page.chain_label.text() and "changed" in page.chain_label.text()


def test_without_the_export_right_there_is_no_export(qtbot, env: Env, sync_runner,
                                                     tmp_path) -> None:
    env.services.roles.create_role(env.admin, "reader", "Reader")
    reader_role = env.services.roles.get_role(env.admin, "reader")
    env.services.roles.update_role(env.admin, "reader", reader_role.version,
                                   rights={("audit", "view")})
    _row, reader = add_signed_in(env.services, env.admin, "reader1", ["reader"])
    page = AuditLogPage(env.services, reader, sync_runner)
    qtbot.addWidget(page)
    assert entries(page) and page.verify_button.isEnabled()
    assert not page.export_button.isEnabled()
    page.ask_export_path = lambda: str(tmp_path / "x.xlsx")
    assert page.on_export() is None and not (tmp_path / "x.xlsx").exists()
    assert page.filter_bar.user.count() == 1  # no right to list users: "All users" only
    assert close_errors(page) == []


def test_a_salesperson_gets_no_audit_log(qtbot, env: Env, sync_runner) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sales1", ["salesperson"])
    page = AuditLogPage(env.services, sales, sync_runner)
    qtbot.addWidget(page)
    assert page.table is None and page.model.rowCount() == 0
    assert close_errors(page) == []


def test_column_widths_and_splitter_are_remembered(qtbot, page: AuditLogPage, env: Env,
                                                   sync_runner) -> None:
    page.table.setColumnWidth(2, 222)
    page.save_state(QSettings())
    again = AuditLogPage(env.services, env.admin, sync_runner)
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    assert again.table.columnWidth(2) == 222


@pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_odd_filter_text_finds_it_or_nothing(page: AuditLogPage, env: Env, text: str) -> None:
    env.services.departments.create_department(env.admin, "Plain team")
    page.filter_bar.text.setText(text)
    page.filter_bar.on_changed()
    typed = page.filter_bar.text.text()
    assert len(typed) <= 200
    assert all(typed.strip() in str(e.changes) + e.entity_id + e.username
               for e in entries(page))
    assert page.model.total == len(entries(page)) and close_errors(page) == []


def test_filter_text_finds_stored_odd_text(page: AuditLogPage, env: Env) -> None:
    odd = BAD_INPUTS["sql"] + " " + BAD_INPUTS["emoji"]
    env.services.departments.create_department(env.admin, odd)
    page.filter_bar.text.setText("DROP TABLE")
    page.filter_bar.on_changed()
    [found] = entries(page)
    select_id(page, found.id)
    assert ("Name", "", odd) in page.detail.values()
