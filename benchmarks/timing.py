"""Timing helpers: run a callable repeatedly, keep the wall-clock samples."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Samples:
    seconds: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


@dataclass(frozen=True)
class Result:
    """One operation: ours against the raw limit measured in the same run."""

    name: str
    ours: Samples
    raw: Samples
    target_ms: float | None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours.p95_ms / max(self.raw.p95_ms, 1e-6)


def sample(action: Callable[[], object], repeat: int, warmup: int = 2) -> Samples:
    for _ in range(warmup):
        action()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return Samples(tuple(seconds))


def interleaved(ours: Callable[[], object], raw: Callable[[], object],
                repeat: int, warmup: int = 2) -> tuple[Samples, Samples]:
    """Alternate ours and raw so both see the same machine noise."""
    for _ in range(warmup):
        ours()
        raw()
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for action, into in ((ours, mine), (raw, theirs)):
            started = time.perf_counter()
            action()
            into.append(time.perf_counter() - started)
    return Samples(tuple(mine)), Samples(tuple(theirs))
