"""Export of a list to Excel: in the background, with progress and cancel (a cancelled
export leaves no file and no audit entry)."""

from __future__ import annotations

import threading

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.logic.audit.dto import AuditFilter
from app.ui.kit.export import ExportRun
from app.ui.kit.tasks import SyncTaskRunner, TaskRunner
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def threaded(qapp):
    runner = TaskRunner(workers=1)
    yield runner
    runner.shutdown()


@pytest.fixture
def gate():
    """Set to let the (single) worker go on; set at the end even if a test fails."""
    event = threading.Event()
    yield event
    event.set()


def open_window(qtbot, many, runner) -> MainWindow:
    services, actor = many
    window = MainWindow(services, actor, runner)
    qtbot.addWidget(window)
    window.show()
    view = window.page("customers")
    qtbot.waitUntil(lambda: view.model.total is not None and view.model.rowCount() > 0)
    return window


def exports_audited(many) -> int:
    services, actor = many
    return services.audit.count_audit_entries(actor, AuditFilter(action="export"))


def test_an_export_runs_in_the_background_and_cancel_leaves_no_file(
        qtbot, many, threaded, gate, tmp_path):
    window = open_window(qtbot, many, threaded)
    view = window.page("customers")
    path = tmp_path / "customers.xlsx"
    view.ask_path = lambda: str(path)
    audited = exports_audited(many)
    threaded.run(gate.wait, lambda _: None)  # the worker waits until the export is watched
    run = view.on_export()
    assert run is not None and run.dialog is not None
    assert not view.export_button.isEnabled()
    reached, proceed = threading.Event(), threading.Event()

    def on_worker(done: int, total: int) -> None:  # runs on the worker thread
        reached.set()
        proceed.wait(10)

    run.sig_progress.connect(on_worker, Qt.ConnectionType.DirectConnection)
    gate.set()
    qtbot.waitUntil(reached.is_set)
    run.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    assert run.cancelled
    proceed.set()
    qtbot.waitUntil(lambda: view.export_run is None)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written."
    assert view.export_button.isEnabled()
    assert exports_audited(many) == audited


def test_a_finished_export_reports_its_rows(qtbot, many, threaded, tmp_path):
    window = open_window(qtbot, many, threaded)
    view = window.page("customers")
    path = tmp_path / "all.xlsx"
    view.ask_path = lambda: str(path)
    audited = exports_audited(many)
    view.on_export()
    qtbot.waitUntil(lambda: view.export_run is None, timeout=20_000)
    assert len(list(load_workbook(path, read_only=True).worksheets[0].rows)) == 451
    assert exports_audited(many) == audited + 1
    assert window.statusBar().currentMessage() == f"Exported 450 rows to {path}."


def test_a_cancel_after_the_last_row_is_too_late_and_says_so(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    run = ExportRun(SyncTaskRunner(), "Exporting...", parent)
    outcomes: list[int] = []
    run.sig_finished.connect(outcomes.append)

    def work(report) -> int:
        report(10, 10)
        run.cancel()  # the user clicked Cancel while the file was being closed
        return 10

    run.start(work)
    assert outcomes == [10]


def test_the_export_dialog_asks_nothing_when_no_file_is_chosen(qtbot, context):
    from app.ui.customers import CustomerListView

    view = CustomerListView(context)
    qtbot.addWidget(view)
    view.ask_path = lambda: ""
    assert view.on_export() is None
    assert view.export_run is None

