"""Log lines: one line per event on stderr, and the same lines in `<data dir>/logs/icswatch.log`,
rotated at 5 MB with five old files kept.

`configure_logging(settings, verbose)` is called once per command by the CLI group; calling it again
(another command in the same process, as tests do) replaces the handlers it added before instead of
adding more. Like `logging.basicConfig`, it leaves stderr alone when something else (pytest) has
already attached handlers to the root logger.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

from .settings import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "icswatch.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (it may be replaced after configuration)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(settings: Settings, verbose: bool = False, to_file: bool = True) -> None:
    """Log to stderr and, when `to_file`, to the data directory's log file (creating the folder)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_icswatch", False)]:
        root.removeHandler(handler)
        handler.close()
    handlers: list[logging.Handler] = []
    if not root.handlers:
        handlers.append(_Stderr())
    if to_file:
        try:
            settings.log_dir.mkdir(parents=True, exist_ok=True)
            handlers.append(RotatingFileHandler(settings.log_dir / LOG_FILE, maxBytes=MAX_BYTES,
                                                backupCount=BACKUPS, encoding="utf-8"))
        except OSError as exc:  # a read-only data directory must not stop read-only commands
            print(f"icswatch: cannot write the log file in {settings.log_dir}: {exc}", file=sys.stderr)
    formatter = logging.Formatter(FORMAT)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._icswatch = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # "Context impl SQLiteImpl" on every command is noise; migrations that run still log as warnings
    logging.getLogger("alembic").setLevel(logging.DEBUG if verbose else logging.WARNING)
