"""Changes detected in a period, as `icswatch changes` lists them and the digest reads them.

Takes the archive, the sources (for names and regions) and a period; returns `store.records.
ChangeRecord`s (their `to_json()` is what `icswatch changes --json` prints), passages' whitespace
normalised. Relevant changes first, then by region and system.
"""

from __future__ import annotations

from datetime import datetime

from store.db import Archive
from store.queries import changes_between
from store.records import ChangeRecord, SystemNames

from .config import SourcesFile


def system_names(sources: SourcesFile | None) -> SystemNames:
    """System id -> (name, region), from the sources file (ids alone when there is none)."""
    return {s.id: (s.name, s.region) for s in (sources.systems if sources else [])}


def list_changes(archive: Archive, sources: SourcesFile | None, since: datetime, until: datetime
                 ) -> list[ChangeRecord]:
    with archive.session() as session:
        changes = changes_between(session, since, until, system_names(sources))
    return sorted(changes, key=lambda c: (not c.relevant, c.region or "", c.system_name, c.detected_at))
