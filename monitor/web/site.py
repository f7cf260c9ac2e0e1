"""What every route of the web archive shares: the archive (read-only, statements time-limited), the
systems' names and regions from the sources file, the theme names, and the checks on what a URL says.

Takes the settings (or an opened archive) and returns a `Site`. A bad id raises `NotFound` (a 404
page), a bad parameter `BadRequest` (400); ids are checked against their shape before any query, so
nothing from a URL reaches the file system or a query it should not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from store.browse import guard_reads
from store.db import Archive
from store.records import SystemNames

from .. import periods
from ..changelist import system_names
from ..config import REGIONS, SourcesFile, load_sources
from ..errors import ConfigError, IcsWatchError
from ..relevance import load_rules
from ..settings import Settings

STATEMENT_TIMEOUT_S = 10.0
VERSION_ID = re.compile(r"^v-[0-9a-f]{12}$")
DOCUMENT_ID = re.compile(r"^d-[0-9a-f]{12}$")
SYSTEM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class NotFound(IcsWatchError):
    """Nothing at this address: a 404 page saying what was looked for."""


class BadRequest(IcsWatchError):
    """A parameter the archive cannot use: a 400 page saying which and why."""


@dataclass
class Site:
    archive: Archive
    sources: SourcesFile | None
    names: SystemNames = field(default_factory=dict)
    themes: tuple[str, ...] = ()
    clock: object = None  # () -> now; tests pass a fixed time
    scorecards: object = None  # the computed scorecards kept (`scorecard.ScorecardCache`), set by the app

    @classmethod
    def open(cls, settings: Settings, archive: Archive, clock=None) -> Site:
        try:
            sources = load_sources(settings.sources_path)
        except ConfigError:
            sources = None  # systems then show by id; the archive is still worth reading
        guard_reads(archive.engine, STATEMENT_TIMEOUT_S)
        return cls(archive, sources, system_names(sources), tuple(load_rules().themes), clock)

    def now(self) -> datetime:
        return self.clock() if self.clock else datetime.now(UTC)

    def name(self, system_id: str) -> str:
        return self.names.get(system_id, (system_id, None))[0]

    def region(self, system_id: str) -> str | None:
        return self.names.get(system_id, (system_id, None))[1]

    def systems_in(self, region: str | None) -> list[str] | None:
        """The ids of the systems of a region (None: no region asked)."""
        if not region:
            return None
        if region not in REGIONS:
            raise BadRequest(f"unknown region {region!r}: one of {', '.join(REGIONS)}")
        return [s for s, (_, r) in self.names.items() if r == region]


def check_id(value: str, pattern: re.Pattern, what: str) -> str:
    if not pattern.match(value or ""):
        raise NotFound(f"There is no {what} {value!r} in the archive.")
    return value


def check_system(site: Site, value: str | None) -> str | None:
    if value and not SYSTEM_ID.match(value):
        raise BadRequest(f"{value!r} is not a system id (lowercase words joined by hyphens)")
    return value or None


def check_theme(site: Site, value: str | None) -> str | None:
    if value and value not in site.themes:
        raise BadRequest(f"unknown theme {value!r}: one of {', '.join(site.themes)}")
    return value or None


def parse_period(site: Site, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """?since= and ?until= as the CLI's --since and --until (2025-03-01 or a span like 7d)."""
    try:
        start = periods.parse_when(since, site.now()) if since else None
        end = periods.parse_when(until, site.now()) if until else None
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if start and end and end <= start:
        raise BadRequest(f"the period is empty: until ({until}) is not after since ({since})")
    return start, end


def parse_as_of(site: Site, value: str | None) -> datetime | None:
    """?as_of= as the scorecard's --as-of (a date means the end of that day); None: not asked."""
    if not value:
        return None
    if len(value) > 40:
        raise BadRequest("as_of is too long: give a date such as 2025-04-01")
    try:
        return periods.parse_as_of(value, site.now())
    except ValueError as exc:
        raise BadRequest(f"as_of: {exc}") from None


def bounded(value: int | None, default: int, low: int, high: int, what: str) -> int:
    if value is None:
        return default
    if not low <= value <= high:
        raise BadRequest(f"{what} must be between {low} and {high}, not {value}")
    return value
