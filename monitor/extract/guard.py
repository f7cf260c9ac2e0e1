"""Run parsing code in killable child processes with a deadline and a memory ceiling.

Takes jobs (a module-level function and its arguments), a memory limit in MB and a deadline, and
returns one `ChildResult` per job: the function's value, or an outcome and reason (timeout, memory,
corrupt...). Children come from the "forkserver" start method ("spawn" where there is none), never from
a plain fork, because the caller may be a Twisted reactor or a thread. A child that raises, runs out of
memory, crashes or overruns is reported, never propagated: the calling process is unharmed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from ..errors import ExtractError
from .model import Outcome

log = logging.getLogger(__name__)

# Loaded once into the fork server, so each child starts with the parsers already imported.
PRELOAD = ["monitor.extract.read_pdf", "monitor.extract.read_docx", "monitor.extract.read_html"]
# PDFium aborts (SIGABRT/SIGTRAP) when an allocation fails under RLIMIT_AS; SIGKILL is the OOM killer.
_OUT_OF_MEMORY_SIGNALS = {signal.SIGABRT, signal.SIGKILL, signal.SIGTRAP, signal.SIGILL}
_context = None


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


def get_context():
    """The multiprocessing context every extraction child comes from."""
    global _context
    if _context is None:
        methods = multiprocessing.get_all_start_methods()
        _context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if _context.get_start_method() == "forkserver":
            _context.set_forkserver_preload(PRELOAD)
    return _context


def run_children(jobs: list[tuple], *, memory_mb: int, deadline: float) -> list[ChildResult]:
    """Run each (function, args) job in its own child; stop them all at `deadline` (time.monotonic) or
    as soon as one fails. Jobs not finished when the run stops get the failure that stopped it."""
    ctx = get_context()
    children = []
    try:
        for target, args in jobs:
            receiver, sender = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child_main, args=(sender, memory_mb, target, args), daemon=True)
            process.start()
            sender.close()
            children.append((process, receiver))
        return _collect(children, memory_mb, deadline)
    finally:
        for process, receiver in children:
            if process.is_alive():
                process.kill()
            process.join(5)
            receiver.close()


def run_child(target, args: tuple, *, memory_mb: int, deadline: float) -> ChildResult:
    return run_children([(target, args)], memory_mb=memory_mb, deadline=deadline)[0]


def _collect(children: list, memory_mb: int, deadline: float) -> list[ChildResult]:
    results: list[ChildResult | None] = [None] * len(children)
    pending = set(range(len(children)))
    while pending:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            stop = ChildResult(False, outcome=Outcome.TIMEOUT, detail="ran past the time limit", retry=True)
            return [r or stop for r in results]
        waitables = {}
        for i in pending:
            waitables[children[i][1]] = i
            waitables[children[i][0].sentinel] = i
        for ready in wait(list(waitables), timeout=remaining):
            i = waitables[ready]
            if i in pending:
                results[i] = _receive(*children[i], memory_mb)
                pending.discard(i)
        failures = [r for r in results if r is not None and not r.ok]
        if failures:
            return [r or failures[0] for r in results]
    return results


def _receive(process, receiver, memory_mb: int) -> ChildResult:
    try:
        if receiver.poll():
            return receiver.recv()
    except (EOFError, OSError):
        pass
    process.join(5)
    return _death(process.exitcode, memory_mb)


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


def _child_main(sender, memory_mb: int, target, args: tuple) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = ChildResult(True, value=target(*args))
    except ExtractFailure as exc:
        result = ChildResult(False, outcome=exc.outcome, detail=exc.detail, retry=exc.retry)
    except MemoryError:
        result = ChildResult(False, outcome=Outcome.MEMORY, retry=True,
                             detail=f"needed more than the {memory_mb} MB memory limit")
    except RecursionError:
        result = ChildResult(False, outcome=Outcome.CORRUPT, retry=True, detail="structure nested too deeply")
    except Exception as exc:  # the child's boundary: every parser error becomes an outcome
        result = ChildResult(False, outcome=Outcome.CORRUPT, retry=True,
                             detail=f"{type(exc).__name__}: {exc}"[:300])
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        sender.send(result)
    except MemoryError:
        sender.send(ChildResult(False, outcome=Outcome.MEMORY, retry=True,
                                detail=f"the result did not fit in the {memory_mb} MB memory limit"))
    except Exception:
        os._exit(70)
    sender.close()
