"""The crawler child dies with the crawl that started it.

`die_with_parent(pid)` asks Linux to kill this process when its parent dies (PR_SET_PDEATHSIG), and
watches for it with a thread where that is not available: after `kill -9` of `icswatch crawl` or of
the scheduler, no crawler goes on writing to the archive beside the next crawl. Everything the child
writes is one item per transaction and blobs are written atomically, so dying at any moment is safe.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_EVERY_S = 1.0


def die_with_parent(parent_pid: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the watching thread alone
        pass
    if os.getppid() != parent_pid:  # the parent died before we asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="lifeline", daemon=True).start()


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_EVERY_S)
    os.kill(os.getpid(), signal.SIGKILL)
