"""The queries researchers need: every document and version of a system, and one version by its id.

Takes a session and returns model objects (documents with their versions loaded), oldest first.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .models import Document, Version


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
