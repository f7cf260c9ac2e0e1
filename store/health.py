"""The queries behind `icswatch status` and `icswatch verify`: the runs, the documents with their
versions, and every blob the database names.

Takes a session and returns model objects (loaded, so they can be read after the session closes) or
plain values; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .models import Document, Run, UrlState, Version
from .vocabulary import RunStatus


def finished_runs(session: Session) -> list[Run]:
    """Every run that is no longer running, newest first."""
    return list(session.scalars(select(Run).where(Run.status != RunStatus.RUNNING)
                                .order_by(Run.started_at.desc())).all())


def documents_with_versions(session: Session) -> list[Document]:
    return list(session.scalars(select(Document).options(selectinload(Document.versions))).all())


def all_versions(session: Session) -> Iterator[Version]:
    yield from session.scalars(select(Version))


def stored_pages(session: Session) -> Iterator[tuple[str, str]]:
    """(url, sha256) of every page whose bytes are kept for its links."""
    yield from session.execute(select(UrlState.url, UrlState.sha256).where(UrlState.sha256.is_not(None)))


def archived_systems(session: Session) -> dict[str, int]:
    """{system id: number of documents} for every system with documents in the archive."""
    rows = session.execute(select(Document.system_id, func.count(Document.id)).group_by(Document.system_id))
    return {system_id: count for system_id, count in rows}
