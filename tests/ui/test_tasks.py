"""The task runner: work off the GUI thread, outcome back on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject

from app.ui.tasks import SyncTaskRunner, TaskRunner


@pytest.fixture
def threaded(qapp):
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_work_runs_on_a_worker_and_the_result_arrives_on_the_gui_thread(qtbot, threaded):
    seen: dict[str, object] = {}
    gui = threading.get_ident()

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["callback"] = value, threading.get_ident()

    threaded.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert seen["value"] == 42
    assert not threaded.busy


def test_an_error_goes_to_the_failure_callback(qtbot, threaded):
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("boom")

    threaded.run(fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "boom"


def test_a_destroyed_context_drops_the_outcome(qtbot, threaded):
    results: list[int] = []
    started, release = threading.Event(), threading.Event()
    context = QObject()

    def slow() -> int:
        started.set()
        release.wait(5)
        return 1

    threaded.run(slow, results.append, context=context)
    started.wait(5)
    context.deleteLater()
    qtbot.waitSignal(context.destroyed, timeout=1000)
    release.set()
    qtbot.waitUntil(lambda: not threaded.busy)
    assert results == []


def test_a_cancelled_task_delivers_nothing(qtbot, threaded):
    results: list[int] = []
    task = threaded.run(lambda: 1, results.append)
    task.cancel()
    qtbot.waitUntil(lambda: not threaded.busy or task.future.cancelled())
    assert results == []


def test_the_synchronous_runner_delivers_at_once(qapp):
    runner = SyncTaskRunner()
    values: list[object] = []
    runner.run(lambda: 7, values.append)
    runner.run(lambda: 1 / 0, values.append, values.append)
    assert values[0] == 7
    assert isinstance(values[1], ZeroDivisionError)
