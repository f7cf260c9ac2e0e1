"""What the crawler process tells the run about each system it crawled, checked where it is read.

The crawler child (`python -m crawler`) writes one `SystemSummary` per system with `write_summary`;
`monitor.crawl` reads them back with `read_summary`, which returns {system id: SystemSummary} or raises
`FetchError` when the file is not exactly that: a renamed, missing or extra key, or a system left out.
Without this check a renamed key would read as "no documents seen" and mark every document missing.
Only pydantic: the crawler and the monitor both import it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import FetchError


class SystemSummary(BaseModel):
    """One system's crawl: the documents it saw, robots.txt problems per host, and how it ended."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seen_documents: list[str]
    robots: dict[str, str]  # host -> the problem that kept the crawler off it
    limited: bool  # a limit (pages per site) cut the crawl short
    finish_reason: str | None  # Scrapy's; "finished" when the crawl ran to its end
    notes: list[str] = []  # what a budget or a trap kept from the crawl (depth, query variants, /a/a/a/)

    @property
    def is_complete(self) -> bool:
        """Ran to its end, unlimited, with every host's robots.txt readable."""
        return not self.limited and not self.robots and self.finish_reason == "finished"


def write_summary(path: Path, summary: dict[str, SystemSummary]) -> None:
    path.write_text(json.dumps({system_id: s.model_dump() for system_id, s in summary.items()}, indent=2))


def read_summary(path: Path, system_ids: list[str]) -> dict[str, SystemSummary]:
    """The crawler's summary of each of `system_ids`; FetchError when it is not what the crawler writes."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise FetchError(f"{path}: the crawler's summary cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise FetchError(f"{path}: the crawler's summary is not an object of systems")
    left_out = [i for i in system_ids if i not in data]
    if left_out:
        raise FetchError(f"{path}: the crawler's summary has no entry for system {left_out[0]!r}")
    summary = {}
    for system_id, entry in data.items():
        try:
            summary[system_id] = SystemSummary.model_validate(entry)
        except ValidationError as exc:
            raise FetchError(f"{path}: system {system_id!r}: the crawler's summary does not match "
                             f"SystemSummary (crawler and monitor out of step?): {_first(exc)}") from exc
    return summary


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "(top)"
    return f"{where}: {error['msg']}"
