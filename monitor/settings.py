"""Where ICS Watch keeps its data and finds its configuration.

Takes optional values from the command line and returns a `Settings` with one precedence everywhere:
command-line option, then environment variable, then default. Every entry point (CLI, schedule, tests)
resolves settings through `resolve_settings`, so the rule lives in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .resources import config_file, shipped

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout; an installed tool reads monitor.resources
ENV_DATA = "ICSWATCH_DATA"
ENV_SOURCES = "ICSWATCH_SOURCES"
ENV_DB = "ICSWATCH_DB"
DEFAULT_DATA_DIR = Path("data")
DEFAULT_SOURCES = shipped("config") / "ics_sources.yaml"
DB_FILE_NAME = "icswatch.sqlite3"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    sources_path: Path
    db_url: str

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def _first(*values: str | os.PathLike | None):
    return next((v for v in values if v not in (None, "")), None)


def resolve_settings(
    data_dir: str | os.PathLike | None = None,
    sources: str | os.PathLike | None = None,
    db: str | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Apply CLI value > environment > default to each setting. The default sources file is the
    config directory's (ICSWATCH_CONFIG, see `icswatch init`) when it has one, else the shipped one."""
    env = os.environ if environ is None else environ
    data = Path(_first(data_dir, env.get(ENV_DATA), DEFAULT_DATA_DIR))
    sources_path = Path(_first(sources, env.get(ENV_SOURCES)) or config_file("ics_sources.yaml", env))
    db_url = _first(db, env.get(ENV_DB)) or f"sqlite:///{(data / DB_FILE_NAME).resolve()}"
    return Settings(data_dir=data, sources_path=sources_path, db_url=db_url)
