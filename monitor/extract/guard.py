"""Run parsing code in killable warm worker processes with a deadline and a memory ceiling.

Takes jobs (a module-level function, or its name as "module:function", and its arguments), a memory
limit in MB and a deadline, and returns one `ChildResult` per job: the function's value, or an
outcome and reason (timeout, memory, corrupt...). Workers (worker.py) are started with subprocess,
never forked from the caller (which may be a Twisted reactor or a thread) and never through
multiprocessing, whose children re-import a console script's `__main__`: the whole command line. A
worker sets its memory limit once and is kept for the next job only while it stays healthy: a job
that fails in any way, or leaves the worker with more than 5% of its limit in address space beyond
what it started with (so that no job has less room than in a fresh process, give or take that),
retires it, and a worker that overruns or crashes is killed; a fresh one is started in its place at
once. A failure is reported, never propagated.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import ExtractError
from .model import Outcome

log = logging.getLogger(__name__)

# PDFium aborts (SIGABRT/SIGTRAP) when an allocation fails under RLIMIT_AS; SIGKILL is the OOM killer.
_OUT_OF_MEMORY_SIGNALS = {signal.SIGABRT, signal.SIGKILL, signal.SIGTRAP, signal.SIGILL}
_RETIRE_SHARE = 0.05  # a worker that kept more than this share of its limit after a job is replaced
_MAX_IDLE = max(2, os.cpu_count() or 2)
_SPARE_LEAD_S = 0.3  # a worker takes about 0.2 s to start: start a spare this long before a deadline


class ExtractFailure(ExtractError):
    """Raised inside a child to end it with a definite outcome. `retry`: another extractor may do better."""

    def __init__(self, outcome: str, detail: str, retry: bool = False):
        super().__init__(detail)
        self.outcome, self.detail, self.retry = str(outcome), detail, retry


@dataclass
class ChildResult:
    ok: bool
    value: Any = None
    outcome: str = Outcome.OK
    detail: str = ""
    retry: bool = False
    peak_mb: float = 0.0
    grown_mb: float = 0.0  # address space the worker kept after the job, beyond what it started with
    busy_s: float = 0.0  # the job's own time in the worker (with any import it needs; not start-up, not pipes)


class Worker:
    """One worker process and its two pipes (jobs in, results out)."""

    def __init__(self, memory_mb: int):
        from .worker import command

        jobs_read, self._jobs_write = os.pipe()
        self._results_read, results_write = os.pipe()
        try:
            self.process = subprocess.Popen(command(memory_mb, jobs_read, results_write),
                                            pass_fds=(jobs_read, results_write), stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL)
        finally:
            os.close(jobs_read)
            os.close(results_write)
        self.jobs = Connection(self._jobs_write, readable=False)
        self.results = Connection(self._results_read, writable=False)
        self.memory_mb, self.ready, self.jobs_done = memory_mb, False, 0

    def stop(self) -> int | None:
        """Kill the worker and return its exit code (negative: the signal that ended it)."""
        if self.process.poll() is None:
            self.process.kill()
        try:
            code = self.process.wait(5)
        except subprocess.TimeoutExpired:
            code = None
        self.jobs.close()
        self.results.close()
        return code


class _Pool:
    """Idle workers by memory limit, shared by every thread of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.idle: dict[int, list[Worker]] = {}
        self.started = 0

    def take(self, memory_mb: int) -> Worker:
        with self.lock:
            idle = self.idle.get(memory_mb)
            if idle:
                return idle.pop()
            self.started += 1
        return Worker(memory_mb)

    def give_back(self, worker: Worker, healthy: bool) -> None:
        if healthy:
            with self.lock:
                idle = self.idle.setdefault(worker.memory_mb, [])
                if len(idle) < _MAX_IDLE:
                    idle.append(worker)
                    return
        worker.stop()
        if not healthy:  # start its successor now, so that it is warm when the next job comes
            self.warm(worker.memory_mb)

    def warm(self, memory_mb: int) -> Worker | None:
        """Start a worker unless one is idle at this memory limit; returns the one started. One is
        enough: a job that finds none idle starts its own (run_children)."""
        with self.lock:
            idle = self.idle.setdefault(memory_mb, [])
            if idle:
                return None
            idle.append(Worker(memory_mb))
            self.started += 1
            return idle[-1]

    def close(self) -> None:
        with self.lock:
            workers = [w for idle in self.idle.values() for w in idle]
            self.idle.clear()
        for worker in workers:
            worker.stop()


POOL = _Pool()
atexit.register(POOL.close)


def release_workers() -> None:
    """Stop the idle workers (after a crawl, so a long-running scheduler does not hold their memory)."""
    POOL.close()


def warm_up(memory_mb: int, timeout_s: float = 30.0) -> None:
    """Have a worker idle and ready, so that its start-up is not charged to a document."""
    worker = POOL.warm(memory_mb)
    if worker is not None and worker.results.poll(timeout_s):
        try:
            worker.ready = worker.results.recv() == "ready"
        except EOFError:
            pass


def run_children(jobs: list[tuple], *, memory_mb: int, deadline: float) -> list[ChildResult]:
    """Run each (function, args) job in its own worker; stop them all at `deadline` (time.monotonic)
    or as soon as one fails. Jobs not finished when the run stops get the failure that stopped it."""
    workers: list[Worker] = []
    results: list[ChildResult | None] = [None] * len(jobs)
    try:
        for i, (target, args) in enumerate(jobs):
            workers.append(POOL.take(memory_mb))
            try:
                workers[-1].jobs.send((target, args, max(0.0, deadline - time.monotonic())))
            except OSError:  # the worker died before taking its job
                results[i] = _death(workers[-1].stop(), memory_mb)
        return _collect(workers, results, memory_mb, deadline)
    finally:
        for worker, result in zip(workers, results, strict=False):
            healthy = result is not None and result.ok and result.grown_mb <= _RETIRE_SHARE * memory_mb
            POOL.give_back(worker, healthy)


def run_child(target, args: tuple, *, memory_mb: int, deadline: float) -> ChildResult:
    return run_children([(target, args)], memory_mb=memory_mb, deadline=deadline)[0]


def _collect(workers: list[Worker], results: list, memory_mb: int, deadline: float) -> list[ChildResult]:
    """Fills `results` in place (None: the job was stopped unfinished) and returns every job's result."""
    pending = {worker.results: i for i, worker in enumerate(workers) if results[i] is None}
    spare = False
    while pending:
        if any(r is not None and not r.ok for r in results):
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            stop = ChildResult(False, outcome=Outcome.TIMEOUT, detail="ran past the time limit", retry=True)
            return [r or stop for r in results]
        if remaining <= _SPARE_LEAD_S and not spare:  # these workers may be killed: have the next one ready
            POOL.warm(memory_mb)
            spare = True
        for ready in wait(list(pending), timeout=remaining if spare else remaining - _SPARE_LEAD_S):
            i = pending[ready]
            received = _receive(workers[i], memory_mb)
            if received is not None:
                results[i] = received
                del pending[ready]
    failure = next((r for r in results if r is not None and not r.ok), None)
    return [r or failure for r in results]


def _receive(worker: Worker, memory_mb: int) -> ChildResult | None:
    """The worker's answer; None if it only said it is ready (the job's answer comes next)."""
    try:
        message = worker.results.recv()
    except (EOFError, OSError):
        return _death(worker.stop(), memory_mb)
    if message == "ready":
        worker.ready = True
        return None
    worker.jobs_done += 1
    return message


def _death(exitcode: int | None, memory_mb: int) -> ChildResult:
    if exitcode is not None and exitcode < 0 and -exitcode in _OUT_OF_MEMORY_SIGNALS:
        name = signal.Signals(-exitcode).name
        return ChildResult(False, outcome=Outcome.MEMORY, retry=True,
                           detail=f"the parser was stopped by {name}, as happens when it runs out of memory "
                                  f"(limit {memory_mb} MB)")
    if exitcode is not None and exitcode < 0:
        return ChildResult(False, outcome=Outcome.CORRUPT, retry=True,
                           detail=f"the parser crashed ({signal.Signals(-exitcode).name}) on this file")
    return ChildResult(False, outcome=Outcome.CORRUPT, retry=True,
                       detail=f"the parser ended without a result (exit code {exitcode})")
