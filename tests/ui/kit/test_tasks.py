"""The task runner: work off the GUI thread, outcome back on it, cancelled work dropped."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import wait

import pytest
from PySide6.QtCore import QCoreApplication, QObject

from app.ui.kit.tasks import SyncTaskRunner, Task, TaskRunner


@pytest.fixture
def threaded(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner(workers=2)
    yield runner
    runner.shutdown()


@pytest.fixture
def release(threaded: TaskRunner) -> Iterator[threading.Event]:
    """Blocked work waits for this; set before the runner shuts down, even if a test fails."""
    event = threading.Event()
    yield event
    event.set()


def settle(*tasks: Task) -> None:
    """Wait until the tasks' work has ended, then let the GUI thread take their outcomes.

    A worker posts the outcome before its future completes, so once the futures are done
    every outcome is in the GUI thread's queue and ``sendPostedEvents`` delivers it.
    """
    wait([task.future for task in tasks])
    QCoreApplication.sendPostedEvents()


def blocked(started: threading.Barrier, release: threading.Event, value: int
            ) -> Callable[[], int]:
    def work() -> int:
        started.wait()
        release.wait()
        return value

    return work


def test_work_runs_on_a_worker_and_the_result_arrives_on_the_gui_thread(threaded):
    seen: dict[str, object] = {}
    gui = threading.get_ident()

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["callback"] = value, threading.get_ident()

    task = threaded.run(work, done)
    settle(task)
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert seen["value"] == 42
    assert not threaded.busy


def test_an_error_goes_to_the_failure_callback(threaded):
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("boom")

    settle(threaded.run(fail, lambda _: None, errors.append))
    assert [str(e) for e in errors] == ["boom"]
    assert not threaded.busy


def test_a_destroyed_context_drops_the_outcome_of_running_work(qtbot, threaded, release):
    results: list[int] = []
    started = threading.Barrier(2)
    context = QObject()
    task = threaded.run(blocked(started, release, 1), results.append, context=context)
    started.wait()
    with qtbot.waitSignal(context.destroyed, timeout=None):
        context.deleteLater()
    assert task.cancelled
    assert threaded.busy  # the work is still running on its worker
    release.set()
    settle(task)
    assert results == []
    assert not threaded.busy


def test_a_task_cancelled_before_it_started_never_runs_and_leaves_the_runner_idle(
        threaded, release):
    results: list[int] = []
    started = threading.Barrier(3)  # both workers and this thread
    first = threaded.run(blocked(started, release, 1), results.append)
    second = threaded.run(blocked(started, release, 2), results.append)
    started.wait()  # both workers are busy: a third task waits in the queue
    ran = threading.Event()
    queued = threaded.run(lambda: ran.set() or 3, results.append)
    queued.cancel()
    assert queued.future.cancelled()
    release.set()
    settle(first, second, queued)
    assert sorted(results) == [1, 2]
    assert not ran.is_set()
    assert not threaded.busy


def test_a_task_cancelled_while_running_delivers_nothing(threaded, release):
    results: list[int] = []
    failures: list[Exception] = []
    started = threading.Barrier(2)
    task = threaded.run(blocked(started, release, 1), results.append, failures.append)
    started.wait()
    task.cancel()
    assert not task.future.cancelled()  # too late to stop the work, not to drop its outcome
    release.set()
    settle(task)
    assert (results, failures) == ([], [])
    assert not threaded.busy


def test_the_synchronous_runner_delivers_at_once(qapp):
    runner = SyncTaskRunner()
    values: list[object] = []
    runner.run(lambda: 7, values.append)
    runner.run(lambda: 1 / 0, values.append, values.append)
    assert values[0] == 7
    assert isinstance(values[1], ZeroDivisionError)
