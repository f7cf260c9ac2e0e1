"""Child side of guard.py: a warm worker process that runs parsing jobs one after another.

Started by guard.py as `python -c "... serve(...)"` with the parent's sys.path, a memory limit in MB
and two pipe descriptors; it never imports the command line (multiprocessing's spawn and forkserver
children re-run a console script's `__main__`, which costs each child the whole CLI). It sets its
memory ceiling (RLIMIT_AS) once, imports the parsers, says "ready", then takes (function, args,
seconds) jobs and answers each with a `ChildResult`, until its job pipe closes. A job's function may
be named "module:function", so that the parent need not import the parsers to send it. A job that
raises becomes an outcome; one that overruns, crashes or exhausts memory is killed by the parent,
which starts a fresh worker in its place.
"""

from __future__ import annotations

import importlib
import json
import math
import resource
import signal
import sys
import time
from multiprocessing.connection import Connection

from .guard import ChildResult, ExtractFailure
from .model import Outcome

# The parent kills an overrunning job; the alarm only ends a job whose parent died mid-job.
_ORPHAN_MARGIN_S = 10
# Most documents are PDFs; a worker imports the DOCX and HTML readers (bs4, python-docx: 0.1 s) when
# it first gets such a job, so that a replacement for a killed worker is ready sooner.
PRELOAD = ("monitor.extract.read_pdf",)


def serve(memory_mb: int, jobs_fd: int, results_fd: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    jobs, results = Connection(jobs_fd, writable=False), Connection(results_fd, readable=False)
    for name in PRELOAD:
        __import__(name)
    start_mb = _address_space_mb()
    results.send("ready")
    while True:
        try:
            job = jobs.recv()
        except EOFError:  # the parent is done with this worker (or gone)
            return
        except Exception as exc:  # a job that cannot even be unpickled (its function's module is missing...)
            job = (_fail, (f"{type(exc).__name__}: {exc}",), 60.0)
        target, args, seconds = job
        signal.alarm(math.ceil(seconds) + _ORPHAN_MARGIN_S)
        result = run_job(target, args, memory_mb)
        signal.alarm(0)
        result.grown_mb = _address_space_mb() - start_mb
        _send(results, result, memory_mb)


def run_job(target, args: tuple, memory_mb: int) -> ChildResult:
    started = time.perf_counter()
    try:
        result = ChildResult(True, value=resolve(target)(*args))
    except ExtractFailure as exc:
        result = ChildResult(False, outcome=exc.outcome, detail=exc.detail, retry=exc.retry)
    except MemoryError:
        result = ChildResult(False, outcome=Outcome.MEMORY, retry=True,
                             detail=f"needed more than the {memory_mb} MB memory limit")
    except RecursionError:
        result = ChildResult(False, outcome=Outcome.CORRUPT, retry=True, detail="structure nested too deeply")
    except Exception as exc:  # the job's boundary: every parser error becomes an outcome
        result = ChildResult(False, outcome=Outcome.CORRUPT, retry=True,
                             detail=f"{type(exc).__name__}: {exc}"[:300])
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.busy_s = time.perf_counter() - started
    return result


def resolve(target):
    """A job's function: itself, or the function a "module:function" name names."""
    if not isinstance(target, str):
        return target
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _send(results: Connection, result: ChildResult, memory_mb: int) -> None:
    try:
        results.send(result)
    except MemoryError:
        results.send(ChildResult(False, outcome=Outcome.MEMORY, retry=True,
                                 detail=f"the result did not fit in the {memory_mb} MB memory limit"))
    except Exception:
        sys.exit(70)


def _fail(detail: str):
    raise ExtractFailure(Outcome.CORRUPT, f"the job could not be read: {detail}", retry=True)


def _address_space_mb() -> float:
    """Address space in use now, what RLIMIT_AS counts: what a warm worker carries into its next job."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def command(memory_mb: int, jobs_fd: int, results_fd: int) -> list[str]:
    """The command line that starts a worker with this process's import path."""
    boot = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
            "from monitor.extract.worker import serve; serve(*map(int, sys.argv[2:5]))")
    return [sys.executable, "-c", boot, json.dumps(sys.path), str(memory_mb), str(jobs_fd), str(results_fd)]
