"""Run database work off the GUI thread and deliver the outcome back on it.

After Anki's ``QueryOp``/``CollectionOp``: the caller hands over a function, a success
callback and an optional failure callback; the function runs on a worker thread and the
callbacks run on the GUI thread. Widgets receive a runner through their constructor, so
tests can pass ``SyncTaskRunner`` and get the outcome immediately.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]


@dataclass
class Task:
    """A handle on one piece of background work. ``cancel()`` drops its outcome."""

    fn: Callable[[], Any]
    on_success: Success
    on_failure: Failure | None
    cancelled: bool = False
    future: Future[Any] | None = field(default=None, repr=False)

    def cancel(self) -> None:
        self.cancelled = True
        if self.future is not None:
            self.future.cancel()

    def deliver(self, outcome: Any, failed: bool) -> None:
        if self.cancelled:
            return
        if not failed:
            self.on_success(outcome)
        elif self.on_failure is not None:
            self.on_failure(outcome)
        else:
            log.error("background task failed", exc_info=outcome)


class Runner(Protocol):
    def run(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None = None,
            context: QObject | None = None) -> Task: ...


class TaskRunner(QObject):
    """Runs functions on a small thread pool; outcomes arrive through a queued signal.

    ``busy`` while a task is pending: until its outcome arrives (delivered, or dropped if it
    was cancelled while running), or until it is cancelled before a worker took it up.
    """

    _sig_finished = Signal(object, object, bool)
    _sig_dropped = Signal(object)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kehu-db")
        self._pending: set[int] = set()
        self._sig_finished.connect(self.on_finished)
        self._sig_dropped.connect(self.on_dropped)

    def run(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None = None,
            context: QObject | None = None) -> Task:
        """Run ``fn()`` in the background; drop the outcome if ``context`` is destroyed first."""
        task = Task(fn, on_success, on_failure)
        if context is not None:
            context.destroyed.connect(task.cancel)
        self._pending.add(id(task))
        task.future = self._pool.submit(self._work, task)
        task.future.add_done_callback(partial(self._done, task))
        return task

    def _done(self, task: Task, future: Future[Any]) -> None:
        """A future cancelled before it started never runs ``_work``: say so to the GUI thread.

        Called by the thread that cancelled it (the GUI thread: then the slot runs at once).
        """
        if future.cancelled():
            self._sig_dropped.emit(task)

    def _work(self, task: Task) -> None:
        try:
            outcome, failed = task.fn(), False
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            outcome, failed = exc, True
        self._sig_finished.emit(task, outcome, failed)

    @Slot(object, object, bool)
    def on_finished(self, task: Task, outcome: Any, failed: bool) -> None:
        self._pending.discard(id(task))
        task.deliver(outcome, failed)

    @Slot(object)
    def on_dropped(self, task: Task) -> None:
        self._pending.discard(id(task))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class SyncTaskRunner(QObject):
    """Runs each function at once on the calling thread. For tests and scripts."""

    def run(self, fn: Callable[[], Any], on_success: Success, on_failure: Failure | None = None,
            context: QObject | None = None) -> Task:
        task = Task(fn, on_success, on_failure)
        try:
            outcome, failed = fn(), False
        except Exception as exc:
            outcome, failed = exc, True
        task.deliver(outcome, failed)
        return task

    @property
    def busy(self) -> bool:
        return False

    def shutdown(self) -> None:
        """Nothing runs in the background."""
