"""The queries change detection and comparison need: which versions to examine, the version before,
the documents a refresh at a new URL may continue, the plans that vanished, and a document's lineage.

Takes a session and returns model rows (or ids). Nothing here judges texts; `monitor.changes` does,
from what these return.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Change, Document, Run, Version
from .vocabulary import PLAN_TYPES, ExtractOutcome, RunStatus


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


def vanished_plans(session: Session, since: datetime) -> list[Document]:
    """Strategies and plans marked missing since `since` that no refresh at a new URL continues."""
    gone = session.scalars(select(Document).where(
        Document.missing_since >= since, Document.doc_type.in_(PLAN_TYPES))).all()
    replaced = set(session.scalars(select(Document.predecessor_id).where(Document.predecessor_id.is_not(None))))
    return [document for document in gone if document.id not in replaced]


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
