"""The queries the scorecard needs: each system's current strategy and Joint Forward Plan as of a date,
whether an easy read version was published beside it, and the reviewers' confirmations and overrides.

Takes a session (and a date, a system id); returns model rows and small tuples. Nothing here rates a
plan: `monitor.scorecard` does, from the stored text and commitments these point to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .models import Document, Run, ScorecardReview, Version
from .vocabulary import PLAN_TYPES, ExtractOutcome


@dataclass(frozen=True)
class CurrentPlan:
    """A system's current edition of one plan type as of a date, and its latest readable version then."""

    document: Document
    version: Version
    easy_read_beside: bool


def _online(as_of: datetime):
    return or_(Document.missing_since.is_(None), Document.missing_since > as_of)


def current_plans(session: Session, as_of: datetime, system_id: str | None = None) -> list[CurrentPlan]:
    """Per system and plan type, the edition current at `as_of`: published by then, still online then,
    not replaced by a later edition published by then, and not the web twin of a file edition (that
    is the same plan); of several, the one whose latest readable version is newest."""
    query = select(Document).where(Document.doc_type.in_(PLAN_TYPES), Document.easy_read.is_(False),
                                   Document.first_seen <= as_of, Document.format_of_id.is_(None), _online(as_of))
    if system_id:
        query = query.where(Document.system_id == system_id)
    documents = list(session.scalars(query).all())
    replaced = set(session.scalars(select(Document.predecessor_id).where(
        Document.predecessor_id.is_not(None), Document.first_seen <= as_of)))
    easy = {(d.system_id, d.doc_type) for d in session.scalars(select(Document).where(
        Document.easy_read.is_(True), Document.first_seen <= as_of, _online(as_of)))}
    best: dict[tuple[str, str], tuple[Document, Version]] = {}
    for document in documents:
        if document.id in replaced:
            continue
        version = session.scalars(select(Version).where(
            Version.document_id == document.id, Version.first_seen <= as_of,
            Version.extract_outcome == ExtractOutcome.OK).order_by(Version.first_seen.desc()).limit(1)).first()
        key = (document.system_id, document.doc_type)
        if version is not None and (key not in best or version.first_seen > best[key][1].first_seen):
            best[key] = (document, version)
    return [CurrentPlan(d, v, (d.system_id, d.doc_type) in easy) for (_, _), (d, v) in sorted(best.items())]


def plan_of_version(session: Session, version_id: str) -> CurrentPlan | None:
    """Any archived version of a strategy or plan, as the scorecard rates it (easy read known by then)."""
    version = session.get(Version, version_id)
    if version is None or version.document.doc_type not in PLAN_TYPES or version.document.easy_read:
        return None
    document, when = version.document, version.first_seen
    easy = session.scalars(select(Document.id).where(
        Document.system_id == document.system_id, Document.doc_type == document.doc_type,
        Document.easy_read.is_(True), Document.first_seen <= when, _online(when)).limit(1)).first()
    return CurrentPlan(document, version, easy is not None)


def add_review(session: Session, **fields) -> ScorecardReview:
    """Record one review (fields of `ScorecardReview`); reviews are only ever added."""
    review = ScorecardReview(**fields)
    session.add(review)
    session.commit()
    return review


def reviews_of(session: Session, system_id: str | None = None) -> list[ScorecardReview]:
    """Every review (of one system), oldest first."""
    query = select(ScorecardReview).order_by(ScorecardReview.reviewed_at, ScorecardReview.id)
    if system_id:
        query = query.where(ScorecardReview.system_id == system_id)
    return list(session.scalars(query).all())


def archive_stamp(session: Session) -> tuple:
    """A few cheap aggregates that change whenever anything a scorecard reads changes: a crawl run
    (started or finished), a version (added or its text read), a document going missing, a review.
    A web page keeps a computed scorecard for as long as the stamp is the same."""
    runs = session.execute(select(func.count(Run.id), func.max(Run.started_at), func.max(Run.finished_at))).one()
    versions = session.execute(select(func.count(Version.id), func.max(Version.first_seen),
                                      func.count(Version.extract_outcome))).one()
    readable = session.scalar(select(func.count(Version.id)).where(Version.extract_outcome == ExtractOutcome.OK))
    documents = session.execute(select(func.count(Document.id), func.count(Document.missing_since),
                                       func.max(Document.missing_since), func.count(Document.predecessor_id))).one()
    reviews = session.execute(select(func.count(ScorecardReview.id), func.max(ScorecardReview.id))).one()
    return (*runs, *versions, readable, *documents, *reviews)
