"""Peak resident memory of this process and all its descendants, summed, sampled while work runs.

`with PeakMemory() as peak: ...` then `peak.mb`: the largest sum seen (Linux /proc; 0 elsewhere), and
`peak.own_mb`: this process's resident memory when sampling began (the benchmark's own servers and
data, which a real run does not have).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and every process below it, in MB."""
    parents: dict[int, int] = {}
    rss: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * _PAGE_MB
        except (OSError, ValueError, IndexError):
            continue
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0.0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


class PeakMemory:
    def __init__(self, every_s: float = 0.2):
        self.every_s, self.mb, self.own_mb = every_s, 0.0, 0.0
        self._stop = threading.Event()

    def __enter__(self) -> PeakMemory:
        self.own_mb = tree_rss_mb(os.getpid())
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.mb = max(self.mb, tree_rss_mb(os.getpid()))
            self._stop.wait(self.every_s)
