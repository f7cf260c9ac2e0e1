"""Peak resident memory of a process (this one unless told) and all its descendants, summed, sampled
while work runs.

`with PeakMemory() as peak: ...` then `peak.mb`: the largest sum seen (Linux /proc; 0 elsewhere), and
`peak.own_mb`: this process's resident memory when sampling began (the benchmark's own servers and
data, which a real run does not have); `peak.parts`: at the peak, each process's resident memory by
what it runs (this benchmark, the crawler, an extraction worker...), largest first; `peak.pss_mb`:
the largest sum of proportional set sizes, where a page the processes share (the Python binary,
libpdfium, lxml...) is divided among them instead of counted once in each: what they take together.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def tree_rss(root: int) -> list[tuple[int, float]]:
    """(pid, resident MB) for `root` and every process below it."""
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
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        if pid in rss:
            found.append((pid, rss[pid]))
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return found


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _what(pid: int) -> str:
    if pid == os.getpid():
        return "this benchmark"
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    text = b" ".join(args).decode(errors="replace")
    for marker, name in (("monitor.extract.worker", "extraction worker"), ("-m crawler", "crawler (Scrapy)"),
                         ("-m monitor", "icswatch")):
        if marker in text:
            return name
    return Path(args[0].decode(errors="replace")).name or "?"


class PeakMemory:
    def __init__(self, every_s: float = 0.2, root: int | None = None):
        self.every_s, self.mb, self.own_mb, self.parts, self.pss_mb = every_s, 0.0, 0.0, [], 0.0
        self.root = os.getpid() if root is None else root
        self._stop = threading.Event()

    def __enter__(self) -> PeakMemory:
        self.own_mb = sum(mb for _, mb in tree_rss(self.root))
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            found = tree_rss(self.root)
            total = sum(mb for _, mb in found)
            if total > self.mb:  # a new peak: only now say what each process runs
                self.mb, self.parts = total, sorted(((_what(pid), mb) for pid, mb in found), key=lambda p: -p[1])
            self.pss_mb = max(self.pss_mb, sum(pss_mb(pid) for pid, _ in found))
            self._stop.wait(self.every_s)
