"""Enough room on the disk for a crawl: checked before it starts and while it runs.

Takes the data directory and the minimum free space (`crawl.min_free_mb` in the sources file) and
returns what is wrong, in words, or None. A crawl that would fill the disk ends cleanly as a failed run
with this message (and `icswatch status` shows it), rather than in a traceback half-way through
writing, with the run left "running".
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

MB = 1024 * 1024


def free_mb(path: Path) -> int:
    """Free space where `path` is (or its nearest existing parent), in MB."""
    for candidate in (path, *path.resolve().parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free // MB
    return 0


def space_problem(data_dir: Path, min_free_mb: int, when: str = "for a crawl") -> str | None:
    """'only N MB free ...' when the data directory's disk has less than `min_free_mb` free, else None."""
    if not min_free_mb:
        return None
    free = free_mb(data_dir)
    if free >= min_free_mb:
        return None
    return (f"not enough free disk space {when}: {free} MB free for {data_dir}, at least {min_free_mb} MB needed "
            "(free some space, or change crawl.min_free_mb in the sources file)")


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means the disk is full: ENOSPC or EDQUOT, or the database saying so."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return "database or disk is full" in text or "no space left on device" in text
