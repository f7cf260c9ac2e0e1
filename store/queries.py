"""The queries researchers need: every document and version of a system, one version by its id, and
the changes detected in a period.

Takes a session and returns model objects (documents with their versions loaded), oldest first, or
`ChangeRecord`s for changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import Change, Document, Version
from .records import ChangeRecord, SystemNames


def system_history(session: Session, system_id: str) -> list[Document]:
    return list(session.scalars(
        select(Document).where(Document.system_id == system_id).options(selectinload(Document.versions))
        .order_by(Document.doc_type, Document.easy_read, Document.first_seen)).all())


def find_version(session: Session, version_id: str) -> Version | None:
    """A version by its id; a unique prefix of at least 6 characters is enough."""
    version = session.get(Version, version_id)
    if version is not None or len(version_id) < 6:
        return version
    matches = session.scalars(select(Version).where(Version.id.startswith(version_id)).limit(2)).all()
    return matches[0] if len(matches) == 1 else None


def version_ids_starting(session: Session, prefix: str, limit: int = 5) -> list[str]:
    """The ids of (at most `limit`) versions whose id starts with `prefix`, for "which one did you mean"."""
    return list(session.scalars(select(Version.id).where(Version.id.startswith(prefix))
                                .order_by(Version.id).limit(limit)).all())


def document_version_ids(session: Session, document_id: str) -> list[str] | None:
    """A document's version ids, oldest first; None when there is no such document."""
    document = session.get(Document, document_id)
    return None if document is None else [v.id for v in document.versions]


def changes_between(session: Session, since: datetime, until: datetime, names: SystemNames | None = None
                    ) -> list[ChangeRecord]:
    """Every change detected in [since, until), oldest first, as records (names: system id -> name, region)."""
    rows = session.scalars(select(Change).where(Change.detected_at >= since, Change.detected_at < until)
                           .order_by(Change.detected_at)).all()
    return [ChangeRecord.from_row(change, names) for change in rows]


def changes_for_export(session: Session, system_id: str | None = None, since: datetime | None = None
                       ) -> list[ChangeRecord]:
    """Every change (of one system, since a time), in the order it was detected."""
    query = select(Change)
    if system_id:
        query = query.where(Change.system_id == system_id)
    if since:
        query = query.where(Change.detected_at >= since)
    return [ChangeRecord.from_row(c) for c in session.scalars(query.order_by(Change.detected_at, Change.id)).all()]
