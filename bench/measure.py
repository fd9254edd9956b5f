"""Timing, query counting and peak memory: the instruments, with nothing of the cases in them."""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.template.response import SimpleTemplateResponse
from django.test.utils import CaptureQueriesContext

RUNS = 7  # timed runs, after one warm-up run


@dataclass
class Timing:
    seconds: list[float]
    queries: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def spread_ms(self) -> tuple[float, float]:
        return min(self.seconds) * 1000, max(self.seconds) * 1000


def repeat(action: Callable[[], object], *, prepare: Callable[[], object] | None = None, runs: int = RUNS) -> Timing:
    """Time ``action`` over ``runs`` runs after a warm-up; then count the queries of one more run.

    ``prepare`` runs before each run, outside the clock and the count.
    """
    seconds = []
    for index in range(runs + 1):
        if prepare:
            prepare()
        start = time.perf_counter()
        action()
        if index:  # the first run warms caches and connections up
            seconds.append(time.perf_counter() - start)
    if prepare:
        prepare()
    with CaptureQueriesContext(connection) as captured:
        action()
    return Timing(seconds=seconds, queries=len(captured))


@dataclass
class Paired:
    """Two actions timed run by run, one after the other: ``first`` over ``second`` per pair."""

    first: Timing
    second: Timing

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.first.seconds, self.second.seconds, strict=True)]

    @property
    def ratio(self) -> float:
        """The median of the pairs' ratios: a load that comes and goes on the machine weighs on
        both runs of a pair alike, where two medians taken minutes apart would each meet another."""
        return statistics.median(self.ratios)


def alternate(first: Callable[[], object], second: Callable[[], object], *, runs: int = RUNS) -> Paired:
    """Time ``first`` and ``second`` alternately (first, second, first, second …) over ``runs``
    pairs after a warm-up pair; then count the queries of one more run of each."""
    times: tuple[list[float], list[float]] = ([], [])
    for index in range(runs + 1):
        for action, seconds in zip((first, second), times, strict=True):
            start = time.perf_counter()
            action()
            if index:
                seconds.append(time.perf_counter() - start)
    counts = []
    for action in (first, second):
        with CaptureQueriesContext(connection) as captured:
            action()
        counts.append(len(captured))
    return Paired(Timing(times[0], counts[0]), Timing(times[1], counts[1]))


@dataclass
class RenderClock:
    """Seconds spent rendering templates, one figure per response rendered."""

    seconds: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000


@contextmanager
def render_clock():
    """Measure ``SimpleTemplateResponse.render`` (the whole page's template) while inside the block."""
    clock = RenderClock()
    original = SimpleTemplateResponse.render

    def timed(response):
        start = time.perf_counter()
        try:
            return original(response)
        finally:
            clock.seconds.append(time.perf_counter() - start)

    SimpleTemplateResponse.render = timed
    try:
        yield clock
    finally:
        SimpleTemplateResponse.render = original


def max_rss_mb() -> float:
    """The peak resident memory of this process so far.

    Linux's VmHWM, not ``getrusage``: a child's ``ru_maxrss`` starts from its parent's peak at
    the fork, so it would report the benchmark's own size instead of the child's.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux and BSD


def _status_mb(field_name: str) -> float | None:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1]) / 1024
    return None


def starting_size_mb() -> float:
    """The process's resident size now, with its peak reset to it (Linux: ``clear_refs`` 5), so
    that the peak read after the action is the action's own; elsewhere the peak so far."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return max_rss_mb()
    return _status_mb("VmRSS") or max_rss_mb()


def report_memory(action: Callable[[], object], *, trace: bool) -> None:
    """Run ``action`` once and print its memory as JSON: for a child started by ``in_child``."""
    before = starting_size_mb()
    if trace:
        tracemalloc.start()
    action()
    peak = max_rss_mb()
    # What the action itself took: the peak above the process's size when it started (Django,
    # the modules, a signed-in client), which differs from one case's process to another's.
    figures = {"rss_before_mb": before, "rss_peak_mb": peak, "rss_growth_mb": peak - before}
    if trace:
        figures["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(figures))


def in_child(*args: str) -> dict:
    """Peak memory of ``python -m bench.memory ARGS`` in a fresh process.

    Two processes: one for the resident set, one with tracemalloc (which slows Python down and
    adds its own memory) for the peak of what Python allocated during the action.
    """
    resident = _child([*args])
    traced = _child([*args, "--trace"])
    return {**resident, "traced_peak_mb": traced["traced_peak_mb"]}


def _child(args: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", *args], capture_output=True, text=True, env=os.environ, check=False
    )
    if done.returncode:
        raise SystemExit(f"bench.memory {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])
