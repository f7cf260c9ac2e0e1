"""One crawl at a time: an exclusive lock that the operating system releases when its holder dies.

Takes the data directory (and, for PostgreSQL, the engine) and returns a context manager that yields
the open lock file. A file lock (`flock`) guards one machine; on PostgreSQL a session advisory lock also
guards several machines sharing one database. Neither can be left behind by a crashed process. The
crawl passes the lock file to its crawler child (`hold_inherited_lock`): the lock is then held until
both have ended, so a child outliving a killed parent still keeps a second crawl from starting.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

ADVISORY_KEY = 0x1C5_3A7C  # any fixed 64-bit number shared by every ICS Watch process


class LockedError(RuntimeError):
    """Another crawl holds the lock."""


@contextmanager
def crawl_lock(data_dir: str | os.PathLike, engine: Engine | None = None):
    path = Path(data_dir) / "crawl.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockedError(f"a crawl is already running ({holder}); lock file {path}") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            if engine is not None and engine.dialect.name == "postgresql":
                with engine.connect() as connection:
                    if not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                        raise LockedError("a crawl is already running on another machine (PostgreSQL advisory lock)")
                    try:
                        yield handle
                    finally:
                        connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            else:
                yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def hold_inherited_lock(fd: int) -> None:
    """Check that `fd`, inherited from the parent crawl, is the crawl lock held: taking it again through
    the same open file succeeds only for its holder; anyone else gets LockedError."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise LockedError("the crawl lock passed to the crawler is held by another process") from None
    except OSError as exc:
        raise LockedError(f"the crawl lock passed to the crawler is not an open lock file: {exc}") from None
