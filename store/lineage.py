"""The queries change detection and comparison need: which versions to examine, the version before,
the documents a refresh at a new URL may continue, the plans that vanished, and a document's lineage.

Takes a session and returns model rows (or ids). Nothing here judges texts; `monitor.changes` does,
from what these return.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Change, Document, Fetch, Run, Version
from .vocabulary import PLAN_TYPES, UNCHANGED_FETCHES, ChangeKind, ExtractOutcome, FetchOutcome, RunStatus


def interrupted_runs(session: Session, current_run_id: str) -> list[str]:
    """Runs other than this one still marked running: their process died (the crawl lock is ours)."""
    return list(session.scalars(select(Run.id).where(Run.status == RunStatus.RUNNING, Run.id != current_run_id)))


def mark_interrupted(session: Session, run_ids: list[str]) -> None:
    """Runs whose leftovers have been examined, so that they are not examined again."""
    for run_id in run_ids:
        session.get(Run, run_id).status = RunStatus.INTERRUPTED
    session.commit()


def plan_versions_of_runs(session: Session, run_ids: list[str]) -> list[Version]:
    """The versions of strategies and plans that these runs archived, oldest first."""
    return list(session.scalars(select(Version).join(Document).where(
        Version.run_id.in_(run_ids), Document.doc_type.in_(PLAN_TYPES)).order_by(Version.first_seen)).all())


def has_changes(session: Session, system_id: str) -> bool:
    """Whether any change was ever detected for the system (if not, this is its first crawl)."""
    return session.scalars(select(Change.id).where(Change.system_id == system_id).limit(1)).first() is not None


def previous_readable(session: Session, version: Version) -> Version | None:
    """The latest version of the same document before this one whose text could be read."""
    return session.scalars(select(Version).where(
        Version.document_id == version.document_id, Version.id != version.id,
        Version.extract_outcome == ExtractOutcome.OK, Version.first_seen <= version.first_seen)
        .order_by(Version.first_seen.desc()).limit(1)).first()


def edition_candidates(session: Session, document: Document, formats) -> list[Document]:
    """Documents `document` may be a later edition of: of the same system, type and audience, in one of
    `formats`, first seen before it, missing or still online, and not already continued by another."""
    claimed = select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))
    return list(session.scalars(select(Document).where(
        Document.system_id == document.system_id, Document.doc_type == document.doc_type,
        Document.easy_read == document.easy_read, Document.id != document.id,
        Document.first_seen <= document.first_seen, Document.format.in_(list(formats)),
        Document.id.not_in(claimed))).all())


def format_twins(session: Session, document: Document, formats) -> list[Document]:
    """Online documents of the same system, type and audience in `formats` (the other family): the same
    plan may be published both as a PDF and as web pages."""
    return list(session.scalars(select(Document).where(
        Document.system_id == document.system_id, Document.doc_type == document.doc_type,
        Document.easy_read == document.easy_read, Document.id != document.id,
        Document.missing_since.is_(None), Document.format.in_(list(formats)))).all())


def vanished_plans(session: Session, now: datetime, crawls: int, days: int) -> list[Document]:
    """Strategies and plans gone for good: missing from at least `crawls` complete crawls in a row and for
    at least `days` days, not continued by a refresh at a new URL, not lost in a site change (that is one
    line for a maintainer), and not already reported removed since they went missing."""
    gone = session.scalars(select(Document).where(
        Document.missing_since.is_not(None), Document.missing_since <= now - timedelta(days=days),
        Document.missing_crawls >= crawls, Document.missing_site_change.is_(False),
        Document.doc_type.in_(PLAN_TYPES))).all()
    replaced = set(session.scalars(select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))))
    return [d for d in gone if d.id not in replaced and not _reported_removed(session, d)]


def not_seen(session: Session, system_ids: list[str]) -> list[Document]:
    """Documents missing but not (yet) reported removed or replaced: "not seen since ..." for maintainers."""
    missing = session.scalars(select(Document).where(
        Document.system_id.in_(system_ids), Document.missing_since.is_not(None))
        .order_by(Document.system_id, Document.missing_since, Document.url)).all()
    replaced = set(session.scalars(select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))))
    return [d for d in missing if d.id not in replaced and not _reported_removed(session, d)]


def _reported_removed(session: Session, document: Document) -> bool:
    return session.scalars(select(Change.id).where(
        Change.document_id == document.id, Change.kind == ChangeKind.REMOVED,
        Change.detected_at >= document.missing_since).limit(1)).first() is not None


def aliases_seen(session: Session, run_id: str) -> dict[str, list[str]]:
    """Per document, the URLs other than its own at which this run found its latest content unchanged
    (a second link to the same file, or the file at a new address), in the order fetched."""
    rows = session.execute(select(Fetch.url, Version.document_id).join(Version, Fetch.version_id == Version.id)
                           .where(Fetch.run_id == run_id, Fetch.outcome.in_(UNCHANGED_FETCHES))
                           .order_by(Fetch.fetched_at, Fetch.id)).all()
    found: dict[str, list[str]] = {}
    for url, document_id in rows:
        found.setdefault(document_id, [])
        if url not in found[document_id]:
            found[document_id].append(url)
    return found


def urls_found(session: Session, run_id: str) -> set[str]:
    """The URLs at which this run found a document (new bytes, the same bytes, or a 304)."""
    return set(session.scalars(select(Fetch.url).where(
        Fetch.run_id == run_id, Fetch.outcome.in_((FetchOutcome.ARCHIVED, *UNCHANGED_FETCHES)))))


def fetched_urls(session: Session, run_id: str) -> set[str]:
    """Every URL this run asked for, whatever the answer."""
    return set(session.scalars(select(Fetch.url).where(Fetch.run_id == run_id)))


def lineage(session: Session, document: Document) -> set[str]:
    """The ids of the document and of every document linked to it by predecessor links, either way."""
    seen, todo = set(), [document.id]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        row = session.get(Document, current)
        if row is not None and row.predecessor_id:
            todo.append(row.predecessor_id)
        todo.extend(session.scalars(select(Document.id).where(Document.predecessor_id == current)))
    return seen


def unextracted_versions(session: Session, run_id: str | None = None) -> list[str]:
    """Ids of versions whose text has not been extracted yet (of one run, or all), oldest first."""
    query = select(Version.id).where(Version.extract_outcome.is_(None))
    if run_id:
        query = query.where(Version.run_id == run_id)
    return list(session.scalars(query.order_by(Version.first_seen)).all())


def lost_in_site_change(session: Session, system_id: str) -> list[Document]:
    """Documents of a system still missing since they vanished with most of their site."""
    return list(session.scalars(select(Document).where(
        Document.system_id == system_id, Document.missing_since.is_not(None),
        Document.missing_site_change.is_(True)).order_by(Document.missing_since, Document.url)).all())
