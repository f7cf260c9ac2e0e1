"""The digest of a period: what a policy officer reads each week, and what a maintainer must fix.

Takes the archive, the sources (for names and regions) and a period; returns a `Digest`: the relevant
changes grouped by region then system, new documents (a new easy read version, a refresh at a new URL),
documents removed or moved, new versions that could not be read (scanned, encrypted), how many other changes were not relevant, the systems watched for the first
time (baseline), and the sources that failed. `filter_digest` narrows it to one recipient's regions,
systems and themes; `digest_json` gives the JSON of `icswatch digest --format json`. Rendering is in
`monitor.render`. Time is passed in (`now`), never read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from store.db import Archive
from store.records import ChangeRecord
from store.runs import failed_fetches_between

from .changelist import list_changes, system_names
from .config import SourcesFile

ENV_ARCHIVE_URL = "ICSWATCH_ARCHIVE_URL"  # public address of `icswatch serve`, for links to archived copies


@dataclass(frozen=True)
class SystemChanges:
    system_id: str
    system_name: str
    changes: list[ChangeRecord]


@dataclass(frozen=True)
class RegionChanges:
    region: str
    systems: list[SystemChanges]


@dataclass(frozen=True)
class Baseline:
    """A system crawled for the first time in the period: "now watching N documents"."""

    system_id: str
    system_name: str
    region: str | None
    documents: list[ChangeRecord]


@dataclass(frozen=True)
class Failure:
    """A source URL that failed in the period: the latest error, and since when it has been failing."""

    system_id: str
    system_name: str
    region: str | None
    url: str
    error: str
    since: datetime
    count: int = 1


@dataclass(frozen=True)
class Digest:
    since: datetime
    until: datetime
    generated_at: datetime
    items: list[ChangeRecord]  # every change in the digest
    relevant: list[RegionChanges]
    new_documents: list[ChangeRecord]
    removed_or_moved: list[ChangeRecord]
    unreadable: list[ChangeRecord]  # new versions published but not readable (scanned, encrypted, damaged)
    other: list[ChangeRecord]  # changes that are not relevant and not listed above
    baseline: list[Baseline]
    failures: list[Failure]
    include: str = "everything"  # or "relevant": other changes are only counted
    archive_url: str | None = None
    filters: dict = field(default_factory=dict)  # the recipient's filters, to say so in the footer
    omitted: int = 0  # changes left out of this email by the size cap (see `cap_digest`)
    omitted_relevant: int = 0

    def passages_above(self, change: ChangeRecord) -> bool:
        """Whether the change's passages are quoted in the relevant section of this digest."""
        return any(c is change for r in self.relevant for s in r.systems for c in s.changes)

    @property
    def other_count(self) -> int:
        return len(self.other)

    @property
    def relevant_count(self) -> int:
        """Relevant changes of the period, those the size cap left out of this email included."""
        return sum(len(s.changes) for r in self.relevant for s in r.systems) + self.omitted_relevant

    @property
    def weakened_count(self) -> int:
        return sum(c.weakened for r in self.relevant for s in r.systems for c in s.changes)


class RecipientFilters(Protocol):
    include: str
    regions: list[str] | None
    systems: list[str] | None
    themes: list[str] | None


def build_digest(archive: Archive, sources: SourcesFile | None, since: datetime, until: datetime,
                 now: datetime, archive_url: str | None = None) -> Digest:
    items = sorted(list_changes(archive, sources, since, until), key=_order)
    failures = list_failures(archive, sources, since, until)
    return assemble(since, until, now, items, failures, archive_url=archive_url)


def _order(change: ChangeRecord) -> tuple:
    """Relevant first, then by region, system and time; the same order every run for equal times."""
    return (not change.relevant, change.region or "", change.system_name, change.detected_at,
            change.doc_type, change.easy_read, change.title or "", change.url)


def assemble(since: datetime, until: datetime, now: datetime, items: list[ChangeRecord], failures: list[Failure],
             include: str = "everything", archive_url: str | None = None, filters: dict | None = None) -> Digest:
    """Sort the changes of a period into the digest's sections. With a theme filter, only relevant
    changes under those themes are quoted; a new document outside them is still listed as new."""
    listed = [c for c in items if not c.baseline]
    new_documents = [c for c in listed if c.is_new_document]
    removed_or_moved = [c for c in listed if c.is_removed or c.is_moved]
    unreadable = [c for c in listed if c.is_unreadable]
    shown = {id(c) for c in new_documents + removed_or_moved + unreadable}
    other = [c for c in listed if not c.relevant and id(c) not in shown]
    themes = (filters or {}).get("themes")
    quoted = [c for c in listed if c.relevant and _under(c, themes)]
    return Digest(since=since, until=until, generated_at=now, items=items,
                  relevant=_group(quoted), new_documents=new_documents,
                  removed_or_moved=removed_or_moved, unreadable=unreadable, other=other, baseline=_baselines(items),
                  failures=failures, include=include, archive_url=archive_url.rstrip("/") if archive_url else None,
                  filters=filters or {})


def _under(change: ChangeRecord, themes: list[str] | None) -> bool:
    """Whether a change is under one of these themes or topic tags (any, when none are given)."""
    return not themes or bool((set(change.themes) | set(change.tags)) & set(themes))


def _group(changes: list[ChangeRecord]) -> list[RegionChanges]:
    regions: dict[str, dict[str, list[ChangeRecord]]] = defaultdict(lambda: defaultdict(list))
    names = {}
    for change in changes:
        regions[change.region or "Region not known"][change.system_id].append(change)
        names[change.system_id] = change.system_name
    return [RegionChanges(region, [SystemChanges(sid, names[sid], found)
                                   for sid, found in sorted(systems.items(), key=lambda s: names[s[0]])])
            for region, systems in sorted(regions.items())]


def _baselines(items: list[ChangeRecord]) -> list[Baseline]:
    by_system: dict[str, list[ChangeRecord]] = defaultdict(list)
    for change in items:
        if change.baseline:
            by_system[change.system_id].append(change)
    return sorted((Baseline(sid, found[0].system_name, found[0].region, found)
                   for sid, found in by_system.items()), key=lambda b: b.system_name)


def list_failures(archive: Archive, sources: SourcesFile | None, since: datetime, until: datetime) -> list[Failure]:
    """Failed fetches in the period, one per (system, URL): the latest error, the earliest time."""
    names = system_names(sources)
    with archive.session() as session:
        grouped: dict[tuple[str, str], list] = defaultdict(list)
        for row in failed_fetches_between(session, since, until):
            grouped[(row.system_id, row.url)].append(row)
    failures = []
    for (system_id, url), fetches in grouped.items():
        name, region = names.get(system_id, (system_id, None))
        failures.append(Failure(system_id, name, region, url, fetches[-1].error or fetches[-1].outcome,
                                fetches[0].fetched_at, len(fetches)))
    return sorted(failures, key=lambda f: (f.system_name, f.url))


def filter_digest(digest: Digest, recipient: RecipientFilters) -> Digest:
    """One recipient's digest: only their regions and systems; relevant changes only under their themes.

    New, removed and moved documents are news whatever the theme (a new easy read version, a refresh at
    a new URL), so a theme filter never takes them out, relevant or not; changes that are not relevant
    carry no themes, so a theme filter leaves them too. Region and system filters apply to everything.
    """
    def in_scope(system_id: str, region: str | None) -> bool:
        return ((not recipient.regions or region in recipient.regions)
                and (not recipient.systems or system_id in recipient.systems))

    def wanted(change: ChangeRecord) -> bool:
        if not in_scope(change.system_id, change.region):
            return False
        return not change.relevant or change.is_new_document or _under(change, recipient.themes)

    filters = {k: v for k in ("regions", "systems", "themes") if (v := getattr(recipient, k))}
    return assemble(digest.since, digest.until, digest.generated_at, [c for c in digest.items if wanted(c)],
                    [f for f in digest.failures if in_scope(f.system_id, f.region)],
                    include=recipient.include, archive_url=digest.archive_url, filters=filters)


def cap_digest(digest: Digest, max_items: int) -> Digest:
    """The digest with at most `max_items` changes written out, in the digest's order (relevant first);
    the rest are counted (`omitted`, `omitted_relevant`) so the email says how many it left out and
    where to read them all. Changes that are only counted anyway (not relevant, in a "relevant only"
    digest) and the "now watching" lists are never cut."""
    def written_out(change: ChangeRecord) -> bool:
        return not change.baseline and (digest.include == "everything" or change.relevant
                                        or change.is_new_document or change.is_removed or change.is_moved)

    candidates = [c for c in digest.items if written_out(c)]
    if len(candidates) <= max_items:
        return digest
    dropped = {id(c) for c in candidates[max_items:]}
    kept = [c for c in digest.items if id(c) not in dropped]
    capped = assemble(digest.since, digest.until, digest.generated_at, kept, digest.failures,
                      include=digest.include, archive_url=digest.archive_url, filters=digest.filters)
    return replace(capped, omitted=len(dropped),
                   omitted_relevant=sum(c.relevant for c in candidates[max_items:]))


def digest_json(digest: Digest) -> dict:
    """since, until, generated_at, items (as `icswatch changes --json`), failures (system_id, url, error, since)."""
    return {"since": digest.since.isoformat(timespec="seconds"), "until": digest.until.isoformat(timespec="seconds"),
            "generated_at": digest.generated_at.isoformat(timespec="seconds"),
            "items": [c.to_json() for c in digest.items],
            "failures": [{"system_id": f.system_id, "url": f.url, "error": f.error,
                          "since": f.since.isoformat(timespec="seconds")} for f in digest.failures]}


def archive_link(digest: Digest, change: ChangeRecord) -> tuple[str | None, str | None]:
    """(URL of the archived copy when ICSWATCH_ARCHIVE_URL is set, version id) for a change."""
    version = change.version_id or change.previous_version_id
    if version and digest.archive_url:
        return f"{digest.archive_url}/versions/{version}", version
    return None, version


def compare_link(digest: Digest, change: ChangeRecord) -> str | None:
    """URL of the web archive's side-by-side comparison of a change's two versions (when both are known
    and ICSWATCH_ARCHIVE_URL is set)."""
    if digest.archive_url and change.version_id and change.previous_version_id:
        return f"{digest.archive_url}/compare/{change.previous_version_id}/{change.version_id}"
    return None


__all__ = ["Baseline", "Digest", "Failure", "RegionChanges", "SystemChanges", "archive_link", "assemble",
           "build_digest", "cap_digest", "compare_link", "digest_json", "filter_digest", "list_failures"]
