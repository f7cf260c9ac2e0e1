"""Documents a crawl did not find: "not seen since ..." first, removed only when gone for good.

A complete crawl that does not find a document marks it missing (`store.archive.mark_missing`); the
policy digest hears of it only once it has been missing for `crawl.removed_after_crawls` complete
crawls *and* `crawl.removed_after_days` days (`Removal`): one 404 between two good crawls, a server
error or a night's outage is never a removal. Until then maintainers see it as "not seen since ..."
(`not_seen_by_system`, in the run report and `icswatch status`). When most of a site's documents
vanish in one crawl (a redesign, a new CMS, a start URL that now lists nothing), the site gets one
"needs attention: site changed" line (`note_missing`) and its documents no notice of their own.
Also here: what the digest says of a new version whose text could not be read (`unreadable_change`),
and the move of a document found only at another of its URLs (`moved_aliases`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from store.archive import Missing, latest_version, mark_missing, mark_site_change, record_failure
from store.db import Session
from store.lineage import aliases_seen, fetched_urls, lost_in_site_change, not_seen, previous_readable
from store.models import Change, Document, Version
from store.vocabulary import PLAN_TYPES, ChangeKind, ExtractOutcome, FetchOutcome

log = logging.getLogger(__name__)
SITE_CHANGE_MIN_DOCUMENTS = 3  # fewer vanishing at once is ordinary churn, each followed on its own
_UNREADABLE = {
    ExtractOutcome.NO_TEXT_LAYER: "scanned, no text layer",
    ExtractOutcome.ENCRYPTED: "encrypted (password-protected)",
    ExtractOutcome.CORRUPT: "the file is damaged or is not what it claims to be",
    ExtractOutcome.TOO_LARGE: "too large to read",
    ExtractOutcome.TIMEOUT: "reading it took too long",
    ExtractOutcome.MEMORY: "reading it needed too much memory",
    ExtractOutcome.UNSUPPORTED: "in a format ICS Watch cannot read",
}


@dataclass(frozen=True)
class Removal:
    """When a missing plan counts as removed: both thresholds (`crawl:` in the sources file)."""

    crawls: int = 3
    days: int = 14


def is_site_change(missing: Missing) -> bool:
    """Most of the documents a site had vanished in one crawl (and enough of them to be a pattern)."""
    gone = len(missing.newly)
    return gone >= SITE_CHANGE_MIN_DOCUMENTS and gone * 2 > missing.present_before


def note_missing(session: Session, system_id: str, seen_urls: set[str], where: str, run_id: str,
                 now: datetime) -> list[str]:
    """Mark what a complete crawl of a system did not find; a site change becomes one failure line
    (at `where`, the system's first start URL) for as long as its documents stay missing."""
    missing = mark_missing(session, system_id, seen_urls, now)
    if is_site_change(missing):
        mark_site_change(session, missing.newly)
        log.warning("%s: %d of %d documents vanished at once: site changed", system_id, len(missing.newly),
                    missing.present_before)
    lost = lost_in_site_change(session, system_id)
    if lost:
        since = min(d.missing_since for d in lost)
        record_failure(session, system_id, where, now, run_id,
                       f"needs attention: site changed: {len(lost)} documents no longer found from the start "
                       f"URLs since {since:%d %B %Y} (a redesign?); check start_urls. The documents are kept; "
                       "none is reported removed while this lasts", outcome=FetchOutcome.SITE_CHANGED)
    return missing.newly


def not_seen_by_system(session: Session, system_ids: list[str]) -> dict[str, list[dict]]:
    """For maintainers: each system's documents missing but not reported removed, since when and for how
    many complete crawls."""
    found: dict[str, list[dict]] = {}
    for document in not_seen(session, system_ids):
        found.setdefault(document.system_id, []).append(
            {"url": document.url, "since": document.missing_since.isoformat(timespec="seconds"),
             "crawls": document.missing_crawls, "site_changed": document.missing_site_change})
    return found


def unreadable_change(session: Session, version: Version, run_id: str, now: datetime, baseline: bool) -> Change:
    """A new version whose text could not be read: said in the digest, compared with nothing; the last
    readable version stays current, and the next readable one is compared with it."""
    document = version.document
    previous = previous_readable(session, version)
    reason = _UNREADABLE.get(version.extract_outcome, version.extract_outcome)
    what = "A new version was published" if len(document.versions) > 1 else "This document was published"
    kept = ("; the last readable version stays current and the next readable one will be compared with it"
            if previous else "")
    return Change(run_id=run_id, system_id=document.system_id, document_id=document.id, version_id=version.id,
                  previous_version_id=previous.id if previous else None, detected_at=now, url=version.url,
                  previous_url=previous.url if previous else None, kind=ChangeKind.UNREADABLE, baseline=baseline,
                  note=f"{what} but could not be read: {reason}{kept}.", excerpts=[], relevant=False,
                  weakened=False, themes=[], tags=[])


def moved_aliases(session: Session, run_id: str, now: datetime, complete: set[str] | None) -> list[Change]:
    """Documents found in this run only at another of their URLs (the same bytes), their own URL not even
    asked for in a complete crawl: moved. Found at both (a "view" and a "download" link): no change."""
    fetched = fetched_urls(session, run_id)
    changes = []
    for document_id, urls in aliases_seen(session, run_id).items():
        document = session.get(Document, document_id)
        if document.url in fetched or (complete is not None and document.system_id not in complete):
            continue
        old, document.url = document.url, urls[0]
        latest = latest_version(session, document.id)
        log.info("%s: %s moved to %s", document.system_id, old, document.url)
        if document.doc_type in PLAN_TYPES:
            changes.append(Change(run_id=run_id, system_id=document.system_id, document_id=document.id,
                                  version_id=latest.id, previous_version_id=latest.id, detected_at=now,
                                  url=document.url, previous_url=old, kind=ChangeKind.MOVED, excerpts=[],
                                  relevant=False, weakened=False, themes=[], tags=[]))
    return changes
