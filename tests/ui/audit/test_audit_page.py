"""The audit log page: lazy list, filters, entry detail, export, verify, rights; records
named by code and name, values read through the field declarations, the detail pane and
the chain verdict never stale."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QItemSelectionModel, QSettings

from app.logic.audit import AuditFilter
from app.logic.kit.errors import AuthenticationFailed
from app.ui.audit.model import PAGE_SIZE, AuditLogModel
from app.ui.audit.page import AuditLogPage
from app.ui.kit.export import ExportRun
from app.ui.kit.hub import ChangeHub
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
def hub(qapp) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def page(qtbot, env: Env, sync_runner, hub: ChangeHub) -> AuditLogPage:
    widget = AuditLogPage(env.context(sync_runner, hub=hub))
    qtbot.addWidget(widget)
    return widget


def entries(page: AuditLogPage) -> list:
    return [page.model.row_at(n) for n in range(page.model.rowCount())]


def select_id(page: AuditLogPage, entry_id: int) -> None:
    row = next(n for n, e in enumerate(entries(page)) if e.id == entry_id)
    page.table.selectionModel().setCurrentIndex(
        page.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def shown(page: AuditLogPage, entry_id: int, column: int) -> str:
    row = next(n for n, e in enumerate(entries(page)) if e.id == entry_id)
    return page.model.index(row, column).data()


def a_customer_with_history(env: Env) -> tuple[str, list[int]]:
    """A customer created, changed (status, credit limit) and given a contact; its code and
    the ids of those entries, and an unrelated customer besides."""
    made = env.services.customers.create_customer(env.admin, {"name": "北京某某科技有限公司",
                                                              "city": "北京"}).saved
    env.services.customers.create_customer(env.admin, {"name": "上海别家贸易"})
    env.services.customers.update(env.admin, made.id, made.version,
                                  {"status": "active", "credit_limit": "50000"})
    env.services.contacts.create(env.admin, {"customer": made.id, "name": "王伟"})
    ids = [e.id for e in env.services.audit.list_audit_entries(env.admin, AuditFilter())
           if e.entity_type in ("customer", "contact") and "上海" not in e.subject]
    return made.code, ids


def test_the_model_loads_lazily_and_passes_the_model_tester(filled: Env, sync_runner,
                                                          qtmodeltester) -> None:
    model = AuditLogModel(filled.context(sync_runner))
    model.set_filters(AuditFilter())
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    assert model.total == DEPARTMENTS + 3  # plus the genesis entry, the admin's creation and login
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    ids = [model.row_at(n).id for n in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(ids) == DEPARTMENTS + 3
    qtmodeltester.check(model)


def test_the_model_fetches_in_the_background(qtbot, filled: Env, qtmodeltester) -> None:
    runner = TaskRunner()
    try:
        page = AuditLogPage(filled.context(runner))
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE)
        page.model.fetchMore()
        qtbot.waitUntil(lambda: page.model.rowCount() == DEPARTMENTS + 3)
        assert page.total_label.text() == f"{DEPARTMENTS + 3} entries"
        assert shown(page, page.model.row_at(DEPARTMENTS + 1).id, 5) == "admin Ada Admin"
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


def test_filtering_by_a_customer_code_finds_every_entry_about_it(page: AuditLogPage,
                                                                 env: Env) -> None:
    code, ids = a_customer_with_history(env)
    page.filter_bar.text.setText(code)
    page.filter_bar.on_changed()
    assert sorted(e.id for e in entries(page)) == sorted(ids)
    assert {(e.entity_type, e.action) for e in entries(page)} == {
        ("customer", "create"), ("customer", "update"), ("contact", "create")}


def test_the_list_names_the_record_by_code_and_name(page: AuditLogPage, env: Env) -> None:
    code, ids = a_customer_with_history(env)
    page.reload()
    created = min(ids)
    assert shown(page, created, 4) == "Customer"
    assert shown(page, created, 5) == f"{code} 北京某某科技有限公司"
    contact = max(ids)
    assert shown(page, contact, 4) == "Contact" and "王伟" in shown(page, contact, 5)


def test_the_list_sums_up_values_as_a_person_reads_them(page: AuditLogPage,
                                                        env: Env) -> None:
    _code, ids = a_customer_with_history(env)
    page.reload()
    update = sorted(ids)[1]
    summary = shown(page, update, 6)
    assert "Status: Prospect → Active" in summary
    assert "Credit limit: 0.00 → 50,000.00" in summary
    assert "prospect" not in summary
    created = shown(page, min(ids), 6)
    assert "Status: Prospect" in created and "City: 北京" in created


def test_sign_ins_lockouts_roles_and_settings_read_as_words(page: AuditLogPage,
                                                           env: Env) -> None:
    add_signed_in(env.services, env.admin, "wu", ["salesperson"])
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            env.services.auth.login("wu", "wrong password")
    role = env.services.roles.get_role(env.admin, "salesperson")
    env.services.roles.update_role(env.admin, "salesperson", role.version, sales=False)
    settings = env.services.settings.get_security_settings(env.admin)
    env.services.settings.update_security_settings(env.admin, settings.version,
                                                   lockout_minutes=30)
    page.reload()
    by_action = {e.action: e for e in entries(page)}  # the newest of each
    assert shown(page, by_action["login_failed"].id, 6) == "Reason: Wrong password"
    until = env.user("wu").locked_until.astimezone().strftime("%Y-%m-%d %H:%M")
    assert shown(page, by_action["lockout"].id, 6) == f"Locked until: {until}"
    role_update = next(e for e in entries(page) if e.entity_type == "role")
    assert shown(page, role_update.id, 5) == "salesperson Salesperson"
    assert shown(page, role_update.id, 6) == "Sales role (may own customers): Yes → No"
    settings_update = next(e for e in entries(page) if e.entity_type == "settings")
    assert shown(page, settings_update.id, 4) == "Security settings"
    assert shown(page, settings_update.id, 5) == ""
    assert shown(page, settings_update.id, 6) == "Lockout (minutes): 15 → 30"


def test_the_detail_shows_each_field_before_and_after(page: AuditLogPage, env: Env) -> None:
    dept = env.services.departments.create_department(env.admin, "旧名称").saved
    env.services.departments.update_department(env.admin, dept.id, dept.version, "新名称")
    page.reload()
    newest = entries(page)[0]
    assert (newest.action, newest.entity_type) == ("update", "department")
    select_id(page, newest.id)
    assert page.detail.values() == [("Name", "旧名称", "新名称")]
    heading = page.detail.heading.text()
    assert "Update" in heading and "Department" in heading and "新名称" in heading
    created = entries(page)[1]
    select_id(page, created.id)
    assert ("Name", "", "旧名称") in page.detail.values()


def test_the_detail_reads_values_through_the_declarations(page: AuditLogPage,
                                                          env: Env) -> None:
    code, ids = a_customer_with_history(env)
    role = env.services.roles.get_role(env.admin, "finance")
    env.services.roles.update_role(env.admin, "finance", role.version, sales=True)
    page.reload()
    select_id(page, sorted(ids)[1])
    assert ("Status", "Prospect", "Active") in page.detail.values()
    assert ("Credit limit", "0.00", "50,000.00") in page.detail.values()
    assert code in page.detail.heading.text() and "Customer 1" not in page.detail.heading.text()
    select_id(page, entries(page)[0].id)
    assert ("Sales role (may own customers)", "No", "Yes") in page.detail.values()


def test_the_detail_names_the_users_departments_and_roles_an_entry_refers_to(
        page: AuditLogPage, env: Env) -> None:
    """Changes keep ids and role codes; the detail shows what they name today."""
    south = env.services.departments.create_department(env.admin, "华南区").saved
    north = env.services.departments.create_department(env.admin, "华北区",
                                                       manager_id=env.admin.user_id).saved
    add_signed_in(env.services, env.admin, "lina", ["salesperson"], south.id)
    lina = env.user("lina")
    env.services.users.update_user(env.admin, lina.id, lina.version,
                                   roles=["sales_manager"], department_id=north.id)
    page.reload()
    moved = next(e for e in entries(page) if e.action == "update" and e.entity_type == "user")
    select_id(page, moved.id)
    assert ("Department", f"华南区 (#{south.id})", f"华北区 (#{north.id})") \
        in page.detail.values()
    assert ("Roles", "Salesperson", "Sales manager") in page.detail.values()
    assert "Roles: Salesperson → Sales manager" in shown(page, moved.id, 6)
    created = next(e for e in entries(page)
                   if e.entity_type == "department" and e.entity_id == str(north.id))
    select_id(page, created.id)
    assert ("Manager", "", f"Ada Admin (#{env.admin.user_id})") in page.detail.values()


def test_a_filter_that_hides_the_entry_shown_clears_the_detail(page: AuditLogPage,
                                                               env: Env) -> None:
    env.services.departments.create_department(env.admin, "华南区")
    page.reload()
    dept = next(e for e in entries(page) if e.entity_type == "department")
    select_id(page, dept.id)
    assert page.detail.entry.id == dept.id and page.detail.values()
    bar = page.filter_bar
    bar.entity.setCurrentIndex(bar.entity.findData("user"))
    assert dept.id not in [e.id for e in entries(page)]
    assert page.detail.entry is None and page.detail.values() == []
    bar.entity.setCurrentIndex(0)  # listed again, but the user did not choose it again
    assert page.detail.entry is None


def test_a_filter_that_keeps_the_entry_shown_keeps_the_detail(page: AuditLogPage,
                                                              env: Env) -> None:
    env.services.departments.create_department(env.admin, "华南区")
    page.reload()
    dept = next(e for e in entries(page) if e.entity_type == "department")
    select_id(page, dept.id)
    bar = page.filter_bar
    bar.entity.setCurrentIndex(bar.entity.findData("department"))
    assert page.detail.entry is not None and page.detail.entry.id == dept.id
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert ("Name", "", "华南区") in page.detail.values()


def test_new_entries_written_elsewhere_appear_and_the_chain_verdict_goes(
        page: AuditLogPage, env: Env, hub: ChangeHub) -> None:
    page.show()
    page.verify_button.click()
    assert "intact" in page.chain_label.text()
    before = len(entries(page))
    hub.broadcast(env.services.departments.create_department(env.admin, "华东区"))
    assert len(entries(page)) == before + 1 and entries(page)[0].entity_type == "department"
    assert page.chain_label.text() == "" and page.report is None
    page.verify_button.click()
    assert f"{before + 1} entries" in page.chain_label.text()


def test_a_hidden_page_reloads_when_shown(page: AuditLogPage, env: Env,
                                         hub: ChangeHub) -> None:
    before = len(entries(page))
    hub.broadcast(env.services.departments.create_department(env.admin, "华东区"))
    assert len(entries(page)) == before  # not shown: no work yet
    page.show()
    assert len(entries(page)) == before + 1


def test_refresh_drops_the_chain_verdict(page: AuditLogPage, env: Env) -> None:
    page.verify_button.click()
    assert page.report is not None and page.chain_label.text()
    env.services.departments.create_department(env.admin, "written by another desktop")
    page.refresh_button.click()
    assert page.report is None and page.chain_label.text() == ""


def test_export_writes_one_row_per_changed_field_and_is_audited(tmp_path,
                                                                page: AuditLogPage,
                                                                env: Env) -> None:
    code, _ids = a_customer_with_history(env)
    page.filter_bar.text.setText(code)
    page.filter_bar.on_changed()
    target = tmp_path / "audit export"  # the page adds .xlsx
    page.ask_export_path = lambda: str(target)
    assert page.on_export() is not None
    book = load_workbook(tmp_path / "audit export.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("No.", "Time", "User", "Action", "Record type", "Record", "Field",
                       "Before", "After")
    update = [r for r in rows[1:] if r[3] == "Update"]
    assert {(r[6], r[7], r[8]) for r in update} == {("Status", "Prospect", "Active"),
                                                    ("Credit limit", "0.00", "50,000.00")}
    assert {r[5] for r in rows[1:4]} >= {f"{code} 北京某某科技有限公司"}
    assert "{" not in "".join(str(c) for r in rows for c in r if c)  # no raw JSON
    page.filter_bar.on_clear()
    assert entries(page)[0].action == "export" and entries(page)[0].entity_type == "audit_log"
    assert "Exported 3 entries" in page.status_label.text()
    assert page.export is None and page.export_button.isEnabled()


def test_cancelled_export_writes_nothing(tmp_path, page: AuditLogPage, env: Env,
                                         monkeypatch) -> None:
    for n in range(260):  # two rows each (name, manager): the first report comes at 500
        env.services.departments.create_department(env.admin, f"Team {n}", env.admin.user_id)
    target = tmp_path / "never.xlsx"
    page.ask_export_path = lambda: str(target)
    original = ExportRun.progress

    def cancel_first(self, done: int, total: int) -> bool:
        if self.dialog is not None:
            self.dialog.canceled.emit()  # the user presses Cancel in the progress dialog
        return original(self, done, total)

    monkeypatch.setattr(ExportRun, "progress", cancel_first)
    page.on_export()
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
    page = AuditLogPage(env.context(sync_runner, reader))
    qtbot.addWidget(page)
    assert entries(page) and page.verify_button.isEnabled()
    assert not page.export_button.isEnabled()
    page.ask_export_path = lambda: str(tmp_path / "x.xlsx")
    assert page.on_export() is None and not (tmp_path / "x.xlsx").exists()
    assert page.filter_bar.user.count() == 1  # no right to list users: "All users" only
    assert close_errors(page) == []


def test_a_salesperson_gets_no_audit_log(qtbot, env: Env, sync_runner) -> None:
    _row, sales = add_signed_in(env.services, env.admin, "sales1", ["salesperson"])
    page = AuditLogPage(env.context(sync_runner, sales))
    qtbot.addWidget(page)
    assert page.table is None and page.model.rowCount() == 0
    page.on_changed(env.services.departments.create_department(env.admin, "x"))
    assert close_errors(page) == []


def test_column_widths_and_splitter_are_remembered(qtbot, page: AuditLogPage, env: Env,
                                                   sync_runner) -> None:
    page.table.setColumnWidth(2, 222)
    page.save_state(QSettings())
    again = AuditLogPage(env.context(sync_runner))
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
    odd = BAD_INPUTS["sql"] + " " + BAD_INPUTS["html"]
    env.services.departments.create_department(env.admin, odd)
    page.filter_bar.text.setText("DROP TABLE")
    page.filter_bar.on_changed()
    [found] = entries(page)
    select_id(page, found.id)
    assert ("Name", "", odd) in page.detail.values()
    assert f"Name: {odd}" in shown(page, found.id, 6)  # "%1 %2" in a value stays as typed
